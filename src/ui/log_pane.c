/* The project's log (model/audit.h): every change, newest first, with when, who, from which
 * program and what, as `margin log` lists them; an undone change says so. `/` keeps the entries
 * whose coder, source or summary holds what is typed; Enter opens the source an entry changed.
 * The log is read again whenever the project changes. */
#include "bars.h"
#include "draw.h"
#include "internal.h"
#include "theme.h"

#include "model/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct log_pane {
    struct pane pane;
    struct audit_log log;
    bool read;        /* the log holds entries (else it was never read, or reading failed) */
    bool stale;       /* the project changed since */
    char filter[128]; /* "" for every entry */
    size_t *shown;    /* indexes into log.items of the entries the filter keeps, newest first */
    size_t count;     /* of shown */
    size_t row, top;  /* the highlighted entry (in shown) and the first on show */
};

static struct log_pane *of(struct pane *pane)
{
    return (struct log_pane *)pane;
}

/* Lets through, newest first, the entries whose coder, source or summary holds the filter. */
static void choose(struct log_pane *p)
{
    p->count = 0;
    for (size_t i = p->log.count; i-- > 0;) {
        const struct audit_entry *e = &p->log.items[i];
        if (ui_contains(e->coder, p->filter) || ui_contains(e->source, p->filter) ||
            ui_contains(e->summary, p->filter))
            p->shown[p->count++] = i;
    }
    if (p->row >= p->count)
        p->row = p->count ? p->count - 1 : 0;
}

/* Reads the log again. False, with the message shown and the old log kept, when it cannot be
 * read. */
static bool reread_log(struct log_pane *p, struct ui *ui)
{
    struct audit_log log = {0};
    struct error err;
    p->stale = false;
    if (!audit_read(ui->project, &(struct audit_filter){0}, &log, &err)) {
        audit_finish(&log);
        ui_fail(ui, &err);
        return false;
    }
    size_t *shown = calloc(log.count + 1, sizeof *shown);
    if (!shown) {
        audit_finish(&log);
        ui_message(ui, true, "out of memory reading the log");
        return false;
    }
    audit_finish(&p->log);
    free(p->shown);
    p->log = log;
    p->shown = shown;
    p->read = true;
    choose(p);
    return true;
}

static void bring_up_to_date(struct log_pane *p, struct ui *ui)
{
    if (p->read && p->stale)
        reread_log(p, ui);
}

/* --- Drawing -------------------------------------------------------------------------------- */

/* One entry as a line: when (to the minute), who, from where, what, and whether it was undone. */
static void entry_line(const struct audit_entry *e, char *out, size_t size)
{
    const char *time = strlen(e->at) >= 16 ? e->at + 11 : "";
    snprintf(out, size, "%.10s %.5s  %-10.40s %-12s %s%s", e->at, time,
             e->coder[0] ? e->coder : "-", e->program[0] ? e->program : "-", e->summary,
             strcmp(e->state, "undone") == 0 ? "  (undone)" : "");
}

static void log_draw(struct pane *pane, struct ui *ui, struct rect area, bool focused)
{
    struct log_pane *p = of(pane);
    bring_up_to_date(p, ui);
    char title[300];
    snprintf(title, sizeof title, " Log of %s: %zu of %zu changes, newest first%s%.100s",
             project_path(ui->project), p->count, p->log.count, p->filter[0] ? "; holding " : "",
             p->filter);
    draw_heading(area.row, &area, title);
    static const struct hint hints[] = {
        {ACTION_LOG_OPEN, "open its source"},
        {ACTION_LOG_FILTER, "filter"},
        {ACTION_LOG_CLOSE, "leave"},
        {ACTION_HELP, "keys"},
    };
    struct rect list = {area.row + 1, area.col, area.rows - 2, area.cols};
    if (list.rows < 1)
        return;
    bars_draw_hints((struct rect){area.row + area.rows - 1, area.col, 1, area.cols}, hints,
                    sizeof hints / sizeof hints[0]);
    if (p->count == 0) {
        draw_string(list.row, list.col + 1, list.cols - 1,
                    p->log.count ? "no change holds the filter" : "nothing has changed yet",
                    theme_attr(THEME_DESCRIPTION));
        return;
    }
    draw_follow(p->row, (size_t)list.rows, &p->top);
    for (size_t k = p->top; k < p->count && k - p->top < (size_t)list.rows; k++) {
        const struct audit_entry *e = &p->log.items[p->shown[k]];
        char line[1200];
        entry_line(e, line, sizeof line);
        int y = list.row + (int)(k - p->top);
        attr_t attr = k == p->row ? theme_attr(THEME_CURRENT) : A_NORMAL;
        if (strcmp(e->state, "undone") == 0)
            attr |= A_DIM;
        draw_blank(y, area.col, area.cols, attr);
        draw_cut(y, area.col + 1, area.cols - 1, line, attr);
    }
}

/* --- Acting ---------------------------------------------------------------------------------- */

static void filter_changed(struct ui *ui, const char *text, int64_t id)
{
    struct log_pane *p = of(ui->panes[PANE_LOG]);
    snprintf(p->filter, sizeof p->filter, "%s", text);
    choose(p);
}

static void filter_cancelled(struct ui *ui, int64_t id)
{
    filter_changed(ui, "", id);
}

/* Opens the source the highlighted entry changed. */
static void open_source(struct log_pane *p, struct ui *ui)
{
    if (p->row >= p->count)
        return;
    const struct audit_entry *e = &p->log.items[p->shown[p->row]];
    if (!e->source[0]) {
        ui_message(ui, true, "that change concerns no one source");
        return;
    }
    const struct source_list *sources = session_sources(ui->session);
    struct error err;
    for (size_t i = 0; i < sources->count; i++) {
        if (strcmp(sources->items[i].name, e->source) != 0)
            continue;
        if (!session_open_source(ui->session, (int)i, &err)) {
            ui_fail(ui, &err);
            return;
        }
        ui_focus(ui, PANE_TRANSCRIPT);
        ui_message(ui, false, "opened %s, which the change concerns", e->source);
        return;
    }
    ui_message(ui, true, "%s is no longer in the project", e->source);
}

static void log_act(struct pane *pane, struct ui *ui, enum action action)
{
    struct log_pane *p = of(pane);
    bring_up_to_date(p, ui);
    size_t page = ui->layout.status.row > 3 ? (size_t)ui->layout.status.row - 3 : 1;
    switch (action) {
    case ACTION_LOG_DOWN:
        p->row += p->row + 1 < p->count;
        break;
    case ACTION_LOG_UP:
        p->row -= p->row > 0;
        break;
    case ACTION_LOG_FIRST:
        p->row = 0;
        break;
    case ACTION_LOG_LAST:
        p->row = p->count ? p->count - 1 : 0;
        break;
    case ACTION_LOG_PAGE_DOWN:
        p->row = p->row + page < p->count ? p->row + page : (p->count ? p->count - 1 : 0);
        break;
    case ACTION_LOG_PAGE_UP:
        p->row = p->row > page ? p->row - page : 0;
        break;
    case ACTION_LOG_FILTER:
        prompt_open(
            ui, &(struct prompt_request){"Changes holding (a coder, a source, words): ", p->filter,
                                         filter_changed, filter_changed, filter_cancelled, 0});
        break;
    case ACTION_LOG_OPEN:
        open_source(p, ui);
        break;
    case ACTION_LOG_CLOSE:
        ui_focus(ui, PANE_TRANSCRIPT);
        break;
    default:
        break;
    }
}

void log_open(struct ui *ui)
{
    struct pane *pane = ui_pane(ui, PANE_LOG);
    if (!pane)
        return;
    struct log_pane *p = of(pane);
    if (!reread_log(p, ui))
        return;
    p->row = p->top = 0;
    ui_focus(ui, PANE_LOG);
}

/* --- The rest of the interface ------------------------------------------------------------ */

static size_t log_scopes(const struct pane *pane, const struct ui *ui, enum scope *scopes)
{
    scopes[0] = SCOPE_LOG;
    return 1;
}

static void log_reread(struct pane *pane, struct ui *ui)
{
    of(pane)->stale = true;
}

static void log_dump(struct pane *pane, struct ui *ui, struct strbuf *out)
{
    struct log_pane *p = of(pane);
    if (!p->read)
        return;
    bring_up_to_date(p, ui);
    strbuf_printf(out, "log: %zu of %zu changes%s%s\n", p->count, p->log.count,
                  p->filter[0] ? " holding " : "", p->filter);
    if (p->row < p->count) {
        const struct audit_entry *e = &p->log.items[p->shown[p->row]];
        strbuf_printf(out, "log entry: %s, %s, %s: %s%s\n", e->coder[0] ? e->coder : "-",
                      e->program[0] ? e->program : "-", e->operation, e->summary,
                      strcmp(e->state, "undone") == 0 ? " (undone)" : "");
    }
}

static const char *log_badge(const struct pane *pane, const struct ui *ui)
{
    return "LOG";
}

static void log_destroy(struct pane *pane)
{
    struct log_pane *p = of(pane);
    audit_finish(&p->log);
    free(p->shown);
    free(p);
}

static const enum scope log_help[] = {SCOPE_LOG, SCOPE_GLOBAL, SCOPE_PROMPT, SCOPE_HELP,
                                      SCOPE_COUNT};

static const struct pane_ops log_ops = {
    .name = "log",
    .place = PLACE_WHOLE,
    .scopes = log_scopes,
    .help = log_help,
    .draw = log_draw,
    .act = log_act,
    .reread = log_reread,
    .dump = log_dump,
    .badge = log_badge,
    .destroy = log_destroy,
};

struct pane *log_pane_create(struct ui *ui, struct error *err)
{
    struct log_pane *p = calloc(1, sizeof *p);
    if (!p) {
        error_internal(err, "out of memory");
        return NULL;
    }
    p->pane.ops = &log_ops;
    return &p->pane;
}
