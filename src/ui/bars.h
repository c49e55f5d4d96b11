/* The status line (project, source, coder, mode, position) and the message line. Private to
 * src/ui. */
#ifndef MARGIN_UI_BARS_H
#define MARGIN_UI_BARS_H

#include "internal.h"

/* Draws the status line and, with `message`, the message line (a prompt or question that has
 * the line draws itself instead). A message too long for its line takes the rows above it. */
void bars_draw(const struct ui *ui, bool message);

#endif
