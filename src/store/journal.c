#include "store/journal.h"

#include "core/list.h"
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const state_names[] = {"done", "undone", "final"};

static enum journal_state parse_state(const char *s)
{
    for (int i = 0; i < 3; i++) {
        if (s && strcmp(s, state_names[i]) == 0)
            return (enum journal_state)i;
    }
    return JOURNAL_FINAL;
}

void journal_list_finish(struct journal_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].operation);
        free(list->items[i].summary);
        free(list->items[i].undo);
        free(list->items[i].redo);
        free(list->items[i].program);
    }
    free(list->items);
    memset(list, 0, sizeof *list);
}

bool store_journal_new_batch(struct store *store, int64_t *batch, struct error *err)
{
    sqlite3_stmt *stmt =
        store_statement(store, "SELECT ifnull(max(batch), 0) + 1 FROM journal", err);
    if (!stmt)
        return false;
    int rc = sqlite3_step(stmt);
    *batch = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    sqlite3_reset(stmt);
    return rc == SQLITE_ROW || store_failure(store, err, "reading the journal");
}

bool store_journal_add(struct store *store, int64_t batch, int64_t coder_id, const char *operation,
                       const char *summary, const char *undo, const char *redo, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(
        store,
        "INSERT INTO journal(at, coder_id, batch, operation, summary, undo, redo, state, program) "
        "VALUES (?, nullif(?, 0), ?, ?, ?, ?, ?, ?, ?)",
        err);
    if (!stmt)
        return false;
    char now[21];
    store_timestamp(now);
    store_bind_text(stmt, 1, now);
    sqlite3_bind_int64(stmt, 2, coder_id);
    sqlite3_bind_int64(stmt, 3, batch);
    store_bind_text(stmt, 4, operation);
    store_bind_text(stmt, 5, summary);
    store_bind_text(stmt, 6, undo);
    store_bind_text(stmt, 7, redo);
    store_bind_text(stmt, 8, state_names[undo ? JOURNAL_DONE : JOURNAL_FINAL]);
    store_bind_text(stmt, 9, store->program ? store->program : "command line");
    return store_run(store, stmt, err, "writing the journal");
}

static bool read_entries(struct store *store, sqlite3_stmt *stmt, struct journal_list *out,
                         struct error *err)
{
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        bool oom = false;
        struct journal_entry e = {
            .id = sqlite3_column_int64(stmt, 0),
            .batch = sqlite3_column_int64(stmt, 1),
            .coder_id = sqlite3_column_int64(stmt, 2),
            .state = parse_state((const char *)sqlite3_column_text(stmt, 3)),
            .operation = store_column_text(stmt, 4, &oom),
            .summary = store_column_text(stmt, 5, &oom),
            .undo = store_column_text(stmt, 6, &oom),
            .redo = store_column_text(stmt, 7, &oom),
            .program = store_column_text(stmt, 8, &oom),
        };
        const char *at = (const char *)sqlite3_column_text(stmt, 9);
        snprintf(e.at, sizeof e.at, "%s", at ? at : "");
        if (oom || !LIST_PUSH(out, e)) {
            free(e.operation);
            free(e.summary);
            free(e.undo);
            free(e.redo);
            free(e.program);
            sqlite3_reset(stmt);
            return error_internal(err, "out of memory reading the journal");
        }
    }
    sqlite3_reset(stmt);
    return rc == SQLITE_DONE || store_failure(store, err, "reading the journal");
}

#define ENTRY_COLUMNS                                                                              \
    "id, batch, ifnull(coder_id, 0), state, operation, summary, undo, redo, program, at"

bool store_journal_last_batch(struct store *store, int64_t coder_id, enum journal_state state,
                              struct journal_list *out, struct error *err)
{
    /* Undo takes the newest done batch; redo the batch undone most recently, which is the
     * oldest undone one after it (undo walks backwards), i.e. the undone batch with the
     * smallest number above every done batch. */
    sqlite3_stmt *stmt = store_statement(
        store,
        "SELECT " ENTRY_COLUMNS " FROM journal WHERE batch = ("
        "  SELECT CASE WHEN ?2 = 'done' THEN max(batch) ELSE min(batch) END FROM journal"
        "  WHERE ifnull(coder_id, 0) = ?1 AND state = ?2) ORDER BY id",
        err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, coder_id);
    store_bind_text(stmt, 2, state_names[state]);
    return read_entries(store, stmt, out, err);
}

bool store_journal_set_state(struct store *store, int64_t batch, enum journal_state state,
                             struct error *err)
{
    sqlite3_stmt *stmt =
        store_statement(store, "UPDATE journal SET state = ? WHERE batch = ?", err);
    if (!stmt)
        return false;
    store_bind_text(stmt, 1, state_names[state]);
    sqlite3_bind_int64(stmt, 2, batch);
    return store_run(store, stmt, err, "updating the journal");
}

bool store_journal_drop_redo(struct store *store, int64_t coder_id, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(
        store,
        "UPDATE journal SET state = 'final' WHERE ifnull(coder_id, 0) = ? AND state = 'undone'",
        err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, coder_id);
    return store_run(store, stmt, err, "updating the journal");
}

bool store_journal_recent(struct store *store, size_t limit, struct journal_list *out,
                          struct error *err)
{
    sqlite3_stmt *stmt = store_statement(
        store, "SELECT " ENTRY_COLUMNS " FROM journal ORDER BY id DESC LIMIT ?", err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, (sqlite3_int64)limit);
    return read_entries(store, stmt, out, err);
}

bool store_journal_list(struct store *store, const char *since, int64_t coder_id,
                        struct journal_list *out, struct error *err)
{
    sqlite3_stmt *stmt =
        store_statement(store,
                        "SELECT " ENTRY_COLUMNS " FROM journal WHERE (?1 IS NULL OR at >= ?1) "
                        "AND (?2 = 0 OR coder_id = ?2) ORDER BY id",
                        err);
    if (!stmt)
        return false;
    store_bind_text(stmt, 1, since);
    sqlite3_bind_int64(stmt, 2, coder_id);
    return read_entries(store, stmt, out, err);
}
