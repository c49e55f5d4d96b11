/* Codings filed under the rows of a comparison they count for, as model/units.c reads them:
 * each is one coder's span in one compared source, under the row of its own code or of an
 * ancestor it counts for. Sources found by id (source_slot) serve model/compare.c too. */
#ifndef MARGIN_MODEL_FILING_H
#define MARGIN_MODEL_FILING_H

#include "core/codetree.h"
#include "core/span.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct filed_coding {
    int row;       /* the row it is filed under */
    size_t source; /* index among the compared sources */
    size_t coder;  /* index among the compared coders */
    bool own;      /* filed under the coding's own code, not an ancestor's */
    struct span span;
};

struct filed_codings {
    struct filed_coding *items;
    size_t count, cap;
};

/* A project's source id and an index the caller gives it, for finding sources by id. */
struct source_slot {
    int64_t id;
    size_t index;
};

/* Orders slots by id, as filing_slot() needs them. */
void filing_sort_slots(struct source_slot *slots, size_t n);

/* The slot of the source with this id among slots ordered by filing_sort_slots(); NULL when
 * there is none. */
const struct source_slot *filing_slot(const struct source_slot *slots, size_t n, int64_t id);

/* Files a coding of the code at index `code` of tree under row_of[code] and, unless own_only,
 * under row_of[a] of each ancestor a; a code whose row_of is negative has no row and is passed
 * over. False when memory runs out. */
bool filing_add(struct filed_codings *list, const struct codetree *tree, const int *row_of,
                int code, size_t source, size_t coder, struct span span, bool own_only);

/* Orders the list by row, source, coder and span. */
void filing_sort(struct filed_codings *list);

#endif
