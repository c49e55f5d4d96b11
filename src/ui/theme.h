/* How each element of the screen looks. With colour, coded text takes a colour per top-level
 * code; without (NO_COLOR set, a monochrome terminal, or script mode) everything is told
 * apart by attributes alone: coded text is underlined, overlapping codings bold and underlined,
 * the selection reversed. */
#ifndef MARGIN_UI_THEME_H
#define MARGIN_UI_THEME_H

#include <curses.h>
#include <stdbool.h>

enum theme_element {
    THEME_TEXT,
    THEME_LABEL,   /* speaker labels */
    THEME_CONTROL, /* control characters shown as ^[ */
    THEME_SELECTION,
    THEME_CURSOR,
    THEME_OVERLAP,     /* text under two or more codings */
    THEME_CODED_OTHER, /* text under one coding, another coder's */
    THEME_MATCH,       /* what the last search found */
    THEME_GUTTER,
    THEME_GUTTER_OTHER, /* other coders' codes in the gutter */
    THEME_DIVIDER,
    THEME_TITLE,
    THEME_HEADING, /* codes that cannot be coded */
    THEME_CURRENT, /* the highlighted row of a list */
    THEME_COUNT_COLUMN,
    THEME_DESCRIPTION,
    THEME_STATUS,
    THEME_MESSAGE,
    THEME_ERROR,
    THEME_POPUP,
    THEME_ELEMENTS
};

#define THEME_CODE_COLOURS 12

/* Sets up colours when `colour` is true and the terminal has them. Call after the screen is
 * open. */
void theme_init(bool colour);

/* True when colours are in use. */
bool theme_has_colour(void);

/* The attributes (and colour pair) of an element. */
attr_t theme_attr(enum theme_element element);

/* The attributes of text coded once with a code in the top-level group `group` (0-based). */
attr_t theme_coded(int group);

/* The colour pair number inside an attr_t, for wide-character calls that take it apart. */
short theme_pair(attr_t attr);

#endif
