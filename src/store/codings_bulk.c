/* Codings added in bulk: what an import takes out of the way of its inserts and puts back,
 * the counts it keeps itself meanwhile, and the inserts. */
#include "store/codings.h"

#include "internal.h"

#include <stdlib.h>

/* What store_codings_suspend() drops: the triggers that run for every coding inserted, then
 * those that read codings_unique and the two indexes whose entries a new coding's id does not
 * place at the end of a range (wherever its span falls). */
static const struct {
    const char *name;
    const char *drop;
} suspended_objects[] = {
    {"code_usage_on_insert", "DROP TRIGGER code_usage_on_insert"},
    {"codings_inside_text_on_insert", "DROP TRIGGER codings_inside_text_on_insert"},
    {"code_usage_on_delete", "DROP TRIGGER code_usage_on_delete"},
    {"code_usage_on_update", "DROP TRIGGER code_usage_on_update"},
    {"codings_unique", "DROP INDEX codings_unique"},
    {"codings_source", "DROP INDEX codings_source"},
};
#define SUSPENDED_TRIGGERS 2

bool store_codings_suspend(struct store *store, bool indexes, struct codings_suspended *out,
                           struct error *err)
{
    *out = (struct codings_suspended){0};
    sqlite3_stmt *stmt =
        store_statement(store, "SELECT sql FROM sqlite_master WHERE name = ?", err);
    if (!stmt)
        return false;
    size_t n =
        indexes ? sizeof suspended_objects / sizeof suspended_objects[0] : SUSPENDED_TRIGGERS;
    /* Put back indexes first, then the triggers that read them. */
    for (size_t i = n; i-- > 0;) {
        sqlite3_bind_text(stmt, 1, suspended_objects[i].name, -1, SQLITE_STATIC);
        int rc = sqlite3_step(stmt);
        bool oom = false;
        char *sql = rc == SQLITE_ROW ? store_column_text(stmt, 0, &oom) : NULL;
        sqlite3_reset(stmt);
        if (oom)
            error_internal(err, "out of memory reading the project's schema");
        else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            store_failure(store, err, "reading the project's schema");
        else if (!sql)
            error_internal(err, "the project has no %s", suspended_objects[i].name);
        if (!sql)
            goto fail;
        out->sql[out->count++] = sql;
    }
    for (size_t i = 0; i < n; i++) {
        if (!store_exec(store, suspended_objects[i].drop, err,
                        "setting the project up for a large change"))
            goto fail;
    }
    return true;
fail:
    store_codings_suspended_finish(out);
    return false;
}

bool store_codings_resume(struct store *store, struct codings_suspended *s, struct error *err)
{
    bool ok = true;
    for (size_t i = 0; ok && i < s->count; i++)
        ok = store_exec(store, s->sql[i], err, "setting the project back after a large change");
    store_codings_suspended_finish(s);
    return ok;
}

void store_codings_suspended_finish(struct codings_suspended *s)
{
    for (size_t i = 0; i < s->count; i++)
        free(s->sql[i]);
    *s = (struct codings_suspended){0};
}

bool store_code_usage_add(struct store *store, int64_t code_id, int64_t coder_id, int64_t sources,
                          int64_t codings, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(
        store,
        "INSERT INTO code_usage VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
        "sources = sources + excluded.sources, codings = codings + excluded.codings",
        err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, code_id);
    sqlite3_bind_int64(stmt, 2, coder_id);
    sqlite3_bind_int64(stmt, 3, sources);
    sqlite3_bind_int64(stmt, 4, codings);
    return store_run(store, stmt, err, "counting codings");
}

bool store_codings_count(struct store *store, int64_t *count, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(store, "SELECT count(*) FROM codings", err);
    if (!stmt)
        return false;
    int rc = sqlite3_step(stmt);
    *count = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    sqlite3_reset(stmt);
    return rc == SQLITE_ROW || store_failure(store, err, "counting codings");
}

bool store_codings_next_id(struct store *store, int64_t *id, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(
        store,
        "SELECT max(ifnull((SELECT seq FROM sqlite_sequence WHERE name = 'codings'), 0), "
        "ifnull((SELECT max(id) FROM codings), 0)) + 1",
        err);
    if (!stmt)
        return false;
    int rc = sqlite3_step(stmt);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    sqlite3_reset(stmt);
    return rc == SQLITE_ROW || store_failure(store, err, "numbering codings");
}

bool store_codings_use_ids(struct store *store, int64_t last, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(
        store, "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'codings'", err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, last);
    return store_run(store, stmt, err, "numbering codings");
}

/* How many codings one statement of store_codings_insert() inserts: one statement costs more
 * than one row, and each updates the table's row of sqlite_sequence. */
#define INSERT_BATCH   32
#define INSERT_ROW     "(?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define INSERT_ROWS_4  INSERT_ROW ", " INSERT_ROW ", " INSERT_ROW ", " INSERT_ROW
#define INSERT_ROWS_16 INSERT_ROWS_4 ", " INSERT_ROWS_4 ", " INSERT_ROWS_4 ", " INSERT_ROWS_4
#define INSERT_INTO                                                                                \
    "INSERT INTO codings(id, source_id, code_id, coder_id, start, end, memo, created_at, "         \
    "modified_at) VALUES "

bool store_codings_insert(struct store *store, const struct coding_row *const *rows, size_t n,
                          struct error *err)
{
    char now[21];
    store_timestamp(now);
    for (size_t i = 0; i < n;) {
        size_t batch = n - i >= INSERT_BATCH ? INSERT_BATCH : 1;
        sqlite3_stmt *stmt =
            batch == INSERT_BATCH
                ? store_statement(store, INSERT_INTO INSERT_ROWS_16 ", " INSERT_ROWS_16, err)
                : store_statement(store, INSERT_INTO INSERT_ROW, err);
        if (!stmt)
            return false;
        for (int k = 0; k < (int)batch; k++, i++) {
            const struct coding_row *row = rows[i];
            int at = 9 * k;
            sqlite3_bind_int64(stmt, at + 1, row->id);
            sqlite3_bind_int64(stmt, at + 2, row->source_id);
            sqlite3_bind_int64(stmt, at + 3, row->code_id);
            sqlite3_bind_int64(stmt, at + 4, row->coder_id);
            sqlite3_bind_int64(stmt, at + 5, row->start);
            sqlite3_bind_int64(stmt, at + 6, row->end);
            store_bind_text(stmt, at + 7, row->memo);
            sqlite3_bind_text(stmt, at + 8, now, -1, SQLITE_STATIC);
            sqlite3_bind_text(stmt, at + 9, now, -1, SQLITE_STATIC);
        }
        if (!store_run(store, stmt, err, "adding codings"))
            return false;
    }
    return true;
}
