/* Bootstrap distributions of agreement figures on unit data (core/ratings.h): confidence
 * intervals, and the probability that a figure falls short of a minimum, as Hayes and
 * Krippendorff (2007) report them ("Answering the call for a standard reliability measure for
 * coding data", Communication Methods and Measures 1(1), 77-89). Every resample comes from a
 * generator seeded with the caller's seed (core/rng.h), so the same data and seed give the
 * same distribution on every machine and run. */
#ifndef MARGIN_CORE_BOOTSTRAP_H
#define MARGIN_CORE_BOOTSTRAP_H

#include "core/agree.h"
#include "core/ratings.h"

#include <stddef.h>
#include <stdint.h>

/* The default confidence level of an interval. */
#define BOOTSTRAP_LEVEL 0.95

/* A figure on the data and the sorted figures of its resamples. */
struct bootstrap;

/* Krippendorff's alpha with `metric`, bootstrapped as the KALPHA macro (Hayes and Krippendorff
 * 2007; version 3.0 of 5 February 2011) and Krippendorff's "Algorithm for bootstrapping a
 * distribution of alpha" (2006, revised 2011) do it. The pairs of values are resampled, not
 * the units:
 *   - the coincidence matrix o_ck of the data (n pairable values, q cells above zero counting
 *     c,k and k,c apart) is turned into probabilities: o_cc / n for a diagonal cell,
 *     2 o_ck / n for the cell of c < k;
 *   - each resample draws M = min(25 q, floor((m - 1) n / 2)) cells with replacement (m being
 *     the number of coders) and sets alpha* = 1 - sum of their differences / (M D_e), with the
 *     data's expected disagreement D_e; an alpha* below -1 becomes -1;
 *   - a resample at alpha* = 1 whose matrix has a single diagonal cell above zero (every draw
 *     the same value: no variation) counts as 0; otherwise, of the resamples at 1, as many as
 *     round(X sum_c (o_cc / n)^P) become 0 (X resamples, P = sum over units of
 *     m_u (m_u - 1) / 2 pairs of values), KALPHA's allowance for samples without variation.
 * Returns NULL only when memory runs out. When alpha is undefined on the data, the bootstrap
 * holds that figure and no resamples. Costs O(P log P) to set up and O(X M) to resample. */
struct bootstrap *bootstrap_alpha(const struct ratings *r, enum ratings_metric metric,
                                  size_t resamples, uint64_t seed);

/* Cohen's kappa for two coders (ratings_cohen_kappa()), bootstrapped over units: each resample
 * draws, with replacement, as many units as there are units both coders valued, and computes
 * kappa of the drawn units. A resample whose kappa is undefined (one value throughout) is left
 * out of the distribution; bootstrap_count() says how many remain. Returns NULL only when
 * memory runs out; an undefined kappa on the data gives no resamples. Costs O(N log N) to set
 * up and O(X (N + k)) to resample, N units and k distinct values. */
struct bootstrap *bootstrap_cohen_kappa(const struct ratings *r, size_t resamples, uint64_t seed);

/* Frees the bootstrap; accepts NULL. */
void bootstrap_destroy(struct bootstrap *b);

/* The figure on the data, as the coefficient's own function gives it. */
struct agree_figure bootstrap_estimate(const struct bootstrap *b);

/* How many resamples were drawn, and how many have a figure (the distribution's size). */
size_t bootstrap_resamples(const struct bootstrap *b);
size_t bootstrap_count(const struct bootstrap *b);

/* What each resample drew: pairs of values (alpha's M) or units (kappa's N). */
int64_t bootstrap_draws(const struct bootstrap *b);

/* The distribution, sorted in ascending order: bootstrap_count() figures owned by b. */
const double *bootstrap_values(const struct bootstrap *b);

struct bootstrap_interval {
    double lower;
    double upper;
    enum agree_status status; /* AGREE_DEFINED, or why there is no interval */
};

/* The percentile interval at `level` (0 < level < 1; BOOTSTRAP_LEVEL for 95 %), chosen as
 * KALPHA chooses it: of the X sorted figures (counting from 1), the lower bound is the
 * floor((1 - level) / 2 X)-th and the upper the (floor((1 + level) / 2 X) + 1)-th, both kept
 * within 1..X; for X = 1000 at 95 % the 25th and the 976th. Undefined, with the estimate's
 * status or AGREE_TOO_FEW_VALUES, when there are no figures. */
struct bootstrap_interval bootstrap_interval(const struct bootstrap *b, double level);

/* The share of the resampled figures below `minimum`: Hayes and Krippendorff's q, the
 * probability of failing to reach alpha_min (they tabulate 0.9, 0.8, 0.7, 0.667, 0.6, 0.5).
 * n = the figures counted. Undefined as bootstrap_interval() is. */
struct agree_figure bootstrap_below(const struct bootstrap *b, double minimum);

#endif
