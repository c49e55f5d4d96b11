/* The status line (project, source, coder, mode, position) and the message line (messages,
 * the prompt while typing, questions). */
#ifndef MARGIN_UI_BARS_H
#define MARGIN_UI_BARS_H

#include "model/session.h"
#include "ui/view.h"

void bars_draw(const struct view *view, const struct session *session);

#endif
