#include "draw.h"

#include "core/utf8.h"
#include "core/width.h"
#include "theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Writes a plain character (not a control) with its marks. */
static void put_char(int row, int col, uint32_t cp, const uint32_t *marks, size_t nmarks,
                     attr_t attr)
{
    wchar_t wch[CCHARW_MAX + 1] = {0};
    wch[0] = (wchar_t)cp;
    for (size_t i = 0; i < nmarks && i + 1 < CCHARW_MAX; i++)
        wch[i + 1] = (wchar_t)marks[i];
    cchar_t cell;
    setcchar(&cell, wch, attr & ~A_COLOR, theme_pair(attr), NULL);
    mvadd_wch(row, col, &cell);
}

int draw_cell(int row, int col, uint32_t cp, const uint32_t *marks, size_t nmarks, attr_t attr)
{
    int width = width_drawn(cp);
    if (cp == '\t') {
        put_char(row, col, ' ', NULL, 0, attr);
        return 1;
    }
    if (cp < 0x20 || cp == 0x7F) {
        attr_t shown = attr | theme_attr(THEME_CONTROL);
        put_char(row, col, '^', NULL, 0, shown);
        put_char(row, col + 1, cp == 0x7F ? '?' : cp + '@', NULL, 0, shown);
        return 2;
    }
    if ((cp >= 0x80 && cp < 0xA0) || utf8_is_bidi_control(cp)) {
        char shown[8];
        int n = snprintf(shown, sizeof shown, "<%02x>", cp);
        for (int i = 0; i < n; i++)
            put_char(row, col + i, (uint32_t)shown[i], NULL, 0, attr | theme_attr(THEME_CONTROL));
        return n;
    }
    if (width == 0) {
        /* A mark with nothing to sit on: show it on a space of its own. */
        put_char(row, col, ' ', &cp, 1, attr);
        return 1;
    }
    put_char(row, col, cp, marks, nmarks, attr);
    return width;
}

int draw_text(int row, int col, int width, const char *s, size_t n, attr_t attr)
{
    int used = 0;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = utf8_decode_or_replace(s + i, n - i, &cp);
        i += len;
        /* Gather the zero-width marks that belong with this character. */
        uint32_t marks[CCHARW_MAX];
        size_t nmarks = 0;
        while (i < n) {
            uint32_t next;
            size_t next_len = utf8_decode(s + i, n - i, &next);
            if (next_len == 0 || next < 0x20 || width_drawn(next) != 0 || next == '\n')
                break;
            if (nmarks < CCHARW_MAX - 1)
                marks[nmarks++] = next;
            i += next_len;
        }
        int w = width_drawn(cp);
        if (w == 0 && cp != '\n')
            w = 1;
        if (cp == '\n' || used + w > width)
            break;
        used += draw_cell(row, col + used, cp, marks, nmarks, attr);
    }
    return used;
}

int draw_string(int row, int col, int width, const char *s, attr_t attr)
{
    return draw_text(row, col, width, s, strlen(s), attr);
}

int draw_cut(int row, int col, int width, const char *s, attr_t attr)
{
    size_t n = strlen(s);
    int needed = 0;
    for (size_t i = 0; i < n && needed <= width;) {
        uint32_t cp;
        i += utf8_decode_or_replace(s + i, n - i, &cp);
        needed += width_drawn(cp);
    }
    if (needed <= width)
        return draw_text(row, col, width, s, n, attr);
    if (width < 1)
        return 0;
    int used = draw_text(row, col, width - 1, s, n, attr);
    return used + draw_cell(row, col + used, 0x2026, NULL, 0, attr);
}

int draw_column(int row, int col, int width, const char *text, bool right, attr_t attr)
{
    if (width <= 0)
        return col;
    int used = (int)width_of_text(text, strlen(text));
    int at = right && used < width ? col + width - used : col;
    draw_cut(row, at, width - (at - col), text, attr);
    return col + width + 1;
}

void draw_blank(int row, int col, int width, attr_t attr)
{
    if (width <= 0)
        return;
    const wchar_t space[] = {L' ', L'\0'};
    cchar_t cell;
    setcchar(&cell, space, attr & ~A_COLOR, theme_pair(attr), NULL);
    mvhline_set(row, col, &cell, width);
}

void draw_clear(void)
{
    erase();
}

struct rect draw_area(const struct layout *layout, enum pane_place place)
{
    switch (place) {
    case PLACE_TEXT:
        return (struct rect){layout->gutter.row, layout->gutter.col, layout->gutter.rows,
                             layout->text.col + layout->text.cols - layout->gutter.col};
    case PLACE_CODEBOOK:
        return layout->codebook;
    case PLACE_WHOLE:
        return (struct rect){0, 0, layout->status.row, layout->cols};
    case PLACE_POPUP:
        return layout->popup;
    case PLACE_LINE:
        break;
    }
    return layout->message;
}

void draw_divider(const struct layout *layout)
{
    const struct rect *d = &layout->divider;
    attr_t attr = theme_attr(THEME_DIVIDER);
    for (int y = d->row; y < d->row + d->rows; y++) {
        for (int x = d->col; x < d->col + d->cols; x++)
            put_char(y, x, layout->kind == LAYOUT_WIDE ? 0x2502 : 0x2500, NULL, 0, attr);
    }
}

void draw_too_small(const struct layout *layout)
{
    char text[128];
    snprintf(text, sizeof text, "terminal too small: %dx%d, margin needs %dx%d", layout->rows,
             layout->cols, LAYOUT_MIN_ROWS, LAYOUT_MIN_COLS);
    /* Wrap the message at spaces into whatever room there is. */
    size_t n = strlen(text);
    size_t at = 0;
    for (int row = 0; row < layout->rows && at < n; row++) {
        size_t take = width_fit(text + at, n - at, (size_t)layout->cols);
        if (at + take < n) {
            size_t space = take;
            while (space > 0 && text[at + space] != ' ')
                space--;
            if (space > 0)
                take = space;
        }
        draw_text(row, 0, layout->cols, text + at, take, A_BOLD);
        at += take;
        while (at < n && text[at] == ' ')
            at++;
    }
}

struct rect draw_box(struct rect box, const char *title)
{
    attr_t attr = theme_attr(THEME_POPUP);
    for (int y = 0; y < box.rows; y++)
        draw_blank(box.row + y, box.col, box.cols, attr);
    for (int x = 1; x < box.cols - 1; x++) {
        draw_cell(box.row, box.col + x, 0x2500, NULL, 0, attr);
        draw_cell(box.row + box.rows - 1, box.col + x, 0x2500, NULL, 0, attr);
    }
    for (int y = 1; y < box.rows - 1; y++) {
        draw_cell(box.row + y, box.col, 0x2502, NULL, 0, attr);
        draw_cell(box.row + y, box.col + box.cols - 1, 0x2502, NULL, 0, attr);
    }
    draw_cell(box.row, box.col, 0x250C, NULL, 0, attr);
    draw_cell(box.row, box.col + box.cols - 1, 0x2510, NULL, 0, attr);
    draw_cell(box.row + box.rows - 1, box.col, 0x2514, NULL, 0, attr);
    draw_cell(box.row + box.rows - 1, box.col + box.cols - 1, 0x2518, NULL, 0, attr);
    char heading[128];
    snprintf(heading, sizeof heading, " %s ", title);
    draw_string(box.row, box.col + 2, box.cols - 4, heading, attr | A_BOLD);
    return (struct rect){box.row + 1, box.col + 2, box.rows - 2, box.cols - 4};
}

void draw_heading(int row, const struct rect *r, const char *text)
{
    attr_t attr = theme_attr(THEME_TITLE);
    draw_blank(row, r->col, r->cols, attr);
    draw_cut(row, r->col, r->cols, text, attr);
}

void draw_follow(size_t current, size_t rows, size_t *top)
{
    if (current < *top)
        *top = current;
    if (rows > 0 && current >= *top + rows)
        *top = current - rows + 1;
}

/* One character of wrapped text: a code point and its attributes. */
struct cell {
    uint32_t cp;
    attr_t attr;
};

/* Appends the code points of s (a line feed or carriage return as a space) to cells, up to
 * `max`. */
static size_t add_cells(struct cell *cells, size_t n, size_t max, const char *s, attr_t attr)
{
    size_t len = s ? strlen(s) : 0;
    for (size_t i = 0; i < len && n < max;) {
        uint32_t cp;
        i += utf8_decode_or_replace(s + i, len - i, &cp);
        cells[n++] = (struct cell){cp == '\n' || cp == '\r' ? ' ' : cp, attr};
    }
    return n;
}

bool draw_runs(int row, int col, int rows, int cols, const struct draw_run *runs, size_t nruns)
{
    if (rows < 1 || cols < 1)
        return true;
    /* No more characters can show than the rows hold, and one more tells that the text goes on. */
    size_t max = (size_t)rows * (size_t)cols + 1, n = 0;
    struct cell *cells = malloc(max * sizeof *cells);
    if (!cells)
        return false;
    for (size_t r = 0; r < nruns; r++)
        n = add_cells(cells, n, max, runs[r].text, runs[r].attr);
    int y = 0, x = 0;
    size_t i = 0;
    while (i < n && y < rows) {
        if (x == 0 && cells[i].cp == ' ') {
            i++; /* no row starts with a space */
            continue;
        }
        int word = 0;
        for (size_t k = i; k < n && cells[k].cp != ' '; k++)
            word += width_drawn(cells[k].cp);
        int w = width_drawn(cells[i].cp);
        if ((cells[i].cp != ' ' && x > 0 && x + word > cols && word <= cols) || x + w > cols) {
            y++, x = 0;
            continue;
        }
        x += draw_cell(row + y, col + x, cells[i].cp, NULL, 0, cells[i].attr);
        i++;
    }
    if (i < n)
        draw_string(row + rows - 1, col + cols - 1, 1, "…", A_DIM);
    free(cells);
    return true;
}
