/* The transcript pane: the open source's text wrapped to the pane, with the margin of code
 * numbers beside it, speaker labels, coded text, the selection and the cursor. */
#ifndef MARGIN_UI_TRANSCRIPT_PANE_H
#define MARGIN_UI_TRANSCRIPT_PANE_H

#include "model/session.h"
#include "ui/view.h"

/* Draws the pane from view->top; the view must already be wrapped for the source
 * (view_wrap). Costs the pane's size, not the text's. */
void transcript_pane_draw(const struct view *view, const struct session *session);

#endif
