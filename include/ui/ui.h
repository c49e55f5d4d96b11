/* The screen as the main loop sees it: panes that show the project, one of them with the focus,
 * modal layers (prompts, the code picker, questions, lists, help) stacked above them, and the
 * status and message lines. The main loop feeds it inputs and asks it to draw; everything else
 * happens inside. Nothing here exposes curses. */
#ifndef MARGIN_UI_UI_H
#define MARGIN_UI_UI_H

#include "core/error.h"
#include "core/strbuf.h"
#include "input/keys.h"
#include "model/project.h"
#include "model/session.h"
#include "ui/screen.h"

#include <stdbool.h>
#include <stdio.h>

struct ui;

struct ui_options {
    struct project *project; /* the caller's; must outlive the ui */
    struct session *session; /* the caller's; must outlive the ui */
    struct screen *screen;   /* open (ui/screen.h); drawing goes to it */
    const char *consensus;   /* the coder that comparisons settle into */
    FILE *action_log;        /* NULL, or a file that gets the name of every action performed */
    int rows, cols;          /* the screen's size */
};

/* Creates the screen's state for a session, showing the transcript. The screen itself (curses)
 * must be open already: drawing goes to it. */
struct ui *ui_create(const struct ui_options *options, struct error *err);

/* Frees it; accepts NULL. */
void ui_destroy(struct ui *ui);

/* The terminal is now rows x cols. */
void ui_resize(struct ui *ui, int rows, int cols);

/* Handles one input: a key (through the keymap of the top layer, or of the focused pane and
 * the global keys), typed or pasted text, a resize or a mouse event. */
void ui_input(struct ui *ui, const struct input_event *event);

/* Re-reads what other programs changed in the project, telling the user when they did. */
void ui_poll(struct ui *ui);

/* Draws everything into the screen (screen_flush() shows it). */
void ui_draw(struct ui *ui);

/* Appends the state of the mode, the layers and every pane, as lines of "name: value", for a
 * script's @state. */
bool ui_dump_state(struct ui *ui, struct strbuf *out);

/* Shows a message on the message line (printf-style). */
void ui_message(struct ui *ui, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* margin is being stopped (a signal: the terminal went away, say): keeps what the screen holds
 * that is not saved yet, a memo being written, as a draft that the next screen of the same coder
 * on the project offers back. */
void ui_stopped(struct ui *ui);

/* Greets the coder on the message line, naming the keys for help and quitting, unless the screen
 * has news of its own (a draft offered back). */
void ui_greet(struct ui *ui);

/* True once the user asked to quit. */
bool ui_quitting(const struct ui *ui);

#endif
