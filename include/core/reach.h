/* Which of many codings, sorted by start, end after an offset: a tree of the furthest end over
 * each run of them, so that a screen row or the cursor finds the codings that cover it in
 * logarithmic time, however long the transcript and wherever a long coding starts. */
#ifndef MARGIN_CORE_REACH_H
#define MARGIN_CORE_REACH_H

#include "core/row.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct reach_index {
    int64_t *tree; /* tree[1] is the root; leaf i, at leaves + i, is coding i's end */
    size_t leaves; /* a power of two, at least count */
    size_t count;  /* the number of codings indexed */
};

/* Indexes the ends of codings (in their order). Returns false when memory runs out, leaving
 * the index empty. An index is built again over an old one; reach_index_finish frees it. */
bool reach_index_build(struct reach_index *index, const struct coding_list *codings);
void reach_index_finish(struct reach_index *index);

/* The first index at or after `from` of a coding that ends after offset; count when there is
 * none. */
size_t reach_index_next(const struct reach_index *index, size_t from, int64_t offset);

#endif
