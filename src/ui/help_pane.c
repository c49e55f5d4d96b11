/* The help: the keys of the pane that has the focus, of everything it opens, and the global
 * ones, from the action list. */
#include "draw.h"
#include "internal.h"
#include "theme.h"

#include "core/text.h"
#include "core/width.h"
#include "core/wrap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct help_pane {
    struct pane pane;
    const enum scope *scopes; /* what it lists, ending with SCOPE_COUNT */
    size_t top;               /* the first row shown */
    size_t page;              /* the rows shown, as last drawn */
};

static struct help_pane *of(struct pane *pane)
{
    return (struct help_pane *)pane;
}

/* One help line: a scope's title, or an action's keys and what it does. */
struct help_line {
    bool title;
    enum scope scope;
    enum action action;
};

static size_t help_lines(const struct help_pane *h, struct help_line *lines, size_t max)
{
    size_t n = 0;
    for (const enum scope *s = h->scopes; *s != SCOPE_COUNT; s++) {
        if (n < max)
            lines[n++] = (struct help_line){true, *s, ACTION_NONE};
        for (int a = ACTION_PENDING + 1; a < ACTION_COUNT; a++) {
            if (actions_info((enum action)a)->scope == *s && n < max)
                lines[n++] = (struct help_line){false, *s, (enum action)a};
        }
    }
    return n;
}

/* A row of the help as drawn: a scope's title, or an action's keys and a piece of what it
 * does, wrapped to the box. Keys too long for their column take a row of their own. */
struct help_row {
    const char *title; /* or NULL */
    const char *keys;  /* or NULL on rows that carry on a description */
    const char *help;  /* the description, and the piece of it on this row */
    size_t from, to;
};

struct help_rows {
    struct help_row *items;
    size_t count;
    char (*keys)[64]; /* the keys of each action listed, as text */
};

#define KEYS_COLS 18

static int keys_cols(int cols)
{
    return cols > 40 ? KEYS_COLS : cols / 3;
}

static bool add_row(struct help_rows *rows, size_t *cap, struct help_row row)
{
    if (rows->count == *cap) {
        size_t grown = *cap ? *cap * 2 : 64;
        struct help_row *items = realloc(rows->items, grown * sizeof *items);
        if (!items)
            return false;
        rows->items = items;
        *cap = grown;
    }
    rows->items[rows->count++] = row;
    return true;
}

/* Lays out every line of the help in `cols` columns. */
static bool lay_out(const struct help_pane *h, int cols, struct help_rows *rows)
{
    struct help_line lines[ACTION_COUNT + SCOPE_COUNT];
    size_t n = help_lines(h, lines, sizeof lines / sizeof lines[0]);
    size_t cap = 0;
    int key_width = keys_cols(cols);
    int help_width = cols - key_width > 8 ? cols - key_width : cols;
    rows->count = 0;
    if (!(rows->keys = calloc(n ? n : 1, sizeof *rows->keys)))
        return false;
    for (size_t i = 0; i < n; i++) {
        if (lines[i].title) {
            if (!add_row(rows, &cap,
                         (struct help_row){actions_scope_title(lines[i].scope), NULL, NULL, 0, 0}))
                return false;
            continue;
        }
        const struct action_info *info = actions_info(lines[i].action);
        actions_keys_text(info, rows->keys[i], sizeof rows->keys[i]);
        bool own_row = (int)width_of_text(rows->keys[i], strlen(rows->keys[i])) > key_width - 2;
        if (own_row && !add_row(rows, &cap, (struct help_row){NULL, rows->keys[i], NULL, 0, 0}))
            return false;
        struct text *text = text_create(info->help, strlen(info->help));
        struct wrap wrap = {0};
        bool ok = text && wrap_text(text, help_width, &wrap);
        for (size_t r = 0; ok && r < wrap.count; r++) {
            struct help_row row = {NULL, r == 0 && !own_row ? rows->keys[i] : NULL, info->help,
                                   text_byte(text, (size_t)wrap.items[r].start),
                                   text_byte(text, (size_t)wrap.items[r].end)};
            ok = add_row(rows, &cap, row);
        }
        wrap_finish(&wrap);
        text_destroy(text);
        if (!ok)
            return false;
    }
    return true;
}

static void rows_finish(struct help_rows *rows)
{
    free(rows->items);
    free(rows->keys);
}

static void help_draw(struct pane *pane, struct ui *ui, struct rect area, bool focused)
{
    struct help_pane *h = of(pane);
    char down[16], up[16], close[16], title[96];
    ui_key_name(ACTION_HELP_PAGE_DOWN, down, sizeof down);
    ui_key_name(ACTION_HELP_PAGE_UP, up, sizeof up);
    ui_key_name(ACTION_HELP_CLOSE, close, sizeof close);
    snprintf(title, sizeof title, "Keys (%s/%s for more, %s closes)", down, up, close);
    if ((int)width_of_text(title, strlen(title)) > area.cols - 6)
        snprintf(title, sizeof title, "Keys (%s closes)", close);
    struct rect inside = draw_box(area, title);
    attr_t attr = theme_attr(THEME_POPUP);
    struct help_rows rows = {0};
    if (!lay_out(h, inside.cols, &rows)) {
        rows_finish(&rows);
        draw_string(inside.row, inside.col, inside.cols, "out of memory", attr);
        return;
    }
    size_t shown = inside.rows > 0 ? (size_t)inside.rows : 0;
    h->page = shown;
    if (h->top + shown > rows.count)
        h->top = rows.count > shown ? rows.count - shown : 0;
    int key_width = keys_cols(inside.cols);
    for (size_t y = 0; y < shown && h->top + y < rows.count; y++) {
        const struct help_row *row = &rows.items[h->top + y];
        int at = inside.row + (int)y;
        if (row->title) {
            draw_string(at, inside.col, inside.cols, row->title, attr | A_BOLD | A_UNDERLINE);
            continue;
        }
        if (row->keys)
            draw_string(at, inside.col + 1, inside.cols - 1, row->keys, attr | A_BOLD);
        if (row->help)
            draw_text(at, inside.col + key_width, inside.cols - key_width, row->help + row->from,
                      row->to - row->from, attr);
    }
    rows_finish(&rows);
}

static void help_act(struct pane *pane, struct ui *ui, enum action action)
{
    struct help_pane *h = of(pane);
    size_t page = h->page > 1 ? h->page - 1 : 1;
    if (action == ACTION_HELP_DOWN)
        h->top++;
    else if (action == ACTION_HELP_UP && h->top > 0)
        h->top--;
    else if (action == ACTION_HELP_PAGE_DOWN)
        h->top += page;
    else if (action == ACTION_HELP_PAGE_UP)
        h->top = h->top > page ? h->top - page : 0;
    else if (action == ACTION_HELP_CLOSE)
        ui_pop(ui);
}

static size_t help_scopes(const struct pane *pane, const struct ui *ui, enum scope *scopes)
{
    scopes[0] = SCOPE_HELP;
    return 1;
}

static void help_dump(struct pane *pane, struct ui *ui, struct strbuf *out)
{
    struct help_pane *h = of(pane);
    strbuf_puts(out, "help:");
    for (const enum scope *s = h->scopes; *s != SCOPE_COUNT; s++)
        strbuf_printf(out, "%s%s", s == h->scopes ? " " : "; ", actions_scope_title(*s));
    strbuf_printf(out, " (from line %zu)\n", h->top + 1);
}

static void help_destroy(struct pane *pane)
{
    free(of(pane));
}

static const enum scope help_help[] = {SCOPE_HELP, SCOPE_COUNT};

static const struct pane_ops help_ops = {
    .name = "help",
    .place = PLACE_POPUP,
    .scopes = help_scopes,
    .help = help_help,
    .draw = help_draw,
    .act = help_act,
    .dump = help_dump,
    .destroy = help_destroy,
};

struct pane *help_pane_create(struct ui *ui, struct error *err)
{
    struct help_pane *h = calloc(1, sizeof *h);
    if (!h) {
        error_internal(err, "out of memory");
        return NULL;
    }
    h->pane.ops = &help_ops;
    h->scopes = ui->panes[ui->focus]->ops->help;
    return &h->pane;
}
