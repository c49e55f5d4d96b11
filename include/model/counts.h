/* Counting codings: per code (the sources and references NVivo calls Files and References),
 * code by case, code by attribute value, and which codes occur together. `margin counts` and
 * the screen call these, so that both give the same numbers, and the numbers are those of the
 * rows `margin export --segments` writes with the same filters. */
#ifndef MARGIN_MODEL_COUNTS_H
#define MARGIN_MODEL_COUNTS_H

#include "core/error.h"
#include "model/project.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum counts_by {
    COUNTS_BY_CODE,         /* a row per code; per coder and for all: sources, references */
    COUNTS_BY_CASE,         /* a row per code, a column per case: references */
    COUNTS_BY_ATTRIBUTE,    /* a row per code, a column per value of one attribute: references */
    COUNTS_BY_COOCCURRENCE, /* a row per pair of codes: overlapping stretches, shared turns */
};

/* What to count. Lists may be empty (count 0), meaning any. */
struct counts_request {
    enum counts_by by;
    const char *attribute;     /* COUNTS_BY_ATTRIBUTE: its name */
    const char *const *coders; /* whose codings count */
    size_t ncoders;
    const char *const *cases; /* only the sources of these cases */
    size_t ncases;
    const char *where; /* only the sources of cases that pass this filter, or NULL */
};

/* A table of counts. Rows are labelled by a code number and name (COUNTS_BY_COOCCURRENCE: two
 * of each, joined by " + "); cells[r * columns + c]. Every string belongs to the table. */
struct count_table {
    size_t rows, columns;
    char **row_numbers;
    char **row_names;
    char **column_names;
    int64_t *cells;
    const char *unit; /* what a cell counts, for people: "codings", ... */
};

/* Counts as the request says into *out (which the caller finishes, also on failure):
 *   by code:   every code in outline order; for each coder the request names (every coder when
 *              none), then for them all, "C sources" (sources with a coding at the code) and "C
 *              references" (codings at the code). A code's sub-codes are not added in.
 *   by case:   codes with codings, a column per case (by name): codings at the code in the
 *              case's sources; then "(no case)" when a source has none.
 *   by attribute: codes with codings, a column per value of the attribute (in the order its type
 *              sorts) and "(no value)": codings in the sources of cases with that value.
 *   co-occurrence: each pair of codes that occur together, in outline order: "overlapping" (the
 *              stretches where both apply, as the query "X and Y" finds them) and "same turn"
 *              (speaker turns in which both are coded).
 * An unknown coder, case or attribute, or a bad filter, fails with a message. */
bool counts_compute(struct project *project, const struct counts_request *request,
                    struct count_table *out, struct error *err);

/* Frees a table's contents; accepts one never filled. */
void count_table_finish(struct count_table *table);

#endif
