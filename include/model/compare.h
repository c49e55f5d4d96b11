/* Inter-coder comparison: how far two or more coders of a project agree, code by code, over the
 * characters of the sources they coded (DESIGN.md, "Agreement statistics") or, MAXQDA-style,
 * over their coded segments.
 *
 * The result holds counts only (tables, coincidences, segment tallies); the figures come from
 * core/agree.h, which the caller applies to them. */
#ifndef MARGIN_MODEL_COMPARE_H
#define MARGIN_MODEL_COMPARE_H

#include "core/agree.h"
#include "core/error.h"
#include "core/outline.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct project;

enum compare_mode {
    COMPARE_CHARACTERS, /* a parent code covers its descendants */
    COMPARE_SEGMENTS,   /* exactly two coders; each code's own codings only */
};

/* What to compare. Names are as users give them. */
struct compare_request {
    const char *const *coders; /* two or more coder names */
    size_t ncoders;
    const char *const *sources; /* source names; none: every source each coder coded */
    size_t nsources;
    const char *const *codes; /* codes (number, name, ...) with their descendants; none: all */
    size_t ncodes;
    enum compare_mode mode;
    int threshold;   /* segments: overlap needed for a match, in percent (0..100) */
    bool alpha;      /* characters: Krippendorff's alpha for two coders too */
    bool every_cell; /* a row for every code of the selection and a cell for every source
                        compared, used or not (NVivo's coding comparison); otherwise only the
                        codes and cells some coder used, and the codes named */
    bool nvivo;      /* characters: NVivo's kappa (1 where kappa is undefined) is to be shown
                        too, clearly labelled (agree_kappa_nvivo()) */
};

/* Counts for one code (or every code) over one source (or pooled over sources). In characters
 * mode, pairs[p] is the table of the p-th pair of coders, pairs being ordered (0,1), (0,2), ...,
 * (1,2), ...; coded[i] is the number of characters coder i covered; coincidence holds all the
 * coders' values when alpha is computed. In segments mode, segments compares coders 0 and 1 and
 * coded[i] is coder i's number of segments. */
struct compare_counts {
    int64_t length; /* characters compared */
    int64_t *coded;
    struct agree_table *pairs;
    struct agree_coincidence coincidence;
    struct agree_segments segments;
};

/* A code's counts in one source. */
struct compare_cell {
    size_t source; /* index into compare_result.sources */
    struct compare_counts counts;
};

/* One row of the comparison: a code and its counts pooled over sources, and per source where
 * some coder used it, or for every source with every_cell (pooled counts include the other
 * sources, where every character is one that neither coder covered). */
struct compare_code {
    int64_t id;
    char number[OUTLINE_TEXT_MAX];
    char *name;
    bool used; /* some coder used it in a compared source (characters: itself or a sub-code;
                  segments: itself) */
    struct compare_counts pooled;
    struct compare_cell *cells;
    size_t ncells;
};

/* A source compared, or one left out and why. */
struct compare_source {
    char *name;
    int64_t length;
    char *reason; /* NULL for a source compared */
};

struct compare_result {
    enum compare_mode mode;
    int threshold;
    bool alpha; /* coincidences were computed (asked for, or three or more coders) */
    bool nvivo; /* characters: NVivo's kappa was asked for */
    char **coders;
    size_t ncoders;
    size_t npairs;
    struct compare_source *sources; /* compared, by name */
    size_t nsources;
    struct compare_source *excluded; /* left out, by name */
    size_t nexcluded;
    int64_t length; /* characters of the sources compared */

    /* Characters: every code in the selection that a coder used, itself or through a
     * descendant, and every code named in the request. Segments: every codable code in the
     * selection that a coder used itself, and every codable code named. With every_cell, every
     * code (segments: codable code) of the selection. Outline order. */
    struct compare_code *codes;
    size_t ncodes;

    /* Characters: every code of the selection that a coder used itself in a source that every
     * coder coded, whichever sources are compared (so that the overall figures of one source
     * are that source's share of the whole project's), each counting only its own codings (a
     * sub-code's characters are not counted again under its parent), pooled over codes and
     * the sources compared: length is direct_codes times the characters compared. Segments:
     * every code's segments; direct_codes counts the codes with a segment. */
    struct compare_counts overall;
    size_t direct_codes;

    /* Segments: Brennan and Prediger's q, the codes some coder used in the compared sources
     * (the rows with `used`); a code named but used by nobody does not count. */
    size_t categories;

    /* Segments mode: code presence over (source, code) units, for every row's code and every
     * source; code frequency over the units where some coder used the code. */
    struct agree_table presence;
    struct agree_tally frequency;
};

/* Compares the coders' codings. Fails with a message naming the problem for an unknown coder,
 * source or code, a coder named twice, fewer than two coders (exactly two for segments), or
 * when no source is left to compare. Costs O(n log n) in the number of codings (times the depth
 * of the code tree), whatever the sources' lengths; reads one source's codings at a time, so
 * that besides the result it holds only the codings of the source with the most. Returns a
 * result the caller destroys, or NULL. */
struct compare_result *compare_run(struct project *project, const struct compare_request *request,
                                   struct error *err);

/* Frees a result; accepts NULL. */
void compare_result_destroy(struct compare_result *result);

/* The index in compare_counts.pairs of coders i < j among n. */
size_t compare_pair(size_t n, size_t i, size_t j);

/* The headline agreement figure of counts in a result: Cohen's kappa for two coders over
 * characters, Krippendorff's alpha for more, Brennan and Prediger's kappa over segments (with
 * q = result->categories). */
struct agree_figure compare_headline(const struct compare_result *result,
                                     const struct compare_counts *counts);

/* What the coders disagreed on in counts: characters only some of them covered, summed over the
 * pairs, or segments not matched. */
int64_t compare_disagreement(const struct compare_result *result,
                             const struct compare_counts *counts);

enum compare_order {
    COMPARE_BY_NUMBER,       /* outline order */
    COMPARE_BY_HEADLINE,     /* lowest headline figure first, undefined ones last */
    COMPARE_BY_DISAGREEMENT, /* most disagreement first */
};

/* Writes the indexes of result->codes into rows[0..ncodes) in the order asked for, ties in
 * outline order. Returns false when memory runs out. */
bool compare_order_codes(const struct compare_result *result, enum compare_order order,
                         size_t *rows);

#endif
