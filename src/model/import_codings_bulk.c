/* Adding many codings at once: the rows are told apart from each other and from the project's
 * codings in memory, then inserted with codings_unique and codings_source dropped, which are
 * built again, sorted, at the end (store_codings_suspend). */

#include "core/row.h"
#include "internal.h"
#include "model/project.h"
#include "store/codings.h"

#include <stdlib.h>
#include <string.h>

/* Orders codings by what codings_unique holds: source, code, coder, span. */
static int key_order(const struct coding_row *a, const struct coding_row *b)
{
    const int64_t ka[5] = {a->source_id, a->code_id, a->coder_id, a->start, a->end};
    const int64_t kb[5] = {b->source_id, b->code_id, b->coder_id, b->start, b->end};
    for (int i = 0; i < 5; i++) {
        if (ka[i] != kb[i])
            return ka[i] < kb[i] ? -1 : 1;
    }
    return 0;
}

/* Orders pointers to codings by key, then by place in memory: in the order of the file for the
 * rows of an import. */
static int key_compare(const void *x, const void *y)
{
    const struct coding_row *a = *(const struct coding_row *const *)x;
    const struct coding_row *b = *(const struct coding_row *const *)y;
    int order = key_order(a, b);
    return order ? order : (a > b) - (a < b);
}

static bool same_memo(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* A source's attached codings in the project, in key order. */
struct held {
    struct coding_list list;
    struct coding_row **sorted;
    size_t next; /* the first not yet passed */
};

static bool held_load(struct store *store, int64_t source_id, struct held *held, struct error *err)
{
    row_coding_list_finish(&held->list);
    free(held->sorted);
    *held = (struct held){0};
    struct coding_filter filter = {.source_id = source_id, .state = CODINGS_ATTACHED};
    if (!store_codings_list(store, &filter, &held->list, err))
        return false;
    held->sorted = malloc((held->list.count ? held->list.count : 1) * sizeof *held->sorted);
    if (!held->sorted)
        return error_internal(err, "out of memory reading codings");
    for (size_t i = 0; i < held->list.count; i++)
        held->sorted[i] = &held->list.items[i];
    qsort(held->sorted, held->list.count, sizeof *held->sorted, key_compare);
    return true;
}

/* The project's coding with the key of `row`, or NULL; the rows asked about come in key order. */
static struct coding_row *held_find(struct held *held, const struct coding_row *row)
{
    while (held->next < held->list.count && key_order(held->sorted[held->next], row) < 0)
        held->next++;
    return held->next < held->list.count && key_order(held->sorted[held->next], row) == 0
               ? held->sorted[held->next]
               : NULL;
}

/* Decides, for one key's rows (group[0..n), in the order of the file), what adding them one by
 * one would have done: the first is added unless the project holds the key already, and every
 * other row after it changes the memo when it has a memo column and another memo, or is already
 * there. A coding the project holds gets its new memo now; the row to add carries the last memo.
 * Sets add[] of the row to add. */
static bool settle_key(struct project *project, struct coding_row **group, size_t n,
                       struct coding_row *held, bool memos, bool *add,
                       const struct coding_row *base, struct import_report *report,
                       struct error *err)
{
    size_t from = 0;
    const char *memo = held ? held->memo : group[0]->memo;
    if (!held) {
        add[group[0] - base] = true;
        report->added++;
        from = 1;
    }
    for (size_t i = from; i < n; i++) {
        if (memos && !same_memo(memo, group[i]->memo)) {
            memo = group[i]->memo;
            report->updated++;
        } else {
            report->unchanged++;
        }
    }
    if (!held) {
        group[0]->memo = (char *)memo;
        return true;
    }
    if (same_memo(memo, held->memo))
        return true;
    struct coding_row updated = *held;
    updated.memo = (char *)memo;
    bool found;
    return store_coding_update(project->store, &updated, &found, err);
}

bool import_codings_bulk(struct project *project, struct coding_row *codings, size_t n, bool memos,
                         struct usage_tally *tally, struct import_report *report, struct error *err)
{
    struct store *store = project->store;
    struct coding_row **sorted = malloc((n ? n : 1) * sizeof *sorted);
    bool *add = calloc(n ? n : 1, sizeof *add);
    struct held held = {0};
    struct codings_suspended suspended = {0};
    bool ok = false;
    int64_t next;
    if (!sorted || !add) {
        error_internal(err, "out of memory");
        goto cleanup;
    }
    if (!store_codings_next_id(store, &next, err))
        goto cleanup;
    for (size_t r = 0; r < n; r++)
        sorted[r] = &codings[r];
    qsort(sorted, n, sizeof *sorted, key_compare);
    for (size_t i = 0, j; i < n; i = j) {
        if ((i == 0 || sorted[i]->source_id != sorted[i - 1]->source_id) &&
            !held_load(store, sorted[i]->source_id, &held, err))
            goto cleanup;
        for (j = i + 1; j < n && key_order(sorted[i], sorted[j]) == 0; j++)
            ;
        if (!settle_key(project, sorted + i, j - i, held_find(&held, sorted[i]), memos, add,
                        codings, report, err))
            goto cleanup;
    }
    if (!store_codings_suspend(store, true, &suspended, err))
        goto cleanup;
    /* `sorted` now lists the rows to add, in the order of the file. Each row would have used up
     * an id, whether it was added or not. */
    size_t adding = 0;
    for (size_t r = 0; r < n; r++) {
        if (!add[r])
            continue;
        codings[r].id = next + (int64_t)r;
        usage_tally_count(tally, &codings[r]);
        sorted[adding++] = &codings[r];
    }
    ok = store_codings_insert(store, (const struct coding_row *const *)sorted, adding, err) &&
         (n == 0 || store_codings_use_ids(store, next + (int64_t)n - 1, err)) &&
         store_codings_resume(store, &suspended, err);
cleanup:
    store_codings_suspended_finish(&suspended);
    row_coding_list_finish(&held.list);
    free(held.sorted);
    free(sorted);
    free(add);
    return ok;
}
