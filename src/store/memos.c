#include "store/memos.h"

#include "internal.h"

#include <stddef.h>

static const char *const target_names[] = {"project", "source", "case", "code"};

bool store_memo_set(struct store *store, enum memo_target target, int64_t target_id,
                    const char *text, int64_t coder_id, struct error *err)
{
    if (target == MEMO_PROJECT)
        target_id = 0;
    sqlite3_stmt *stmt;
    if (!text || !*text) {
        stmt = store_statement(store, "DELETE FROM memos WHERE target = ? AND target_id = ?", err);
        if (!stmt)
            return false;
        store_bind_text(stmt, 1, target_names[target]);
        sqlite3_bind_int64(stmt, 2, target_id);
        return store_run(store, stmt, err, "deleting a memo");
    }
    stmt = store_statement(
        store,
        "INSERT INTO memos(target, target_id, text, coder_id, modified_at) "
        "VALUES (?, ?, ?, nullif(?, 0), ?) ON CONFLICT (target, target_id) DO UPDATE SET "
        "text = excluded.text, coder_id = excluded.coder_id, modified_at = excluded.modified_at",
        err);
    if (!stmt)
        return false;
    char now[21];
    store_timestamp(now);
    store_bind_text(stmt, 1, target_names[target]);
    sqlite3_bind_int64(stmt, 2, target_id);
    store_bind_text(stmt, 3, text);
    sqlite3_bind_int64(stmt, 4, coder_id);
    store_bind_text(stmt, 5, now);
    return store_run(store, stmt, err, "saving a memo");
}

bool store_memo_get(struct store *store, enum memo_target target, int64_t target_id, char **text,
                    struct error *err)
{
    if (target == MEMO_PROJECT)
        target_id = 0;
    *text = NULL;
    sqlite3_stmt *stmt =
        store_statement(store, "SELECT text FROM memos WHERE target = ? AND target_id = ?", err);
    if (!stmt)
        return false;
    store_bind_text(stmt, 1, target_names[target]);
    sqlite3_bind_int64(stmt, 2, target_id);
    int rc = sqlite3_step(stmt);
    bool oom = false;
    if (rc == SQLITE_ROW)
        *text = store_column_text(stmt, 0, &oom);
    sqlite3_reset(stmt);
    if (oom)
        return error_internal(err, "out of memory reading a memo");
    return rc == SQLITE_ROW || rc == SQLITE_DONE || store_failure(store, err, "reading a memo");
}
