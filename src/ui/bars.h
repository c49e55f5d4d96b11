/* The status line (project, source, coder, mode, position), the message line, and the lines of
 * key hints some panes keep at their foot. Private to src/ui. */
#ifndef MARGIN_UI_BARS_H
#define MARGIN_UI_BARS_H

#include "internal.h"

#include <curses.h>

/* Draws the status line and, with `message`, the message line (a prompt or question that has
 * the line draws itself instead, and says in ui->line_rows how many rows it took). A message
 * too long for its line takes the rows above it, and the status line goes above them. */
void bars_draw(const struct ui *ui, bool message);

/* Draws text ending on `line`, wrapped at spaces into as many rows above it as it needs (at
 * most `most`), and returns the rows it took. */
int bars_draw_wrapped(const struct rect *line, const char *message, attr_t attr, int most);

/* A key hint: the first key of `action` and a word or two for what it does here. */
struct hint {
    enum action action;
    const char *what;
};

/* Draws "KEY what" for each hint on the row `line`, as many whole hints as fit. */
void bars_draw_hints(struct rect line, const struct hint *hints, size_t n);

#endif
