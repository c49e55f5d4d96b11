/* The segment list: every segment coded at a code (a retrieval, model/retrieve.h) or every
 * stretch a query found (model/query.h), each with its source, case, speaker, code and coder
 * above a few lines of its text, the coded stretch highlighted in its context. Enter reads a
 * segment in its transcript and the global key back to the list returns to the same segment.
 *
 * The list is run again when the project changes, when the case filter or the sub-codes change,
 * and when other coders' codings are shown or hidden (session_show_others: a coder coding blind
 * sees only their own segments). Only the segments on show have their text loaded.
 *
 * One file: drawing, the actions, opening a list and the dump all work on struct segments_pane
 * and run the list again through rerun(), which a split would have to share across src/ui for
 * the sake of a few lines over 600. */
#include "bars.h"
#include "draw.h"
#include "internal.h"
#include "theme.h"

#include "core/outline.h"
#include "core/utf8.h"
#include "model/matrix.h"
#include "model/query.h"
#include "model/quotes.h"
#include "model/retrieve.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Characters of context loaded either side of a segment. */
#define CONTEXT_CHARS 80

enum list_kind {
    LIST_NONE,      /* nothing asked for yet */
    LIST_RETRIEVAL, /* the segments coded at `code` */
    LIST_QUERY,     /* the stretches `query` finds */
};

struct segments_pane {
    struct pane pane;
    enum list_kind kind;
    char code[OUTLINE_TEXT_MAX];  /* LIST_RETRIEVAL: the code's number */
    bool subcodes;                /* LIST_RETRIEVAL: its sub-codes' segments too */
    char query[512];              /* LIST_QUERY */
    char case_name[256];          /* LIST_RETRIEVAL: only this case's segments, "" for any */
    char where[256];              /* the case filter, "" for every case */
    enum pane_id came_from;       /* where leaving the list goes back to */
    int64_t cell_case, cell_code; /* the matrix cell it lists the segments of (0: none) */
    int64_t *linked;              /* the codings linked to that cell, ascending */
    size_t nlinked;
    struct segment_set *set;       /* NULL until run, and after a run failed */
    bool everyone;                 /* whether the set holds every coder's segments */
    bool stale;                    /* the project changed since the set was made */
    size_t at, top;                /* the highlighted segment and the first on show */
    size_t loaded_from, loaded_to; /* the segments whose text is loaded */
};

static struct segments_pane *of(struct pane *pane)
{
    return (struct segments_pane *)pane;
}

/* --- Running the retrieval or the query ---------------------------------------------------- */

/* Where the highlight was, to find it again in a new set: the same coding, or the same
 * stretch of the same source. */
struct place {
    int64_t coding_id, source_id, start;
};

static struct place place_of(const struct segments_pane *p)
{
    if (!p->set || p->at >= segment_set_count(p->set))
        return (struct place){0, 0, 0};
    const struct segment *s = segment_set_get(p->set, p->at);
    return (struct place){s->coding_id, s->source_id, s->start};
}

/* The index in the set of the segment at `place`, or of the first after it. */
static size_t find_place(const struct segment_set *set, struct place place)
{
    size_t n = segment_set_count(set);
    for (size_t i = 0; i < n; i++) {
        const struct segment *s = segment_set_get(set, i);
        if (place.coding_id ? s->coding_id == place.coding_id
                            : s->source_id == place.source_id && s->start >= place.start)
            return i;
    }
    return 0;
}

/* Runs the list's retrieval or query into a new set. NULL with a message when it fails. */
static struct segment_set *run(const struct segments_pane *p, struct ui *ui, bool everyone,
                               struct error *err)
{
    const char *coder = session_coder_name(ui->session);
    /* Whose segments: the coder's own, unless others are shown or nobody is coding (a reader
     * of a read-only project sees everyone's). */
    size_t ncoders = everyone || session_coder_id(ui->session) == 0 ? 0 : 1;
    const char *where = p->where[0] ? p->where : NULL;
    const char *case_name = p->case_name;
    if (p->kind == LIST_QUERY)
        return query_run(
            ui->project,
            &(struct query_request){
                .query = p->query, .coders = &coder, .ncoders = ncoders, .where = where},
            err);
    return retrieve_segments(ui->project,
                             &(struct retrieval_request){.code = p->code,
                                                         .subcodes = p->subcodes,
                                                         .coders = &coder,
                                                         .ncoders = ncoders,
                                                         .cases = &case_name,
                                                         .ncases = case_name[0] ? 1 : 0,
                                                         .where = where},
                             err);
}

static int compare_ids(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Whether a segment is linked to the matrix cell the list shows. */
static bool is_linked(const struct segments_pane *p, const struct segment *s)
{
    return p->nlinked && s->coding_id &&
           bsearch(&s->coding_id, p->linked, p->nlinked, sizeof *p->linked, compare_ids);
}

/* Runs the list again, keeping the highlight on the same segment where it still is. False, with
 * the message shown and the old list kept, when the run fails. */
static bool rerun(struct segments_pane *p, struct ui *ui)
{
    struct error err;
    bool everyone = session_show_others(ui->session);
    struct segment_set *set = run(p, ui, everyone, &err);
    p->stale = false;
    if (!set) {
        ui_fail(ui, &err);
        return false;
    }
    if (p->cell_case) {
        free(p->linked);
        p->linked = NULL;
        p->nlinked = 0;
        if (!matrix_links(ui->project, p->cell_case, p->cell_code, &p->linked, &p->nlinked, &err))
            ui_fail(ui, &err);
    }
    size_t at = find_place(set, place_of(p));
    segment_set_destroy(p->set);
    p->set = set;
    p->everyone = everyone;
    p->at = at;
    p->loaded_from = p->loaded_to = 0;
    return true;
}

/* Brings the list up to date with the project and with whose codings are shown. */
static void bring_up_to_date(struct segments_pane *p, struct ui *ui)
{
    if (p->kind != LIST_NONE && (p->stale || p->everyone != session_show_others(ui->session)))
        rerun(p, ui);
}

static size_t count(const struct segments_pane *p)
{
    return p->set ? segment_set_count(p->set) : 0;
}

/* --- Drawing -------------------------------------------------------------------------------- */

/* The line above a segment's text: source, case, speaker, code and coder where it has them,
 * the span, whether the coding has a memo or is a quote, and whether it is `linked` to the
 * matrix cell. */
static void segment_label(const struct segment *s, bool linked, struct ui *ui, char *out,
                          size_t size)
{
    bool quote = false;
    struct error ignored;
    if (s->coding_id && !quotes_is_marked(ui->project, s->coding_id, &quote, &ignored))
        quote = false; /* the label then leaves the mark out; the list still shows */
    size_t used = (size_t)snprintf(out, size, "%s", s->source);
    char number[OUTLINE_TEXT_MAX];
    if (s->case_name[0] && used < size)
        used += (size_t)snprintf(out + used, size - used, "  case %s", s->case_name);
    if (s->speaker && s->speaker[0] && used < size)
        used += (size_t)snprintf(out + used, size - used, "  %s:", s->speaker);
    if (s->code >= 0 && used < size) {
        const struct codetree *tree = project_codes(ui->project);
        codetree_number_text(tree, s->code, number);
        used += (size_t)snprintf(out + used, size - used, "  %s %s", number,
                                 codetree_get(tree, (size_t)s->code)->name);
    }
    if (s->coder[0] && used < size)
        used += (size_t)snprintf(out + used, size - used, "  [%s]", s->coder);
    if (used < size)
        snprintf(out + used, size - used, "  %" PRId64 "-%" PRId64 "%s%s%s", s->start, s->end,
                 s->memo ? "  (memo)" : "", quote ? "  (quote)" : "",
                 linked ? "  (linked to the cell)" : "");
}

/* Draws segment `k` in `rows` rows from `row`: its label, then its text in context. */
static void draw_segment(struct segments_pane *p, struct ui *ui, size_t k, int row, int rows,
                         struct rect r)
{
    const struct segment *s = segment_set_get(p->set, k);
    char label[1024];
    segment_label(s, is_linked(p, s), ui, label, sizeof label);
    attr_t attr = k == p->at ? theme_attr(THEME_CURRENT) : A_BOLD;
    draw_blank(row, r.col, r.cols, attr);
    draw_cut(row, r.col + 1, r.cols - 1, label, attr);
    struct draw_run runs[] = {
        {s->before, A_DIM}, {s->text, theme_attr(THEME_MATCH)}, {s->after, A_DIM}};
    if (!draw_runs(row + 1, r.col + 3, rows - 1, r.cols - 3, runs, 3))
        ui_message(ui, true, "out of memory");
}

/* The list's title: what it lists, for whom, where. */
static void list_title(const struct segments_pane *p, struct ui *ui, char *out, size_t size)
{
    const char *whose =
        p->everyone || session_coder_id(ui->session) == 0 ? "every coder" : "your codings";
    char what[700];
    if (p->kind == LIST_QUERY) {
        snprintf(what, sizeof what, "query %s", p->query);
    } else {
        const struct codetree *tree = project_codes(ui->project);
        struct error ignored;
        int code = codetree_resolve(tree, p->code, &ignored);
        snprintf(what, sizeof what, "%s %s%s", p->code,
                 code >= 0 ? codetree_get(tree, (size_t)code)->name : "",
                 p->subcodes ? " and its sub-codes" : "");
    }
    snprintf(out, size, " %s%s%s: %zu segment%s, %s%s%s", what, p->case_name[0] ? " in case " : "",
             p->case_name, count(p), count(p) == 1 ? "" : "s", whose,
             p->where[0] ? "; cases where " : "", p->where);
}

/* The rows each segment takes: its label, up to three rows of text, and a blank row when the
 * screen has room for it. */
static int segment_rows(int rows)
{
    return rows >= 20 ? 5 : rows >= 10 ? 3 : 2;
}

static void segments_draw(struct pane *pane, struct ui *ui, struct rect area, bool focused)
{
    struct segments_pane *p = of(pane);
    bring_up_to_date(p, ui);
    char title[1400];
    list_title(p, ui, title, sizeof title);
    draw_heading(area.row, &area, title);
    static const struct hint hints[] = {
        {ACTION_SEG_OPEN, "read it"},       {ACTION_SEG_FILTER, "cases"},
        {ACTION_SEG_SUBCODES, "sub-codes"}, {ACTION_SEG_CODE, "code all"},
        {ACTION_SEG_CLOSE, "leave"},        {ACTION_HELP, "keys"},
    };
    struct rect list = {area.row + 1, area.col, area.rows - 2, area.cols};
    if (list.rows < 1)
        return;
    bars_draw_hints((struct rect){area.row + area.rows - 1, area.col, 1, area.cols}, hints,
                    sizeof hints / sizeof hints[0]);
    if (count(p) == 0) {
        draw_string(list.row, list.col + 1, list.cols - 1,
                    p->kind == LIST_QUERY ? "the query finds nothing"
                                          : "nothing is coded here for the codings shown",
                    theme_attr(THEME_DESCRIPTION));
        return;
    }
    int each = segment_rows(list.rows);
    size_t shown = (size_t)(list.rows / each > 0 ? list.rows / each : 1);
    draw_follow(p->at, shown, &p->top);
    size_t last = p->top + shown < count(p) ? p->top + shown : count(p);
    if (p->top < p->loaded_from || last > p->loaded_to) {
        struct error err;
        if (!segment_set_load(p->set, p->top, last, CONTEXT_CHARS, &err)) {
            ui_fail(ui, &err);
            return;
        }
        p->loaded_from = p->top;
        p->loaded_to = last;
    }
    for (size_t k = p->top; k < last; k++) {
        int row = list.row + (int)(k - p->top) * each;
        int rows = each == 5 ? 4 : each; /* the fifth row is left blank between segments */
        if (row + rows > list.row + list.rows)
            rows = list.row + list.rows - row;
        draw_segment(p, ui, k, row, rows, list);
    }
}

/* --- Acting ---------------------------------------------------------------------------------- */

/* Reads segment `k` in its transcript, with the cursor at its start. */
static void read_segment(struct segments_pane *p, struct ui *ui)
{
    if (count(p) == 0) {
        ui_message(ui, true, "no segment to read");
        return;
    }
    const struct segment *s = segment_set_get(p->set, p->at);
    const struct source_list *sources = session_sources(ui->session);
    struct error err;
    for (size_t i = 0; i < sources->count; i++) {
        if (sources->items[i].id != s->source_id)
            continue;
        if (!session_open_source(ui->session, (int)i, &err)) {
            ui_fail(ui, &err);
            return;
        }
        session_set_cursor(ui->session, s->start);
        ui_focus(ui, PANE_TRANSCRIPT);
        char back[16];
        ui_key_name(ACTION_SEGMENTS, back, sizeof back);
        ui_message(ui, false, "%s at %" PRId64 "; %s goes back to the list", s->source, s->start,
                   back);
        return;
    }
    ui_message(ui, true, "the source is no longer in the project");
}

static void filter_accepted(struct ui *ui, const char *text, int64_t id)
{
    struct segments_pane *p = of(ui->panes[PANE_SEGMENTS]);
    char old[sizeof p->where];
    snprintf(old, sizeof old, "%s", p->where);
    snprintf(p->where, sizeof p->where, "%s", text);
    if (!rerun(p, ui)) {
        snprintf(p->where, sizeof p->where, "%s", old);
        return;
    }
    ui_message(ui, false, text[0] ? "only the cases where %s" : "every case", text);
}

/* What the code picked for every segment waits for: how much of the text around each to code. */
static void unit_accepted(struct ui *ui, const char *text, int64_t code_index)
{
    struct segments_pane *p = of(ui->panes[PANE_SEGMENTS]);
    enum query_unit unit;
    if (!query_unit_parse(text, &unit)) {
        ui_message(ui, true, "'%s' is no unit: match, sentence, turn or paragraph", text);
        return;
    }
    char number[OUTLINE_TEXT_MAX];
    codetree_number_text(project_codes(ui->project), (int)code_index, number);
    size_t added, present;
    struct error err;
    if (!query_code_hits(ui->project, p->set, number, session_coder_name(ui->session), unit, &added,
                         &present, &err)) {
        ui_fail(ui, &err);
        return;
    }
    bool changed;
    if (!session_reload(ui->session, true, &changed, &err)) {
        ui_fail(ui, &err);
        return;
    }
    char undo[16];
    ui_key_name(ACTION_UNDO, undo, sizeof undo);
    ui_message(ui, false, "%s: %zu coding%s added, %zu already there; %s takes them all back",
               number, added, added == 1 ? "" : "s", present, undo);
}

static void code_picked(struct ui *ui, int code_index, int64_t id)
{
    prompt_open(ui, &(struct prompt_request){"Code each as (match, sentence, turn, paragraph): ",
                                             "match", unit_accepted, NULL, NULL, code_index});
}

/* Links the highlighted segment to the matrix cell the list shows, or takes the link away. */
static void toggle_link(struct segments_pane *p, struct ui *ui)
{
    if (!p->cell_case) {
        ui_message(ui, true, "only the segments of a matrix cell can be linked to it");
        return;
    }
    if (count(p) == 0)
        return;
    const struct segment *s = segment_set_get(p->set, p->at);
    char message[600];
    struct error err;
    if (!matrix_link(ui->project, p->cell_case, p->cell_code, s->coding_id, !is_linked(p, s),
                     session_coder_name(ui->session), message, sizeof message, &err))
        ui_fail(ui, &err);
    else
        ui_message(ui, false, "%s", message);
}

static void segments_act(struct pane *pane, struct ui *ui, enum action action)
{
    struct segments_pane *p = of(pane);
    bring_up_to_date(p, ui);
    size_t n = count(p);
    size_t page = (size_t)(ui->layout.status.row > 4 ? (ui->layout.status.row - 2) /
                                                           segment_rows(ui->layout.status.row - 2)
                                                     : 1);
    switch (action) {
    case ACTION_SEG_DOWN:
        p->at += p->at + 1 < n;
        break;
    case ACTION_SEG_UP:
        p->at -= p->at > 0;
        break;
    case ACTION_SEG_FIRST:
        p->at = 0;
        break;
    case ACTION_SEG_LAST:
        p->at = n ? n - 1 : 0;
        break;
    case ACTION_SEG_PAGE_DOWN:
        p->at = p->at + page < n ? p->at + page : (n ? n - 1 : 0);
        break;
    case ACTION_SEG_PAGE_UP:
        p->at = p->at > page ? p->at - page : 0;
        break;
    case ACTION_SEG_OPEN:
        read_segment(p, ui);
        break;
    case ACTION_SEG_FILTER:
        prompt_open(ui, &(struct prompt_request){"Only cases where (site = B, age >= 40): ",
                                                 p->where, filter_accepted, NULL, NULL, 0});
        break;
    case ACTION_SEG_SUBCODES:
        if (p->kind != LIST_RETRIEVAL) {
            ui_message(ui, true, "a query names its sub-codes itself: 07.01* takes them in");
            break;
        }
        p->subcodes = !p->subcodes;
        if (rerun(p, ui))
            ui_message(ui, false,
                       p->subcodes ? "with the sub-codes' segments"
                                   : "without the sub-codes' segments");
        break;
    case ACTION_SEG_CODE:
        if (n == 0)
            ui_message(ui, true, "no segment to code");
        else
            picker_open(ui, "Code every segment listed", code_picked, 0);
        break;
    case ACTION_SEG_QUOTE:
        if (n == 0 || !segment_set_get(p->set, p->at)->coding_id)
            ui_message(ui, true, "only a coded segment can be a quote: code the hit first");
        else
            ui_toggle_quote(ui, segment_set_get(p->set, p->at)->coding_id);
        break;
    case ACTION_SEG_LINK:
        toggle_link(p, ui);
        break;
    case ACTION_SEG_CLOSE:
        ui_focus(ui, p->came_from);
        break;
    default:
        break;
    }
}

/* --- Opening -------------------------------------------------------------------------------- */

/* Shows a new list, after `set_up` has said what it lists; on failure keeps the old one. */
static void show(struct ui *ui, struct segments_pane *p, const struct segments_pane *was)
{
    p->at = p->top = 0;
    p->set = NULL;
    if (!rerun(p, ui)) {
        *p = *was;
        return;
    }
    segment_set_destroy(was->set);
    if (!p->cell_case) {
        free(p->linked);
        p->linked = NULL;
        p->nlinked = 0;
    }
    /* Leaving goes back to the pane the list was asked for from (the matrix, say), or to the
     * transcript from the coding screen. */
    p->came_from = ui->focus == PANE_SEGMENTS   ? was->came_from
                   : ui->focus == PANE_CODEBOOK ? PANE_TRANSCRIPT
                                                : ui->focus;
    ui_focus(ui, PANE_SEGMENTS);
}

void segments_pane_retrieve(struct ui *ui, int code_index, const char *case_name, bool subcodes)
{
    struct pane *pane = ui_pane(ui, PANE_SEGMENTS);
    if (!pane)
        return;
    struct segments_pane *p = of(pane), was = *p;
    p->kind = LIST_RETRIEVAL;
    p->subcodes = subcodes;
    p->cell_case = p->cell_code = 0;
    snprintf(p->case_name, sizeof p->case_name, "%s", case_name ? case_name : "");
    codetree_number_text(project_codes(ui->project), code_index, p->code);
    show(ui, p, &was);
}

void segments_pane_find(struct ui *ui, const char *query)
{
    struct pane *pane = ui_pane(ui, PANE_SEGMENTS);
    if (!pane)
        return;
    struct segments_pane *p = of(pane), was = *p;
    p->kind = LIST_QUERY;
    p->case_name[0] = '\0';
    p->cell_case = p->cell_code = 0;
    snprintf(p->query, sizeof p->query, "%s", query);
    show(ui, p, &was);
}

void segments_pane_of_cell(struct ui *ui, int code_index, int64_t case_id, const char *case_name)
{
    struct pane *pane = ui_pane(ui, PANE_SEGMENTS);
    if (!pane)
        return;
    struct segments_pane *p = of(pane), was = *p;
    p->kind = LIST_RETRIEVAL;
    p->subcodes = true;
    p->cell_case = case_id;
    p->cell_code = codetree_get(project_codes(ui->project), (size_t)code_index)->id;
    snprintf(p->case_name, sizeof p->case_name, "%s", case_name);
    codetree_number_text(project_codes(ui->project), code_index, p->code);
    show(ui, p, &was);
}

static void query_accepted(struct ui *ui, const char *text, int64_t id)
{
    segments_pane_find(ui, text);
}

void segments_pane_query(struct ui *ui)
{
    struct segments_pane *p = of(ui_pane(ui, PANE_SEGMENTS));
    prompt_open(ui, &(struct prompt_request){"Query (07.01 and 07.02, 05 not 06, text(\"...\")): ",
                                             p && p->kind == LIST_QUERY ? p->query : "",
                                             query_accepted, NULL, NULL, 0});
}

void segments_back(struct ui *ui)
{
    struct segments_pane *p = of(ui_pane(ui, PANE_SEGMENTS));
    if (p && p->kind != LIST_NONE) {
        ui_focus(ui, PANE_SEGMENTS);
        return;
    }
    char retrieve[16], query[16];
    ui_key_name(ACTION_CB_RETRIEVE, retrieve, sizeof retrieve);
    ui_key_name(ACTION_QUERY, query, sizeof query);
    ui_message(ui, true, "no list yet: %s on a code lists its segments, %s runs a query", retrieve,
               query);
}

/* --- The rest of the interface ------------------------------------------------------------ */

static size_t segments_scopes(const struct pane *pane, const struct ui *ui, enum scope *scopes)
{
    scopes[0] = SCOPE_SEGMENTS;
    return 1;
}

static void segments_reread(struct pane *pane, struct ui *ui)
{
    of(pane)->stale = true;
}

static void segments_dump(struct pane *pane, struct ui *ui, struct strbuf *out)
{
    struct segments_pane *p = of(pane);
    if (p->kind == LIST_NONE)
        return;
    bring_up_to_date(p, ui);
    char title[1400];
    list_title(p, ui, title, sizeof title);
    strbuf_printf(out, "segments:%s\n", title);
    if (p->at >= count(p))
        return;
    struct error err;
    if (!segment_set_load(p->set, p->at, p->at + 1, CONTEXT_CHARS, &err))
        return;
    const struct segment *s = segment_set_get(p->set, p->at);
    char label[1024];
    segment_label(s, is_linked(p, s), ui, label, sizeof label);
    /* The start of the text is enough to tell segments apart. */
    size_t n = strlen(s->text), cut = utf8_offset(s->text, n, 60);
    strbuf_printf(out, "segment %zu of %zu: %s: ", p->at + 1, count(p), label);
    ui_dump_text(out, s->text, cut);
    strbuf_puts(out, cut < n ? "...\n" : "\n");
}

static const char *segments_badge(const struct pane *pane, const struct ui *ui)
{
    return of((struct pane *)pane)->kind == LIST_QUERY ? "QUERY" : "SEGMENTS";
}

static void segments_destroy(struct pane *pane)
{
    segment_set_destroy(of(pane)->set);
    free(of(pane)->linked);
    free(pane);
}

static const enum scope segments_help[] = {SCOPE_SEGMENTS, SCOPE_GLOBAL, SCOPE_PROMPT,
                                           SCOPE_PICKER,   SCOPE_HELP,   SCOPE_COUNT};

static const struct pane_ops segments_ops = {
    .name = "segments",
    .place = PLACE_WHOLE,
    .scopes = segments_scopes,
    .help = segments_help,
    .draw = segments_draw,
    .act = segments_act,
    .reread = segments_reread,
    .dump = segments_dump,
    .badge = segments_badge,
    .destroy = segments_destroy,
};

struct pane *segments_pane_create(struct ui *ui, struct error *err)
{
    struct segments_pane *p = calloc(1, sizeof *p);
    if (!p) {
        error_internal(err, "out of memory");
        return NULL;
    }
    p->pane.ops = &segments_ops;
    return &p->pane;
}
