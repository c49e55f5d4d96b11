#include "store/sources.h"

#include "core/list.h"
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SOURCE_COLUMNS "id, name, kind, ifnull(case_id, 0), length, sha256"

static bool read_source(sqlite3_stmt *stmt, struct source_row *row)
{
    bool oom = false;
    row->id = sqlite3_column_int64(stmt, 0);
    row->name = store_column_text(stmt, 1, &oom);
    row->kind = SOURCE_INTERVIEW;
    row_kind_parse((const char *)sqlite3_column_text(stmt, 2), &row->kind);
    row->case_id = sqlite3_column_int64(stmt, 3);
    row->length = sqlite3_column_int64(stmt, 4);
    const char *hash = (const char *)sqlite3_column_text(stmt, 5);
    snprintf(row->sha256, sizeof row->sha256, "%s", hash ? hash : "");
    return !oom;
}

/* Turns go in TURNS_PER_INSERT rows to a statement, the rest one at a time: a statement's own
 * cost (opening cursors, halting) was a third of the cost of adding a row. */
#define TURNS_PER_INSERT 16
#define TURN_ROW         "(?, ?, ?, ?, ?)"
#define TURN_ROWS_4      TURN_ROW ", " TURN_ROW ", " TURN_ROW ", " TURN_ROW
#define TURN_ROWS_16     TURN_ROWS_4 ", " TURN_ROWS_4 ", " TURN_ROWS_4 ", " TURN_ROWS_4
#define INSERT_TURNS     "INSERT INTO turns(source_id, start, body, end, speaker) VALUES "

/* Binds turns[0..count) to stmt's parameters, five to a turn, for source `id`. */
static void bind_turns(sqlite3_stmt *stmt, int64_t id, const struct turn_row *turns, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        int at = (int)i * 5;
        sqlite3_bind_int64(stmt, at + 1, id);
        sqlite3_bind_int64(stmt, at + 2, turns[i].start);
        sqlite3_bind_int64(stmt, at + 3, turns[i].body);
        sqlite3_bind_int64(stmt, at + 4, turns[i].end);
        store_bind_text(stmt, at + 5, turns[i].speaker);
    }
}

/* Adds the source's turns, as rows, to those it has. */
static bool insert_turns(struct store *store, int64_t id, const struct turn_list *turns,
                         struct error *err)
{
    size_t i = 0;
    if (turns->count >= TURNS_PER_INSERT) {
        sqlite3_stmt *stmt = store_statement(store, INSERT_TURNS TURN_ROWS_16, err);
        if (!stmt)
            return false;
        for (; i + TURNS_PER_INSERT <= turns->count; i += TURNS_PER_INSERT) {
            bind_turns(stmt, id, turns->items + i, TURNS_PER_INSERT);
            if (!store_run(store, stmt, err, "adding speaker turns"))
                return false;
        }
    }
    if (i == turns->count)
        return true;
    sqlite3_stmt *stmt = store_statement(store, INSERT_TURNS TURN_ROW, err);
    if (!stmt)
        return false;
    for (; i < turns->count; i++) {
        bind_turns(stmt, id, turns->items + i, 1);
        if (!store_run(store, stmt, err, "adding speaker turns"))
            return false;
    }
    return true;
}

bool store_source_add(struct store *store, struct source_row *row, const char *text, size_t n,
                      const struct turn_list *turns, struct error *err)
{
    struct source_row existing;
    if (!store_source_find(store, row->name, &existing, err))
        return false;
    free(existing.name);
    if (existing.id)
        return error_user(err, "the project already has a source named '%s'", row->name);

    sqlite3_stmt *stmt =
        store_statement(store,
                        "INSERT INTO sources(name, kind, case_id, length, sha256, imported_at) "
                        "VALUES (?, ?, nullif(?, 0), ?, ?, ?)",
                        err);
    if (!stmt)
        return false;
    char now[21];
    store_timestamp(now);
    store_bind_text(stmt, 1, row->name);
    store_bind_text(stmt, 2, row_kind_name(row->kind));
    sqlite3_bind_int64(stmt, 3, row->case_id);
    sqlite3_bind_int64(stmt, 4, row->length);
    store_bind_text(stmt, 5, row->sha256);
    store_bind_text(stmt, 6, now);
    if (!store_run(store, stmt, err, "adding a source"))
        return false;
    row->id = sqlite3_last_insert_rowid(store->db);

    stmt = store_statement(store, "INSERT INTO source_texts(source_id, text) VALUES (?, ?)", err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, row->id);
    sqlite3_bind_text64(stmt, 2, text, n, SQLITE_STATIC, SQLITE_UTF8);
    if (!store_run(store, stmt, err, "adding a source's text"))
        return false;

    return !turns || insert_turns(store, row->id, turns, err);
}

bool store_source_find(struct store *store, const char *name, struct source_row *out,
                       struct error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt =
        store_statement(store, "SELECT " SOURCE_COLUMNS " FROM sources WHERE name = ?", err);
    if (!stmt)
        return false;
    store_bind_text(stmt, 1, name);
    int rc = sqlite3_step(stmt);
    bool ok = true;
    if (rc == SQLITE_ROW)
        ok = read_source(stmt, out);
    sqlite3_reset(stmt);
    if (!ok)
        return error_internal(err, "out of memory reading a source");
    return rc == SQLITE_ROW || rc == SQLITE_DONE ||
           store_failure(store, err, "looking up a source");
}

bool store_sources_list(struct store *store, struct source_list *out, struct error *err)
{
    sqlite3_stmt *stmt =
        store_statement(store, "SELECT " SOURCE_COLUMNS " FROM sources ORDER BY name", err);
    if (!stmt)
        return false;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct source_row row;
        if (!read_source(stmt, &row) || !LIST_PUSH(out, row)) {
            free(row.name);
            sqlite3_reset(stmt);
            return error_internal(err, "out of memory listing sources");
        }
    }
    sqlite3_reset(stmt);
    return rc == SQLITE_DONE || store_failure(store, err, "listing sources");
}

bool store_source_text(struct store *store, int64_t id, char **text, size_t *n, struct error *err)
{
    sqlite3_stmt *stmt =
        store_statement(store, "SELECT text FROM source_texts WHERE source_id = ?", err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(stmt);
        if (rc == SQLITE_DONE)
            return error_user(err, "there is no source with id %lld", (long long)id);
        return store_failure(store, err, "reading a source's text");
    }
    const void *bytes = sqlite3_column_text(stmt, 0);
    *n = (size_t)sqlite3_column_bytes(stmt, 0);
    *text = malloc(*n + 1);
    if (*text) {
        memcpy(*text, bytes, *n);
        (*text)[*n] = '\0';
    }
    sqlite3_reset(stmt);
    return *text || error_internal(err, "out of memory reading a source's text");
}

bool store_source_turns(struct store *store, int64_t id, struct turn_list *out, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(
        store, "SELECT start, body, end, speaker FROM turns WHERE source_id = ? ORDER BY start",
        err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    bool oom = false;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct turn_row row = {sqlite3_column_int64(stmt, 0), sqlite3_column_int64(stmt, 1),
                               sqlite3_column_int64(stmt, 2), store_column_text(stmt, 3, &oom)};
        if (oom || !LIST_PUSH(out, row)) {
            free(row.speaker);
            sqlite3_reset(stmt);
            return error_internal(err, "out of memory reading speaker turns");
        }
    }
    sqlite3_reset(stmt);
    return rc == SQLITE_DONE || store_failure(store, err, "reading speaker turns");
}

bool store_source_set_case(struct store *store, int64_t id, int64_t case_id, struct error *err)
{
    sqlite3_stmt *stmt =
        store_statement(store, "UPDATE sources SET case_id = nullif(?, 0) WHERE id = ?", err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, case_id);
    sqlite3_bind_int64(stmt, 2, id);
    return store_run(store, stmt, err, "linking a source to a case");
}

bool store_source_set_turns(struct store *store, int64_t id, const struct turn_list *turns,
                            struct error *err)
{
    sqlite3_stmt *stmt = store_statement(store, "DELETE FROM turns WHERE source_id = ?", err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    return store_run(store, stmt, err, "replacing speaker turns") &&
           insert_turns(store, id, turns, err);
}

bool store_source_replace_text(struct store *store, const struct source_row *row, const char *text,
                               size_t n, const struct turn_list *turns, bool *found,
                               struct error *err)
{
    sqlite3_stmt *stmt =
        store_statement(store, "UPDATE sources SET length = ?, sha256 = ? WHERE id = ?", err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, row->length);
    store_bind_text(stmt, 2, row->sha256);
    sqlite3_bind_int64(stmt, 3, row->id);
    if (!store_run_found(store, stmt, found, err, "changing a source's text"))
        return false;
    if (!*found)
        return true;
    stmt = store_statement(store, "UPDATE source_texts SET text = ? WHERE source_id = ?", err);
    if (!stmt)
        return false;
    sqlite3_bind_text64(stmt, 1, text, n, SQLITE_STATIC, SQLITE_UTF8);
    sqlite3_bind_int64(stmt, 2, row->id);
    if (!store_run(store, stmt, err, "changing a source's text"))
        return false;
    stmt = store_statement(store, "DELETE FROM turns WHERE source_id = ?", err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, row->id);
    return store_run(store, stmt, err, "changing a source's turns") &&
           (!turns || insert_turns(store, row->id, turns, err));
}

bool store_source_restore(struct store *store, const struct source_row *row, const char *text,
                          size_t n, const struct turn_list *turns, bool *taken, bool *orphaned,
                          struct error *err)
{
    sqlite3_stmt *stmt =
        store_statement(store,
                        "INSERT INTO sources(id, name, kind, case_id, length, sha256, imported_at) "
                        "VALUES (?, ?, ?, nullif(?, 0), ?, ?, ?)",
                        err);
    if (!stmt)
        return false;
    char now[21];
    store_timestamp(now);
    sqlite3_bind_int64(stmt, 1, row->id);
    store_bind_text(stmt, 2, row->name);
    store_bind_text(stmt, 3, row_kind_name(row->kind));
    sqlite3_bind_int64(stmt, 4, row->case_id);
    sqlite3_bind_int64(stmt, 5, row->length);
    store_bind_text(stmt, 6, row->sha256);
    store_bind_text(stmt, 7, now);
    if (!store_run_restore(store, stmt, taken, orphaned, err, "putting back a source"))
        return false;
    if (*taken || *orphaned)
        return true;
    stmt = store_statement(store, "INSERT INTO source_texts(source_id, text) VALUES (?, ?)", err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, row->id);
    sqlite3_bind_text64(stmt, 2, text, n, SQLITE_STATIC, SQLITE_UTF8);
    return store_run(store, stmt, err, "putting back a source's text") &&
           insert_turns(store, row->id, turns, err);
}

bool store_source_rename(struct store *store, int64_t id, const char *name, bool *found,
                         struct error *err)
{
    sqlite3_stmt *stmt = store_statement(store, "UPDATE sources SET name = ? WHERE id = ?", err);
    if (!stmt)
        return false;
    store_bind_text(stmt, 1, name);
    sqlite3_bind_int64(stmt, 2, id);
    return store_run_found(store, stmt, found, err, "renaming a source");
}

bool store_source_delete(struct store *store, int64_t id, bool *found, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(store, "DELETE FROM sources WHERE id = ?", err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    return store_run_found(store, stmt, found, err, "deleting a source");
}
