#include "store/codings.h"

#include "core/list.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static bool read_coding(sqlite3_stmt *stmt, struct coding_row *row)
{
    bool oom = false;
    row->id = sqlite3_column_int64(stmt, 0);
    row->source_id = sqlite3_column_int64(stmt, 1);
    row->code_id = sqlite3_column_int64(stmt, 2);
    row->coder_id = sqlite3_column_int64(stmt, 3);
    row->start = sqlite3_column_int64(stmt, 4);
    row->end = sqlite3_column_int64(stmt, 5);
    row->memo = store_column_text(stmt, 6, &oom);
    row->detached = sqlite3_column_int(stmt, 7) != 0;
    return !oom;
}

bool store_codings_list(struct store *store, const struct coding_filter *filter,
                        struct coding_list *out, struct error *err)
{
    sqlite3_stmt *stmt =
        store_statement(store,
                        "SELECT c.id, c.source_id, c.code_id, c.coder_id, c.start, c.end, c.memo, "
                        "c.detached FROM codings c JOIN sources s ON s.id = c.source_id "
                        "WHERE (?1 = 0 OR c.source_id = ?1) AND (?2 = 0 OR c.coder_id = ?2) "
                        "AND (?3 = 0 OR c.code_id = ?3) AND (?4 = 2 OR c.detached = ?4) "
                        "ORDER BY s.name, c.start, c.end, c.code_id, c.coder_id",
                        err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, filter ? filter->source_id : 0);
    sqlite3_bind_int64(stmt, 2, filter ? filter->coder_id : 0);
    sqlite3_bind_int64(stmt, 3, filter ? filter->code_id : 0);
    sqlite3_bind_int(stmt, 4, filter ? (int)filter->state : CODINGS_ATTACHED);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct coding_row row;
        if (!read_coding(stmt, &row) || !LIST_PUSH(out, row)) {
            free(row.memo);
            sqlite3_reset(stmt);
            return error_internal(err, "out of memory listing codings");
        }
    }
    sqlite3_reset(stmt);
    return rc == SQLITE_DONE || store_failure(store, err, "listing codings");
}

bool store_coded_characters(struct store *store, int64_t coder_id, struct coverage_list *out,
                            struct error *err)
{
    sqlite3_stmt *stmt = store_statement(store,
                                         "SELECT source_id, start, end FROM codings "
                                         "WHERE coder_id = ? AND detached = 0 "
                                         "ORDER BY source_id, start",
                                         err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, coder_id);
    struct source_coverage now = {0};
    int64_t reach = 0; /* the end of the covered stretch so far, in this source */
    bool ok = true;
    int rc = SQLITE_DONE;
    while (ok && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        int64_t source = sqlite3_column_int64(stmt, 0);
        int64_t start = sqlite3_column_int64(stmt, 1), end = sqlite3_column_int64(stmt, 2);
        if (source != now.source_id) {
            ok = !now.source_id || LIST_PUSH(out, now);
            now = (struct source_coverage){source, 0};
            reach = 0;
        }
        if (end > reach) {
            now.characters += end - (start > reach ? start : reach);
            reach = end;
        }
    }
    sqlite3_reset(stmt);
    if (!ok || (now.source_id && !LIST_PUSH(out, now)))
        return error_internal(err, "out of memory measuring codings");
    return rc == SQLITE_DONE || store_failure(store, err, "measuring codings");
}

bool store_coding_add(struct store *store, struct coding_row *row, bool *added, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(
        store,
        "INSERT INTO codings(source_id, code_id, coder_id, start, end, memo, created_at, "
        "modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?7) "
        "ON CONFLICT (source_id, code_id, coder_id, start, end) WHERE detached = 0 DO NOTHING",
        err);
    if (!stmt)
        return false;
    char now[21];
    store_timestamp(now);
    sqlite3_bind_int64(stmt, 1, row->source_id);
    sqlite3_bind_int64(stmt, 2, row->code_id);
    sqlite3_bind_int64(stmt, 3, row->coder_id);
    sqlite3_bind_int64(stmt, 4, row->start);
    sqlite3_bind_int64(stmt, 5, row->end);
    store_bind_text(stmt, 6, row->memo);
    store_bind_text(stmt, 7, now);
    if (!store_run(store, stmt, err, "adding a coding"))
        return false;
    *added = sqlite3_changes(store->db) > 0;
    if (*added) {
        row->id = sqlite3_last_insert_rowid(store->db);
        return true;
    }
    stmt = store_statement(store,
                           "SELECT id FROM codings WHERE source_id = ? AND code_id = ? AND "
                           "coder_id = ? AND start = ? AND end = ? AND detached = 0",
                           err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, row->source_id);
    sqlite3_bind_int64(stmt, 2, row->code_id);
    sqlite3_bind_int64(stmt, 3, row->coder_id);
    sqlite3_bind_int64(stmt, 4, row->start);
    sqlite3_bind_int64(stmt, 5, row->end);
    int rc = sqlite3_step(stmt);
    row->id = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    sqlite3_reset(stmt);
    return rc == SQLITE_ROW || store_failure(store, err, "looking up a coding");
}

bool store_coding_restore(struct store *store, const struct coding_row *row, bool *taken,
                          bool *orphaned, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(
        store,
        "INSERT INTO codings(id, source_id, code_id, coder_id, start, end, memo, created_at, "
        "modified_at, detached) VALUES (?, ?, ?, ?, ?, ?, ?, ?8, ?8, ?9)",
        err);
    if (!stmt)
        return false;
    char now[21];
    store_timestamp(now);
    sqlite3_bind_int64(stmt, 1, row->id);
    sqlite3_bind_int64(stmt, 2, row->source_id);
    sqlite3_bind_int64(stmt, 3, row->code_id);
    sqlite3_bind_int64(stmt, 4, row->coder_id);
    sqlite3_bind_int64(stmt, 5, row->start);
    sqlite3_bind_int64(stmt, 6, row->end);
    store_bind_text(stmt, 7, row->memo);
    store_bind_text(stmt, 8, now);
    sqlite3_bind_int(stmt, 9, row->detached);
    return store_run_restore(store, stmt, taken, orphaned, err, "putting back a coding");
}

bool store_coding_get(struct store *store, int64_t id, struct coding_row *out, bool *found,
                      struct error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = store_statement(
        store,
        "SELECT id, source_id, code_id, coder_id, start, end, memo, detached FROM codings "
        "WHERE id = ?",
        err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    int rc = sqlite3_step(stmt);
    *found = rc == SQLITE_ROW;
    bool ok = !*found || read_coding(stmt, out);
    sqlite3_reset(stmt);
    if (!ok)
        return error_internal(err, "out of memory reading a coding");
    return rc == SQLITE_ROW || rc == SQLITE_DONE || store_failure(store, err, "reading a coding");
}

bool store_coding_update(struct store *store, const struct coding_row *row, bool *found,
                         struct error *err)
{
    sqlite3_stmt *stmt = store_statement(
        store,
        "UPDATE codings SET code_id = ?, start = ?, end = ?, memo = ?, modified_at = ? "
        "WHERE id = ?",
        err);
    if (!stmt)
        return false;
    char now[21];
    store_timestamp(now);
    sqlite3_bind_int64(stmt, 1, row->code_id);
    sqlite3_bind_int64(stmt, 2, row->start);
    sqlite3_bind_int64(stmt, 3, row->end);
    store_bind_text(stmt, 4, row->memo);
    store_bind_text(stmt, 5, now);
    sqlite3_bind_int64(stmt, 6, row->id);
    return store_run_found(store, stmt, found, err, "changing a coding");
}

bool store_coding_place(struct store *store, int64_t id, int64_t start, int64_t end, bool detached,
                        bool *found, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(
        store, "UPDATE codings SET start = ?, end = ?, detached = ? WHERE id = ?", err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, start);
    sqlite3_bind_int64(stmt, 2, end);
    sqlite3_bind_int(stmt, 3, detached);
    sqlite3_bind_int64(stmt, 4, id);
    return store_run_found(store, stmt, found, err, "moving a coding");
}

bool store_coding_delete(struct store *store, int64_t id, bool *found, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(store, "DELETE FROM codings WHERE id = ?", err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    return store_run_found(store, stmt, found, err, "deleting a coding");
}

bool store_code_usage(struct store *store, int64_t coder_id, struct code_usage_list *out,
                      struct error *err)
{
    sqlite3_stmt *stmt =
        store_statement(store,
                        "SELECT code_id, ?1, count(DISTINCT source_id), count(*) FROM codings "
                        "WHERE (?1 = 0 OR coder_id = ?1) AND detached = 0 "
                        "GROUP BY code_id ORDER BY code_id",
                        err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, coder_id);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct code_usage_row row = {sqlite3_column_int64(stmt, 0), sqlite3_column_int64(stmt, 1),
                                     sqlite3_column_int64(stmt, 2), sqlite3_column_int64(stmt, 3)};
        if (!LIST_PUSH(out, row)) {
            sqlite3_reset(stmt);
            return error_internal(err, "out of memory counting codings");
        }
    }
    sqlite3_reset(stmt);
    return rc == SQLITE_DONE || store_failure(store, err, "counting codings");
}
