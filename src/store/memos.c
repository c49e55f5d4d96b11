#include "store/memos.h"

#include "internal.h"

#include "core/list.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

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

void store_memo_list_finish(struct memo_list *list)
{
    for (size_t i = 0; list && i < list->count; i++) {
        free(list->items[i].text);
        free(list->items[i].author);
        free(list->items[i].modified);
    }
    if (list)
        free(list->items);
}

/* Reads a row of store_memos_list's query. */
static bool read_memo(sqlite3_stmt *stmt, struct memo_row *row)
{
    bool failed = false;
    const char *target = (const char *)sqlite3_column_text(stmt, 0);
    *row = (struct memo_row){.coding = target && strcmp(target, "coding") == 0};
    for (int t = 0; target && t < 4; t++) {
        if (strcmp(target, target_names[t]) == 0)
            row->target = (enum memo_target)t;
    }
    row->target_id = sqlite3_column_int64(stmt, 1);
    row->text = store_column_text(stmt, 2, &failed);
    row->author = store_column_text(stmt, 3, &failed);
    row->modified = store_column_text(stmt, 4, &failed);
    row->source_id = sqlite3_column_int64(stmt, 5);
    row->code_id = sqlite3_column_int64(stmt, 6);
    row->start = sqlite3_column_int64(stmt, 7);
    row->end = sqlite3_column_int64(stmt, 8);
    return !failed;
}

bool store_memos_list(struct store *store, struct memo_list *out, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(
        store,
        "SELECT m.target, m.target_id, m.text, p.name, m.modified_at, 0, 0, 0, 0, "
        "  CASE m.target WHEN 'project' THEN 0 WHEN 'source' THEN 1 WHEN 'case' THEN 2 ELSE 3 END "
        "  AS rank, '' AS place "
        "FROM memos m LEFT JOIN coders p ON p.id = m.coder_id "
        "UNION ALL "
        "SELECT 'coding', c.id, c.memo, p.name, c.modified_at, c.source_id, c.code_id, c.start, "
        "  c.end, 4, s.name "
        "FROM codings c JOIN coders p ON p.id = c.coder_id JOIN sources s ON s.id = c.source_id "
        "WHERE c.memo IS NOT NULL "
        "ORDER BY rank, place, 8, 9, 2",
        err);
    if (!stmt)
        return false;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct memo_row row;
        if (!read_memo(stmt, &row) || !LIST_PUSH(out, row)) {
            free(row.text);
            free(row.author);
            free(row.modified);
            sqlite3_reset(stmt);
            return error_internal(err, "out of memory listing memos");
        }
    }
    sqlite3_reset(stmt);
    return rc == SQLITE_DONE || store_failure(store, err, "listing memos");
}
