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

/* Steps a statement whose columns are those read_coding() reads, appending each row. */
static bool append_codings(struct store *store, sqlite3_stmt *stmt, struct coding_list *out,
                           struct error *err)
{
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

bool store_codings_list(struct store *store, const struct coding_filter *filter,
                        struct coding_list *out, struct error *err)
{
    /* A query that may or may not name a source, coder or code can use no index and sorts every
     * coding of the project. So one source's codings come from its range of codings_source, in
     * the order asked for, and one coder's attached codings of one code in one source (as a new
     * coding's neighbours are found) from the range of codings_unique that holds them. Codings
     * of every source are read from the table in its order and sorted: SQLite would rather walk
     * codings_source, whose order helps the sort, and look each row up in the table out of
     * order, which is twice as slow for a million codings. */
    enum coding_state state = filter ? filter->state : CODINGS_ATTACHED;
    bool one_source = filter && filter->source_id != 0;
    bool one_code =
        one_source && filter->coder_id != 0 && filter->code_id != 0 && state == CODINGS_ATTACHED;
    sqlite3_stmt *stmt;
    if (one_code)
        stmt = store_statement(store,
                               "SELECT id, source_id, code_id, coder_id, start, end, memo, "
                               "detached FROM codings WHERE source_id = ?1 AND code_id = ?3 "
                               "AND coder_id = ?2 AND detached = 0 ORDER BY start, end",
                               err);
    else if (one_source)
        stmt = store_statement(store,
                               "SELECT id, source_id, code_id, coder_id, start, end, memo, "
                               "detached FROM codings WHERE source_id = ?1 "
                               "AND (?2 = 0 OR coder_id = ?2) AND (?3 = 0 OR code_id = ?3) "
                               "AND (?4 = 2 OR detached = ?4) "
                               "ORDER BY start, end, code_id, coder_id",
                               err);
    else
        stmt = store_statement(
            store,
            "SELECT c.id, c.source_id, c.code_id, c.coder_id, c.start, c.end, c.memo, "
            "c.detached FROM codings c NOT INDEXED JOIN sources s ON s.id = c.source_id "
            "WHERE (?2 = 0 OR c.coder_id = ?2) AND (?3 = 0 OR c.code_id = ?3) "
            "AND (?4 = 2 OR c.detached = ?4) "
            "ORDER BY s.name, c.start, c.end, c.code_id, c.coder_id",
            err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, filter ? filter->source_id : 0);
    sqlite3_bind_int64(stmt, 2, filter ? filter->coder_id : 0);
    sqlite3_bind_int64(stmt, 3, filter ? filter->code_id : 0);
    if (!one_code)
        sqlite3_bind_int(stmt, 4, (int)state);
    return append_codings(store, stmt, out, err);
}

/* A coding's id and memo, to be given to its row. */
struct memo_slot {
    int64_t id;
    char *memo;
};

static int memo_slot_compare(const void *x, const void *y)
{
    const struct memo_slot *p = x;
    const struct memo_slot *q = y;
    return (p->id > q->id) - (p->id < q->id);
}

/* Gives the rows out->items[from..] the memos of the source's codings that have one. */
static bool attach_memos(struct store *store, int64_t source_id, int64_t coder_id,
                         struct coding_list *out, size_t from, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(store,
                                         "SELECT id, memo FROM codings WHERE source_id = ?1 "
                                         "AND memo IS NOT NULL AND (?2 = 0 OR coder_id = ?2) "
                                         "AND detached = 0",
                                         err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, source_id);
    sqlite3_bind_int64(stmt, 2, coder_id);
    struct {
        struct memo_slot *items;
        size_t count, cap;
    } memos = {0};
    bool oom = false;
    int rc = SQLITE_DONE;
    while (!oom && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct memo_slot slot = {sqlite3_column_int64(stmt, 0), NULL};
        slot.memo = store_column_text(stmt, 1, &oom);
        if (!oom && !LIST_PUSH(&memos, slot)) {
            free(slot.memo);
            oom = true;
        }
    }
    sqlite3_reset(stmt);
    bool ok = oom ? error_internal(err, "out of memory reading memos")
                  : rc == SQLITE_DONE || store_failure(store, err, "reading memos");
    if (ok && memos.count > 0) {
        qsort(memos.items, memos.count, sizeof *memos.items, memo_slot_compare);
        for (size_t i = from; i < out->count; i++) {
            struct memo_slot key = {out->items[i].id, NULL};
            struct memo_slot *slot =
                bsearch(&key, memos.items, memos.count, sizeof *memos.items, memo_slot_compare);
            if (slot) {
                out->items[i].memo = slot->memo;
                slot->memo = NULL;
            }
        }
    }
    for (size_t i = 0; i < memos.count; i++)
        free(memos.items[i].memo);
    free(memos.items);
    return ok;
}

bool store_source_codings(struct store *store, int64_t source_id, int64_t coder_id,
                          struct coding_list *out, struct error *err)
{
    /* The rows come from codings_source alone, in its order; the memos, which only the table
     * holds, from the few codings that codings_memo lists. */
    sqlite3_stmt *stmt = store_statement(store,
                                         "SELECT id, code_id, coder_id, start, end FROM codings "
                                         "WHERE source_id = ?1 AND (?2 = 0 OR coder_id = ?2) "
                                         "AND detached = 0 ORDER BY start, end, code_id, coder_id",
                                         err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, source_id);
    sqlite3_bind_int64(stmt, 2, coder_id);
    size_t from = out->count;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct coding_row row = {
            .id = sqlite3_column_int64(stmt, 0),
            .source_id = source_id,
            .code_id = sqlite3_column_int64(stmt, 1),
            .coder_id = sqlite3_column_int64(stmt, 2),
            .start = sqlite3_column_int64(stmt, 3),
            .end = sqlite3_column_int64(stmt, 4),
        };
        if (!LIST_PUSH(out, row)) {
            sqlite3_reset(stmt);
            return error_internal(err, "out of memory listing codings");
        }
    }
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE)
        return store_failure(store, err, "listing codings");
    return attach_memos(store, source_id, coder_id, out, from, err);
}

bool store_coding_tallies(struct store *store, struct coding_tally_list *out, struct error *err)
{
    sqlite3_stmt *stmt =
        store_statement(store,
                        "SELECT source_id, code_id, coder_id, count(*) FROM codings "
                        "WHERE detached = 0 GROUP BY source_id, code_id, coder_id",
                        err);
    if (!stmt)
        return false;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct coding_tally_row row = {
            .source_id = sqlite3_column_int64(stmt, 0),
            .code_id = sqlite3_column_int64(stmt, 1),
            .coder_id = sqlite3_column_int64(stmt, 2),
            .count = sqlite3_column_int64(stmt, 3),
        };
        if (!LIST_PUSH(out, row)) {
            sqlite3_reset(stmt);
            return error_internal(err, "out of memory counting codings");
        }
    }
    sqlite3_reset(stmt);
    return rc == SQLITE_DONE || store_failure(store, err, "counting codings");
}

bool store_source_coding_spans(struct store *store, int64_t source_id,
                               bool (*visit)(void *context, const struct coding_span_row *row),
                               void *context, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(store,
                                         "SELECT code_id, coder_id, start, end FROM codings "
                                         "WHERE source_id = ?1 AND detached = 0",
                                         err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, source_id);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct coding_span_row row = {
            .code_id = sqlite3_column_int64(stmt, 0),
            .coder_id = sqlite3_column_int64(stmt, 1),
            .start = sqlite3_column_int64(stmt, 2),
            .end = sqlite3_column_int64(stmt, 3),
        };
        if (!visit(context, &row)) {
            sqlite3_reset(stmt);
            return error_internal(err, "out of memory reading codings");
        }
    }
    sqlite3_reset(stmt);
    return rc == SQLITE_DONE || store_failure(store, err, "reading codings");
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

/* Sets *found and row->id when the coder already has the code on the row's span, attached or
 * (for a detached row) detached there. */
static bool find_coding(struct store *store, struct coding_row *row, bool *found, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(store,
                                         "SELECT id FROM codings WHERE source_id = ? AND "
                                         "code_id = ? AND coder_id = ? AND start = ? AND end = ? "
                                         "AND detached = ? LIMIT 1",
                                         err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, row->source_id);
    sqlite3_bind_int64(stmt, 2, row->code_id);
    sqlite3_bind_int64(stmt, 3, row->coder_id);
    sqlite3_bind_int64(stmt, 4, row->start);
    sqlite3_bind_int64(stmt, 5, row->end);
    sqlite3_bind_int(stmt, 6, row->detached);
    int rc = sqlite3_step(stmt);
    *found = rc == SQLITE_ROW;
    row->id = *found ? sqlite3_column_int64(stmt, 0) : 0;
    sqlite3_reset(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ||
           store_failure(store, err, "looking up a coding");
}

bool store_coding_add(struct store *store, struct coding_row *row, bool *added, struct error *err)
{
    bool found;
    if (row->detached) {
        row->end = row->start;
        if (!find_coding(store, row, &found, err))
            return false;
        if (found) {
            *added = false;
            return true;
        }
    }
    sqlite3_stmt *stmt = store_statement(
        store,
        "INSERT INTO codings(source_id, code_id, coder_id, start, end, memo, created_at, "
        "modified_at, detached) VALUES (?, ?, ?, ?, ?, ?, ?, ?7, ?8) "
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
    sqlite3_bind_int(stmt, 8, row->detached);
    if (!store_run(store, stmt, err, "adding a coding"))
        return false;
    *added = sqlite3_changes(store->db) > 0;
    if (*added) {
        row->id = sqlite3_last_insert_rowid(store->db);
        return true;
    }
    if (!find_coding(store, row, &found, err))
        return false;
    return found || store_failure(store, err, "looking up a coding");
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

bool store_coding_set_coder(struct store *store, int64_t id, int64_t coder_id, bool *found,
                            struct error *err)
{
    sqlite3_stmt *stmt =
        store_statement(store, "UPDATE codings SET coder_id = ? WHERE id = ?", err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, coder_id);
    sqlite3_bind_int64(stmt, 2, id);
    return store_run_found(store, stmt, found, err, "giving a coding to another coder");
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
    /* Kept up to date by triggers (format 9): as many rows as codes used, whatever the
     * codings. */
    sqlite3_stmt *stmt = store_statement(store,
                                         "SELECT code_id, coder_id, sources, codings FROM "
                                         "code_usage WHERE coder_id = ? AND codings > 0 "
                                         "ORDER BY code_id",
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

bool store_codings_exist(struct store *store, int64_t source_id, int64_t code_id, int64_t coder_id,
                         bool *exists, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(
        store,
        "SELECT EXISTS (SELECT 1 FROM codings INDEXED BY codings_unique WHERE source_id = ?1 "
        "AND code_id = ?2 AND (?3 = 0 OR coder_id = ?3) AND detached = 0)",
        err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, source_id);
    sqlite3_bind_int64(stmt, 2, code_id);
    sqlite3_bind_int64(stmt, 3, coder_id);
    int rc = sqlite3_step(stmt);
    *exists = rc == SQLITE_ROW && sqlite3_column_int(stmt, 0) != 0;
    sqlite3_reset(stmt);
    return rc == SQLITE_ROW || store_failure(store, err, "looking up codings");
}
