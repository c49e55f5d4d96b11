/* Moving through a text and selecting parts of it, as the transcript pane does: words,
 * sentences, paragraphs and speaker turns. Offsets are code points; spans are half-open.
 *
 * A word is a run of letters and digits (iswalnum() in a UTF-8 locale, so "Siobhán" is one
 * word); anything else separates words. A sentence ends after '.', '!' or '?' (and any closing
 * quotes or brackets) followed by a space or a line end, and at every line end. A paragraph is a
 * run of lines that are not blank. */
#ifndef MARGIN_CORE_MOTION_H
#define MARGIN_CORE_MOTION_H

#include "core/row.h"
#include "core/span.h"
#include "core/text.h"

#include <stdint.h>

/* Start of the next word after `offset` (the text's length when there is none). */
int64_t motion_word_next(const struct text *text, int64_t offset);

/* Start of the word before `offset`, or of the word it is inside (0 when there is none). */
int64_t motion_word_prev(const struct text *text, int64_t offset);

/* Last character of the word at or after offset + 1. */
int64_t motion_word_end(const struct text *text, int64_t offset);

/* Start of the next sentence, and of the current or previous one. */
int64_t motion_sentence_next(const struct text *text, int64_t offset);
int64_t motion_sentence_prev(const struct text *text, int64_t offset);

/* Start of the next paragraph, and of the current or previous one. */
int64_t motion_paragraph_next(const struct text *text, int64_t offset);
int64_t motion_paragraph_prev(const struct text *text, int64_t offset);

/* Start and end of the line holding offset (the end excludes the line feed). */
int64_t motion_line_start(const struct text *text, int64_t offset);
int64_t motion_line_end(const struct text *text, int64_t offset);

/* Text objects: the word, sentence or paragraph at offset. `around` adds the spaces after a
 * word or sentence and the blank lines after a paragraph. A word at a space is the run of
 * spaces. */
struct span motion_word_at(const struct text *text, int64_t offset, bool around);
struct span motion_sentence_at(const struct text *text, int64_t offset, bool around);
struct span motion_paragraph_at(const struct text *text, int64_t offset, bool around);

/* Units of agreement: the sentences or the paragraphs of a text, in order, as
 * motion_sentence_at() and motion_paragraph_at() (without `around`) find them, each starting at
 * its first character that is not a space, tab or line feed; stretches of only those belong to
 * no unit. Sets *units to an array of *count spans that the caller frees (NULL when there are
 * none). Returns false, with *units NULL and *count 0, when memory runs out. Costs O(length). */
enum motion_unit {
    MOTION_SENTENCES,
    MOTION_PARAGRAPHS,
};
bool motion_units(const struct text *text, enum motion_unit kind, struct span **units,
                  size_t *count);

/* Turns are in text order and do not overlap, so these look them up by binary search. */

/* The speaker turn holding offset, as an index into turns, or -1. */
int motion_turn_at(const struct turn_list *turns, int64_t offset);

/* The index of the first turn whose label is not over at offset (the turn whose label holds
 * offset, or else the next turn); turns->count when there is none. */
size_t motion_turn_label_from(const struct turn_list *turns, int64_t offset);

/* The turn span at offset: with `around`, label and all; without, what was said. {0, 0} when
 * offset is in no turn. */
struct span motion_turn_span(const struct turn_list *turns, int64_t offset, bool around);

/* Start of the next turn after offset, and of the current or previous one; -1 if there is none. */
int64_t motion_turn_next(const struct turn_list *turns, int64_t offset);
int64_t motion_turn_prev(const struct turn_list *turns, int64_t offset);

/* Searching and coded text. */

/* The next (direction > 0) or previous (direction < 0) occurrence of `needle` (UTF-8), letters
 * compared without regard to ASCII case, starting after (or before) the code point at `offset`
 * and wrapping around the text. Returns its code point offset, or -1 when the text does not hold
 * it (or needle is empty). Costs O(length of the text) at worst. */
int64_t motion_search(const struct text *text, const char *needle, int64_t offset, int direction);

/* The start of the first coding that starts after `offset` (direction > 0), or of the last one
 * that starts before it (direction < 0); -1 when there is none. `codings` are ordered by start,
 * as a session keeps them; found by binary search. */
int64_t motion_coded(const struct coding_list *codings, int64_t offset, int direction);

/* The start of the next (direction > 0) or previous stretch of text that no coding in `codings`
 * covers, not counting spaces, tabs and line feeds: forwards, it leaves the stretch `offset` is
 * in and crosses what is coded or blank; backwards, it goes to the start of the stretch before.
 * Returns -1 when there is none. Costs O(n log n) in the number of codings plus the characters
 * crossed. */
int64_t motion_uncoded(const struct text *text, const struct coding_list *codings, int64_t offset,
                       int direction);

#endif
