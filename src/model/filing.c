#include "model/filing.h"

#include "core/list.h"

#include <stdlib.h>

static int slot_compare(const void *x, const void *y)
{
    const struct source_slot *p = x;
    const struct source_slot *q = y;
    return (p->id > q->id) - (p->id < q->id);
}

void filing_sort_slots(struct source_slot *slots, size_t n)
{
    if (n > 1)
        qsort(slots, n, sizeof *slots, slot_compare);
}

const struct source_slot *filing_slot(const struct source_slot *slots, size_t n, int64_t id)
{
    struct source_slot key = {id, 0};
    return n ? bsearch(&key, slots, n, sizeof *slots, slot_compare) : NULL;
}

bool filing_add(struct filed_codings *list, const struct codetree *tree, const int *row_of,
                int code, size_t source, size_t coder, struct span span, bool own_only)
{
    for (int at = code; at >= 0; at = codetree_get(tree, (size_t)at)->parent) {
        struct filed_coding filed = {row_of[at], source, coder, at == code, span};
        if (row_of[at] >= 0 && !LIST_PUSH(list, filed))
            return false;
        if (own_only)
            break;
    }
    return true;
}

static int filed_compare(const void *x, const void *y)
{
    const struct filed_coding *p = x;
    const struct filed_coding *q = y;
    if (p->row != q->row)
        return p->row < q->row ? -1 : 1;
    if (p->source != q->source)
        return p->source < q->source ? -1 : 1;
    if (p->coder != q->coder)
        return p->coder < q->coder ? -1 : 1;
    return span_compare(&p->span, &q->span);
}

void filing_sort(struct filed_codings *list)
{
    if (list->count > 1)
        qsort(list->items, list->count, sizeof *list->items, filed_compare);
}
