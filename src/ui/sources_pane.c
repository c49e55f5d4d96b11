/* The source list: every source of the project with its case, kind, how much of it the coder
 * has coded and its length, the open one in bold; `/` filters it by name or case as one types,
 * and Enter reads the highlighted one. */
#include "draw.h"
#include "internal.h"
#include "theme.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct sources_pane {
    struct pane pane;
    char filter[128];
    struct source_summary *summaries; /* one per source of the session */
    size_t *shown;                    /* the indexes of the sources the filter lets through */
    size_t count;                     /* of shown */
    size_t highlighted;               /* in shown */
    size_t top;
};

static struct sources_pane *of(struct pane *pane)
{
    return (struct sources_pane *)pane;
}

/* True when `needle` is in `haystack`, ignoring the case of ASCII letters. */
static bool contains(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *at = haystack; *at; at++)
        if (strncasecmp(at, needle, n) == 0)
            return true;
    return n == 0;
}

/* Reads the summaries again and lets through the sources whose name or case holds the filter,
 * keeping the highlight on the same source where it still shows. */
static void reread_list(struct sources_pane *p, struct ui *ui)
{
    const struct source_list *sources = session_sources(ui->session);
    size_t keep = p->highlighted < p->count ? p->shown[p->highlighted] : SIZE_MAX;
    size_t room = sources->count ? sources->count : 1;
    struct source_summary *summaries = realloc(p->summaries, room * sizeof *summaries);
    size_t *shown = summaries ? realloc(p->shown, room * sizeof *shown) : NULL;
    if (summaries)
        p->summaries = summaries;
    if (shown)
        p->shown = shown;
    struct error err;
    if (!summaries || !shown) {
        p->count = 0;
        ui_message(ui, true, "out of memory listing the sources");
        return;
    }
    if (!session_source_summaries(ui->session, p->summaries, &err)) {
        memset(p->summaries, 0, room * sizeof *p->summaries);
        ui_fail(ui, &err);
    }
    p->count = 0;
    p->highlighted = 0;
    for (size_t i = 0; i < sources->count; i++) {
        if (!contains(sources->items[i].name, p->filter) &&
            !contains(p->summaries[i].case_name, p->filter))
            continue;
        if (i == keep)
            p->highlighted = p->count;
        p->shown[p->count++] = i;
    }
}

/* The source list under the prompt that filters it. */
static struct sources_pane *listed(struct ui *ui);

static void filter_changed(struct ui *ui, const char *text, int64_t id)
{
    struct sources_pane *p = listed(ui);
    snprintf(p->filter, sizeof p->filter, "%s", text);
    reread_list(p, ui);
}

static void filter_cancelled(struct ui *ui, int64_t id)
{
    filter_changed(ui, "", id);
}

/* Writes one source's row: its name at the left, then as many of its case, kind, coded share
 * and length as fit, at the right. */
static void draw_source(const struct source_row *source, const struct source_summary *summary,
                        bool open, int row, int col, int cols, attr_t attr)
{
    draw_blank(row, col, cols, attr);
    int64_t percent = source->length > 0 ? summary->coded * 100 / source->length : 0;
    if (summary->coded > 0 && percent == 0)
        percent = 1; /* a little coded is not nothing */
    char coded[32], length[32];
    snprintf(coded, sizeof coded, "%3" PRId64 "%% coded", percent);
    snprintf(length, sizeof length, "%9" PRId64 " chars", source->length);
    const char *parts[] = {summary->case_name[0] ? summary->case_name : "-",
                           row_kind_name(source->kind), coded, length};
    int widths[] = {12, 11, 10, 15};
    size_t fit = 4;
    int name_cols = 12, need = name_cols;
    for (size_t k = 0; k < fit; k++)
        need += widths[k] + 1;
    while (fit > 0 && need > cols) {
        /* Drop the length first, then the kind, then the case; the share stays longest. */
        static const size_t order[] = {3, 1, 0, 2};
        size_t drop = order[4 - fit];
        need -= widths[drop] + 1;
        widths[drop] = 0;
        fit--;
    }
    int right = col + cols;
    for (size_t k = 4; k-- > 0;) {
        if (!widths[k])
            continue;
        right -= widths[k] + 1;
        draw_column(row, right + 1, widths[k], parts[k], k >= 2, attr);
    }
    draw_cut(row, col, right - col, source->name, attr | (open ? A_BOLD : 0));
}

static void sources_draw(struct pane *pane, struct ui *ui, struct rect area, bool focused)
{
    struct sources_pane *p = of(pane);
    char title[160];
    snprintf(title, sizeof title, "Sources%s%.100s", p->filter[0] ? "  /" : "", p->filter);
    struct rect inside = draw_box(area, title);
    attr_t attr = theme_attr(THEME_POPUP);
    const struct source_list *sources = session_sources(ui->session);
    if (p->count == 0) {
        draw_string(inside.row, inside.col, inside.cols,
                    sources->count ? "no source matches the filter"
                                   : "no sources: margin import adds them",
                    attr | A_DIM);
        return;
    }
    draw_follow(p->highlighted, (size_t)inside.rows, &p->top);
    for (size_t y = 0; y < (size_t)inside.rows && p->top + y < p->count; y++) {
        size_t k = p->top + y, i = p->shown[k];
        draw_source(&sources->items[i], &p->summaries[i],
                    i == (size_t)session_source_index(ui->session), inside.row + (int)y, inside.col,
                    inside.cols, k == p->highlighted ? attr | A_REVERSE : attr);
    }
}

static void sources_act(struct pane *pane, struct ui *ui, enum action action)
{
    struct sources_pane *p = of(pane);
    struct error err;
    switch (action) {
    case ACTION_SRC_DOWN:
        if (p->highlighted + 1 < p->count)
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
        p->highlighted = p->count ? p->count - 1 : 0;
        break;
    case ACTION_SRC_FILTER:
        prompt_open(ui,
                    &(struct prompt_request){"Filter sources (name or case): ", p->filter,
                                             filter_changed, filter_changed, filter_cancelled, 0});
        break;
    case ACTION_SRC_OPEN: {
        int chosen = p->highlighted < p->count ? (int)p->shown[p->highlighted] : -1;
        ui_pop(ui);
        if (chosen < 0)
            break;
        if (session_open_source(ui->session, chosen, &err))
            ui_message(ui, false, "opened %s", session_sources(ui->session)->items[chosen].name);
        else
            ui_fail(ui, &err);
        break;
    }
    case ACTION_SRC_CANCEL:
        ui_pop(ui);
        break;
    default:
        break;
    }
}

static void sources_reread(struct pane *pane, struct ui *ui)
{
    reread_list(of(pane), ui);
}

static size_t sources_scopes(const struct pane *pane, const struct ui *ui, enum scope *scopes)
{
    scopes[0] = SCOPE_SOURCES;
    return 1;
}

static void sources_dump(struct pane *pane, struct ui *ui, struct strbuf *out)
{
    struct sources_pane *p = of(pane);
    const struct source_list *sources = session_sources(ui->session);
    if (p->filter[0])
        strbuf_printf(out, "sources filter: %s (%zu of %zu shown)\n", p->filter, p->count,
                      sources->count);
    if (p->highlighted < p->count) {
        size_t i = p->shown[p->highlighted];
        const struct source_row *source = &sources->items[i];
        strbuf_printf(out,
                      "sources: %s highlighted (%zu of %zu), case %s, %" PRId64 " of %" PRId64
                      " characters coded\n",
                      source->name, p->highlighted + 1, p->count,
                      p->summaries[i].case_name[0] ? p->summaries[i].case_name : "none",
                      p->summaries[i].coded, source->length);
    }
}

static void sources_destroy(struct pane *pane)
{
    struct sources_pane *p = of(pane);
    free(p->summaries);
    free(p->shown);
    free(p);
}

static const enum scope sources_help[] = {SCOPE_SOURCES, SCOPE_COUNT};

static const struct pane_ops sources_ops = {
    .name = "sources",
    .place = PLACE_POPUP,
    .scopes = sources_scopes,
    .help = sources_help,
    .draw = sources_draw,
    .act = sources_act,
    .reread = sources_reread,
    .dump = sources_dump,
    .destroy = sources_destroy,
};

static struct sources_pane *listed(struct ui *ui)
{
    for (size_t i = ui->nlayers; i-- > 0;)
        if (ui->layers[i]->ops == &sources_ops)
            return of(ui->layers[i]);
    return NULL; /* not reached: only the list opens its filter */
}

struct pane *sources_pane_create(struct ui *ui, struct error *err)
{
    struct sources_pane *p = calloc(1, sizeof *p);
    if (!p) {
        error_internal(err, "out of memory");
        return NULL;
    }
    p->pane.ops = &sources_ops;
    reread_list(p, ui);
    int open = session_source_index(ui->session);
    for (size_t k = 0; k < p->count; k++)
        if (p->shown[k] == (size_t)open)
            p->highlighted = k;
    return &p->pane;
}
