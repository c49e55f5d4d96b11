#include "ui/layout.h"

static int clamp(int value, int lo, int hi)
{
    return value < lo ? lo : value > hi ? hi : value;
}

/* The gutter is wide enough for "07.01.02+" where there is room. */
static int gutter_width(int transcript_cols)
{
    return clamp(transcript_cols / 6, 5, 11);
}

struct layout layout_compute(int rows, int cols)
{
    struct layout l = {.rows = rows, .cols = cols};
    if (rows < LAYOUT_MIN_ROWS || cols < LAYOUT_MIN_COLS) {
        l.kind = LAYOUT_TOO_SMALL;
        return l;
    }
    int main_rows = rows - 2;
    l.status = (struct rect){rows - 2, 0, 1, cols};
    l.message = (struct rect){rows - 1, 0, 1, cols};
    int transcript_cols;
    if (cols >= LAYOUT_WIDE_COLS) {
        l.kind = LAYOUT_WIDE;
        int codebook_cols = clamp(cols * 40 / 100, 32, 64);
        transcript_cols = cols - codebook_cols - 1;
        l.divider = (struct rect){0, transcript_cols, main_rows, 1};
        l.codebook = (struct rect){0, transcript_cols + 1, main_rows, codebook_cols};
        l.gutter = (struct rect){0, 0, main_rows, gutter_width(transcript_cols)};
    } else {
        l.kind = LAYOUT_STACKED;
        transcript_cols = cols;
        int codebook_rows = clamp(main_rows * 2 / 5, 2, main_rows - 3);
        int transcript_rows = main_rows - codebook_rows - 1;
        l.divider = (struct rect){transcript_rows, 0, 1, cols};
        l.codebook = (struct rect){transcript_rows + 1, 0, codebook_rows, cols};
        l.gutter = (struct rect){0, 0, transcript_rows, gutter_width(transcript_cols)};
    }
    /* Beside the codebook, a blank column keeps the text off the divider. */
    int margin = l.kind == LAYOUT_WIDE ? 1 : 0;
    /* The line of codings under the cursor takes the transcript's last row when it has a few. */
    if (l.gutter.rows >= 5) {
        l.gutter.rows--;
        l.here = (struct rect){l.gutter.rows, 0, 1, transcript_cols - margin};
    }
    l.text = (struct rect){0, l.gutter.cols + 1, l.gutter.rows,
                           transcript_cols - l.gutter.cols - 1 - margin};
    int popup_cols = clamp(cols - 4, 20, 76);
    int popup_rows = clamp(main_rows - 2, 3, 22);
    l.popup = (struct rect){(main_rows - popup_rows) / 2, (cols - popup_cols) / 2, popup_rows,
                            popup_cols};
    return l;
}

bool layout_contains(struct rect r, int row, int col)
{
    return row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;
}
