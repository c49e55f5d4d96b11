/* Drawing helpers the panes share, and the parts of the screen that belong to no pane. Private
 * to src/ui: with screen.c, the only code that writes to curses. */
#ifndef MARGIN_UI_DRAW_H
#define MARGIN_UI_DRAW_H

#include "internal.h"
#include "ui/layout.h"

#include <curses.h>
#include <stddef.h>
#include <stdint.h>

/* Empties the screen before a frame is drawn. */
void draw_clear(void);

/* The rectangle a pane of `place` is drawn into. */
struct rect draw_area(const struct layout *layout, enum pane_place place);

/* Says that the terminal is too small, wrapped into whatever room there is. */
void draw_too_small(const struct layout *layout);

/* The line between the transcript and the codebook. */
void draw_divider(const struct layout *layout);

/* Writes UTF-8 text s[0..n) at (row, col) in at most `width` columns with attributes `attr`,
 * showing control characters visibly, and returns the columns used. */
int draw_text(int row, int col, int width, const char *s, size_t n, attr_t attr);

/* As draw_text for a C string. */
int draw_string(int row, int col, int width, const char *s, attr_t attr);

/* As draw_string, but a string too long for `width` columns ends in an ellipsis where it is cut,
 * so that a cut name never reads as a whole one. */
int draw_cut(int row, int col, int width, const char *s, attr_t attr);

/* Draws `text` as a table's cell in `width` columns from `col`, at their right when `right`,
 * cut with an ellipsis when too long; returns the column after the cell and a space. Nothing is
 * drawn, and `col` comes back, when the column has no width (it was dropped for want of room). */
int draw_column(int row, int col, int width, const char *text, bool right, attr_t attr);

/* Fills `width` columns at (row, col) with spaces in `attr`. */
void draw_blank(int row, int col, int width, attr_t attr);

/* Writes one code point (and any combining marks after it, in marks[0..nmarks)) as a cell
 * at (row, col); returns the columns it took (a control character takes two or four). */
int draw_cell(int row, int col, uint32_t cp, const uint32_t *marks, size_t nmarks, attr_t attr);

/* Draws a framed box with a title over `box` and returns the rectangle inside the frame. */
struct rect draw_box(struct rect box, const char *title);

/* A title bar across `r` at `row`, the title cut with an ellipsis when too long. */
void draw_heading(int row, const struct rect *r, const char *text);

/* A stretch of text drawn in one set of attributes. */
struct draw_run {
    const char *text;
    attr_t attr;
};

/* Draws runs of text one after the other into `rows` rows of `cols` columns from (row, col),
 * line feeds as spaces, breaking rows after a space where a word would not fit (a word longer
 * than a row is broken where the row is full). Ends with a dim ellipsis in the last column when
 * the text does not all fit. Returns false when memory runs out (nothing is drawn). */
bool draw_runs(int row, int col, int rows, int cols, const struct draw_run *runs, size_t n);

/* Scrolls a list so that row `current` is among the `rows` shown from *top. */
void draw_follow(size_t current, size_t rows, size_t *top);

#endif
