/* Keys as margin sees them, whatever delivered them (a terminal or a script).
 *
 * A key is an int: a Unicode code point for text, a control character for Ctrl combinations
 * (Ctrl-A is 1), or one of the named keys below, which lie beyond Unicode. */
#ifndef MARGIN_INPUT_KEYS_H
#define MARGIN_INPUT_KEYS_H

#include <stdbool.h>
#include <stddef.h>

enum {
    KEYS_NONE = -1,
    KEYS_TAB = '\t',
    KEYS_ESCAPE = 27,
    KEYS_SPACE = ' ',
    KEYS_NAMED = 0x110000,
    KEYS_UP = KEYS_NAMED,
    KEYS_DOWN,
    KEYS_LEFT,
    KEYS_RIGHT,
    KEYS_HOME,
    KEYS_END,
    KEYS_PAGE_UP,
    KEYS_PAGE_DOWN,
    KEYS_INSERT,
    KEYS_DELETE,
    KEYS_BACKSPACE,
    KEYS_ENTER,
    KEYS_BACK_TAB,
    KEYS_F1,
    KEYS_F12 = KEYS_F1 + 11,
    KEYS_RESIZE, /* the terminal changed size */
    KEYS_MOUSE,  /* see struct input_event */
    KEYS_PASTE,  /* a bracketed paste: the pasted text follows as keys, then KEYS_PASTE_END */
    KEYS_PASTE_END,
};

/* The control character for a letter: KEYS_CTRL('r') is Ctrl-R. */
#define KEYS_CTRL(letter) ((letter)&0x1F)

enum mouse_kind {
    MOUSE_PRESS,   /* button 1 went down */
    MOUSE_DRAG,    /* moved with button 1 down */
    MOUSE_RELEASE, /* button 1 came up */
    MOUSE_WHEEL_UP,
    MOUSE_WHEEL_DOWN,
};

/* One input: a key, and for KEYS_MOUSE where the pointer was (0-based screen row and column). */
struct input_event {
    int key;
    enum mouse_kind mouse;
    int row;
    int col;
};

/* Writes a key's name into buf: "a", "<Up>", "<C-r>", "<Enter>", "<lt>" for '<'. */
void keys_name(int key, char *buf, size_t size);

/* Reads a named key ("Up", "C-r", "Enter", "lt", "Space", "F5": the text between < and >).
 * Returns KEYS_NONE for an unknown name. */
int keys_parse_name(const char *name, size_t n);

/* True for keys that type text into a prompt (printable code points). */
bool keys_is_text(int key);

#endif
