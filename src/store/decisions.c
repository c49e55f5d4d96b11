#include "store/decisions.h"

#include "core/list.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const choice_names[] = {"first",        "second",  "union",
                                           "intersection", "neither", "edited"};

const char *decision_choice_name(enum decision_choice choice)
{
    return choice_names[choice];
}

bool decision_choice_parse(const char *name, enum decision_choice *choice)
{
    for (size_t i = 0; i < sizeof choice_names / sizeof choice_names[0]; i++) {
        if (name && strcmp(name, choice_names[i]) == 0) {
            *choice = (enum decision_choice)i;
            return true;
        }
    }
    return false;
}

void decision_list_finish(struct decision_list *list)
{
    free(list->items);
    memset(list, 0, sizeof *list);
}

/* The insert of store_decision_add() and store_decision_restore(), bound to `row`. */
static sqlite3_stmt *insert_decision(struct store *store, const struct decision_row *row,
                                     struct error *err)
{
    sqlite3_stmt *stmt = store_statement(
        store,
        "INSERT INTO decisions(id, source_id, code_id, consensus_id, first_id, second_id, start, "
        "end, choice, decided_at) VALUES (nullif(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        err);
    if (!stmt)
        return NULL;
    char now[21];
    store_timestamp(now);
    sqlite3_bind_int64(stmt, 1, row->id);
    sqlite3_bind_int64(stmt, 2, row->source_id);
    sqlite3_bind_int64(stmt, 3, row->code_id);
    sqlite3_bind_int64(stmt, 4, row->consensus_id);
    sqlite3_bind_int64(stmt, 5, row->first_id);
    sqlite3_bind_int64(stmt, 6, row->second_id);
    sqlite3_bind_int64(stmt, 7, row->start);
    sqlite3_bind_int64(stmt, 8, row->end);
    store_bind_text(stmt, 9, decision_choice_name(row->choice));
    store_bind_text(stmt, 10, now);
    return stmt;
}

bool store_decision_add(struct store *store, struct decision_row *row, struct error *err)
{
    row->id = 0;
    sqlite3_stmt *stmt = insert_decision(store, row, err);
    if (!stmt || !store_run(store, stmt, err, "recording a decision"))
        return false;
    row->id = sqlite3_last_insert_rowid(store->db);
    return true;
}

bool store_decision_restore(struct store *store, const struct decision_row *row, bool *taken,
                            bool *orphaned, struct error *err)
{
    sqlite3_stmt *stmt = insert_decision(store, row, err);
    return stmt && store_run_restore(store, stmt, taken, orphaned, err, "putting back a decision");
}

bool store_decision_delete(struct store *store, int64_t id, bool *found, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(store, "DELETE FROM decisions WHERE id = ?", err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    return store_run_found(store, stmt, found, err, "forgetting a decision");
}

static bool read_decisions(struct store *store, sqlite3_stmt *stmt, struct decision_list *out,
                           struct error *err);

bool store_decisions_list(struct store *store, int64_t code_id, int64_t consensus_id,
                          int64_t first_id, int64_t second_id, struct decision_list *out,
                          struct error *err)
{
    static const char one_code[] =
        "SELECT id, source_id, code_id, consensus_id, first_id, second_id, start, end, choice "
        "FROM decisions WHERE code_id = ? AND consensus_id = ? AND first_id = ? AND "
        "second_id = ? ORDER BY source_id, start";
    static const char every_code[] =
        "SELECT id, source_id, code_id, consensus_id, first_id, second_id, start, end, choice "
        "FROM decisions WHERE ?1 = 0 AND consensus_id = ? AND first_id = ? AND "
        "second_id = ? ORDER BY code_id, source_id, start";
    sqlite3_stmt *stmt = store_statement(store, code_id ? one_code : every_code, err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, code_id);
    sqlite3_bind_int64(stmt, 2, consensus_id);
    sqlite3_bind_int64(stmt, 3, first_id);
    sqlite3_bind_int64(stmt, 4, second_id);
    return read_decisions(store, stmt, out, err);
}

bool store_decisions_of_coder(struct store *store, int64_t coder_id, struct decision_list *out,
                              struct error *err)
{
    sqlite3_stmt *stmt = store_statement(
        store,
        "SELECT id, source_id, code_id, consensus_id, first_id, second_id, start, end, choice "
        "FROM decisions WHERE ?1 IN (consensus_id, first_id, second_id) ORDER BY id",
        err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, coder_id);
    return read_decisions(store, stmt, out, err);
}

bool store_decisions_of_source(struct store *store, int64_t source_id, struct decision_list *out,
                               struct error *err)
{
    sqlite3_stmt *stmt = store_statement(
        store,
        "SELECT id, source_id, code_id, consensus_id, first_id, second_id, start, end, choice "
        "FROM decisions WHERE source_id = ? ORDER BY start, id",
        err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, source_id);
    return read_decisions(store, stmt, out, err);
}

static bool read_decisions(struct store *store, sqlite3_stmt *stmt, struct decision_list *out,
                           struct error *err)
{
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct decision_row row = {
            .id = sqlite3_column_int64(stmt, 0),
            .source_id = sqlite3_column_int64(stmt, 1),
            .code_id = sqlite3_column_int64(stmt, 2),
            .consensus_id = sqlite3_column_int64(stmt, 3),
            .first_id = sqlite3_column_int64(stmt, 4),
            .second_id = sqlite3_column_int64(stmt, 5),
            .start = sqlite3_column_int64(stmt, 6),
            .end = sqlite3_column_int64(stmt, 7),
        };
        decision_choice_parse((const char *)sqlite3_column_text(stmt, 8), &row.choice);
        if (!LIST_PUSH(out, row)) {
            sqlite3_reset(stmt);
            return error_internal(err, "out of memory reading decisions");
        }
    }
    sqlite3_reset(stmt);
    return rc == SQLITE_DONE || store_failure(store, err, "reading decisions");
}
