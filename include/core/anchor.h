/* Moving codings and memos with their text when a source's text is replaced: each span of
 * the old text is re-mapped through an edit script (core/diff.h) to a span of the new text.
 *
 * The rules, for a span [s, e) of the old text (code points, 0-based, end exclusive):
 *
 * - Its characters that the script keeps stay covered, wherever they moved.
 * - Text inserted strictly inside it (between two of its characters) is covered.
 *   Text inserted exactly at its start or its end is not: the coded words stay the same.
 * - When some of its characters are replaced (deleted, with text inserted in their place, as
 *   "Smith" becomes "[P07]"), it covers the replacement text, all of it, even when the
 *   replacement also took characters on either side of the span ("Dr Smith" becomes "[P07]"
 *   while only "Smith" was coded). A researcher who coded a name expects the placeholder to be
 *   coded in its place; a coding of "Smith said" becomes one of "[P07] said".
 * - So a span whose characters were all replaced covers the replacement: it is REPLACED, not
 *   detached. Only when all of its characters were deleted and nothing was put in their place
 *   is it DETACHED: it keeps an empty span at the place its text was (where the text that
 *   followed it now starts), so that it can be reported and re-coded; it is never dropped.
 * - The new span is the smallest one covering all of the above; nothing else lies inside it.
 *   It always lies within the new text: 0 <= start <= end <= the new length.
 * - An empty span [p, p) (a place, not text) moves to just before the first character at or
 *   after p that the script keeps (or to the end of the new text when none is), so text
 *   inserted at p comes before it. It is UNCHANGED or MOVED.
 *
 * A span's deleted characters, kept characters and covered insertions are counted in its
 * result; its change says which of them there are.
 *
 * The rules follow the script, so a script straight from the diff, which keeps letters that a
 * word and its replacement share by chance, moves a coded word's span onto those letters; run
 * diff_cleanup() on it first. A caller that made the edits itself (a redaction) can build the
 * script with diff_script_push() instead. */
#ifndef MARGIN_CORE_ANCHOR_H
#define MARGIN_CORE_ANCHOR_H

#include "core/diff.h"
#include "core/span.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum anchor_change {
    ANCHOR_UNCHANGED, /* the same text at the same offsets */
    ANCHOR_MOVED,     /* the same text at other offsets */
    ANCHOR_SHRUNK,    /* some of its characters deleted, nothing inserted inside it */
    ANCHOR_GROWN,     /* text inserted inside it, none of its characters deleted */
    ANCHOR_EDITED,    /* some of its characters deleted and text inserted inside it (part of
                       * it replaced): it covers the new text */
    ANCHOR_REPLACED,  /* all of its characters replaced: it covers the replacement */
    ANCHOR_DETACHED,  /* all of its characters deleted: an empty span where they were */
    ANCHOR_INVALID,   /* it was not a span of the old text (start < 0, end < start, or end past
                       * the old text's length): the new span is [0, 0) */
};

#define ANCHOR_CHANGES (ANCHOR_INVALID + 1)

struct anchor_result {
    struct span span;          /* in the new text */
    enum anchor_change change; /* what happened to it */
    int64_t kept;              /* its old characters still covered */
    int64_t deleted;           /* its old characters deleted: kept + deleted is its old length */
    int64_t inserted;          /* new characters covered: kept + inserted is its new length */
};

/* "unchanged", "moved", "shrunk", "grown", "edited", "replaced", "detached", "invalid". */
const char *anchor_change_name(enum anchor_change change);

struct anchor_piece;

/* An edit script indexed by old offset, for re-mapping many spans in O(log runs) each.
 * Initialise with {0}. */
struct anchor_map {
    struct anchor_piece *pieces; /* the script's kept runs and changes that delete something */
    size_t count;
    int64_t old_length;
    int64_t new_length;
};

/* Indexes a script in O(runs). It need not be canonical: neighbouring delete and insert runs in
 * either order form one change; runs of length 0 or less are ignored. Returns false when memory
 * runs out, leaving the map empty. A map is built again over an old one; anchor_map_finish
 * frees it. */
bool anchor_map_init(struct anchor_map *map, const struct diff_script *script);
void anchor_map_finish(struct anchor_map *map);

/* Re-maps one span of the old text by the rules above, in O(log runs). */
struct anchor_result anchor_map_span(const struct anchor_map *map, struct span old);

/* Re-maps old[0..n) through the script into out[0..n), in the caller's order, in
 * O(runs + n log runs). Returns false when memory runs out (out is then undefined). */
bool anchor_remap(const struct diff_script *script, const struct span *old, size_t n,
                  struct anchor_result *out);

#endif
