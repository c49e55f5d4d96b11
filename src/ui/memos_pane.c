/* The memo list: every memo of the project (model/memos.h) with what it is on, and the
 * highlighted one's text under the list where there is room. Enter goes to what a memo is on (a
 * coding in its source, a code in the codebook) and the key that opened the list comes back to it
 * where it was. While other coders' codings are hidden (blind coding), so are their codings'
 * memos, and the heading says how many. */
#include "bars.h"
#include "draw.h"
#include "internal.h"
#include "theme.h"
#include "writing.h"

#include "core/text.h"
#include "core/wrap.h"
#include "model/memos.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct memos_pane {
    struct pane pane;
    struct memos_list memos;
    size_t *shown; /* the indexes in memos of those listed */
    size_t count;  /* of shown */
    size_t hidden; /* memos on other coders' codings left out */
    size_t highlighted, top;
    size_t page; /* the rows of the list, as last drawn */
    bool stale;  /* the project changed since the memos were read */
    bool others; /* whether other coders' codings were on show then */
};

static struct memos_pane *of(struct pane *pane)
{
    return (struct memos_pane *)pane;
}

static const struct memos_entry *highlighted(const struct memos_pane *p)
{
    return p->highlighted < p->count ? &p->memos.items[p->shown[p->highlighted]] : NULL;
}

/* Reads the memos again when the project changed or other coders' codings were shown or hidden,
 * keeping the highlight on the same memo where it is still listed, else at the same row. */
static void bring_up_to_date(struct memos_pane *p, struct ui *ui)
{
    bool others = session_show_others(ui->session);
    if (!p->stale && p->others == others)
        return;
    const struct memos_entry *was = highlighted(p);
    enum memos_kind kind = was ? was->kind : MEMOS_PROJECT;
    int64_t id = was ? was->id : -1;
    size_t row = p->highlighted;
    p->stale = false;
    p->others = others;
    p->count = p->hidden = 0;
    memos_list_finish(&p->memos);
    struct error err;
    if (!memos_list(ui->project, &p->memos, &err)) {
        ui_fail(ui, &err);
        return;
    }
    size_t *shown = realloc(p->shown, (p->memos.count ? p->memos.count : 1) * sizeof *shown);
    if (!shown) {
        ui_message(ui, true, "out of memory listing the memos");
        return;
    }
    p->shown = shown;
    const char *coder = session_coder_name(ui->session);
    bool found = false;
    for (size_t i = 0; i < p->memos.count; i++) {
        const struct memos_entry *e = &p->memos.items[i];
        if (e->kind == MEMOS_CODING && !others && e->coder && strcmp(e->coder, coder) != 0) {
            p->hidden++;
            continue;
        }
        if (e->kind == kind && e->id == id) {
            p->highlighted = p->count;
            found = true;
        }
        p->shown[p->count++] = i;
    }
    if (!found)
        p->highlighted = row < p->count ? row : p->count ? p->count - 1 : 0;
}

/* What a memo is on, in words: "coding int02 205-659 07.01.02 Management and governance, A". */
static void describe(const struct memos_entry *e, char *buf, size_t size)
{
    switch (e->kind) {
    case MEMOS_PROJECT:
        snprintf(buf, size, "project");
        break;
    case MEMOS_SOURCE:
        snprintf(buf, size, "source %s", e->source ? e->source : "?");
        break;
    case MEMOS_CASE:
        snprintf(buf, size, "case %s", e->case_name ? e->case_name : "?");
        break;
    case MEMOS_CODE:
        snprintf(buf, size, "code %s %s", e->code ? e->code : "?",
                 e->code_name ? e->code_name : "");
        break;
    case MEMOS_CODING:
        snprintf(buf, size, "coding %s %" PRId64 "-%" PRId64 " %s %s, %s",
                 e->source ? e->source : "?", e->start, e->end, e->code ? e->code : "?",
                 e->code_name ? e->code_name : "", e->coder ? e->coder : "?");
        break;
    }
}

/* --- Drawing -------------------------------------------------------------------------------- */

/* The list's rows: what each memo is on, then the first line of its text. */
static void draw_list(struct memos_pane *p, struct rect r)
{
    char where[512];
    int longest = 0;
    for (size_t k = 0; k < p->count; k++) {
        describe(&p->memos.items[p->shown[k]], where, sizeof where);
        int w = (int)strlen(where);
        longest = w > longest ? w : longest;
    }
    int where_cols = r.cols * 55 / 100;
    where_cols = longest < where_cols ? longest : where_cols;
    p->page = (size_t)r.rows;
    draw_follow(p->highlighted, p->page, &p->top);
    for (size_t y = 0; y < (size_t)r.rows && p->top + y < p->count; y++) {
        size_t k = p->top + y;
        const struct memos_entry *e = &p->memos.items[p->shown[k]];
        attr_t attr = k == p->highlighted ? theme_attr(THEME_CURRENT) : theme_attr(THEME_TEXT);
        int row = r.row + (int)y;
        draw_blank(row, r.col, r.cols, attr);
        describe(e, where, sizeof where);
        int col = draw_column(row, r.col + 1, where_cols, where, false, attr);
        char first[256];
        size_t n = strcspn(e->text, "\n");
        snprintf(first, sizeof first, "%.*s%s", (int)(n < 200 ? n : 200), e->text,
                 e->text[n] ? " …" : "");
        if (col < r.col + r.cols)
            draw_cut(row, col + 1, r.col + r.cols - col - 1, first,
                     attr | (k == p->highlighted ? 0 : theme_attr(THEME_DESCRIPTION)));
    }
}

/* The highlighted memo's whole text, wrapped into r under a line saying who wrote it. */
static void draw_text_of(const struct memos_entry *e, struct rect r)
{
    char heading[160];
    snprintf(heading, sizeof heading, " by %s", e->author ? e->author : "(not known)");
    draw_heading(r.row, &r, heading);
    struct text *text = text_create(e->text, strlen(e->text));
    struct wrap wrap = {0};
    if (text && wrap_text(text, r.cols - 2, &wrap)) {
        for (size_t y = 0; y + 1 < (size_t)r.rows && y < wrap.count; y++) {
            size_t from = text_byte(text, (size_t)wrap.items[y].start);
            size_t to = text_byte(text, (size_t)wrap.items[y].end);
            bool cut = y + 2 == (size_t)r.rows && y + 1 < wrap.count;
            draw_text(r.row + 1 + (int)y, r.col + 1, r.cols - 2, e->text + from, to - from,
                      theme_attr(THEME_TEXT));
            if (cut)
                draw_string(r.row + 1 + (int)y, r.col + r.cols - 1, 1, "…",
                            theme_attr(THEME_DESCRIPTION));
        }
    }
    wrap_finish(&wrap);
    text_destroy(text);
}

static void memos_draw(struct pane *pane, struct ui *ui, struct rect area, bool focused)
{
    struct memos_pane *p = of(pane);
    bring_up_to_date(p, ui);
    char title[256], others[16];
    ui_key_name(ACTION_OTHER_CODERS, others, sizeof others);
    int n = snprintf(title, sizeof title, " Memos: %zu", p->count);
    if (p->hidden)
        snprintf(title + n, sizeof title - (size_t)n,
                 "; %zu on other coders' codings hidden (%s shows them)", p->hidden, others);
    draw_heading(area.row, &area, title);
    struct rect list = {area.row + 1, area.col, area.rows - 1, area.cols};
    if (area.rows >= 4) {
        static const struct hint hints[] = {
            {ACTION_MEMOS_GO, "go there"},
            {ACTION_MEMOS_EDIT, "write"},
            {ACTION_MEMOS_CLOSE, "back"},
            {ACTION_HELP, "keys"},
        };
        bars_draw_hints((struct rect){area.row + area.rows - 1, area.col, 1, area.cols}, hints,
                        sizeof hints / sizeof hints[0]);
        list.rows--;
    }
    if (p->count == 0) {
        char coding[16], source[16], project[16];
        ui_key_name(ACTION_MEMO_CODING, coding, sizeof coding);
        ui_key_name(ACTION_MEMO_SOURCE, source, sizeof source);
        ui_key_name(ACTION_MEMO_PROJECT, project, sizeof project);
        char empty[160];
        snprintf(empty, sizeof empty, "no memos yet: %s, %s and %s in the transcript write them",
                 coding, source, project);
        if (list.rows > 0)
            draw_cut(list.row, list.col + 1, list.cols - 1, empty, theme_attr(THEME_DESCRIPTION));
        return;
    }
    /* Where the list has 12 rows or more, its last third shows the memo's whole text. */
    if (list.rows >= 12) {
        int below = list.rows / 3;
        list.rows -= below;
        draw_text_of(highlighted(p),
                     (struct rect){list.row + list.rows, list.col, below, list.cols});
    }
    draw_list(p, list);
}

/* --- Going to a memo ------------------------------------------------------------------------- */

/* Opens the source with id `source_id` unless it is open; false, with a message, when it cannot. */
static bool open_source(struct ui *ui, int64_t source_id)
{
    const struct source_list *sources = session_sources(ui->session);
    for (size_t i = 0; i < sources->count; i++) {
        if (sources->items[i].id != source_id)
            continue;
        struct error err;
        if ((int)i == session_source_index(ui->session) ||
            session_open_source(ui->session, (int)i, &err))
            return true;
        ui_fail(ui, &err);
        return false;
    }
    ui_message(ui, true, "that source was deleted meanwhile, by another coder or program");
    return false;
}

/* Puts the cursor on a coding's start and makes it the chosen one. */
static void choose_coding(struct ui *ui, const struct memos_entry *e)
{
    session_set_cursor(ui->session, e->start);
    for (size_t n = session_codings_at_cursor(ui->session); n > 0; n--) {
        const struct coding_row *chosen = session_chosen_coding(ui->session);
        if (chosen && chosen->id == e->id)
            break;
        session_cycle_coding(ui->session);
    }
}

/* The first source of case `case_id`, as an id; 0 when it has none. */
static int64_t first_source_of(struct ui *ui, int64_t case_id)
{
    const struct source_list *sources = session_sources(ui->session);
    for (size_t i = 0; i < sources->count; i++) {
        if (sources->items[i].case_id == case_id)
            return sources->items[i].id;
    }
    return 0;
}

static void say_where(struct ui *ui, const struct memos_entry *e, const char *before)
{
    char where[512], back[16];
    describe(e, where, sizeof where);
    ui_key_name(ACTION_MEMO_LIST, back, sizeof back);
    ui_message(ui, false, "%s%s; %s goes back to the memos", before, where, back);
}

static void go(struct ui *ui, const struct memos_entry *e)
{
    switch (e->kind) {
    case MEMOS_PROJECT:
        /* The project is everywhere: its place is its memo. */
        writing_open(ui, WRITING_PROJECT_MEMO, 0);
        break;
    case MEMOS_CODE: {
        int index = codetree_find_id(project_codes(ui->project), e->id);
        if (index < 0) {
            ui_message(ui, true, "that code was deleted meanwhile, by another coder or program");
            break;
        }
        codebook_pane_reveal(ui, index);
        ui_focus(ui, PANE_CODEBOOK);
        say_where(ui, e, "");
        break;
    }
    case MEMOS_CASE: {
        int64_t source = first_source_of(ui, e->id);
        char edit[16];
        ui_key_name(ACTION_MEMOS_EDIT, edit, sizeof edit);
        if (!source) {
            ui_message(ui, true, "case %s has no sources to go to; %s writes its memo",
                       e->case_name ? e->case_name : "?", edit);
        } else if (open_source(ui, source)) {
            ui_focus(ui, PANE_TRANSCRIPT);
            say_where(ui, e, "the first source of ");
        }
        break;
    }
    case MEMOS_SOURCE:
        if (open_source(ui, e->source_id)) {
            ui_focus(ui, PANE_TRANSCRIPT);
            say_where(ui, e, "");
        }
        break;
    case MEMOS_CODING:
        if (open_source(ui, e->source_id)) {
            choose_coding(ui, e);
            ui_focus(ui, PANE_TRANSCRIPT);
            say_where(ui, e, "");
        }
        break;
    }
}

static void edit(struct ui *ui, const struct memos_entry *e)
{
    static const enum writing writings[] = {
        [MEMOS_PROJECT] = WRITING_PROJECT_MEMO, [MEMOS_SOURCE] = WRITING_SOURCE_MEMO,
        [MEMOS_CASE] = WRITING_CASE_MEMO,       [MEMOS_CODE] = WRITING_CODE_MEMO,
        [MEMOS_CODING] = WRITING_CODING_MEMO,
    };
    writing_open(ui, writings[e->kind], e->id);
}

static void memos_act(struct pane *pane, struct ui *ui, enum action action)
{
    struct memos_pane *p = of(pane);
    bring_up_to_date(p, ui);
    size_t page = p->page > 1 ? p->page - 1 : 1;
    size_t last = p->count ? p->count - 1 : 0;
    const struct memos_entry *e = highlighted(p);
    switch (action) {
    case ACTION_MEMOS_DOWN:
        p->highlighted = p->highlighted < last ? p->highlighted + 1 : last;
        break;
    case ACTION_MEMOS_UP:
        p->highlighted = p->highlighted > 0 ? p->highlighted - 1 : 0;
        break;
    case ACTION_MEMOS_FIRST:
        p->highlighted = 0;
        break;
    case ACTION_MEMOS_LAST:
        p->highlighted = last;
        break;
    case ACTION_MEMOS_PAGE_DOWN:
        p->highlighted = p->highlighted + page < last ? p->highlighted + page : last;
        break;
    case ACTION_MEMOS_PAGE_UP:
        p->highlighted = p->highlighted > page ? p->highlighted - page : 0;
        break;
    case ACTION_MEMOS_GO:
    case ACTION_MEMOS_EDIT:
        if (!e)
            ui_message(ui, true, "there is no memo to %s",
                       action == ACTION_MEMOS_GO ? "go to" : "write");
        else if (action == ACTION_MEMOS_GO)
            go(ui, e);
        else
            edit(ui, e);
        break;
    case ACTION_MEMOS_CLOSE:
        ui_focus(ui, PANE_TRANSCRIPT);
        break;
    default:
        break;
    }
}

/* --- The rest of the interface ------------------------------------------------------------ */

static size_t memos_scopes(const struct pane *pane, const struct ui *ui, enum scope *scopes)
{
    scopes[0] = SCOPE_MEMOS;
    return 1;
}

static void memos_reread(struct pane *pane, struct ui *ui)
{
    of(pane)->stale = true;
}

static void memos_dump(struct pane *pane, struct ui *ui, struct strbuf *out)
{
    struct memos_pane *p = of(pane);
    bring_up_to_date(p, ui);
    strbuf_printf(out, "memos: %zu listed, %zu on other coders' codings hidden\n", p->count,
                  p->hidden);
    const struct memos_entry *e = highlighted(p);
    if (e) {
        char where[512];
        describe(e, where, sizeof where);
        strbuf_printf(out, "memo highlighted: %zu of %zu, %s: ", p->highlighted + 1, p->count,
                      where);
        ui_dump_text(out, e->text, strlen(e->text));
        strbuf_putc(out, '\n');
    }
}

static const char *memos_badge(const struct pane *pane, const struct ui *ui)
{
    return "MEMOS";
}

static void memos_destroy(struct pane *pane)
{
    struct memos_pane *p = of(pane);
    memos_list_finish(&p->memos);
    free(p->shown);
    free(p);
}

static const enum scope memos_help[] = {SCOPE_MEMOS, SCOPE_GLOBAL, SCOPE_EDITOR, SCOPE_HELP,
                                        SCOPE_COUNT};

static const struct pane_ops memos_ops = {
    .name = "memos",
    .place = PLACE_WHOLE,
    .scopes = memos_scopes,
    .help = memos_help,
    .draw = memos_draw,
    .act = memos_act,
    .reread = memos_reread,
    .dump = memos_dump,
    .badge = memos_badge,
    .destroy = memos_destroy,
};

struct pane *memos_pane_create(struct ui *ui, struct error *err)
{
    struct memos_pane *p = calloc(1, sizeof *p);
    if (!p) {
        error_internal(err, "out of memory");
        return NULL;
    }
    p->pane.ops = &memos_ops;
    p->stale = true;
    return &p->pane;
}

void memos_pane_show(struct ui *ui)
{
    if (ui->focus == PANE_MEMOS)
        return;
    ui_focus(ui, PANE_MEMOS);
    if (ui->focus != PANE_MEMOS)
        return;
    char go[16], back[16];
    ui_key_name(ACTION_MEMOS_GO, go, sizeof go);
    ui_key_name(ACTION_MEMOS_CLOSE, back, sizeof back);
    ui_message(ui, false, "every memo: %s goes to what one is on, %s back to the coding screen", go,
               back);
}
