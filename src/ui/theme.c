#include "theme.h"

static bool colour_on;

enum {
    PAIR_LABEL = 1,
    PAIR_CONTROL,
    PAIR_GUTTER,
    PAIR_TITLE,
    PAIR_STATUS,
    PAIR_ERROR,
    PAIR_DESCRIPTION,
    PAIR_POPUP,
    PAIR_OTHER,
    PAIR_MATCH,
    PAIR_CODE, /* PAIR_CODE + group, THEME_CODE_COLOURS of them */
};

void theme_init(bool colour)
{
    colour_on = colour && has_colors() && start_color() == OK;
    if (!colour_on)
        return;
    use_default_colors();
    init_pair(PAIR_LABEL, COLOR_CYAN, -1);
    init_pair(PAIR_CONTROL, COLOR_MAGENTA, -1);
    init_pair(PAIR_GUTTER, COLOR_YELLOW, -1);
    init_pair(PAIR_TITLE, COLOR_BLACK, COLOR_CYAN);
    init_pair(PAIR_STATUS, COLOR_BLACK, COLOR_WHITE);
    init_pair(PAIR_ERROR, COLOR_RED, -1);
    init_pair(PAIR_DESCRIPTION, COLOR_GREEN, -1);
    init_pair(PAIR_POPUP, COLOR_WHITE, COLOR_BLUE);
    init_pair(PAIR_MATCH, COLOR_BLACK, COLOR_YELLOW);
    /* Eight colours give six for codes, used twice over; 256 give twelve that stay apart, and a
     * grey for other coders' codings. */
    static const short eight[THEME_CODE_COLOURS] = {
        COLOR_BLUE, COLOR_GREEN, COLOR_MAGENTA, COLOR_RED, COLOR_CYAN, COLOR_YELLOW,
        COLOR_BLUE, COLOR_GREEN, COLOR_MAGENTA, COLOR_RED, COLOR_CYAN, COLOR_YELLOW};
    static const short many[THEME_CODE_COLOURS] = {33,  34, 127, 160, 37, 136,
                                                   202, 99, 29,  166, 61, 131};
    bool rich = COLORS >= 256;
    init_pair(PAIR_OTHER, rich ? 244 : COLOR_WHITE, -1);
    for (int i = 0; i < THEME_CODE_COLOURS; i++)
        init_pair((short)(PAIR_CODE + i), rich ? many[i] : eight[i], -1);
}

bool theme_has_colour(void)
{
    return colour_on;
}

attr_t theme_attr(enum theme_element element)
{
    switch (element) {
    case THEME_TEXT:
        return A_NORMAL;
    case THEME_LABEL:
        return colour_on ? (attr_t)(COLOR_PAIR(PAIR_LABEL) | A_BOLD) : A_BOLD;
    case THEME_CONTROL:
        return colour_on ? (attr_t)COLOR_PAIR(PAIR_CONTROL) : A_DIM;
    case THEME_SELECTION:
        return A_REVERSE;
    case THEME_CURSOR:
        return A_REVERSE | A_BOLD;
    case THEME_OVERLAP:
        return A_UNDERLINE | A_BOLD;
    case THEME_CODED_OTHER:
        return colour_on ? (attr_t)(COLOR_PAIR(PAIR_OTHER) | A_UNDERLINE) : A_DIM;
    case THEME_MATCH:
        return colour_on ? (attr_t)COLOR_PAIR(PAIR_MATCH) : (A_REVERSE | A_DIM);
    case THEME_GUTTER:
        return colour_on ? (attr_t)COLOR_PAIR(PAIR_GUTTER) : A_NORMAL;
    case THEME_GUTTER_OTHER:
        return A_DIM;
    case THEME_DIVIDER:
        return A_DIM;
    case THEME_TITLE:
        return colour_on ? (attr_t)(COLOR_PAIR(PAIR_TITLE) | A_BOLD) : (A_REVERSE | A_BOLD);
    case THEME_HEADING:
        return A_BOLD;
    case THEME_CURRENT:
        return A_REVERSE;
    case THEME_COUNT_COLUMN:
        return A_DIM;
    case THEME_DESCRIPTION:
        return colour_on ? (attr_t)COLOR_PAIR(PAIR_DESCRIPTION) : A_DIM;
    case THEME_STATUS:
        return colour_on ? (attr_t)COLOR_PAIR(PAIR_STATUS) : A_REVERSE;
    case THEME_MESSAGE:
        return A_NORMAL;
    case THEME_ERROR:
        return colour_on ? (attr_t)(COLOR_PAIR(PAIR_ERROR) | A_BOLD) : A_BOLD;
    case THEME_POPUP:
        return colour_on ? (attr_t)COLOR_PAIR(PAIR_POPUP) : A_NORMAL;
    case THEME_ELEMENTS:
        break;
    }
    return A_NORMAL;
}

attr_t theme_coded(int group)
{
    if (!colour_on)
        return A_UNDERLINE;
    int i = group < 0 ? 0 : group % THEME_CODE_COLOURS;
    return (attr_t)(COLOR_PAIR(PAIR_CODE + i) | A_UNDERLINE);
}

short theme_pair(attr_t attr)
{
    return (short)PAIR_NUMBER(attr);
}
