/* The comparison screen: the agreement table of two coders, one code's disagreements, and one
 * disagreement's text as each coder coded it (side by side from 100 columns, else one above the
 * other), with the characters they coded differently marked. */
#ifndef MARGIN_UI_COMPARE_PANE_H
#define MARGIN_UI_COMPARE_PANE_H

#include "model/session.h"
#include "ui/view.h"

/* Draws the comparison's current level over the panes, scrolling its list to the highlight. */
void compare_pane_draw(struct view *view, const struct session *session);

#endif
