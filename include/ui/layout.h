/* Where everything goes on a screen of a given size: a pure function, tested as text.
 *
 * At 100 columns or more the transcript and the codebook stand side by side; below that the
 * codebook goes under the transcript. The two bottom rows are the status line and the message
 * line. Below LAYOUT_MIN_ROWS x LAYOUT_MIN_COLS the screen only says it is too small. */
#ifndef MARGIN_UI_LAYOUT_H
#define MARGIN_UI_LAYOUT_H

#include <stdbool.h>

#define LAYOUT_MIN_ROWS  8
#define LAYOUT_MIN_COLS  30
#define LAYOUT_WIDE_COLS 100

struct rect {
    int row;
    int col;
    int rows;
    int cols;
};

enum layout_kind {
    LAYOUT_WIDE,
    LAYOUT_STACKED,
    LAYOUT_TOO_SMALL,
};

struct layout {
    enum layout_kind kind;
    int rows, cols;
    struct rect gutter;   /* the margin: code numbers beside each row of text */
    struct rect text;     /* the transcript's text */
    struct rect here;     /* below the text: the codings under the cursor; no rows when short */
    struct rect divider;  /* the line between transcript and codebook */
    struct rect codebook; /* the codebook pane, its title row included */
    struct rect status;   /* one row */
    struct rect message;  /* one row: messages, prompts, questions */
    struct rect popup;    /* pickers, lists and help, over the panes */
};

struct layout layout_compute(int rows, int cols);

/* True when (row, col) lies in r. */
bool layout_contains(struct rect r, int row, int col);

#endif
