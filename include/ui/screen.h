/* The screen: the user's terminal, or a virtual screen of a given size for scripts.
 *
 * Both are ncurses screens made with newterm(); the virtual one writes to /dev/null and is read
 * back cell by cell for dumps. The terminal is put back as it was by screen_close(), and by
 * screen_emergency_restore() from a signal handler when margin is dying. */
#ifndef MARGIN_UI_SCREEN_H
#define MARGIN_UI_SCREEN_H

#include "core/error.h"
#include "core/strbuf.h"
#include "input/keys.h"

#include <stdbool.h>

struct screen;

/* Checks, without taking it over, that standard input and output are a terminal margin can
 * drive: TERM is set, known, and can move the cursor. Fails with a message saying what is
 * wrong. */
bool screen_check_terminal(struct error *err);

/* Takes over the terminal on standard input and output. `colour` asks for colours (the
 * caller has looked at NO_COLOR). Fails with a message when there is no terminal or its type
 * is unknown. */
struct screen *screen_open_terminal(bool colour, struct error *err);

/* Opens a virtual screen of rows x cols for scripts, in monochrome. */
struct screen *screen_open_virtual(int rows, int cols, struct error *err);

/* Puts the terminal back and frees the screen; accepts NULL. */
void screen_close(struct screen *screen);

/* Puts a terminal back (mouse and paste reporting off, cursor shown, normal screen, saved
 * terminal modes) using only async-signal-safe calls. Does nothing when no terminal is open. */
void screen_emergency_restore(void);

/* Gives the terminal back and stops margin as Ctrl-Z does in other programs; when the shell's
 * `fg` (or SIGCONT) resumes it, takes the terminal over again, at its size then, and the next
 * flush redraws everything. False, doing nothing, on a virtual screen. */
bool screen_suspend(struct screen *screen);

/* The screen's size. */
void screen_size(const struct screen *screen, int *rows, int *cols);

/* Changes a virtual screen's size, as a terminal's resize would. */
void screen_resize(struct screen *screen, int rows, int cols);

/* Waits up to timeout_ms (-1 for ever) for an input. Returns false on timeout or when a signal
 * interrupted the wait. After KEYS_RESIZE the new size is in effect. */
bool screen_read(struct screen *screen, struct input_event *event, int timeout_ms);

/* Sends what was drawn to the terminal: the one place that calls doupdate(). */
void screen_flush(struct screen *screen);

/* Forces the next flush to redraw every cell (Ctrl-L). */
void screen_invalidate(struct screen *screen);

/* Appends the screen as text, one line per row with trailing spaces dropped, then "@attributes"
 * and the same rows as attribute masks: per column '.' for plain, else a hex digit of bold 1,
 * underline 2, reverse 4 and dim 8. */
bool screen_dump(struct screen *screen, struct strbuf *out);

#endif
