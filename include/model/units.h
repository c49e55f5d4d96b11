/* Agreement over units taken from the sources themselves: speaker turns, paragraphs or
 * sentences. A unit counts as coded at a code by a coder when that coder's codings with the code
 * (or one of its sub-codes) cover at least a share of the unit's characters; each code then gives
 * a table of units x coders with the values 1 (coded) and 0 (not), whose figures come from
 * core/ratings.h.
 *
 * Also Krippendorff's unitizing alphas over the characters (units_unitizing()).
 *
 * The sources, coders and codes are those `margin compare` takes (model/compare.h), over
 * characters: the comparison is run first and its rows are the codes here. */
#ifndef MARGIN_MODEL_UNITS_H
#define MARGIN_MODEL_UNITS_H

#include "core/error.h"
#include "core/ratings.h"
#include "core/unitize.h"
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

/* --- Krippendorff's unitizing alphas over the characters (core/unitize.h) ------------------- */

/* A code's unitizing: its codings and its sub-codes' as one value, merged per coder where they
 * overlap or touch, against everything else. */
struct unitizing_code {
    struct unitize_details alpha_2004; /* Krippendorff's (2004) uα */
    struct unitize_details binary;     /* |uα (2016) */
};

/* A semantic domain: a code whose sub-codes are rows, each sub-code (with its own sub-codes) one
 * value; codings at the code itself are not among the values. */
struct unitizing_domain {
    size_t row;     /* the code's row in comparison->codes */
    size_t *values; /* the rows of its sub-codes */
    size_t nvalues;
    struct unitize_details alpha;         /* uα over the domain's values and the gaps */
    struct unitize_details binary;        /* |uα: any value against the gaps */
    struct unitize_details coding;        /* cuα: the values where the coders' units overlap */
    struct unitize_details *value_alphas; /* (k)uα of each value, as values */
};

struct unitizing_result {
    struct compare_result *comparison; /* the sources, coders and codes (rows) */
    struct unitizing_code *codes;      /* one per row */
    struct unitizing_domain *domains;  /* outline order */
    size_t ndomains;
    struct unitize_details domains_coding; /* Cuα: cuα of every domain listed, together */
};

/* Runs compare_run() with `request` (characters), then computes each row's uα and |uα, each
 * domain's uα, |uα, cuα and (k)uα, and Cuα over the domains (nested ones included), the sources
 * being one continuum cut at their ends. Fails with compare_run()'s messages, or when memory runs
 * out. Returns a result the caller destroys, or NULL. */
struct unitizing_result *units_unitizing(struct project *project,
                                         const struct compare_request *request, struct error *err);

/* Frees a result; accepts NULL. */
void units_unitizing_destroy(struct unitizing_result *result);

/* "turns", "paragraphs" or "sentences". */
const char *units_kind_name(enum units_kind kind);

#endif
