/* What the app's modules share: the running program's state and the handlers. Private to
 * src/app. */
#ifndef MARGIN_APP_APP_H
#define MARGIN_APP_APP_H

#include "input/actions.h"
#include "input/keys.h"
#include "model/project.h"
#include "model/session.h"
#include "ui/screen.h"
#include "ui/view.h"

#include <stdbool.h>
#include <stdio.h>

struct app {
    struct project *project;
    struct session *session;
    struct screen *screen;
    struct view view;
    struct keymap_state keys;
    bool quit;
    bool pasting;         /* between the two ends of a bracketed paste */
    bool mouse_selecting; /* button 1 went down in the text */
    int64_t mouse_anchor;
    FILE *action_log;      /* MARGIN_ACTION_LOG: every action performed, by name */
    const char *consensus; /* the coder that comparisons settle into */
};

/* Handles one input: a key (through the keymap of the current scopes), a typed character in a
 * prompt or picker, a paste, a resize or a mouse event. */
void handlers_input(struct app *app, const struct input_event *event);

/* Re-reads what other programs changed in the project, telling the user when they did. */
void handlers_poll(struct app *app);

/* Prepares the view for drawing: wraps the transcript and scrolls to the cursor. */
void handlers_prepare(struct app *app);

#endif
