/* What the two files of the ratings measures share: the ratings and the helpers that make
 * figures. Nothing outside src/core includes this. */
#ifndef MARGIN_CORE_RATINGS_DATA_H
#define MARGIN_CORE_RATINGS_DATA_H

#include "core/ratings.h"

#include <stddef.h>

/* The units as runs of identical ones: unit data mostly repeat (a code's table over speaker
 * turns is long stretches of "neither coder"), and every figure depends on how often each row
 * of values occurs, never on where. */
struct ratings {
    size_t ncoders;
    size_t nunits;  /* units added */
    size_t nruns;   /* runs stored */
    size_t cap;     /* runs the arrays have room for */
    double *values; /* nruns rows of ncoders values; NAN = missing */
    size_t *repeat; /* units in each run, at least 1 */
};

/* A value and how often it occurs. */
struct ratings_tally {
    double value;
    size_t count;
};

/* numerator / denominator, with an exact zero as +0.0 (never -0.0). */
struct agree_figure ratings_defined(long double numerator, long double denominator, size_t n);

/* x - y, or 0 when the difference is within rounding error of the two sums: a few units in the
 * last place of the larger, in double precision (long double may be no wider, as under
 * valgrind). Numerators that are such a difference, and are exactly zero in exact arithmetic,
 * would otherwise come out as tiny numbers of either sign. */
long double ratings_cancel(long double x, long double y);

/* A figure with its observed and expected disagreements. */
struct ratings_details ratings_details_of(struct agree_figure f, long double observed,
                                          long double expected);

/* A figure without them. */
struct ratings_details ratings_no_details(struct agree_figure f);

/* A figure that cannot be computed, for the reason `status`, over n. */
struct agree_figure ratings_undefined(enum agree_status status, size_t n);

/* Room for `count` doubles, or tallies (at least one, so that success is never NULL).
 * ratings_add_unit keeps 4 * nruns * ncoders tallies addressable, so the counts asked for here
 * cannot overflow. */
double *ratings_doubles(size_t count);
struct ratings_tally *ratings_tallies(size_t count);

/* Copies the values run `run` has into out (ncoders of room); returns how many. */
size_t ratings_present(const struct ratings *r, size_t run, double *out);

/* Orders doubles in ascending order, for qsort() and bsearch(). */
int ratings_double_compare(const void *x, const void *y);

/* Merges t[0..n) (no NaN) into its distinct values in ascending order, each with the sum of its
 * counts, and returns how many there are. Unit data mostly hold a few categories: then the
 * values are counted, in O(n); otherwise qsort() sorts them first. */
size_t ratings_tally_merge(struct ratings_tally *t, size_t n);

/* Krippendorff's alpha with its observed and expected disagreements, with memory of its own. */
struct ratings_details ratings_alpha_details(const struct ratings *r, enum ratings_metric metric);

#endif
