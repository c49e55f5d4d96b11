/* A character-level diff of two texts: an edit script of runs of kept, deleted and inserted
 * code points, for replacing a source's text (a corrected or redacted transcript) without
 * losing its codings (core/anchor.h moves them).
 *
 * How it works, and what it costs (n and m are the two lengths, D the number of code points
 * deleted plus inserted):
 *
 * 1. The common prefix and suffix are cut off in O(n + m).
 * 2. When what is left holds at least `anchor_above` code points (both sides together), it is
 *    cut at anchors: runs of DIFF_ANCHOR_WIDTH code points that occur exactly once in each
 *    text (among runs sampled by their content, about one position in 32), kept when they
 *    come in the same order in both (the longest such chain, as patience diff keeps lines).
 *    Anchored runs are kept; only the gaps between them are compared further. This is
 *    O((n + m) log) and makes a transcript with scattered small corrections cost about as
 *    much as reading it.
 * 3. Each gap is compared by Myers' O(ND) algorithm in linear space (the middle snake, with
 *    the common prefix and suffix cut at every step). One search for a middle snake may take
 *    at most `search` edit steps from each end; a search that needs more splits its region at
 *    the furthest point either end reached (as git's xdiff does), which is correct but need
 *    not be minimal. Its memory is O(search), whatever the texts' sizes.
 * 4. All the searches together may do `budget` units of work (a diagonal visited or a code
 *    point compared). When it is spent, each region still to be compared is replaced whole:
 *    its old code points deleted and its new ones inserted. Completely different texts hence
 *    cost O(budget + n + m) time, not O(nm), and never more than O(n + m) memory.
 *
 * The script is always correct: applying it to the old text gives the new text exactly. It is
 * minimal (no script deletes and inserts fewer code points) when `minimal` says so: always for
 * texts that step 2 leaves alone and whose middle snakes fit the search limit (with the
 * default limits: texts that differ in at most 2 x 1024 code points and are shorter than
 * 4096 code points after the common prefix and suffix). */
#ifndef MARGIN_CORE_DIFF_H
#define MARGIN_CORE_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The length of an anchor, in code points. */
#define DIFF_ANCHOR_WIDTH 32

enum diff_op {
    DIFF_EQUAL,  /* code points kept: `length` of the old text equal `length` of the new */
    DIFF_DELETE, /* code points of the old text left out */
    DIFF_INSERT, /* code points of the new text added */
};

struct diff_run {
    enum diff_op op;
    int64_t length; /* at least 1 */
};

/* An edit script, in order from the start of both texts. It is canonical: no run is empty,
 * no two neighbours have the same op, and between two kept runs there is at most one delete
 * run followed by at most one insert run (a replacement is a delete run, then an insert run).
 * Initialise with {0}; diff_script_finish frees it. */
struct diff_script {
    struct diff_run *items;
    size_t count;
    size_t cap;
    /* Set by the diff functions: */
    bool minimal; /* no anchor, search limit, budget or clean-up shaped it: a shortest script */
    bool coarse;  /* the budget ran out and some region was replaced whole: the texts are too
                   * different for codings in that region to follow their text */
};

/* How much work a diff may do; diff_limits_default() gives the values described above. */
struct diff_limits {
    int64_t search;      /* edit steps from each end of one middle-snake search, at least 1 */
    int64_t budget;      /* work for the whole diff: no search step starts after this much */
    size_t anchor_above; /* regions at least this long are cut at anchors; SIZE_MAX: never */
};

/* search 1024; budget 2^22 + 32 x (na + nb); anchor_above 4096. */
struct diff_limits diff_limits_default(size_t na, size_t nb);

/* Compares the code points a[0..na) with b[0..nb) under the default limits and replaces
 * *out's runs with the edit script from a to b. Returns false when memory runs out, leaving
 * *out empty. */
bool diff_code_points(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                      struct diff_script *out);

/* The same under the given limits. */
bool diff_code_points_limited(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                              struct diff_limits limits, struct diff_script *out);

/* Compares two UTF-8 texts (a[0..na) and b[0..nb) bytes; bytes that are not valid UTF-8 count
 * as one U+FFFD each, as utf8_decode_or_replace reads them) code point by code point under
 * the default limits, as diff_code_points does. Returns false when memory runs out, leaving
 * *out empty. */
bool diff_utf8(const char *a, size_t na, const char *b, size_t nb, struct diff_script *out);

/* Makes chance matches inside replacements part of them, for re-mapping codings. A minimal
 * script keeps whatever code points the two texts share: when "the rota was" becomes
 * "the [GP practice 1] was" it keeps the "r" and the "a" of "rota" inside the placeholder, and
 * a coding of "rota" would follow them to "ra" of "practice" instead of covering the
 * placeholder.
 *
 * A kept run between two changes is merged into them (deleted and inserted again) when it
 * holds only letters and digits, and it is no longer than the larger side (deleted or
 * inserted) of the change before it, nor than that of the change after it, counting what was
 * merged already: the rule of diff-match-patch's semantic clean-up, kept within words. Kept
 * runs at the start or the end of the text, and kept runs holding white space, punctuation or
 * symbols, are never merged: "Smith and Jones" becoming "[P07] and [P08]" stays two
 * replacements.
 *
 * The script must go from a (its old text). It stays canonical and still turns a into the new
 * text, but may no longer be minimal (`minimal` is cleared when something was merged).
 * O(runs + the old length). Returns false when memory runs out, leaving the script as it
 * was. */
bool diff_cleanup(struct diff_script *script, const uint32_t *a);

/* The same for a script made by diff_utf8 from the UTF-8 text a[0..na). O(runs + na). */
bool diff_cleanup_utf8(struct diff_script *script, const char *a, size_t na);

/* Appends a run of `length` code points (nothing when length <= 0), keeping the script
 * canonical: it joins a last run with the same op, and a delete run that follows an insert run
 * goes before it. For callers that know their edits, such as a redaction that replaces known
 * occurrences: their script needs no diff. Returns false when memory runs out, leaving the script
 * as it was. */
bool diff_script_push(struct diff_script *script, enum diff_op op, int64_t length);

/* Frees the runs; accepts a script that was never filled. Leaves it empty ({0}). */
void diff_script_finish(struct diff_script *script);

/* The lengths of the old text (kept plus deleted code points) and the new text (kept plus
 * inserted) that the script goes between; either pointer may be NULL. */
void diff_script_lengths(const struct diff_script *script, int64_t *old_length,
                         int64_t *new_length);

/* The number of code points the script deletes plus the number it inserts. */
int64_t diff_script_distance(const struct diff_script *script);

#endif
