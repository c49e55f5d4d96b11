/* The layout at several terminal sizes, drawn as text: g gutter, t text, h the line of codings
 * under the cursor, | and - the divider, c codebook, s status, m message, and the popup's frame as
 * +. */
#include "check.h"
#include "ui/layout.h"

#include <stdio.h>
#include <string.h>

static void fill(char *grid, int cols, struct rect r, char c)
{
    for (int y = r.row; y < r.row + r.rows; y++) {
        for (int x = r.col; x < r.col + r.cols; x++)
            grid[y * (cols + 1) + x] = c;
    }
}

/* The layout as rows of characters joined by newlines. */
static const char *draw(int rows, int cols)
{
    static char grid[64 * 201 + 1];
    struct layout l = layout_compute(rows, cols);
    if (l.kind == LAYOUT_TOO_SMALL)
        return "too small";
    memset(grid, '.', (size_t)rows * (size_t)(cols + 1));
    for (int y = 0; y < rows; y++)
        grid[y * (cols + 1) + cols] = '\n';
    grid[rows * (cols + 1)] = '\0';
    fill(grid, cols, l.gutter, 'g');
    fill(grid, cols, l.text, 't');
    fill(grid, cols, l.here, 'h');
    fill(grid, cols, l.divider, l.kind == LAYOUT_WIDE ? '|' : '-');
    fill(grid, cols, l.codebook, 'c');
    fill(grid, cols, l.status, 's');
    fill(grid, cols, l.message, 'm');
    return grid;
}

/* Every cell is covered exactly once by the panes (the popup floats above them). */
static bool covers_once(int rows, int cols)
{
    struct layout l = layout_compute(rows, cols);
    struct rect parts[] = {l.gutter, l.text, l.here, l.divider, l.codebook, l.status, l.message};
    /* One blank column between gutter and text, and beside the codebook one before the divider
     * on every row of the transcript. */
    int wide = l.kind == LAYOUT_WIDE;
    int gaps_between_gutter_and_text = l.gutter.rows * (wide ? 2 : 1) + l.here.rows * wide;
    int covered = 0;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        covered += parts[i].rows * parts[i].cols;
    bool popup_inside = l.popup.row >= 0 && l.popup.col >= 0 &&
                        l.popup.row + l.popup.rows <= rows - 2 &&
                        l.popup.col + l.popup.cols <= cols;
    return covered + gaps_between_gutter_and_text == rows * cols && popup_inside;
}

static void wide_terminal(void)
{
    /* 100 columns: codebook 40% of them = 40, transcript 59 (gutter 59/6 = 9, a blank, text 48,
     * a blank beside the divider), one divider column; the transcript's last row lists the
     * codings under the cursor. */
    CHECK_STR(draw(10, 100), "ggggggggg.tttttttttttttttttttttttttttttttttttttttttttttttt.|"
                             "cccccccccccccccccccccccccccccccccccccccc\n"
                             "ggggggggg.tttttttttttttttttttttttttttttttttttttttttttttttt.|"
                             "cccccccccccccccccccccccccccccccccccccccc\n"
                             "ggggggggg.tttttttttttttttttttttttttttttttttttttttttttttttt.|"
                             "cccccccccccccccccccccccccccccccccccccccc\n"
                             "ggggggggg.tttttttttttttttttttttttttttttttttttttttttttttttt.|"
                             "cccccccccccccccccccccccccccccccccccccccc\n"
                             "ggggggggg.tttttttttttttttttttttttttttttttttttttttttttttttt.|"
                             "cccccccccccccccccccccccccccccccccccccccc\n"
                             "ggggggggg.tttttttttttttttttttttttttttttttttttttttttttttttt.|"
                             "cccccccccccccccccccccccccccccccccccccccc\n"
                             "ggggggggg.tttttttttttttttttttttttttttttttttttttttttttttttt.|"
                             "cccccccccccccccccccccccccccccccccccccccc\n"
                             "hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh.|"
                             "cccccccccccccccccccccccccccccccccccccccc\n"
                             "sssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss"
                             "sssssssssssssssssssssssssssssss\n"
                             "mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm"
                             "mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm\n");
}

static void narrow_terminal_stacks(void)
{
    CHECK_STR(draw(12, 40), "gggggg.ttttttttttttttttttttttttttttttttt\n"
                            "gggggg.ttttttttttttttttttttttttttttttttt\n"
                            "gggggg.ttttttttttttttttttttttttttttttttt\n"
                            "gggggg.ttttttttttttttttttttttttttttttttt\n"
                            "hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh\n"
                            "----------------------------------------\n"
                            "cccccccccccccccccccccccccccccccccccccccc\n"
                            "cccccccccccccccccccccccccccccccccccccccc\n"
                            "cccccccccccccccccccccccccccccccccccccccc\n"
                            "cccccccccccccccccccccccccccccccccccccccc\n"
                            "ssssssssssssssssssssssssssssssssssssssss\n"
                            "mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm\n");
}

static void too_small(void)
{
    CHECK_STR(draw(5, 10), "too small");
    CHECK_STR(draw(7, 80), "too small");
    CHECK_STR(draw(24, 29), "too small");
    CHECK(strcmp(draw(8, 30), "too small") != 0);
    /* Three rows of transcript keep all three for the text. */
    CHECK_INT(layout_compute(8, 30).here.rows, 0);
}

static void every_size_is_covered_exactly(void)
{
    int bad = 0;
    for (int rows = LAYOUT_MIN_ROWS; rows <= 60; rows++) {
        for (int cols = LAYOUT_MIN_COLS; cols <= 200; cols++) {
            if (!covers_once(rows, cols)) {
                if (bad++ < 3)
                    printf("# %dx%d is not covered exactly once\n", rows, cols);
            }
        }
    }
    CHECK_INT(bad, 0);
    struct layout l = layout_compute(24, 80);
    CHECK_INT(l.kind, LAYOUT_STACKED);
    CHECK(l.text.cols >= 60);
    CHECK_INT(l.here.rows, 1);
    CHECK_INT(l.here.row, l.text.row + l.text.rows);
    CHECK(l.codebook.rows >= 8);
    l = layout_compute(40, 120);
    CHECK_INT(l.kind, LAYOUT_WIDE);
    CHECK(layout_contains(l.codebook, 0, 119));
    CHECK(!layout_contains(l.codebook, 38, 119));
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"wide_terminal", wide_terminal},
        {"narrow_terminal_stacks", narrow_terminal_stacks},
        {"too_small", too_small},
        {"every_size_is_covered_exactly", every_size_is_covered_exactly},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
