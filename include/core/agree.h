/* Agreement between coders on one code: over characters, over segments (MAXQDA style) and over
 * code presence and frequency per source. The definitions are those of DESIGN.md, "Agreement
 * statistics". Unit-level data (speaker turns and the like) are in core/ratings.h.
 *
 * Counts are exact 64-bit integers. Each figure is one division at the end: of exact integers
 * where they fit in 64 bits (percentages, kappa), of long double sums otherwise (alpha, and
 * kappa of tables past 2^63). A figure that is undefined says why instead of holding a NaN.
 * A figure whose exact value is zero is +0.0, never -0.0: where a numerator is a difference of
 * floating-point sums (alpha), a difference within rounding error of the sums counts as zero. */
#ifndef MARGIN_CORE_AGREE_H
#define MARGIN_CORE_AGREE_H

#include "core/span.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum agree_status {
    AGREE_DEFINED = 0,
    AGREE_EMPTY,              /* nothing to compare: no characters, units or segments */
    AGREE_CODE_UNUSED,        /* no coder used the code */
    AGREE_NO_VARIATION,       /* every value is the same, so chance agreement is total */
    AGREE_TOO_FEW_VALUES,     /* fewer than two pairable values */
    AGREE_TOO_FEW_CODERS,     /* fewer than two coders */
    AGREE_NOT_TWO_CODERS,     /* the figure is defined for exactly two coders */
    AGREE_INCOMPLETE_DATA,    /* a unit lacks some coder's value */
    AGREE_BAD_CATEGORIES,     /* fewer than two categories, or fewer than the values used */
    AGREE_NEGATIVE_VALUE,     /* ratio data with a value below zero */
    AGREE_OVERLAPPING_VALUES, /* a coder gave one stretch of a continuum two values of a domain */
    AGREE_NO_OVERLAP,         /* no two coders' units overlap */
    AGREE_NONE_DEFINED,       /* a mean of figures none of which is defined */
    AGREE_NO_MEMORY,          /* memory ran out while computing; keep it last */
};

/* A statistic, its n (what n counts is stated with each function) and whether it is defined.
 * `value` is meaningful only when status is AGREE_DEFINED; it is then finite. */
struct agree_figure {
    double value;
    int64_t n;
    enum agree_status status;
};

/* A short English phrase for a status, such as "neither coder used the code", suitable for a
 * report or a JSON `*_reason` field. Static storage; never NULL. */
const char *agree_status_text(enum agree_status status);

/* --- Two coders over the characters of a source ------------------------------------------- */

/* For one code and one source of `length` characters: a = characters both coders covered,
 * b = only the first, c = only the second, d = neither. */
struct agree_table {
    int64_t a, b, c, d;
};

/* Counts the table from each coder's spans with the code (for a parent code, the spans of it
 * and its descendants together). A coder's spans may overlap or touch each other; a character
 * is counted once. Spans are clipped to [0, length); empty ones are ignored. Sorts both arrays
 * in place (nothing else changes). Costs O(n log n) in the number of spans, whatever the
 * length. A negative length counts as 0. */
struct agree_table agree_table_from_spans(struct span *a, size_t na, struct span *b, size_t nb,
                                          int64_t length);

/* Adds `part` into `sum`: pooling over sources or codes is adding tables, then computing. */
void agree_table_add(struct agree_table *sum, struct agree_table part);

/* Percent agreement (a+d)/L as a proportion in [0, 1]; n = L. AGREE_EMPTY when L = 0. */
struct agree_figure agree_percent(struct agree_table t);

/* Cohen's kappa (p_o - p_e)/(1 - p_e), computed as 2(ad - bc) / ((a+b)(b+d) + (a+c)(c+d)),
 * which is the same fraction; n = L. Undefined where p_e = 1: AGREE_EMPTY (L = 0),
 * AGREE_CODE_UNUSED (a+b+c = 0) or AGREE_NO_VARIATION (both coders coded every character). */
struct agree_figure agree_kappa(struct agree_table t);

/* A figure with the two quantities it compares. For kappa, `observed` and `expected` are
 * agreements and figure = (observed - expected) / (1 - expected); for alpha they are
 * disagreements and figure = 1 - observed / expected. Both are 0 when the figure is undefined
 * for want of data (AGREE_EMPTY, AGREE_TOO_FEW_VALUES); otherwise they hold what was computed
 * (an expected agreement of 1 for AGREE_CODE_UNUSED, say). */
struct agree_details {
    struct agree_figure figure;
    double observed;
    double expected;
};

/* Cohen's kappa (agree_kappa(), the same figure) with p_o = (a+d)/L and
 * p_e = ((a+b)(a+c) + (c+d)(b+d))/L². */
struct agree_details agree_kappa_details(struct agree_table t);

/* NVivo's kappa column: Cohen's kappa, but 1 where p_e = 1 in a source that has characters
 * (AGREE_CODE_UNUSED and AGREE_NO_VARIATION), as NVivo shows it. A convention, not a
 * statistic: say so wherever it is shown. n = L; AGREE_EMPTY when L = 0. */
struct agree_figure agree_kappa_nvivo(struct agree_table t);

/* Conger's (1980) kappa over characters for m >= 2 coders, from the tables of every pair of
 * coders over the same L characters, pairs[0 .. m(m-1)/2) in the order (0,1), (0,2), ...,
 * (0,m-1), (1,2), ...: observed agreement P = the mean over pairs of (a+d)/L (which is the
 * mean over characters of the share of pairs of coders that agree), chance agreement P_e =
 * the mean over pairs of Cohen's p_e. For two coders it is Cohen's kappa. n = L. Computed as
 * sum 2(ad - bc) / sum ((a+b)(b+d) + (a+c)(c+d)) over the pairs, exactly where it fits in
 * 64 bits. AGREE_TOO_FEW_CODERS when m < 2, AGREE_EMPTY when L = 0, AGREE_CODE_UNUSED when no
 * coder covered a character, AGREE_NO_VARIATION when every coder covered every one. */
struct agree_details agree_conger_kappa(const struct agree_table *pairs, size_t ncoders);

/* Positive agreement 2a/(2a+b+c) and Jaccard a/(a+b+c); n = a+b+c, the characters at least one
 * coder covered. AGREE_EMPTY when L = 0, AGREE_CODE_UNUSED when a+b+c = 0. */
struct agree_figure agree_positive(struct agree_table t);
struct agree_figure agree_jaccard(struct agree_table t);

/* --- Krippendorff's alpha over characters, any number of coders ---------------------------- */

/* The binary coincidence matrix of Krippendorff (2011), with value 1 = "coded with the code":
 * o00, o01 (= o10) and o11, accumulated over sources. */
struct agree_coincidence {
    double o00, o01, o11;
};

/* Adds one source of `length` characters to the matrix. coders[i][0..counts[i]) are the spans
 * of the i-th coder present in this source (coders who did not code the source are left out:
 * their values are missing). Each character is a unit with ncoders values; a source with fewer
 * than two coders adds nothing. May sort each coder's spans in place (nothing else changes).
 * Costs O(n log n) in the number of spans. Returns false, leaving the matrix unchanged, when
 * memory runs out. */
bool agree_coincidence_add(struct agree_coincidence *m, struct span *const *coders,
                           const size_t *counts, size_t ncoders, int64_t length);

/* The coincidences of a two-coder table: o00 = 2d, o01 = b+c, o11 = 2a. */
struct agree_coincidence agree_coincidence_from_table(struct agree_table t);

/* Krippendorff's alpha, 1 - (n-1) o01 / (n0 n1) with n0 = o00+o01, n1 = o11+o01; n = the
 * number of pairable values n0+n1. AGREE_TOO_FEW_VALUES when n < 2, AGREE_CODE_UNUSED when no
 * value is 1, AGREE_NO_VARIATION when every value is 1. */
struct agree_figure agree_alpha_binary(const struct agree_coincidence *m);

/* Krippendorff's alpha (agree_alpha_binary(), the same figure) with D_o = 2 o01 / n and
 * D_e = 2 n0 n1 / (n (n-1)). */
struct agree_details agree_alpha_details(const struct agree_coincidence *m);

/* --- Means of a figure over sources -------------------------------------------------------- */

/* The mean of a figure over parts (sources): unweighted, or weighted by each part's size (a
 * source's length). A convention some tools report next to the pooled figure, which is the
 * primary one; only defined figures count. */
struct agree_mean {
    long double sum;      /* of the figures */
    long double weighted; /* of weight x figure */
    long double size;     /* of |figure| and of weight x |figure|, for rounding */
    long double weighted_size;
    int64_t weight; /* of the parts counted */
    int64_t count;  /* parts counted */
};

/* Counts f with `weight` (>= 0) when it is defined; an undefined figure is left out. */
void agree_mean_add(struct agree_mean *m, struct agree_figure f, int64_t weight);

/* The mean of the figures added, weighted or not; n = the parts counted. AGREE_NONE_DEFINED
 * when none was defined (or, weighted, when their weights are all 0). A mean within rounding
 * error of zero is +0.0. */
struct agree_figure agree_mean_value(const struct agree_mean *m, bool weighted);

/* --- MAXQDA-style agreement ---------------------------------------------------------------- */

/* Outcomes over units that either agree or not: segments, or (source, code) frequencies. */
struct agree_tally {
    int64_t agreed;
    int64_t total;
};

/* Segment agreement for one code and one source. */
struct agree_segments {
    int64_t a_segments; /* the first coder's segments, after merging overlaps */
    int64_t b_segments;
    int64_t a_matched; /* of those, how many the other coder matched */
    int64_t b_matched;
};

/* The default overlap threshold, in percent (DESIGN.md). */
#define AGREE_SEGMENT_THRESHOLD 90

/* Matches each coder's segments against the other's: a segment is matched when the other coder
 * has a segment that shares at least one character with it and covers at least
 * threshold_percent of the extent of the two together (first start to last end), inclusive,
 * compared in integers. threshold_percent is clamped to 0..100. A coder's overlapping segments
 * are first merged into one, as MAXQDA never lets one code cover a character twice; touching
 * ones stay apart and empty ones are dropped. The arrays are sorted and merged in place:
 * afterwards a[0..a_segments) and b[0..b_segments) hold the segments compared. Costs
 * O(n log n) in the number of segments. */
struct agree_segments agree_segments_match(struct span *a, size_t na, struct span *b, size_t nb,
                                           int threshold_percent);

/* Adds `part` into `sum` (pooling over sources and codes). */
void agree_segments_add(struct agree_segments *sum, struct agree_segments part);

/* MAXQDA's table counts every segment of both coders once: agreed = a_matched + b_matched,
 * total = a_segments + b_segments. */
struct agree_tally agree_segments_tally(struct agree_segments s);

/* Code frequency: adds one (source, code) unit that agrees when both coders coded the code
 * equally often there. Callers decide which units to pass (MAXQDA's table lists the codes that
 * at least one coder assigned in the document). */
void agree_frequency_add(struct agree_tally *t, int64_t a_count, int64_t b_count);

/* Code presence: adds one (source, code) unit to a two-coder table whose units are (source,
 * code) pairs: a = both used the code there, b = only the first, c = only the second,
 * d = neither. agree_percent() and agree_kappa() then apply as they do to characters;
 * agree_jaccard() leaves out the units where neither coder used the code. */
void agree_presence_add(struct agree_table *t, bool a_used, bool b_used);

/* agreed / total as a proportion; n = total. AGREE_CODE_UNUSED when total = 0. */
struct agree_figure agree_tally_percent(struct agree_tally t);

/* Brennan and Prediger's (1981) free-marginal kappa, (p_o - 1/q) / (1 - 1/q) with
 * p_o = agreed / total and q = categories; MAXQDA takes q to be the number of codes in the
 * comparison. n = total. AGREE_CODE_UNUSED when total = 0, AGREE_BAD_CATEGORIES when q < 2. */
struct agree_figure agree_tally_kappa(struct agree_tally t, int64_t categories);

#endif
