/* Krippendorff's unitizing alphas: agreement on where units lie in a continuum, and on the
 * values given to them. In margin the continuum is the characters (code points) of a source; a
 * coder's units are that coder's codings, each with a value (a code, or one child of a code:
 * what a value is, the caller decides). Characters no unit of a coder covers are that coder's
 * gaps. Every coder is taken to have coded every source given: no codings means all gap.
 *
 * Two families are offered.
 *
 * Krippendorff (2004), Content Analysis, 2nd ed., pp. 251-256 (after Krippendorff 1995, "On the
 * reliability of unitizing contiguous data", Sociological Methodology 25), value by value: for
 * value c, each coder's sections are the units of c and the gaps between them (units of other
 * values are gap here), and
 *   D_o = 2 / (m (m-1) L^2) * sum over pairs of coders i < j of sum over their sections g, h
 *         that overlap of delta^2(g, h), where delta^2 is
 *           (b_g - b_h)^2 + (e_g - e_h)^2   for two units (b start, e end),
 *           l_g^2                           for a unit g lying wholly within a gap h,
 *           0                               otherwise;
 *   D_e = 2/L * sum over the units g of c of every coder of
 *             [ (N_c - 1) (2 l_g^3 - 3 l_g^2 + l_g) / 3
 *               + l_g^2 * sum over every coder's gaps h with l_h >= l_g of (l_h - l_g + 1) ]
 *         / [ m L (m L - 1) - sum over the units g of c of l_g (l_g - 1) ],
 * N_c being the number of units of c of all coders, m the coders and L the length. uα_c =
 * 1 - D_o / D_e, and over all values uα = 1 - sum_c D_o / sum_c D_e. These are the formulas of
 * DKPro Statistics' KrippendorffAlphaUnitizingAgreement, which reproduces the book's example
 * (uα = 0.7286 for c, 1 for k); with more than two coders the pairs are averaged as there.
 *
 * Krippendorff, Mathet, Bouvry and Widlöcher (2016), "On the reliability of unitizing textual
 * continua: further developments", Quality & Quantity 50, and Content Analysis, 4th ed. (2019),
 * section 12.6, over a domain of values: each coder partitions the continuum into units (with
 * their values) and gaps (value φ). With l(s) a segment's length,
 *   l_ck = 1/(m-1) * sum over ordered pairs of coders i != j of the characters where i's segment
 *          has value c and j's has value k (the observed coincidences; l.. = m L);
 *   S_c  = sum of l(g)^2 over the units g of value c, and for φ the gaps' total length (a gap
 *          has no parts that must stay together);
 *   e_ck = l.. (l_c. l_.k - [c = k] S_c) / (l..^2 - sum_c S_c)   (expected coincidences);
 *   uα   = 1 - (l.. - sum_c l_cc) / (l.. - sum_c e_cc);
 *   |uα  = the same with every value taken as one ("relevant matter" against the gaps);
 *   cuα  = the same over the coincidences of values with values only (l*_ck = l_ck, c, k != φ),
 *          with S*_c = 1/(m-1) * sum over units g of value c of coder i and coders j != i of
 *          (the characters of g that j's units cover)^2 in place of S_c, and l*.. in place of
 *          l..: the reliability of the values where coders' units overlap;
 *   (k)uα = 1 - (e*_k. / l*_k.) (l*_k. - l*_kk) / (e*_k. - e*_kk): that of one value k;
 *   Cuα  = cuα over several domains together (unitize_domains_coding_alpha()).
 * The paper and the book were not at hand; the formulas come from two independent open
 * implementations (the Python unitized_alpha of the 2016 paper's equations and the R package
 * quallmer's of the book's), and reproduce the book's example (uα = 0.510). They agree on
 * everything but S*_c with three or more coders (quallmer squares a unit's overlap with all
 * other coders' units together), and with three or more coders both readings can make
 * l*..^2 - S* zero or negative (a unit that only one other coder's unit meets is enough), so
 * the expected coincidences break down. cuα and (k)uα are therefore offered for two coders,
 * where every reading agrees and l*..^2 > S* always holds.
 *
 * Several sources are one continuum whose length is the sum of theirs, cut at the sources'
 * ends: a unit or a gap never runs from one source into the next (the matrices and sums are
 * added over sources; in the 2004 coefficient a unit's chance placements range over the gaps
 * of all sources).
 *
 * Every figure's n counts coder-characters (a character as coded by one coder): m L, except
 * where said otherwise. A figure whose exact value is zero is +0.0. */
#ifndef MARGIN_CORE_UNITIZE_H
#define MARGIN_CORE_UNITIZE_H

#include "core/agree.h"
#include "core/span.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A coding: a span and its value, 0 .. nvalues-1. */
struct unitize_unit {
    struct span span;
    uint32_t value;
};

/* Which of a coder's codings with one value make one unit. */
enum unitize_joining {
    UNITIZE_JOIN_TOUCHING,    /* those that overlap or touch: margin's reading of a coding */
    UNITIZE_JOIN_OVERLAPPING, /* those that overlap; touching ones stay apart, as in
                                 Krippendorff's examples */
};

/* Passed as a value: every value of the domain. */
#define UNITIZE_ALL SIZE_MAX

/* The codings of m coders over one or more sources. */
struct unitize;

/* Returns an empty accumulator for `ncoders` coders and values 0 .. nvalues-1, or NULL when
 * ncoders or nvalues is 0, nvalues exceeds UINT32_MAX, or memory runs out. */
struct unitize *unitize_create(size_t ncoders, size_t nvalues, enum unitize_joining joining);

/* Frees the accumulator; accepts NULL. */
void unitize_destroy(struct unitize *u);

/* Adds one source of `length` characters: coders[i][0 .. counts[i]) are coder i's codings in
 * it (the arrays are read, not changed; a NULL array with count 0 is fine). Spans are clipped
 * to [0, length) and empty ones dropped; a coder's codings of one value are joined into units
 * as `joining` says. When a coder's units of two different values share a character, the
 * figures over the whole domain become AGREE_OVERLAPPING_VALUES (those of single values are
 * unaffected). Returns false, adding nothing, when memory runs out or a value is not below
 * nvalues. Costs O(n log n) in the source's codings. */
bool unitize_add_source(struct unitize *u, int64_t length, const struct unitize_unit *const *coders,
                        const size_t *counts);

/* The coder-characters coded with `value` (UNITIZE_ALL: with any value), after joining. */
int64_t unitize_coded(const struct unitize *u, size_t value);

/* A figure with its observed and expected disagreements: D_o and D_e for the 2004
 * coefficient; for the 2016 ones the off-diagonal shares (l.. - sum l_cc) / l.. and
 * (l.. - sum e_cc) / l.. (starred for cuα; for (k)uα those of row k). figure = 1 - observed /
 * expected. Both 0 when the figure is undefined for want of data. */
struct unitize_details {
    struct agree_figure figure;
    double observed;
    double expected;
};

/* Krippendorff's (2004) uα of `value`, or UNITIZE_ALL for all values pooled. n = m L.
 * AGREE_TOO_FEW_CODERS with one coder, AGREE_EMPTY when L = 0, AGREE_CODE_UNUSED when no coder
 * has a unit of the value (or of any value), AGREE_NO_VARIATION when D_e = 0 otherwise.
 * Costs O(n log n) in the units, O(v n) for UNITIZE_ALL over v values. */
struct unitize_details unitize_alpha_2004(const struct unitize *u, size_t value);

/* The 2016 uα over the whole domain: values and gaps. n = m L. Undefined as the 2004 one is,
 * and AGREE_OVERLAPPING_VALUES. Costs O(n log n + I d^2), I <= 2n + sources being the stretches
 * between unit ends and d <= min(m, v+1) the values present in one. */
struct unitize_details unitize_alpha(const struct unitize *u);

/* |uα: `value`'s units against everything else (a single code's unitizing), or UNITIZE_ALL:
 * every value's units taken as one against the gaps (the domain's). n = m L. Undefined as
 * unitize_alpha() is (AGREE_OVERLAPPING_VALUES only for UNITIZE_ALL). */
struct unitize_details unitize_binary_alpha(const struct unitize *u, size_t value);

/* cuα over the whole domain, for two coders (AGREE_NOT_TWO_CODERS otherwise: see above). n =
 * the coder-characters inside a unit that the other coder's units also cover (l*..).
 * AGREE_NO_OVERLAP when there are none, AGREE_NO_VARIATION when one value is all there is
 * among them, and as unitize_alpha(). Costs as unitize_alpha() plus O(n). */
struct unitize_details unitize_coding_alpha(const struct unitize *u);

/* Cuα over several semantic domains, each an accumulator of its own (over the same coders and
 * sources), for two coders: cuα of the domains taken together, the disagreeing observed and
 * expected coincidences of each domain's cuα (l*.. - sum l*_cc and l*.. - sum e*_cc) summed
 * over the domains before they are divided, as the 2004 uα pools its values (sum D_o over sum
 * D_e). A unit of one domain is never compared with a unit of another: a coder may code one
 * stretch in several domains. The book's own formula (Content Analysis, 4th ed., 2019,
 * section 12.6) was not at hand; this is the pooling the family uses elsewhere, and for one
 * domain it is that domain's cuα. n = the domains' l*.. together; observed and expected are
 * shares of it. Domains with no units or no overlap add nothing. AGREE_EMPTY with no domain
 * (or L = 0), AGREE_CODE_UNUSED when no domain has a unit, AGREE_NO_OVERLAP when no domain's
 * units overlap the other coder's, AGREE_NO_VARIATION when no disagreement is expected, and
 * a domain's AGREE_OVERLAPPING_VALUES, AGREE_NOT_TWO_CODERS or AGREE_TOO_FEW_CODERS. */
struct unitize_details unitize_domains_coding_alpha(const struct unitize *const *domains,
                                                    size_t count);

/* (k)uα of `value`, for two coders. n = the coder-characters inside a unit of the value that
 * the other coder's units also cover; their share of unitize_coded(u, value) is the value's
 * coverage. AGREE_CODE_UNUSED when no coder used the value, AGREE_NO_OVERLAP when no unit of
 * the other coder meets its units, AGREE_NO_VARIATION when no disagreement is expected, and
 * as unitize_coding_alpha(). */
struct unitize_details unitize_value_alpha(const struct unitize *u, size_t value);

#endif
