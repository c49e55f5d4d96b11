#include "ui/draw.h"

#include "core/utf8.h"
#include "core/width.h"
#include "ui/bars.h"
#include "ui/codebook_pane.h"
#include "ui/compare_pane.h"
#include "ui/popups.h"
#include "ui/theme.h"
#include "ui/transcript_pane.h"

#include <stdio.h>
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
    if (cp >= 0x80 && cp < 0xA0) {
        char shown[8];
        snprintf(shown, sizeof shown, "<%02x>", cp);
        for (int i = 0; i < 4; i++)
            put_char(row, col + i, (uint32_t)shown[i], NULL, 0, attr | theme_attr(THEME_CONTROL));
        return 4;
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

void draw_blank(int row, int col, int width, attr_t attr)
{
    for (int x = 0; x < width; x++)
        put_char(row, col + x, ' ', NULL, 0, attr);
}

static void draw_divider(const struct layout *layout)
{
    const struct rect *d = &layout->divider;
    attr_t attr = theme_attr(THEME_DIVIDER);
    for (int y = d->row; y < d->row + d->rows; y++) {
        for (int x = d->col; x < d->col + d->cols; x++)
            put_char(y, x, layout->kind == LAYOUT_WIDE ? 0x2502 : 0x2500, NULL, 0, attr);
    }
}

static void draw_too_small(const struct layout *layout)
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

void draw_screen(struct view *view, const struct session *session)
{
    erase();
    if (view->layout.kind == LAYOUT_TOO_SMALL) {
        draw_too_small(&view->layout);
        return;
    }
    if (view->screen == SCREEN_COMPARE) {
        compare_pane_draw(view, session);
    } else {
        transcript_pane_draw(view, session);
        draw_divider(&view->layout);
        codebook_pane_draw(view, session);
    }
    popups_draw(view, session);
    /* Last, so that a long message is read over a popup too. */
    bars_draw(view, session);
}
