/* The help: the keys of the pane that has the focus, of everything it opens, and the global
 * ones, from the action list. */
#include "draw.h"
#include "internal.h"
#include "theme.h"

#include <stdio.h>
#include <stdlib.h>

struct help_pane {
    struct pane pane;
    const enum scope *scopes; /* what it lists, ending with SCOPE_COUNT */
    size_t top;
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

static void help_draw(struct pane *pane, struct ui *ui, struct rect area, bool focused)
{
    struct help_pane *h = of(pane);
    char down[16], up[16], close[16], title[96];
    ui_key_name(ACTION_HELP_DOWN, down, sizeof down);
    ui_key_name(ACTION_HELP_UP, up, sizeof up);
    ui_key_name(ACTION_HELP_CLOSE, close, sizeof close);
    snprintf(title, sizeof title, "Keys (%s/%s scroll, %s closes)", down, up, close);
    struct rect inside = draw_box(area, title);
    attr_t attr = theme_attr(THEME_POPUP);
    struct help_line lines[ACTION_COUNT + SCOPE_COUNT];
    size_t n = help_lines(h, lines, sizeof lines / sizeof lines[0]);
    if (h->top + (size_t)inside.rows > n)
        h->top = n > (size_t)inside.rows ? n - (size_t)inside.rows : 0;
    int keys_cols = inside.cols > 40 ? 18 : inside.cols / 3;
    for (int y = 0; y < inside.rows && h->top + (size_t)y < n; y++) {
        const struct help_line *line = &lines[h->top + (size_t)y];
        int row = inside.row + y;
        if (line->title) {
            draw_string(row, inside.col, inside.cols, actions_scope_title(line->scope),
                        attr | A_BOLD | A_UNDERLINE);
            continue;
        }
        const struct action_info *info = actions_info(line->action);
        char keys[64];
        actions_keys_text(info, keys, sizeof keys);
        draw_string(row, inside.col + 1, keys_cols - 1, keys, attr | A_BOLD);
        draw_string(row, inside.col + keys_cols, inside.cols - keys_cols, info->help, attr);
    }
}

static void help_act(struct pane *pane, struct ui *ui, enum action action)
{
    struct help_pane *h = of(pane);
    if (action == ACTION_HELP_DOWN)
        h->top++;
    else if (action == ACTION_HELP_UP && h->top > 0)
        h->top--;
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
