/* Agreement on unit-level data: pre-defined units (speaker turns, paragraphs, cases), each
 * given at most one value by each of a fixed set of coders. Values are doubles; NAN marks a
 * missing value. For nominal statistics a value is only a label: 1.0 and 2.0 are two
 * categories, nothing more.
 *
 * Every statistic returns an agree_figure (core/agree.h) whose n is stated with it, and an
 * undefined figure says why; any of them may report AGREE_NO_MEMORY when its working arrays
 * cannot be allocated. None changes the table. */
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

/* Units x coders. */
struct ratings;

/* Returns an empty table for `ncoders` coders, or NULL when ncoders is 0 or memory runs out. */
struct ratings *ratings_create(size_t ncoders);

/* Frees the table; accepts NULL. */
void ratings_destroy(struct ratings *r);

/* Appends a unit: values[0..ncoders) in coder order, NAN where a coder gave no value. The
 * values are copied. Returns false, adding nothing, when a value is infinite or memory runs out. */
bool ratings_add_unit(struct ratings *r, const double *values);

size_t ratings_coders(const struct ratings *r);
size_t ratings_units(const struct ratings *r);

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

#endif
