#include "ui/screen.h"

#include "core/utf8.h"
#include "theme.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

/* Key codes ncurses gives the bracketed paste sequences (see define_key below). */
enum {
    CURSES_PASTE = KEY_MAX + 1,
    CURSES_PASTE_END,
};

/* Bracketed paste, and button-event mouse tracking (drags) in the encoding ncurses reads for
 * this terminal: it decodes the reports its terminfo entry's kmous names, SGR ("\E[<") for xterm,
 * the classic three bytes ("\E[M") for tmux and GNU screen, whose own mouse handling then
 * follows what margin asks for. Asking for SGR where ncurses expects the classic reports turns
 * every click into stray keys. */
static const char paste_on[] = "\033[?2004h";
static const char mouse_sgr_on[] = "\033[?1002h\033[?1006h";
static const char mouse_classic_on[] = "\033[?1002h";
static const char terminal_off[] = "\033[?2004l\033[?1006l\033[?1002l\033[?1000l";

/* The sequence that turns on the mouse reports ncurses can read here, or "" for none. */
static const char *mouse_on(void)
{
    const char *kmous = tigetstr("kmous");
    if (!kmous || kmous == (char *)-1)
        return "";
    if (strcmp(kmous, "\033[<") == 0)
        return mouse_sgr_on;
    return strcmp(kmous, "\033[M") == 0 ? mouse_classic_on : "";
}

#define MOUSE_QUEUE 64

struct screen {
    SCREEN *term;
    FILE *out;
    FILE *in;
    bool virtual_screen;
    bool button_down;
    /* Mouse events ncurses handed over together (a fast drag), returned one by one. */
    struct input_event queued[MOUSE_QUEUE];
    size_t nqueued;
    size_t next_queued;
};

/* What a signal handler needs to give the terminal back. */
static volatile sig_atomic_t terminal_taken;
static struct termios saved_modes;
static char restore_sequence[256];
static size_t restore_length;

static void add_restore(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n && restore_length + n < sizeof restore_sequence) {
        memcpy(restore_sequence + restore_length, s, n);
        restore_length += n;
    }
}

void screen_emergency_restore(void)
{
    if (!terminal_taken)
        return;
    terminal_taken = 0;
    ssize_t ignored = write(STDOUT_FILENO, restore_sequence, restore_length);
    (void)ignored;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_modes);
}

static void configure(struct screen *screen)
{
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    if (!screen->virtual_screen) {
        mousemask(BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED |
                      REPORT_MOUSE_POSITION,
                  NULL);
        mouseinterval(0);
        define_key("\033[200~", CURSES_PASTE);
        define_key("\033[201~", CURSES_PASTE_END);
    }
}

/* True when the process has no file descriptor left to open a file with (newterm() fails, and
 * does not say why, when it cannot open the terminfo entry for that reason). */
static bool out_of_descriptors(void)
{
    int fd = dup(STDERR_FILENO);
    if (fd >= 0) {
        close(fd);
        return false;
    }
    return errno == EMFILE || errno == ENFILE;
}

bool screen_check_terminal(struct error *err)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
        return error_user(err, "margin needs a terminal to show a project; `margin --help` lists "
                               "the commands that work without one");
    const char *type = getenv("TERM");
    if (!type || !*type)
        return error_user(err,
                          "TERM is not set, so margin does not know how to drive this terminal");
    int found;
    if (setupterm(NULL, STDOUT_FILENO, &found) != OK) {
        if (out_of_descriptors())
            return error_user(err, "margin cannot take over the terminal: %s", strerror(EMFILE));
        return error_user(err,
                          "margin cannot drive a terminal of type '%s' (is its terminfo entry "
                          "installed?)",
                          type);
    }
    /* A terminal that cannot move its cursor (TERM=dumb, say) would show a garbled screen. */
    const char *cup = tigetstr("cup");
    bool addressable = cup && cup != (char *)-1;
    del_curterm(cur_term);
    if (!addressable)
        return error_user(err,
                          "a terminal of type '%s' cannot move its cursor, so margin cannot show a "
                          "project on it; set TERM to your terminal's type (such as "
                          "xterm-256color)",
                          type);
    return true;
}

struct screen *screen_open_terminal(bool colour, struct error *err)
{
    if (!screen_check_terminal(err))
        return NULL;
    const char *type = getenv("TERM");
    struct screen *screen = calloc(1, sizeof *screen);
    if (!screen) {
        error_internal(err, "out of memory");
        return NULL;
    }
    tcgetattr(STDIN_FILENO, &saved_modes);
    screen->term = newterm(NULL, stdout, stdin);
    if (!screen->term) {
        free(screen);
        if (out_of_descriptors())
            error_user(err, "margin cannot take over the terminal: %s", strerror(EMFILE));
        else
            error_user(err,
                       "margin cannot drive a terminal of type '%s' (is its terminfo entry "
                       "installed?)",
                       type);
        return NULL;
    }
    set_term(screen->term);
    configure(screen);
    theme_init(colour);

    restore_length = 0;
    add_restore(terminal_off);
    add_restore("\033[0m\033[?25h");
    add_restore(tigetstr("rmcup") == (char *)-1 ? NULL : tigetstr("rmcup"));
    add_restore("\r\n");
    terminal_taken = 1;
    fputs(paste_on, stdout);
    fputs(mouse_on(), stdout);
    fflush(stdout);
    return screen;
}

struct screen *screen_open_virtual(int rows, int cols, struct error *err)
{
    struct screen *screen = calloc(1, sizeof *screen);
    if (!screen) {
        error_internal(err, "out of memory");
        return NULL;
    }
    screen->virtual_screen = true;
    screen->out = fopen("/dev/null", "w");
    screen->in = fopen("/dev/null", "r");
    if (!screen->out || !screen->in) {
        error_user(err, "cannot open a virtual screen: %s", strerror(errno));
        screen_close(screen);
        return NULL;
    }
    screen->term = newterm("xterm-256color", screen->out, screen->in);
    if (!screen->term) {
        if (out_of_descriptors())
            error_user(err, "cannot open a virtual screen: %s", strerror(EMFILE));
        else
            error_internal(err, "cannot open a virtual screen (is the xterm-256color terminfo "
                                "entry installed?)");
        screen_close(screen);
        return NULL;
    }
    set_term(screen->term);
    configure(screen);
    theme_init(false);
    resizeterm(rows, cols);
    return screen;
}

void screen_close(struct screen *screen)
{
    if (!screen)
        return;
    if (screen->term) {
        if (!screen->virtual_screen) {
            fputs(terminal_off, stdout);
            fflush(stdout);
        }
        endwin();
        delscreen(screen->term);
        if (!screen->virtual_screen) {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_modes);
            terminal_taken = 0;
        }
    }
    if (screen->out)
        fclose(screen->out);
    if (screen->in)
        fclose(screen->in);
    free(screen);
}

bool screen_suspend(struct screen *screen)
{
    if (screen->virtual_screen)
        return false;
    fputs(terminal_off, stdout);
    fflush(stdout);
    endwin();
    /* Stop as the terminal's own Ctrl-Z would have, had margin not taken the keys raw. */
    struct sigaction stop = {.sa_handler = SIG_DFL}, before;
    sigemptyset(&stop.sa_mask);
    sigaction(SIGTSTP, &stop, &before);
    raise(SIGTSTP);
    sigaction(SIGTSTP, &before, NULL);
    /* Resumed: the terminal may have changed size while margin was stopped. */
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_row > 0 && size.ws_col > 0)
        resizeterm(size.ws_row, size.ws_col);
    reset_prog_mode();
    fputs(paste_on, stdout);
    fputs(mouse_on(), stdout);
    fflush(stdout);
    clearok(curscr, TRUE);
    return true;
}

void screen_size(const struct screen *screen, int *rows, int *cols)
{
    getmaxyx(stdscr, *rows, *cols);
}

void screen_resize(struct screen *screen, int rows, int cols)
{
    resizeterm(rows, cols);
}

static int translate(int code)
{
    static const struct {
        int curses;
        int key;
    } keys[] = {
        {KEY_UP, KEYS_UP},
        {KEY_DOWN, KEYS_DOWN},
        {KEY_LEFT, KEYS_LEFT},
        {KEY_RIGHT, KEYS_RIGHT},
        {KEY_HOME, KEYS_HOME},
        {KEY_END, KEYS_END},
        {KEY_PPAGE, KEYS_PAGE_UP},
        {KEY_NPAGE, KEYS_PAGE_DOWN},
        {KEY_IC, KEYS_INSERT},
        {KEY_DC, KEYS_DELETE},
        {KEY_BACKSPACE, KEYS_BACKSPACE},
        {KEY_ENTER, KEYS_ENTER},
        {KEY_BTAB, KEYS_BACK_TAB},
        {KEY_RESIZE, KEYS_RESIZE},
        {CURSES_PASTE, KEYS_PASTE},
        {CURSES_PASTE_END, KEYS_PASTE_END},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (keys[i].curses == code)
            return keys[i].key;
    }
    if (code >= KEY_F(1) && code <= KEY_F(12))
        return KEYS_F1 + code - KEY_F(1);
    return KEYS_NONE;
}

/* Turns one ncurses mouse event into ours; false for events margin does not use. */
static bool translate_mouse(struct screen *screen, const MEVENT *mouse, struct input_event *event)
{
    const MEVENT m = *mouse;
    *event = (struct input_event){.key = KEYS_MOUSE, .row = m.y, .col = m.x};
    if (m.bstate & BUTTON4_PRESSED) {
        event->mouse = MOUSE_WHEEL_UP;
    } else if (m.bstate & BUTTON5_PRESSED) {
        event->mouse = MOUSE_WHEEL_DOWN;
    } else if (m.bstate & BUTTON1_PRESSED) {
        event->mouse = MOUSE_PRESS;
        screen->button_down = true;
    } else if (m.bstate & BUTTON1_RELEASED) {
        event->mouse = MOUSE_RELEASE;
        screen->button_down = false;
    } else if ((m.bstate & REPORT_MOUSE_POSITION) && screen->button_down) {
        event->mouse = MOUSE_DRAG;
    } else {
        return false;
    }
    return true;
}

/* Takes every event waiting in ncurses' mouse queue: several can arrive behind one KEY_MOUSE. */
static void drain_mouse(struct screen *screen)
{
    MEVENT m;
    screen->nqueued = 0;
    screen->next_queued = 0;
    while (screen->nqueued < MOUSE_QUEUE && getmouse(&m) == OK) {
        if (translate_mouse(screen, &m, &screen->queued[screen->nqueued]))
            screen->nqueued++;
    }
}

bool screen_read(struct screen *screen, struct input_event *event, int timeout_ms)
{
    if (screen->next_queued < screen->nqueued) {
        *event = screen->queued[screen->next_queued++];
        return true;
    }
    wtimeout(stdscr, timeout_ms);
    for (;;) {
        wint_t ch;
        int got = wget_wch(stdscr, &ch);
        if (got == ERR)
            return false;
        if (got == KEY_CODE_YES) {
            if ((int)ch == KEY_MOUSE) {
                drain_mouse(screen);
                if (screen->next_queued < screen->nqueued) {
                    *event = screen->queued[screen->next_queued++];
                    return true;
                }
                continue;
            }
            int key = translate((int)ch);
            if (key == KEYS_NONE)
                continue;
            *event = (struct input_event){.key = key};
            return true;
        }
        int key = (int)ch;
        if (key == '\r' || key == '\n')
            key = KEYS_ENTER;
        else if (key == 127 || key == 8)
            key = KEYS_BACKSPACE;
        *event = (struct input_event){.key = key};
        return true;
    }
}

void screen_flush(struct screen *screen)
{
    wnoutrefresh(stdscr);
    doupdate();
}

void screen_invalidate(struct screen *screen)
{
    clearok(curscr, TRUE);
}

bool screen_dump(struct screen *screen, struct strbuf *out)
{
    int rows, cols;
    getmaxyx(stdscr, rows, cols);
    struct strbuf masks = STRBUF_INIT;
    bool ok = true;
    for (int y = 0; ok && y < rows; y++) {
        size_t text_end = out->len;  /* after the last non-space */
        size_t mask_end = masks.len; /* after the last attribute */
        for (int x = 0; ok && x < cols; x++) {
            cchar_t cell;
            wchar_t wch[CCHARW_MAX + 1] = {0};
            attr_t attrs = 0;
            short pair = 0;
            if (mvwin_wch(stdscr, y, x, &cell) == ERR ||
                getcchar(&cell, wch, &attrs, &pair, NULL) == ERR)
                wch[0] = L' ';
            int width = wch[0] ? wcwidth(wch[0]) : 1;
            for (int i = 0; ok && wch[i]; i++) {
                char bytes[4];
                size_t n = utf8_encode((uint32_t)wch[i], bytes);
                ok = strbuf_append(out, bytes, n ? n : 1);
            }
            if (wch[0] != L' ')
                text_end = out->len;
            int bits = ((attrs & A_BOLD) ? 1 : 0) | ((attrs & A_UNDERLINE) ? 2 : 0) |
                       ((attrs & A_REVERSE) ? 4 : 0) | ((attrs & A_DIM) ? 8 : 0);
            for (int i = 0; ok && i < (width == 2 ? 2 : 1); i++) {
                ok = strbuf_putc(&masks, bits ? "0123456789abcdef"[bits] : '.');
                if (bits)
                    mask_end = masks.len;
            }
            if (width == 2)
                x++;
        }
        /* Drop the trailing blanks and plain cells. */
        out->len = text_end;
        masks.len = mask_end;
        ok = ok && strbuf_putc(out, '\n') && strbuf_putc(&masks, '\n');
    }
    ok = ok && strbuf_puts(out, "@attributes\n") && strbuf_puts(out, strbuf_str(&masks));
    strbuf_finish(&masks);
    return ok;
}
