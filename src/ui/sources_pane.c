/* The source list: every source of the project, the open one in bold; Enter reads the
 * highlighted one. */
#include "draw.h"
#include "internal.h"
#include "theme.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sources_pane {
    struct pane pane;
    size_t highlighted;
    size_t top;
};

static struct sources_pane *of(struct pane *pane)
{
    return (struct sources_pane *)pane;
}

static void sources_draw(struct pane *pane, struct ui *ui, struct rect area, bool focused)
{
    struct sources_pane *p = of(pane);
    struct rect inside = draw_box(area, "Sources");
    attr_t attr = theme_attr(THEME_POPUP);
    const struct source_list *sources = session_sources(ui->session);
    if (sources->count == 0) {
        draw_string(inside.row, inside.col, inside.cols, "no sources: margin import adds them",
                    attr | A_DIM);
        return;
    }
    draw_follow(p->highlighted, (size_t)inside.rows, &p->top);
    for (size_t y = 0; y < (size_t)inside.rows && p->top + y < sources->count; y++) {
        const struct source_row *source = &sources->items[p->top + y];
        attr_t row_attr = p->top + y == p->highlighted ? attr | A_REVERSE : attr;
        int row = inside.row + (int)y;
        draw_blank(row, inside.col, inside.cols, row_attr);
        char details[64];
        snprintf(details, sizeof details, "%-11s %8" PRId64 " chars", row_kind_name(source->kind),
                 source->length);
        int details_cols = (int)strlen(details);
        bool open = p->top + y == (size_t)session_source_index(ui->session);
        draw_string(row, inside.col, inside.cols - details_cols - 1, source->name,
                    row_attr | (open ? A_BOLD : 0));
        if (details_cols < inside.cols)
            draw_string(row, inside.col + inside.cols - details_cols, details_cols, details,
                        row_attr);
    }
}

static void sources_act(struct pane *pane, struct ui *ui, enum action action)
{
    struct sources_pane *p = of(pane);
    size_t count = session_sources(ui->session)->count;
    struct error err;
    size_t chosen = p->highlighted;
    switch (action) {
    case ACTION_SRC_DOWN:
        if (p->highlighted + 1 < count)
            p->highlighted++;
        break;
    case ACTION_SRC_UP:
        if (p->highlighted > 0)
            p->highlighted--;
        break;
    case ACTION_SRC_FIRST:
        p->highlighted = 0;
        break;
    case ACTION_SRC_LAST:
        p->highlighted = count ? count - 1 : 0;
        break;
    case ACTION_SRC_OPEN:
        ui_pop(ui);
        if (chosen >= count)
            break;
        if (session_open_source(ui->session, (int)chosen, &err))
            ui_message(ui, false, "opened %s", session_sources(ui->session)->items[chosen].name);
        else
            ui_fail(ui, &err);
        break;
    case ACTION_SRC_CANCEL:
        ui_pop(ui);
        break;
    default:
        break;
    }
}

static size_t sources_scopes(const struct pane *pane, const struct ui *ui, enum scope *scopes)
{
    scopes[0] = SCOPE_SOURCES;
    return 1;
}

static void sources_dump(struct pane *pane, struct ui *ui, struct strbuf *out)
{
    const struct source_list *sources = session_sources(ui->session);
    size_t at = of(pane)->highlighted;
    if (at < sources->count)
        strbuf_printf(out, "sources: %s highlighted (%zu of %zu)\n", sources->items[at].name,
                      at + 1, sources->count);
}

static void sources_destroy(struct pane *pane)
{
    free(of(pane));
}

static const enum scope sources_help[] = {SCOPE_SOURCES, SCOPE_COUNT};

static const struct pane_ops sources_ops = {
    .name = "sources",
    .place = PLACE_POPUP,
    .scopes = sources_scopes,
    .help = sources_help,
    .draw = sources_draw,
    .act = sources_act,
    .dump = sources_dump,
    .destroy = sources_destroy,
};

struct pane *sources_pane_create(struct ui *ui, struct error *err)
{
    struct sources_pane *p = calloc(1, sizeof *p);
    if (!p) {
        error_internal(err, "out of memory");
        return NULL;
    }
    p->pane.ops = &sources_ops;
    int open = session_source_index(ui->session);
    p->highlighted = open > 0 ? (size_t)open : 0;
    return &p->pane;
}
