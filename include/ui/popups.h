/* Popups over the panes: the code picker, the source list and the help. */
#ifndef MARGIN_UI_POPUPS_H
#define MARGIN_UI_POPUPS_H

#include "model/session.h"
#include "ui/view.h"

/* Draws the open popup, if any, scrolling its list to keep the highlighted row on show. */
void popups_draw(struct view *view, const struct session *session);

/* The number of rows the help has for the focused pane (for scrolling it). */
size_t popups_help_rows(const struct view *view);

#endif
