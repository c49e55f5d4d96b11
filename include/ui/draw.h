/* Drawing: the screen from a view and a session, and the text helpers the panes share. These
 * and screen.c are the only code that writes to curses. */
#ifndef MARGIN_UI_DRAW_H
#define MARGIN_UI_DRAW_H

#include "model/session.h"
#include "ui/view.h"

#include <curses.h>
#include <stddef.h>

/* Draws everything: the panes, the status and message lines and any popup; a screen that is
 * too small gets a message saying so. Does not flush (screen_flush does). */
void draw_screen(struct view *view, const struct session *session);

/* Writes UTF-8 text s[0..n) at (row, col) in at most `width` columns with attributes `attr`,
 * showing control characters visibly, and returns the columns used. */
int draw_text(int row, int col, int width, const char *s, size_t n, attr_t attr);

/* As draw_text for a C string. */
int draw_string(int row, int col, int width, const char *s, attr_t attr);

/* Fills `width` columns at (row, col) with spaces in `attr`. */
void draw_blank(int row, int col, int width, attr_t attr);

/* Writes one code point (and any combining marks after it, in marks[0..nmarks)) as a cell
 * at (row, col); returns the columns it took (a control character takes two or four). */
int draw_cell(int row, int col, uint32_t cp, const uint32_t *marks, size_t nmarks, attr_t attr);

#endif
