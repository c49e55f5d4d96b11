#include "store/matrix.h"

#include "core/list.h"
#include "internal.h"

#include <stdlib.h>

void matrix_cell_list_finish(struct matrix_cell_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i].summary);
    free(list->items);
    list->items = NULL;
    list->count = list->cap = 0;
}

bool store_matrix_set(struct store *store, int64_t case_id, int64_t code_id, const char *summary,
                      struct error *err)
{
    sqlite3_stmt *stmt;
    if (!summary || !*summary) {
        stmt = store_statement(store, "DELETE FROM matrix_cells WHERE case_id = ? AND code_id = ?",
                               err);
        if (!stmt)
            return false;
        sqlite3_bind_int64(stmt, 1, case_id);
        sqlite3_bind_int64(stmt, 2, code_id);
        return store_run(store, stmt, err, "removing a matrix summary");
    }
    stmt = store_statement(store,
                           "INSERT INTO matrix_cells(case_id, code_id, summary, modified_at) "
                           "VALUES (?, ?, ?, ?) ON CONFLICT (case_id, code_id) DO UPDATE SET "
                           "summary = excluded.summary, modified_at = excluded.modified_at",
                           err);
    if (!stmt)
        return false;
    char now[21];
    store_timestamp(now);
    sqlite3_bind_int64(stmt, 1, case_id);
    sqlite3_bind_int64(stmt, 2, code_id);
    store_bind_text(stmt, 3, summary);
    store_bind_text(stmt, 4, now);
    return store_run(store, stmt, err, "saving a matrix summary");
}

bool store_matrix_get(struct store *store, int64_t case_id, int64_t code_id, char **summary,
                      struct error *err)
{
    *summary = NULL;
    sqlite3_stmt *stmt = store_statement(
        store, "SELECT summary FROM matrix_cells WHERE case_id = ? AND code_id = ?", err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, case_id);
    sqlite3_bind_int64(stmt, 2, code_id);
    int rc = sqlite3_step(stmt);
    bool oom = false;
    if (rc == SQLITE_ROW)
        *summary = store_column_text(stmt, 0, &oom);
    sqlite3_reset(stmt);
    if (oom)
        return error_internal(err, "out of memory reading a matrix summary");
    return rc == SQLITE_ROW || rc == SQLITE_DONE ||
           store_failure(store, err, "reading a matrix summary");
}

bool store_matrix_list(struct store *store, struct matrix_cell_list *out, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(
        store, "SELECT case_id, code_id, summary FROM matrix_cells ORDER BY case_id, code_id", err);
    if (!stmt)
        return false;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        bool oom = false;
        struct matrix_cell_row row = {sqlite3_column_int64(stmt, 0), sqlite3_column_int64(stmt, 1),
                                      store_column_text(stmt, 2, &oom)};
        if (oom || !LIST_PUSH(out, row)) {
            free(row.summary);
            sqlite3_reset(stmt);
            return error_internal(err, "out of memory reading matrix summaries");
        }
    }
    sqlite3_reset(stmt);
    return rc == SQLITE_DONE || store_failure(store, err, "reading matrix summaries");
}

void coding_id_list_finish(struct coding_id_list *list)
{
    free(list->items);
    list->items = NULL;
    list->count = list->cap = 0;
}

bool store_matrix_link(struct store *store, int64_t case_id, int64_t code_id, int64_t coding_id,
                       bool linked, bool *found, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(
        store,
        linked ? "INSERT OR IGNORE INTO matrix_links(case_id, code_id, coding_id) "
                 "SELECT ?1, ?2, id FROM codings WHERE id = ?3"
               : "DELETE FROM matrix_links WHERE case_id = ?1 AND code_id = ?2 AND coding_id = ?3",
        err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, case_id);
    sqlite3_bind_int64(stmt, 2, code_id);
    sqlite3_bind_int64(stmt, 3, coding_id);
    return store_run_found(store, stmt, found, err,
                           linked ? "linking a coding to a matrix cell"
                                  : "unlinking a coding from a matrix cell");
}

bool store_matrix_links_of_case(struct store *store, int64_t case_id, struct matrix_link_list *out,
                                struct error *err)
{
    sqlite3_stmt *stmt = store_statement(store,
                                         "SELECT code_id, coding_id FROM matrix_links WHERE "
                                         "case_id = ? ORDER BY code_id, coding_id",
                                         err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, case_id);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct matrix_link_row row = {case_id, sqlite3_column_int64(stmt, 0),
                                      sqlite3_column_int64(stmt, 1)};
        if (!LIST_PUSH(out, row)) {
            sqlite3_reset(stmt);
            return error_internal(err, "out of memory reading a case's matrix links");
        }
    }
    sqlite3_reset(stmt);
    return rc == SQLITE_DONE || store_failure(store, err, "reading a case's matrix links");
}

bool store_matrix_link_restore(struct store *store, const struct matrix_link_row *link, bool *taken,
                               bool *orphaned, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(
        store, "INSERT INTO matrix_links(case_id, code_id, coding_id) VALUES (?, ?, ?)", err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, link->case_id);
    sqlite3_bind_int64(stmt, 2, link->code_id);
    sqlite3_bind_int64(stmt, 3, link->coding_id);
    return store_run_restore(store, stmt, taken, orphaned, err, "putting back a matrix link");
}

bool store_matrix_links(struct store *store, int64_t case_id, int64_t code_id,
                        struct coding_id_list *out, struct error *err)
{
    sqlite3_stmt *stmt =
        store_statement(store,
                        "SELECT l.coding_id FROM matrix_links l JOIN codings c ON c.id = "
                        "l.coding_id WHERE l.case_id = ? AND l.code_id = ? AND c.detached = 0 "
                        "ORDER BY l.coding_id",
                        err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, case_id);
    sqlite3_bind_int64(stmt, 2, code_id);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (!LIST_PUSH(out, sqlite3_column_int64(stmt, 0))) {
            sqlite3_reset(stmt);
            return error_internal(err, "out of memory reading a matrix cell's links");
        }
    }
    sqlite3_reset(stmt);
    return rc == SQLITE_DONE || store_failure(store, err, "reading a matrix cell's links");
}
