#include "store/codes.h"

#include "core/guid.h"
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct codetree *store_codes_load(struct store *store, struct error *err)
{
    struct codetree *tree = codetree_create();
    if (!tree) {
        error_internal(err, "out of memory reading the codebook");
        return NULL;
    }
    sqlite3_stmt *stmt = store_statement(
        store,
        "SELECT id, ifnull(parent_id, 0), guid, position, name, description, colour, codable "
        "FROM codes",
        err);
    if (!stmt)
        goto fail;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct code code = {
            .id = sqlite3_column_int64(stmt, 0),
            .parent_id = sqlite3_column_int64(stmt, 1),
            .position = sqlite3_column_int(stmt, 3),
            .name = (char *)sqlite3_column_text(stmt, 4),
            .description = (char *)sqlite3_column_text(stmt, 5),
            .colour = (char *)sqlite3_column_text(stmt, 6),
            .codable = sqlite3_column_int(stmt, 7) != 0,
        };
        const char *guid = (const char *)sqlite3_column_text(stmt, 2);
        snprintf(code.guid, sizeof code.guid, "%s", guid ? guid : "");
        if (!codetree_add(tree, &code)) {
            sqlite3_reset(stmt);
            error_internal(err, "out of memory reading the codebook");
            goto fail;
        }
    }
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE) {
        store_failure(store, err, "reading the codebook");
        goto fail;
    }
    if (!codetree_index(tree, err)) {
        error_prefix(err, "%s: the stored codebook is inconsistent: ", store->path);
        goto fail;
    }
    return tree;
fail:
    codetree_destroy(tree);
    return NULL;
}

/* True when another code under the same parent already has this position. */
static bool position_taken(struct store *store, const struct code *code, bool *taken,
                           struct error *err)
{
    /* `parent_id IS nullif(?, 0)` can use codes_parent; `ifnull(parent_id, 0) = ?` read every
     * code, which made adding codes one by one cost the square of their number. */
    sqlite3_stmt *stmt =
        store_statement(store,
                        "SELECT count(*) FROM codes WHERE parent_id IS nullif(?, 0) "
                        "AND position = ? AND id != ?",
                        err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, code->parent_id);
    sqlite3_bind_int(stmt, 2, code->position);
    sqlite3_bind_int64(stmt, 3, code->id);
    int rc = sqlite3_step(stmt);
    *taken = rc == SQLITE_ROW && sqlite3_column_int64(stmt, 0) > 0;
    sqlite3_reset(stmt);
    return rc == SQLITE_ROW || store_failure(store, err, "checking a code's number");
}

bool store_code_add(struct store *store, struct code *code, struct error *err)
{
    bool taken;
    if (!position_taken(store, code, &taken, err))
        return false;
    if (taken)
        return error_user(err, "another code already has the number of '%s'", code->name);
    if (code->guid[0] == '\0' && !guid_generate(code->guid))
        return error_internal(err, "cannot read random bytes for a new code's GUID");
    sqlite3_stmt *stmt = store_statement(
        store,
        "INSERT INTO codes(guid, parent_id, position, name, description, colour, codable, "
        "created_at) VALUES (?, nullif(?, 0), ?, ?, ?, ?, ?, ?)",
        err);
    if (!stmt)
        return false;
    char now[21];
    store_timestamp(now);
    store_bind_text(stmt, 1, code->guid);
    sqlite3_bind_int64(stmt, 2, code->parent_id);
    sqlite3_bind_int(stmt, 3, code->position);
    store_bind_text(stmt, 4, code->name);
    store_bind_text(stmt, 5, code->description);
    store_bind_text(stmt, 6, code->colour);
    sqlite3_bind_int(stmt, 7, code->codable);
    store_bind_text(stmt, 8, now);
    if (!store_run(store, stmt, err, "adding a code"))
        return false;
    code->id = sqlite3_last_insert_rowid(store->db);
    return true;
}

bool store_code_restore(struct store *store, const struct code *code, bool *taken, bool *orphaned,
                        struct error *err)
{
    sqlite3_stmt *stmt = store_statement(
        store,
        "INSERT INTO codes(id, guid, parent_id, position, name, description, colour, codable, "
        "created_at) VALUES (?, ?, nullif(?, 0), ?, ?, ?, ?, ?, ?)",
        err);
    if (!stmt)
        return false;
    char now[21];
    store_timestamp(now);
    sqlite3_bind_int64(stmt, 1, code->id);
    store_bind_text(stmt, 2, code->guid);
    sqlite3_bind_int64(stmt, 3, code->parent_id);
    sqlite3_bind_int(stmt, 4, code->position);
    store_bind_text(stmt, 5, code->name);
    store_bind_text(stmt, 6, code->description);
    store_bind_text(stmt, 7, code->colour);
    sqlite3_bind_int(stmt, 8, code->codable);
    store_bind_text(stmt, 9, now);
    return store_run_restore(store, stmt, taken, orphaned, err, "putting back a code");
}

bool store_code_update(struct store *store, const struct code *code, bool *found, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(
        store,
        "UPDATE codes SET parent_id = nullif(?, 0), position = ?, name = ?, description = ?, "
        "colour = ?, codable = ? WHERE id = ?",
        err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, code->parent_id);
    sqlite3_bind_int(stmt, 2, code->position);
    store_bind_text(stmt, 3, code->name);
    store_bind_text(stmt, 4, code->description);
    store_bind_text(stmt, 5, code->colour);
    sqlite3_bind_int(stmt, 6, code->codable);
    sqlite3_bind_int64(stmt, 7, code->id);
    return store_run_found(store, stmt, found, err, "changing a code");
}

bool store_code_delete(struct store *store, int64_t id, bool *found, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(store, "DELETE FROM codes WHERE id = ?", err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    return store_run_found(store, stmt, found, err, "deleting a code");
}
