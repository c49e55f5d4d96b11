#include "store/quotes.h"

#include "core/list.h"
#include "internal.h"

#include <stdlib.h>

void quote_id_list_finish(struct quote_id_list *list)
{
    free(list->items);
    list->items = NULL;
    list->count = list->cap = 0;
}

bool store_quote_set(struct store *store, int64_t coding_id, bool on, bool *found,
                     struct error *err)
{
    *found = true;
    sqlite3_stmt *stmt;
    if (!on) {
        stmt = store_statement(store, "DELETE FROM quotes WHERE coding_id = ?", err);
        if (!stmt)
            return false;
        sqlite3_bind_int64(stmt, 1, coding_id);
        return store_run(store, stmt, err, "taking a quote's mark off");
    }
    stmt = store_statement(store,
                           "INSERT INTO quotes(coding_id, marked_at) SELECT id, ? FROM codings "
                           "WHERE id = ? ON CONFLICT (coding_id) DO NOTHING",
                           err);
    if (!stmt)
        return false;
    char now[21];
    store_timestamp(now);
    store_bind_text(stmt, 1, now);
    sqlite3_bind_int64(stmt, 2, coding_id);
    if (!store_run(store, stmt, err, "marking a quote"))
        return false;
    bool quoted = false;
    if (!store_quote_get(store, coding_id, &quoted, err))
        return false;
    *found = quoted;
    return true;
}

bool store_quote_get(struct store *store, int64_t coding_id, bool *quoted, struct error *err)
{
    *quoted = false;
    sqlite3_stmt *stmt = store_statement(
        store, "SELECT 1 FROM quotes q JOIN codings c ON c.id = q.coding_id WHERE q.coding_id = ?",
        err);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, coding_id);
    int rc = sqlite3_step(stmt);
    *quoted = rc == SQLITE_ROW;
    sqlite3_reset(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE || store_failure(store, err, "reading a quote");
}

bool store_quotes_list(struct store *store, struct quote_id_list *out, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(
        store, "SELECT q.coding_id FROM quotes q JOIN codings c ON c.id = q.coding_id ORDER BY 1",
        err);
    if (!stmt)
        return false;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (!LIST_PUSH(out, sqlite3_column_int64(stmt, 0))) {
            sqlite3_reset(stmt);
            return error_internal(err, "out of memory reading quotes");
        }
    }
    sqlite3_reset(stmt);
    return rc == SQLITE_DONE || store_failure(store, err, "reading quotes");
}

bool quote_id_list_has(const struct quote_id_list *list, int64_t id)
{
    size_t lo = 0, hi = list->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (list->items[mid] < id)
            lo = mid + 1;
        else if (list->items[mid] > id)
            hi = mid;
        else
            return true;
    }
    return false;
}
