/* The full-screen coding program: `margin PROJECT`, on a terminal or driven by a script. */
#ifndef MARGIN_APP_TUI_H
#define MARGIN_APP_TUI_H

#include <stdbool.h>
#include <stdio.h>

struct tui_options {
    const char *project;
    const char *coder;     /* NULL: the coder this user last worked as, or ask */
    const char *consensus; /* the coder comparisons settle into ("consensus") */
    const char *script;    /* NULL for the terminal; else a script file (see input/script.h) */
    int rows, cols;        /* the virtual screen's size in script mode */
    bool colour;           /* on a terminal: use colours (false when NO_COLOR is set) */
    FILE *dump;            /* where a script's @screen and @state dumps go */
};

/* Runs the program until the user quits (or the script ends) and returns an exit status:
 * 0, or 1 with a message on standard error when the project cannot be opened or the script is
 * wrong. */
int tui_run(const struct tui_options *options);

#endif
