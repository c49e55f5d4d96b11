/* Agreement over units taken from the sources themselves: speaker turns, paragraphs or
 * sentences. A unit counts as coded at a code by a coder when that coder's codings with the code
 * (or one of its sub-codes) cover at least a share of the unit's characters; each code then gives
 * a table of units x coders with the values 1 (coded) and 0 (not), whose figures come from
 * core/ratings.h.
 *
 * The sources, coders and codes are those `margin compare` takes (model/compare.h), over
 * characters: the comparison is run first and its rows are the codes here. */
#ifndef MARGIN_MODEL_UNITS_H
#define MARGIN_MODEL_UNITS_H

#include "core/error.h"
#include "core/ratings.h"
#include "model/compare.h"

#include <stdbool.h>
#include <stddef.h>

struct project;

enum units_kind {
    UNITS_TURNS,      /* what each speaker said, after the label */
    UNITS_PARAGRAPHS, /* core/motion.h's paragraphs */
    UNITS_SENTENCES,  /* core/motion.h's sentences */
};

struct units_result {
    enum units_kind kind;
    int cover; /* percent of a unit's characters a coder must cover; 0: any character */
    struct compare_result *comparison; /* the sources, coders and codes (rows) */
    size_t *source_units;              /* units in each compared source */
    size_t nunits;                     /* units in all of them */

    /* One table per row of comparison->codes: nunits units in source order, a coder's value
     * 1 when the coder's codings with the code or a sub-code cover the unit enough, else 0. */
    struct ratings **tables;

    /* Every code that a coder used itself in a compared source, each counting only its own
     * codings, stacked: nunits x pooled_codes units of (unit, code). */
    struct ratings *pooled;
    size_t pooled_codes;
};

/* Runs compare_run() with `request` (its mode must be characters), then finds the units of every
 * compared source and fills the tables. `cover` is clamped to 0..100. Fails with compare_run()'s
 * messages, or when memory runs out. Costs O(n log n) in the codings plus O(units x codes).
 * Returns a result the caller destroys, or NULL. */
struct units_result *units_run(struct project *project, const struct compare_request *request,
                               enum units_kind kind, int cover, struct error *err);

/* Frees a result; accepts NULL. */
void units_result_destroy(struct units_result *result);

/* "turns", "paragraphs" or "sentences". */
const char *units_kind_name(enum units_kind kind);

#endif
