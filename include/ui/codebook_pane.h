/* The codebook pane: the code tree with outline numbers, folding, counts of sources and
 * references coded (the coder's own, and everyone's when others are on show), headings, and the
 * highlighted code's description. */
#ifndef MARGIN_UI_CODEBOOK_PANE_H
#define MARGIN_UI_CODEBOOK_PANE_H

#include "model/session.h"
#include "ui/view.h"

/* Draws the pane, scrolling view->codebook_top so that the highlighted code is on show. */
void codebook_pane_draw(struct view *view, const struct session *session);

#endif
