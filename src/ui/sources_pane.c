/* The source list: every source of the project with its case, kind, how much of it the coder
 * has coded and its length, the open one in bold; `/` filters it by name or case as one types,
 * and Enter reads the highlighted one. Here sources are renamed, deleted and linked to cases,
 * cases renamed and merged, and coders renamed and merged, each by the model (model/manage.h),
 * as the command line does it, renames and links as the screen's coder, who can undo them. */
#include "draw.h"
#include "internal.h"
#include "theme.h"

#include "model/manage.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sources_pane {
    struct pane pane;
    char filter[128];
    struct source_summary *summaries; /* one per source of the session */
    size_t *shown;                    /* the indexes of the sources the filter lets through */
    size_t count;                     /* of shown */
    size_t highlighted;               /* in shown */
    int64_t highlighted_id;           /* the highlighted source's id, kept over re-reading */
    size_t top;
};

static struct sources_pane *of(struct pane *pane)
{
    return (struct sources_pane *)pane;
}

/* Reads the summaries again and lets through the sources whose name or case holds the filter,
 * keeping the highlight on the same source where it still shows. */
static void reread_list(struct sources_pane *p, struct ui *ui)
{
    const struct source_list *sources = session_sources(ui->session);
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
        if (!ui_contains(sources->items[i].name, p->filter) &&
            !ui_contains(p->summaries[i].case_name, p->filter))
            continue;
        if (sources->items[i].id == p->highlighted_id)
            p->highlighted = p->count;
        p->shown[p->count++] = i;
    }
    p->highlighted_id = p->count ? sources->items[p->shown[p->highlighted]].id : 0;
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

/* --- Managing sources, cases and coders ------------------------------------------------------- */

/* The source with this id and its index in the session's list; NULL, with a message, when it is
 * gone (another program deleted it while a prompt was open). */
static const struct source_row *source_by_id(struct ui *ui, int64_t id, size_t *index)
{
    const struct source_list *sources = session_sources(ui->session);
    for (size_t i = 0; i < sources->count; i++) {
        if (sources->items[i].id == id) {
            *index = i;
            return &sources->items[i];
        }
    }
    ui_message(ui, true, "the source is no longer in the project");
    return NULL;
}

/* The name of the case of the source with this id: NULL, with a message, when the source is gone
 * or belongs to no case. */
static const char *case_of(struct ui *ui, int64_t source_id)
{
    size_t i;
    if (!source_by_id(ui, source_id, &i))
        return NULL;
    const char *name = listed(ui)->summaries[i].case_name;
    if (name[0])
        return name;
    char link[16];
    ui_key_name(ACTION_SRC_LINK, link, sizeof link);
    ui_message(ui, true, "%s belongs to no case; %s links it to one",
               session_sources(ui->session)->items[i].name, link);
    return NULL;
}

/* A model function that changes what the project holds: `name` is what it changes, `text` the
 * new name, the case or the other case or coder, as manage.h says for each. */
typedef bool managing(struct project *project, const char *name, const char *text, int64_t coder_id,
                      char *message, size_t size, struct error *err);

/* Runs one as the screen's coder and shows what it did; nothing when name is NULL (its owner
 * is gone, which the caller has said). */
static void manage_as_me(struct ui *ui, managing *run, const char *name, const char *text)
{
    if (!name)
        return;
    char message[512];
    struct error err;
    bool ok = run(ui->project, name, text, ui_coder(ui), message, sizeof message, &err);
    ui_after_change(ui, ok, &err, message);
}

/* The name of the source with this id, or NULL. */
static const char *source_name(struct ui *ui, int64_t id)
{
    size_t i;
    const struct source_row *source = source_by_id(ui, id, &i);
    return source ? source->name : NULL;
}

static void source_renamed(struct ui *ui, const char *text, int64_t id)
{
    manage_as_me(ui, manage_source_rename, source_name(ui, id), text);
}

static void source_linked(struct ui *ui, const char *text, int64_t id)
{
    manage_as_me(ui, manage_source_relink, source_name(ui, id), text[0] ? text : NULL);
}

static void delete_answered(struct ui *ui, bool yes, int purpose, int64_t id)
{
    size_t i;
    const struct source_row *source = yes ? source_by_id(ui, id, &i) : NULL;
    if (!yes)
        ui_message(ui, false, "nothing was deleted");
    if (!source)
        return;
    char message[512];
    struct error err;
    bool ok = manage_source_delete(ui->project, source->name, true, ui_coder(ui), message,
                                   sizeof message, &err);
    ui_after_change(ui, ok, &err, message);
}

/* Asks before deleting a source, counting every coder's codings of it (detached ones too) and
 * the disagreements settled in it. */
static void ask_delete(struct ui *ui, const struct source_row *source)
{
    struct error err;
    size_t codings, decisions;
    if (!manage_source_holds(ui->project, source->name, &codings, &decisions, &err)) {
        ui_fail(ui, &err);
        return;
    }
    struct strbuf question = STRBUF_INIT;
    strbuf_printf(&question, "Delete source '%s' with its text and %zu coding%s", source->name,
                  codings, codings == 1 ? "" : "s");
    if (decisions)
        strbuf_printf(&question, " and %zu settled disagreement%s", decisions,
                      decisions == 1 ? "" : "s");
    strbuf_puts(&question, "? y/n");
    if (strbuf_str(&question))
        question_open(ui, strbuf_str(&question), delete_answered, 0, source->id);
    else
        ui_message(ui, true, "out of memory");
    strbuf_finish(&question);
}

static void case_renamed(struct ui *ui, const char *text, int64_t id)
{
    manage_as_me(ui, manage_case_rename, case_of(ui, id), text);
}

/* "site = Site A" sets the attribute site of the source's case; "site =" clears it. */
static void case_value_given(struct ui *ui, const char *text, int64_t id)
{
    const char *name = case_of(ui, id);
    if (!name)
        return;
    const char *equals = strchr(text, '=');
    if (!equals) {
        ui_message(ui, true, "type the attribute, = and its value, as in: site = Site A");
        return;
    }
    size_t from = strspn(text, " "), to = (size_t)(equals - text);
    while (to > from && text[to - 1] == ' ')
        to--;
    char attribute[128];
    snprintf(attribute, sizeof attribute, "%.*s", (int)(to - from), text + from);
    const char *value = equals + 1 + strspn(equals + 1, " ");
    char trimmed[512];
    snprintf(trimmed, sizeof trimmed, "%s", value);
    for (size_t n = strlen(trimmed); n > 0 && trimmed[n - 1] == ' '; n--)
        trimmed[n - 1] = '\0';
    char message[512];
    struct error err;
    bool ok = manage_case_set(ui->project, name, attribute, trimmed, ui_coder(ui), message,
                              sizeof message, &err);
    ui_after_change(ui, ok, &err, message);
}

static void case_merged(struct ui *ui, const char *text, int64_t id)
{
    manage_as_me(ui, manage_case_merge, case_of(ui, id), text);
}

static void coder_renamed(struct ui *ui, const char *text, int64_t id)
{
    manage_as_me(ui, manage_coder_rename, session_coder_name_of(ui->session, id), text);
}

static void coder_merged(struct ui *ui, const char *text, int64_t id)
{
    manage_as_me(ui, manage_coder_merge, session_coder_name_of(ui->session, id), text);
}

/* The second question about a coder, once the first answer named one: the new name, or the
 * coder to merge into. The screen's own coder can be renamed (the screen goes on under the new
 * name) but not merged away: the command line merges it while the screen is closed. */
static void coder_named(struct ui *ui, const char *text, int64_t renaming)
{
    const struct coder_list *coders = session_coders(ui->session);
    const struct coder_row *coder = NULL;
    for (size_t i = 0; i < coders->count; i++) {
        if (strcmp(coders->items[i].name, text) == 0)
            coder = &coders->items[i];
    }
    if (!coder) {
        ui_message(ui, true, "the project has no coder named '%s'", text);
        return;
    }
    if (coder->id == ui_coder(ui) && !renaming) {
        ui_message(ui, true,
                   "you code as %s here, so %s is merged with margin coder merge once the "
                   "screen is closed",
                   coder->name, coder->name);
        return;
    }
    char label[160];
    snprintf(label, sizeof label, "%s coder %.64s %s: ", renaming ? "Rename" : "Merge", coder->name,
             renaming ? "to" : "into");
    prompt_open(ui, &(struct prompt_request){label, renaming ? coder->name : "",
                                             renaming ? coder_renamed : coder_merged, NULL, NULL,
                                             coder->id});
}

/* Opens a prompt about the highlighted source. */
static void ask(struct ui *ui, const char *label, const char *text,
                void (*accepted)(struct ui *ui, const char *text, int64_t id), int64_t id)
{
    prompt_open(ui, &(struct prompt_request){label, text, accepted, NULL, NULL, id});
}

/* The actions that change what the project holds, about the highlighted source (NULL when the
 * list shows none). */
static void manage_action(struct ui *ui, enum action action, const struct source_row *source,
                          const struct source_summary *summary)
{
    char label[160];
    switch (action) {
    case ACTION_SRC_CODER_RENAME:
        ask(ui, "Rename which coder: ", "", coder_named, 1);
        return;
    case ACTION_SRC_CODER_MERGE:
        ask(ui, "Merge which coder: ", "", coder_named, 0);
        return;
    default:
        break;
    }
    if (!source) {
        ui_message(ui, true, "no source is highlighted");
        return;
    }
    switch (action) {
    case ACTION_SRC_RENAME:
        ask(ui, "Rename source to: ", source->name, source_renamed, source->id);
        break;
    case ACTION_SRC_DELETE:
        ask_delete(ui, source);
        break;
    case ACTION_SRC_LINK:
        snprintf(label, sizeof label, "Case of %.100s (empty: none): ", source->name);
        ask(ui, label, summary->case_name, source_linked, source->id);
        break;
    case ACTION_SRC_CASE_RENAME:
        if (case_of(ui, source->id))
            ask(ui, "Rename case to: ", summary->case_name, case_renamed, source->id);
        break;
    case ACTION_SRC_CASE_SET:
        snprintf(label, sizeof label,
                 "Set in case %.96s (attribute = value): ", summary->case_name);
        if (case_of(ui, source->id))
            ask(ui, label, "", case_value_given, source->id);
        break;
    case ACTION_SRC_CASE_MERGE:
        snprintf(label, sizeof label, "Merge case %.96s into: ", summary->case_name);
        if (case_of(ui, source->id))
            ask(ui, label, "", case_merged, source->id);
        break;
    default:
        break;
    }
}

/* --- The rest of the interface ---------------------------------------------------------------- */

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
        ui_pop(ui); /* which frees the list */
        if (chosen < 0)
            return;
        if (session_open_source(ui->session, chosen, &err))
            ui_message(ui, false, "opened %s", session_sources(ui->session)->items[chosen].name);
        else
            ui_fail(ui, &err);
        return;
    }
    case ACTION_SRC_CANCEL:
        ui_pop(ui);
        return;
    default: {
        bool any = p->highlighted < p->count;
        size_t i = any ? p->shown[p->highlighted] : 0;
        manage_action(ui, action, any ? &session_sources(ui->session)->items[i] : NULL,
                      any ? &p->summaries[i] : NULL);
        return;
    }
    }
    p->highlighted_id =
        p->count ? session_sources(ui->session)->items[p->shown[p->highlighted]].id : 0;
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
