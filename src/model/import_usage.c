/* The counts of code_usage that an import of codings keeps itself while the triggers that keep
 * them for each coding are suspended (store_codings_suspend). */

#include "core/row.h"
#include "internal.h"
#include "store/codings.h"

#include <stdlib.h>

static uint64_t key_hash(int64_t source_id, int64_t code_id, int64_t coder_id)
{
    uint64_t h = (uint64_t)source_id * 0x9E3779B97F4A7C15u;
    h ^= (uint64_t)code_id * 0xC2B2AE3D27D4EB4Fu;
    h ^= (uint64_t)coder_id * 0x165667B19E3779F9u;
    return h ^ (h >> 29);
}

/* The slot of a key, or the empty slot where it would go (the table is never full). */
static struct usage_key *slot_of(const struct usage_tally *t, int64_t source_id, int64_t code_id,
                                 int64_t coder_id)
{
    size_t mask = t->cap - 1;
    for (size_t i = key_hash(source_id, code_id, coder_id) & mask;; i = (i + 1) & mask) {
        struct usage_key *k = &t->slots[i];
        if (!k->code_id ||
            (k->source_id == source_id && k->code_id == code_id && k->coder_id == coder_id))
            return k;
    }
}

/* Doubles the table; false when memory runs out, the table unchanged. */
static bool grow(struct usage_tally *t)
{
    size_t cap = t->cap ? t->cap * 2 : 64;
    struct usage_key *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    struct usage_tally bigger = {slots, t->count, cap};
    for (size_t i = 0; i < t->cap; i++) {
        const struct usage_key *k = &t->slots[i];
        if (k->code_id)
            *slot_of(&bigger, k->source_id, k->code_id, k->coder_id) = *k;
    }
    free(t->slots);
    *t = bigger;
    return true;
}

bool usage_tally_prepare(struct usage_tally *t, struct store *store,
                         const struct coding_row *codings, size_t n, struct error *err)
{
    for (size_t r = 0; r < n; r++) {
        const struct coding_row *c = &codings[r];
        if (2 * (t->count + 1) > t->cap && !grow(t))
            return error_internal(err, "out of memory counting codings");
        struct usage_key *k = slot_of(t, c->source_id, c->code_id, c->coder_id);
        if (!k->code_id) {
            *k = (struct usage_key){c->source_id, c->code_id, c->coder_id, false, false, 0};
            t->count++;
        }
    }
    for (size_t i = 0; i < t->cap; i++) {
        struct usage_key *k = &t->slots[i];
        if (k->code_id &&
            (!store_codings_exist(store, k->source_id, k->code_id, k->coder_id, &k->existed, err) ||
             !store_codings_exist(store, k->source_id, k->code_id, 0, &k->anyone_had, err)))
            return false;
    }
    return true;
}

void usage_tally_count(struct usage_tally *t, const struct coding_row *row)
{
    slot_of(t, row->source_id, row->code_id, row->coder_id)->added++;
}

static int key_compare(const void *x, const void *y)
{
    const struct usage_key *a = x;
    const struct usage_key *b = y;
    if (a->source_id != b->source_id)
        return a->source_id < b->source_id ? -1 : 1;
    if (a->code_id != b->code_id)
        return a->code_id < b->code_id ? -1 : 1;
    return (a->coder_id > b->coder_id) - (a->coder_id < b->coder_id);
}

bool usage_tally_apply(struct usage_tally *t, struct store *store, struct error *err)
{
    /* The keys side by side, a source's and code's together: the slots are a table no more. */
    size_t n = 0;
    for (size_t i = 0; i < t->cap; i++) {
        if (t->slots[i].code_id)
            t->slots[n++] = t->slots[i];
    }
    if (n)
        qsort(t->slots, n, sizeof *t->slots, key_compare);
    /* As the triggers count: a coding, and its source when the coder (or, for coder 0, anyone)
     * had no attached coding of the code there. */
    bool ok = true;
    for (size_t i = 0; ok && i < n;) {
        const struct usage_key *first = &t->slots[i];
        int64_t added = 0;
        for (; ok && i < n && t->slots[i].source_id == first->source_id &&
               t->slots[i].code_id == first->code_id;
             i++) {
            const struct usage_key *k = &t->slots[i];
            added += k->added;
            ok = !k->added ||
                 store_code_usage_add(store, k->code_id, k->coder_id, !k->existed, k->added, err);
        }
        ok = ok && (!added ||
                    store_code_usage_add(store, first->code_id, 0, !first->anyone_had, added, err));
    }
    usage_tally_finish(t);
    return ok;
}

void usage_tally_finish(struct usage_tally *t)
{
    free(t->slots);
    *t = (struct usage_tally){0};
}
