/* Agreement on unit-level data: pre-defined units (speaker turns, paragraphs, cases), each
 * given at most one value by each of a fixed set of coders. Values are doubles; NAN marks a
 * missing value. For nominal statistics a value is only a label: 1.0 and 2.0 are two
 * categories, nothing more.
 *
 * Every statistic returns an agree_figure (core/agree.h) whose n is stated with it, and an
 * undefined figure says why; any of them may report AGREE_NO_MEMORY when its working arrays
 * cannot be allocated. None changes the table. A figure whose exact value is zero is +0.0: a
 * result that only rounding error separates from zero (a difference of two sums smaller than
 * a few units in the last place of the sums) counts as zero, and never comes out as -0.0. */
#ifndef MARGIN_CORE_RATINGS_H
#define MARGIN_CORE_RATINGS_H

#include "core/agree.h"

#include <stdbool.h>
#include <stddef.h>

enum ratings_metric {
    RATINGS_NOMINAL,
    RATINGS_ORDINAL,
    RATINGS_INTERVAL,
    RATINGS_RATIO,
};

/* Units x coders, held as runs of identical units: its memory follows the runs. */
struct ratings;

/* Returns an empty table for `ncoders` coders, or NULL when ncoders is 0 or memory runs out. */
struct ratings *ratings_create(size_t ncoders);

/* Frees the table; accepts NULL. */
void ratings_destroy(struct ratings *r);

/* Appends a unit: values[0..ncoders) in coder order, NAN where a coder gave no value. The
 * values are copied. Returns false, adding nothing, when a value is infinite or memory runs out. */
bool ratings_add_unit(struct ratings *r, const double *values);

/* Appends `count` units with the same values, as ratings_add_unit() would one by one, in
 * constant time. */
bool ratings_add_units(struct ratings *r, const double *values, size_t count);

size_t ratings_coders(const struct ratings *r);
size_t ratings_units(const struct ratings *r);

/* The table as runs of identical units, in the order they were added: consecutive units with
 * the same values are one run. ratings_runs() is how many runs there are; ratings_run() gives
 * run `run`'s values in coder order (NAN where missing: ncoders values owned by the table, valid
 * until the next ratings_add_unit()) and sets *units to the units it stands for (at least 1).
 * run must be below ratings_runs(). */
size_t ratings_runs(const struct ratings *r);
const double *ratings_run(const struct ratings *r, size_t run, size_t *units);

/* Percent agreement: the share of units on which every value given is the same, among the units
 * with at least two values; n = those units. AGREE_EMPTY when there are none. */
struct agree_figure ratings_percent(const struct ratings *r);

/* Cohen's (1960) kappa and Scott's (1955) pi for exactly two coders, over the units both coded;
 * n = those units. Kappa takes chance agreement from each coder's own distribution of values,
 * pi from the two pooled. AGREE_NOT_TWO_CODERS, AGREE_EMPTY when no unit has both values,
 * AGREE_NO_VARIATION when chance agreement is total (one value throughout). */
struct agree_figure ratings_cohen_kappa(const struct ratings *r);
struct agree_figure ratings_scott_pi(const struct ratings *r);

/* Fleiss' (1971) kappa for two or more coders; n = units. Needs complete data:
 * AGREE_INCOMPLETE_DATA when any value is missing, AGREE_TOO_FEW_CODERS with one coder,
 * AGREE_EMPTY with no units, AGREE_NO_VARIATION when every value is the same. */
struct agree_figure ratings_fleiss_kappa(const struct ratings *r);

/* Conger's (1980) kappa for two or more coders ("Integration and generalization of kappas for
 * multiple raters", Psychological Bulletin 88(2)): Fleiss' observed agreement P (the mean share
 * of agreeing pairs of values in a unit) against chance agreement
 *   P_e = the mean over pairs of coders r < s of sum_k p_rk p_sk,
 * p_rk being the share of units coder r put in category k: Cohen's chance agreement for each
 * pair of coders, averaged. For two coders it is Cohen's kappa. n = units. Needs complete data:
 * AGREE_INCOMPLETE_DATA when any value is missing, AGREE_TOO_FEW_CODERS with one coder,
 * AGREE_EMPTY with no units, AGREE_NO_VARIATION when P_e = 1 (every coder used one and the same
 * value throughout). */
struct agree_figure ratings_conger_kappa(const struct ratings *r);

/* Brennan and Prediger's (1981) free-marginal kappa (p_o - 1/q) / (1 - 1/q), q = categories.
 * p_o is the mean over units with at least two values of the share of pairs of values that
 * agree (for two coders, the percent agreement); n = those units. AGREE_EMPTY when there are
 * none, AGREE_BAD_CATEGORIES when q < 2 or fewer than the distinct values used. */
struct agree_figure ratings_brennan_prediger(const struct ratings *r, size_t categories);

/* Krippendorff's alpha by the coincidence-matrix method of Krippendorff (2011), for any number of
 * coders with missing values, with the nominal, ordinal, interval or ratio difference function.
 * Units with fewer than two values are left out; n = the pairable values used.
 * AGREE_TOO_FEW_VALUES when there are none, AGREE_NO_VARIATION when they are all the same,
 * AGREE_NEGATIVE_VALUE for ratio data below zero. */
struct agree_figure ratings_alpha(const struct ratings *r, enum ratings_metric metric);

/* --- What a figure is made of -------------------------------------------------------------- */

enum ratings_coefficient {
    RATINGS_COHEN_KAPPA,
    RATINGS_SCOTT_PI,
    RATINGS_FLEISS_KAPPA,
    RATINGS_CONGER_KAPPA,
    RATINGS_ALPHA,
};

/* A figure with the two quantities it compares. For the kappas and pi, `observed` and
 * `expected` are agreements and figure = (observed - expected) / (1 - expected): Cohen's and
 * Scott's p_o and p_e, Fleiss' P and P_e, Conger's P and P_e. For alpha they are disagreements,
 * figure = 1 - observed / expected: Krippendorff's D_o and D_e. Both are 0 when the figure is
 * undefined for want of data (AGREE_EMPTY, AGREE_TOO_FEW_VALUES, AGREE_INCOMPLETE_DATA, ...);
 * with AGREE_NO_VARIATION they hold what was computed (an expected agreement of 1, an expected
 * disagreement of 0). */
struct ratings_details {
    struct agree_figure figure;
    double observed;
    double expected;
};

/* The coefficient `which` (the metric applies to RATINGS_ALPHA only) with its details; the
 * figure is exactly what the coefficient's own function returns. */
struct ratings_details ratings_explain(const struct ratings *r, enum ratings_coefficient which,
                                       enum ratings_metric metric);

/* One cell of Krippendorff's coincidence matrix, for the values c <= k. */
struct ratings_coincidence {
    double c;
    double k;
    double count;      /* o_cc when c = k, o_ck + o_kc when c < k: the counts add up to n */
    double difference; /* the metric's difference between c and k (0 when c = k) */
};

/* The cells of the coincidence matrix that alpha with `metric` is computed from, those with a
 * count above zero, sorted by c then k. On success *cells is an array of *count cells that the
 * caller frees (never NULL, even when empty), and the return value is ratings_alpha()'s figure,
 * which may still be undefined (AGREE_NO_VARIATION, AGREE_TOO_FEW_VALUES, ...). When memory
 * runs out, or the figure is AGREE_TOO_FEW_CODERS or AGREE_NEGATIVE_VALUE, *cells is NULL and
 * *count 0. Costs O(P log P) for P pairs of values within units. */
struct agree_figure ratings_coincidences(const struct ratings *r, enum ratings_metric metric,
                                         struct ratings_coincidence **cells, size_t *count);

#endif
