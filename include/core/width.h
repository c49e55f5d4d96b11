/* How many terminal columns text takes, from one place for the whole program.
 *
 * Widths come from the C library's wcwidth(), the same table ncurses uses to place characters,
 * so what margin measures is what the screen shows. The program must run with a UTF-8 LC_CTYPE
 * (the app sees to it). Characters wcwidth() does not know count as one column. */
#ifndef MARGIN_CORE_WIDTH_H
#define MARGIN_CORE_WIDTH_H

#include <stddef.h>
#include <stdint.h>

/* Columns a code point takes: 0 for combining marks and other zero-width characters, 2 for wide
 * (East Asian, most emoji), otherwise 1. Control characters count 0 (callers show them
 * differently). */
int width_of(uint32_t cp);

/* Columns a code point takes as margin draws it: control characters are shown visibly, C0
 * controls and DEL in caret notation ("^[", 2 columns), C1 controls as "<9b>" (4 columns) and
 * bidirectional overrides as "<202e>" (6 columns); a tab is drawn as one space; everything else
 * as width_of(). A line feed takes 0 (it ends the line). */
int width_drawn(uint32_t cp);

/* Columns the valid UTF-8 text s[0..n) takes on one line. */
size_t width_of_text(const char *s, size_t n);

/* Bytes of s[0..n) that fit in `columns` columns, never cutting a character. */
size_t width_fit(const char *s, size_t n, size_t columns);

#endif
