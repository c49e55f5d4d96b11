/* Scripts that drive margin without a terminal, for tests (margin --script FILE).
 *
 * A script is lines of whitespace-separated tokens. A token in angle brackets is a named key
 * (<Down>, <C-r>, <Enter>, <Esc>, <Space>, <lt> for '<'), or a mouse event <Press:ROW,COL>,
 * <Drag:ROW,COL>, <Release:ROW,COL> (0-based screen cells). A token in double quotes types
 * its characters, spaces included ("\"" types a quote, "\\" a backslash). Any other token
 * types its characters one key each: c 07.01.02 <Enter> is c, 0, 7, ., 0, 1, ., 0, 2, Enter.
 * A line starting with # is a comment. Directives stand alone on their line:
 *     @screen          dump the screen (text and an attribute mask)
 *     @state           dump the panes' state
 *     @expect TEXT     check that the panes' state has a line holding TEXT, so that a script
 *                      can say next to a step what it must do; the replay stops with an error
 *                      naming the script's line when it does not
 *     @resize ROWSxCOLS  resize the terminal
 * Each dump names the line of the script it comes from. */
#ifndef MARGIN_INPUT_SCRIPT_H
#define MARGIN_INPUT_SCRIPT_H

#include "core/error.h"
#include "input/keys.h"

#include <stddef.h>

enum script_step_kind {
    STEP_INPUT,
    STEP_SCREEN,
    STEP_STATE,
    STEP_EXPECT,
    STEP_RESIZE,
};

struct script_step {
    enum script_step_kind kind;
    struct input_event input; /* STEP_INPUT */
    int rows, cols;           /* STEP_RESIZE */
    char *text;               /* STEP_EXPECT: owned */
    size_t line;
};

struct script {
    struct script_step *items;
    size_t count, cap;
};

/* Parses a script from data[0..n); `name` starts error messages ("name:LINE:COLUMN: ...").
 * On failure out is left empty. */
bool script_parse(const char *data, size_t n, const char *name, struct script *out,
                  struct error *err);

/* Reads "ROWSxCOLS" (both 1 to 1000). */
bool script_parse_size(const char *s, int *rows, int *cols);

/* Frees the steps. */
void script_finish(struct script *script);

#endif
