#include "store/people.h"

#include "core/list.h"
#include "core/names.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Runs a "SELECT id FROM t WHERE name = ?" statement; *id is 0 when nothing matches. */
static bool find_by_name(struct store *store, const char *sql, const char *name, int64_t *id,
                         struct error *err, const char *doing)
{
    sqlite3_stmt *stmt = store_statement(store, sql, err);
    if (!stmt)
        return false;
    store_bind_text(stmt, 1, name);
    int rc = sqlite3_step(stmt);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    sqlite3_reset(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_failure(store, err, doing);
    return true;
}

/* Finds by name, or inserts with "INSERT INTO t(name, created_at) VALUES (?, ?)". */
static bool ensure_by_name(struct store *store, const char *find_sql, const char *insert_sql,
                           const char *name, int64_t *id, struct error *err, const char *doing)
{
    if (!find_by_name(store, find_sql, name, id, err, doing))
        return false;
    if (*id)
        return true;
    sqlite3_stmt *stmt = store_statement(store, insert_sql, err);
    if (!stmt)
        return false;
    char now[21];
    store_timestamp(now);
    store_bind_text(stmt, 1, name);
    store_bind_text(stmt, 2, now);
    if (!store_run(store, stmt, err, doing))
        return false;
    *id = sqlite3_last_insert_rowid(store->db);
    return true;
}

/* Reads (id, name) rows of a statement into a list of coders or cases. */
#define READ_NAMED_ROWS(store, stmt, out, row_type, err, doing)                                    \
    do {                                                                                           \
        bool oom_ = false;                                                                         \
        int rc_;                                                                                   \
        while ((rc_ = sqlite3_step(stmt)) == SQLITE_ROW) {                                         \
            row_type row_ = {sqlite3_column_int64(stmt, 0), store_column_text(stmt, 1, &oom_)};    \
            if (oom_ || !LIST_PUSH(out, row_)) {                                                   \
                free(row_.name);                                                                   \
                sqlite3_reset(stmt);                                                               \
                return error_internal(err, "out of memory " doing);                                \
            }                                                                                      \
        }                                                                                          \
        sqlite3_reset(stmt);                                                                       \
        return rc_ == SQLITE_DONE || store_failure(store, err, doing);                             \
    } while (0)

bool store_coder_find(struct store *store, const char *name, int64_t *id, struct error *err)
{
    return find_by_name(store, "SELECT id FROM coders WHERE name = ?", name, id, err,
                        "looking up a coder");
}

bool store_coder_ensure(struct store *store, const char *name, int64_t *id, struct error *err)
{
    /* Every coder is added here, so that one rule holds for every coder's name. */
    if (!store_coder_find(store, name, id, err))
        return false;
    if (*id)
        return true;
    if (!names_check_coder(name, err))
        return false;
    return ensure_by_name(store, "SELECT id FROM coders WHERE name = ?",
                          "INSERT INTO coders(name, created_at) VALUES (?, ?)", name, id, err,
                          "adding a coder");
}

bool store_coders_list(struct store *store, struct coder_list *out, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(store, "SELECT id, name FROM coders ORDER BY name", err);
    if (!stmt)
        return false;
    READ_NAMED_ROWS(store, stmt, out, struct coder_row, err, "listing coders");
}

bool store_consensus_coders(struct store *store, struct coder_list *out, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(store,
                                         "SELECT id, name FROM coders WHERE id IN (SELECT "
                                         "consensus_id FROM decisions) ORDER BY name",
                                         err);
    if (!stmt)
        return false;
    READ_NAMED_ROWS(store, stmt, out, struct coder_row, err, "listing consensus coders");
}

bool store_case_find(struct store *store, const char *name, int64_t *id, struct error *err)
{
    return find_by_name(store, "SELECT id FROM cases WHERE name = ?", name, id, err,
                        "looking up a case");
}

bool store_case_ensure(struct store *store, const char *name, int64_t *id, struct error *err)
{
    return ensure_by_name(store, "SELECT id FROM cases WHERE name = ?",
                          "INSERT INTO cases(name, created_at) VALUES (?, ?)", name, id, err,
                          "adding a case");
}

bool store_cases_list(struct store *store, struct case_list *out, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(store, "SELECT id, name FROM cases ORDER BY name", err);
    if (!stmt)
        return false;
    READ_NAMED_ROWS(store, stmt, out, struct case_row, err, "listing cases");
}

bool store_attribute_find(struct store *store, const char *name, int64_t *id,
                          enum attribute_type *type, struct error *err)
{
    sqlite3_stmt *stmt =
        store_statement(store, "SELECT id, type FROM attributes WHERE name = ?", err);
    if (!stmt)
        return false;
    store_bind_text(stmt, 1, name);
    int rc = sqlite3_step(stmt);
    *id = 0;
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(stmt, 0);
        row_attribute_type_parse((const char *)sqlite3_column_text(stmt, 1), type);
    }
    sqlite3_reset(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ||
           store_failure(store, err, "looking up an attribute");
}

bool store_attribute_add(struct store *store, const char *name, enum attribute_type type,
                         int64_t *id, struct error *err)
{
    sqlite3_stmt *stmt =
        store_statement(store, "INSERT INTO attributes(name, type) VALUES (?, ?)", err);
    if (!stmt)
        return false;
    store_bind_text(stmt, 1, name);
    store_bind_text(stmt, 2, row_attribute_type_name(type));
    if (!store_run(store, stmt, err, "adding an attribute"))
        return false;
    *id = sqlite3_last_insert_rowid(store->db);
    return true;
}

bool store_attribute_set_type(struct store *store, int64_t id, enum attribute_type type,
                              struct error *err)
{
    sqlite3_stmt *stmt = store_statement(store, "UPDATE attributes SET type = ? WHERE id = ?", err);
    if (!stmt)
        return false;
    store_bind_text(stmt, 1, row_attribute_type_name(type));
    sqlite3_bind_int64(stmt, 2, id);
    return store_run(store, stmt, err, "changing an attribute's type");
}

bool store_attributes_list(struct store *store, struct attribute_list *out, struct error *err)
{
    sqlite3_stmt *stmt =
        store_statement(store, "SELECT id, name, type FROM attributes ORDER BY id", err);
    if (!stmt)
        return false;
    bool oom = false;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct attribute_row row = {sqlite3_column_int64(stmt, 0), store_column_text(stmt, 1, &oom),
                                    ATTRIBUTE_TEXT};
        row_attribute_type_parse((const char *)sqlite3_column_text(stmt, 2), &row.type);
        if (oom || !LIST_PUSH(out, row)) {
            free(row.name);
            sqlite3_reset(stmt);
            return error_internal(err, "out of memory listing attributes");
        }
    }
    sqlite3_reset(stmt);
    return rc == SQLITE_DONE || store_failure(store, err, "listing attributes");
}

/* The statement that sets (or, for NULL or "", removes) a case's value, bound. */
static sqlite3_stmt *value_statement(struct store *store, int64_t case_id, int64_t attribute_id,
                                     const char *value, struct error *err)
{
    bool clear = !value || !*value;
    sqlite3_stmt *stmt;
    if (clear) {
        stmt = store_statement(
            store, "DELETE FROM case_values WHERE case_id = ? AND attribute_id = ?", err);
    } else {
        stmt = store_statement(
            store,
            "INSERT INTO case_values(case_id, attribute_id, value) VALUES (?, ?, ?) "
            "ON CONFLICT (case_id, attribute_id) DO UPDATE SET value = excluded.value",
            err);
    }
    if (!stmt)
        return NULL;
    sqlite3_bind_int64(stmt, 1, case_id);
    sqlite3_bind_int64(stmt, 2, attribute_id);
    if (!clear)
        store_bind_text(stmt, 3, value);
    return stmt;
}

bool store_case_value_set(struct store *store, int64_t case_id, int64_t attribute_id,
                          const char *value, struct error *err)
{
    sqlite3_stmt *stmt = value_statement(store, case_id, attribute_id, value, err);
    return stmt && store_run(store, stmt, err, "setting a case attribute");
}

bool store_case_value_restore(struct store *store, int64_t case_id, int64_t attribute_id,
                              const char *value, bool *orphaned, struct error *err)
{
    /* Setting a value, a foreign key finds the case or attribute gone; clearing one asks. */
    sqlite3_stmt *stmt = store_statement(
        store,
        "SELECT EXISTS (SELECT 1 FROM cases WHERE id = ?) AND EXISTS (SELECT 1 FROM attributes "
        "WHERE id = ?)",
        err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, case_id);
    sqlite3_bind_int64(stmt, 2, attribute_id);
    int rc = sqlite3_step(stmt);
    *orphaned = rc == SQLITE_ROW && sqlite3_column_int(stmt, 0) == 0;
    sqlite3_reset(stmt);
    if (rc != SQLITE_ROW)
        return store_failure(store, err, "setting a case attribute");
    if (*orphaned)
        return true;
    stmt = value_statement(store, case_id, attribute_id, value, err);
    return stmt && store_run(store, stmt, err, "setting a case attribute");
}

bool store_case_value_get(struct store *store, int64_t case_id, int64_t attribute_id, char **value,
                          struct error *err)
{
    *value = NULL;
    sqlite3_stmt *stmt = store_statement(
        store, "SELECT value FROM case_values WHERE case_id = ? AND attribute_id = ?", err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, case_id);
    sqlite3_bind_int64(stmt, 2, attribute_id);
    int rc = sqlite3_step(stmt);
    bool oom = false;
    if (rc == SQLITE_ROW)
        *value = store_column_text(stmt, 0, &oom);
    sqlite3_reset(stmt);
    if (oom)
        return error_internal(err, "out of memory reading a case attribute");
    return rc == SQLITE_ROW || rc == SQLITE_DONE ||
           store_failure(store, err, "reading a case attribute");
}

/* Reads (case_id, attribute_id, value) rows of a bound statement into out. */
static bool read_values(struct store *store, sqlite3_stmt *stmt, struct case_value_list *out,
                        struct error *err)
{
    bool oom = false;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct case_value_row row = {sqlite3_column_int64(stmt, 0), sqlite3_column_int64(stmt, 1),
                                     store_column_text(stmt, 2, &oom)};
        if (oom || !LIST_PUSH(out, row)) {
            free(row.value);
            sqlite3_reset(stmt);
            return error_internal(err, "out of memory reading case attributes");
        }
    }
    sqlite3_reset(stmt);
    return rc == SQLITE_DONE || store_failure(store, err, "reading case attributes");
}

bool store_attribute_values(struct store *store, int64_t id, struct case_value_list *out,
                            struct error *err)
{
    sqlite3_stmt *stmt = store_statement(
        store, "SELECT case_id, attribute_id, value FROM case_values WHERE attribute_id = ?", err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    return read_values(store, stmt, out, err);
}

bool store_case_values_list(struct store *store, struct case_value_list *out, struct error *err)
{
    sqlite3_stmt *stmt =
        store_statement(store,
                        "SELECT v.case_id, v.attribute_id, v.value FROM case_values v "
                        "JOIN cases c ON c.id = v.case_id ORDER BY c.name, v.attribute_id",
                        err);
    return stmt && read_values(store, stmt, out, err);
}

/* Renames a row of `table` by id; a name taken fails with a user error. */
static bool rename_row(struct store *store, const char *sql, const char *kind, int64_t id,
                       const char *name, bool *found, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(store, sql, err);
    if (!stmt)
        return false;
    store_bind_text(stmt, 1, name);
    sqlite3_bind_int64(stmt, 2, id);
    int rc = sqlite3_step(stmt);
    *found = rc == SQLITE_DONE && sqlite3_changes(store->db) > 0;
    sqlite3_reset(stmt);
    if (rc == SQLITE_DONE)
        return true;
    if ((sqlite3_extended_errcode(store->db)) == SQLITE_CONSTRAINT_UNIQUE)
        return error_user(err, "the project already has a %s named '%s'", kind, name);
    return store_failure(store, err, "renaming");
}

bool store_case_rename(struct store *store, int64_t id, const char *name, bool *found,
                       struct error *err)
{
    return rename_row(store, "UPDATE cases SET name = ? WHERE id = ?", "case", id, name, found,
                      err);
}

bool store_coder_rename(struct store *store, int64_t id, const char *name, bool *found,
                        struct error *err)
{
    return rename_row(store, "UPDATE coders SET name = ? WHERE id = ?", "coder", id, name, found,
                      err);
}

/* Runs `sql` (a string literal deleting one row by id) for id. */
static bool remove_row(struct store *store, const char *sql, int64_t id, bool *found,
                       struct error *err, const char *doing)
{
    sqlite3_stmt *stmt = store_statement(store, sql, err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    return store_run_found(store, stmt, found, err, doing);
}

/* Runs `sql` (a string literal inserting id, name and created_at) for a row put back. */
static bool restore_row(struct store *store, const char *sql, int64_t id, const char *name,
                        bool *taken, struct error *err, const char *doing)
{
    sqlite3_stmt *stmt = store_statement(store, sql, err);
    if (!stmt)
        return false;
    char now[21];
    store_timestamp(now);
    sqlite3_bind_int64(stmt, 1, id);
    store_bind_text(stmt, 2, name);
    store_bind_text(stmt, 3, now);
    bool orphaned;
    return store_run_restore(store, stmt, taken, &orphaned, err, doing);
}

bool store_case_remove(struct store *store, int64_t id, bool *found, struct error *err)
{
    return remove_row(store, "DELETE FROM cases WHERE id = ?", id, found, err, "deleting a case");
}

bool store_case_restore(struct store *store, int64_t id, const char *name, bool *taken,
                        struct error *err)
{
    return restore_row(store, "INSERT INTO cases(id, name, created_at) VALUES (?, ?, ?)", id, name,
                       taken, err, "putting back a case");
}

bool store_coder_remove(struct store *store, int64_t id, bool *found, struct error *err)
{
    return remove_row(store, "DELETE FROM coders WHERE id = ?", id, found, err, "deleting a coder");
}

bool store_coder_restore(struct store *store, int64_t id, const char *name, bool *taken,
                         struct error *err)
{
    return restore_row(store, "INSERT INTO coders(id, name, created_at) VALUES (?, ?, ?)", id, name,
                       taken, err, "putting back a coder");
}

bool store_owned_ids(struct store *store, enum store_owned what, int64_t coder_id,
                     struct store_ids *out, struct error *err)
{
    static const char *const sql[] = {
        [STORE_OWNED_JOURNAL] = "SELECT id FROM journal WHERE coder_id = ? ORDER BY id",
        [STORE_OWNED_MEMOS] = "SELECT id FROM memos WHERE coder_id = ? ORDER BY id",
    };
    sqlite3_stmt *stmt = store_statement(store, sql[what], err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, coder_id);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (!LIST_PUSH(out, sqlite3_column_int64(stmt, 0))) {
            sqlite3_reset(stmt);
            return error_internal(err, "out of memory reading what a coder owns");
        }
    }
    sqlite3_reset(stmt);
    return rc == SQLITE_DONE || store_failure(store, err, "reading what a coder owns");
}

bool store_owned_give(struct store *store, enum store_owned what, int64_t first, int64_t last,
                      int64_t coder_id, struct error *err)
{
    static const char *const sql[] = {
        [STORE_OWNED_JOURNAL] =
            "UPDATE journal SET coder_id = nullif(?1, 0) WHERE id BETWEEN ?2 AND ?3",
        [STORE_OWNED_MEMOS] =
            "UPDATE memos SET coder_id = nullif(?1, 0) WHERE id BETWEEN ?2 AND ?3",
    };
    sqlite3_stmt *stmt = store_statement(store, sql[what], err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, coder_id);
    sqlite3_bind_int64(stmt, 2, first);
    sqlite3_bind_int64(stmt, 3, last);
    return store_run(store, stmt, err, "giving what a coder owns to another");
}

bool store_referred(struct store *store, enum store_referred what, int64_t id, bool *referred,
                    struct error *err)
{
    static const char *const sql[] = {
        [STORE_SOURCE] = "SELECT EXISTS (SELECT 1 FROM codings WHERE source_id = ?1) OR EXISTS "
                         "(SELECT 1 FROM decisions WHERE source_id = ?1) OR EXISTS (SELECT 1 "
                         "FROM memos WHERE target = 'source' AND target_id = ?1)",
        [STORE_CODER] = "SELECT EXISTS (SELECT 1 FROM codings WHERE coder_id = ?1) OR EXISTS "
                        "(SELECT 1 FROM decisions WHERE ?1 IN (consensus_id, first_id, "
                        "second_id))",
        [STORE_CASE] = "SELECT EXISTS (SELECT 1 FROM sources WHERE case_id = ?1) OR EXISTS "
                       "(SELECT 1 FROM case_values WHERE case_id = ?1) OR EXISTS (SELECT 1 FROM "
                       "memos WHERE target = 'case' AND target_id = ?1) OR EXISTS (SELECT 1 "
                       "FROM matrix_cells WHERE case_id = ?1) OR EXISTS (SELECT 1 FROM "
                       "matrix_links WHERE case_id = ?1)",
    };
    sqlite3_stmt *stmt = store_statement(store, sql[what], err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    int rc = sqlite3_step(stmt);
    *referred = rc == SQLITE_ROW && sqlite3_column_int(stmt, 0) != 0;
    sqlite3_reset(stmt);
    return rc == SQLITE_ROW || store_failure(store, err, "looking for what refers to a row");
}
