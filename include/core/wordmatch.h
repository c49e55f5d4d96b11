/* Finding and replacing whole words: the names, places and organisations a redaction map lists.
 *
 * A pattern matches where its code points stand in the text with no letter or digit just
 * before or just after it (a letter or digit: ASCII ones and code points above Latin-1's
 * symbols, outside punctuation, space and symbol blocks). "Ann" matches in "Ann's" and
 * "(Ann)", not in "Annual" or "Joanne". Where patterns overlap, the longest that starts first
 * wins, so "Ann Lee" is replaced whole before "Ann" is considered.
 *
 * Case: by default a pattern matches only the same letters in the same case. With `fold`,
 * letters match in either case: A-Z and a-z, and the letters of Latin-1 (À-Þ and à-þ); other
 * letters still match only in their own case. */
#ifndef MARGIN_CORE_WORDMATCH_H
#define MARGIN_CORE_WORDMATCH_H

#include "core/diff.h"
#include "core/strbuf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct wordmatch;

/* Creates an empty set of patterns; NULL when memory runs out. */
struct wordmatch *wordmatch_create(bool fold);

/* Frees it; accepts NULL. */
void wordmatch_destroy(struct wordmatch *set);

/* Adds a pattern (valid UTF-8, not empty) and what replaces it (valid UTF-8, may be empty).
 * Returns its index, or -1 when memory runs out. */
long wordmatch_add(struct wordmatch *set, const char *pattern, const char *replacement);

/* How many patterns the set holds. */
size_t wordmatch_count(const struct wordmatch *set);

/* Whether the code point is a letter or digit by the rule above. */
bool wordmatch_word_char(uint32_t c);

/* Counts the matches in text[0..n) (valid UTF-8), adding one to hits[i] for each match of
 * pattern i (hits has wordmatch_count() slots; NULL counts only the total). Returns the total,
 * or -1 when memory runs out. */
long wordmatch_find(const struct wordmatch *set, const char *text, size_t n, size_t *hits);

/* Replaces every match in text[0..n) by its pattern's replacement, appending the result to out
 * and the edit script from text to it (runs of kept, deleted and inserted code points, built
 * with diff_script_push) to script, and adding to hits as wordmatch_find() does. Returns the
 * number of replacements, or -1 when memory runs out. */
long wordmatch_replace(const struct wordmatch *set, const char *text, size_t n, struct strbuf *out,
                       struct diff_script *script, size_t *hits);

#endif
