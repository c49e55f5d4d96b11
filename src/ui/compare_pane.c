/* The comparison: two coders' agreement code by code, with how many of each code's
 * disagreements the consensus coder has settled; Enter opens a code's disagreements. The figures
 * and decisions are the model's (model/review.h); the review is read again whenever the project
 * changes. */
#include "bars.h"
#include "draw.h"
#include "internal.h"
#include "theme.h"

#include "core/names.h"
#include "core/width.h"
#include "model/review.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct compare_pane {
    struct pane pane;
    struct review *review; /* NULL until two coders are compared */
    bool stale;            /* the project changed since the review was computed */
    size_t row, top;
    size_t row_before_find; /* where the highlight goes back to when a search is cancelled */
};

static struct compare_pane *of(struct pane *pane)
{
    return (struct compare_pane *)pane;
}

/* Computes the review again when the project changed, keeping the highlighted code. */
static bool bring_up_to_date(struct compare_pane *c, struct ui *ui)
{
    if (!c->review || !c->stale)
        return true;
    c->stale = false;
    int64_t code = review_count(c->review) ? review_row(c->review, c->row)->code->id : 0;
    struct error err;
    if (!review_refresh(c->review, &err)) {
        ui_fail(ui, &err);
        return false;
    }
    long row = review_find(c->review, code);
    c->row = row >= 0 ? (size_t)row : 0;
    return true;
}

struct review *compare_review(struct ui *ui)
{
    struct compare_pane *c = of(ui_pane(ui, PANE_COMPARE));
    return c && bring_up_to_date(c, ui) ? c->review : NULL;
}

/* --- Drawing -------------------------------------------------------------------------------- */

static void format_figure(struct agree_figure f, bool percent, char *out, size_t size)
{
    if (f.status != AGREE_DEFINED)
        snprintf(out, size, "n/a");
    else if (percent)
        snprintf(out, size, "%.1f%%", f.value * 100);
    else
        snprintf(out, size, "%.3f", f.value);
}

/* The table's columns: which of the counts fit beside the name, and how wide the name is. The
 * agreement, kappa and settled columns are always there; the counts give way to the name, both
 * first, then the second coder's, then the first's. */
struct code_columns {
    int number, name;
    bool first, second, both;
};

#define COUNT_COLS  7
#define FIGURE_COLS 6
#define NAME_WANTED 24 /* the counts give way until the name has this many columns */

static struct code_columns code_columns(const struct review *v, int cols)
{
    struct code_columns k = {.number = 4, .first = true, .second = true, .both = true};
    int longest = 4;
    for (size_t i = 0; i < review_count(v); i++) {
        const struct compare_code *code = review_row(v, i)->code;
        int number = (int)strlen(code->number);
        int name = (int)width_of_text(code->name, strlen(code->name));
        k.number = number > k.number ? number : k.number;
        longest = name > longest ? name : longest;
    }
    /* A space before each column, and the figures: agree, kappa, settled. */
    int fixed = 1 + k.number + 1 + (1 + FIGURE_COLS) * 2 + 1 + 7;
    int counts = 3;
    while (counts > 0 && fixed + 1 + counts * (1 + COUNT_COLS) + NAME_WANTED > cols)
        counts--;
    k.first = counts >= 1;
    k.second = counts >= 2;
    k.both = counts >= 3;
    int room = cols - fixed - 1 - counts * (1 + COUNT_COLS);
    k.name = longest < room ? longest : room;
    return k;
}

static void draw_codes(struct compare_pane *c, struct rect r)
{
    const struct review *v = c->review;
    const struct compare_result *result = review_result(v);
    static const char *const orders[] = {"number", "kappa", "disagreement"};
    char title[600];
    snprintf(title, sizeof title, " %s and %s: %zu of %zu disagreements settled into %s; by %s",
             review_first(v), review_second(v), review_settled(v), review_disagreements(v),
             review_consensus(v), orders[review_order(v)]);
    draw_heading(r.row, &r, title);
    char unit[160];
    snprintf(unit, sizeof unit, " unit: characters; n = %" PRId64 " in %zu sources", result->length,
             result->nsources);
    draw_string(r.row + 1, r.col, r.cols, unit, theme_attr(THEME_DESCRIPTION));
    static const struct hint hints[] = {
        {ACTION_CMP_OPEN, "disagreements"}, {ACTION_CMP_FIND, "find a code"},
        {ACTION_CMP_SORT, "sort"},          {ACTION_CMP_RECOMPUTE, "compute again"},
        {ACTION_CMP_BACK, "leave"},         {ACTION_HELP, "keys"},
    };
    bars_draw_hints((struct rect){r.row + r.rows - 1, r.col, 1, r.cols}, hints,
                    sizeof hints / sizeof hints[0]);
    struct code_columns k = code_columns(v, r.cols);
    int y = r.row + 2, x = r.col + 1;
    x = draw_column(y, x, k.number, "code", false, A_BOLD);
    x = draw_column(y, x, k.name, "name", false, A_BOLD);
    x = k.first ? draw_column(y, x, COUNT_COLS, review_first(v), true, A_BOLD) : x;
    x = k.second ? draw_column(y, x, COUNT_COLS, review_second(v), true, A_BOLD) : x;
    x = k.both ? draw_column(y, x, COUNT_COLS, "both", true, A_BOLD) : x;
    x = draw_column(y, x, FIGURE_COLS, "agree", true, A_BOLD);
    x = draw_column(y, x, FIGURE_COLS, "kappa", true, A_BOLD);
    draw_column(y, x, 7, "settled", true, A_BOLD);
    size_t rows = r.rows > 4 ? (size_t)r.rows - 4 : 0;
    if (review_count(v) == 0) {
        draw_string(r.row + 3, r.col + 1, r.cols - 1, "neither coder has coded anything here",
                    theme_attr(THEME_DESCRIPTION));
        return;
    }
    draw_follow(c->row, rows, &c->top);
    for (size_t i = 0; i < rows && c->top + i < review_count(v); i++) {
        size_t at = c->top + i;
        const struct review_row *row = review_row(v, at);
        struct agree_table t = row->code->pooled.pairs[0];
        char first[24], second[24], both[24], agree[16], kappa[16], settled[48];
        snprintf(first, sizeof first, "%" PRId64, t.a + t.b);
        snprintf(second, sizeof second, "%" PRId64, t.a + t.c);
        snprintf(both, sizeof both, "%" PRId64, t.a);
        format_figure(agree_percent(t), true, agree, sizeof agree);
        format_figure(agree_kappa(t), false, kappa, sizeof kappa);
        if (row->disagreements)
            snprintf(settled, sizeof settled, "%zu/%zu", row->settled, row->disagreements);
        else
            snprintf(settled, sizeof settled, "-");
        attr_t attr = at == c->row ? theme_attr(THEME_CURRENT) : A_NORMAL;
        y = r.row + 3 + (int)i;
        x = r.col + 1;
        draw_blank(y, r.col, r.cols, attr);
        x = draw_column(y, x, k.number, row->code->number, false, attr);
        x = draw_column(y, x, k.name, row->code->name, false, attr);
        x = k.first ? draw_column(y, x, COUNT_COLS, first, true, attr) : x;
        x = k.second ? draw_column(y, x, COUNT_COLS, second, true, attr) : x;
        x = k.both ? draw_column(y, x, COUNT_COLS, both, true, attr) : x;
        x = draw_column(y, x, FIGURE_COLS, agree, true, attr);
        x = draw_column(y, x, FIGURE_COLS, kappa, true, attr);
        draw_column(y, x, 7, settled, true, attr);
    }
}

static void compare_draw(struct pane *pane, struct ui *ui, struct rect area, bool focused)
{
    struct compare_pane *c = of(pane);
    if (c->review && bring_up_to_date(c, ui))
        draw_codes(c, area);
}

/* --- Opening and moving ------------------------------------------------------------------- */

static void compared(struct ui *ui, const char *coders, int64_t id)
{
    struct compare_pane *c = of(ui_pane(ui, PANE_COMPARE));
    struct error err;
    if (!c)
        return;
    struct review *review = review_open(ui->project, coders, ui->consensus, &err);
    if (!review) {
        ui_fail(ui, &err);
        return;
    }
    review_destroy(c->review);
    *c = (struct compare_pane){.pane = c->pane, .review = review};
    ui_focus(ui, PANE_COMPARE);
    char open[16], back[16];
    ui_key_name(ACTION_CMP_OPEN, open, sizeof open);
    ui_key_name(ACTION_CMP_BACK, back, sizeof back);
    ui_message(ui, false, "comparing %s; %s opens a code, %s leaves", coders, open, back);
}

void compare_pane_start(struct ui *ui)
{
    /* Suggest the first two coders other than the consensus. */
    struct strbuf suggestion = STRBUF_INIT;
    const struct coder_list *coders = session_coders(ui->session);
    size_t named = 0;
    for (size_t i = 0; i < coders->count && named < 2; i++) {
        if (strcmp(coders->items[i].name, ui->consensus) == 0)
            continue;
        if (named++)
            strbuf_putc(&suggestion, ',');
        names_quote(&suggestion, coders->items[i].name);
    }
    prompt_open(ui, &(struct prompt_request){"Compare coders: ", strbuf_str(&suggestion), compared,
                                             NULL, NULL, 0});
    strbuf_finish(&suggestion);
}

/* The first row of the table whose code matches `query` as the code picker matches, or -1. */
static long find_row(const struct compare_pane *c, const struct ui *ui, const char *query)
{
    const struct codetree *tree = project_codes(ui->project);
    for (size_t i = 0; i < review_count(c->review); i++) {
        int index = codetree_find_id(tree, review_row(c->review, i)->code->id);
        if (index >= 0 && codetree_matches(tree, index, query))
            return (long)i;
    }
    return -1;
}

static void find_changed(struct ui *ui, const char *query, int64_t id)
{
    struct compare_pane *c = of(ui->panes[PANE_COMPARE]);
    long row = query[0] ? find_row(c, ui, query) : -1;
    c->row = row >= 0 ? (size_t)row : c->row_before_find;
    if (query[0] && row < 0)
        ui_message(ui, true, "no code in the table matches '%s'", query);
}

static void find_accepted(struct ui *ui, const char *query, int64_t id)
{
    find_changed(ui, query, id);
}

static void find_cancelled(struct ui *ui, int64_t id)
{
    struct compare_pane *c = of(ui->panes[PANE_COMPARE]);
    c->row = c->row_before_find;
}

/* Asks for a number or words and moves the highlight to the first code that matches as they are
 * typed; a digit that brought the action starts the number. */
static void find_code(struct compare_pane *c, struct ui *ui)
{
    char start[2] = "";
    if (ui->key >= '0' && ui->key <= '9')
        start[0] = (char)ui->key;
    c->row_before_find = c->row;
    prompt_open(ui, &(struct prompt_request){"Find code: ", start, find_accepted, find_changed,
                                             find_cancelled, 0});
    if (start[0])
        find_changed(ui, start, 0);
}

static void compare_act(struct pane *pane, struct ui *ui, enum action action)
{
    struct compare_pane *c = of(pane);
    struct error err;
    if (!bring_up_to_date(c, ui))
        return;
    switch (action) {
    case ACTION_CMP_DOWN:
        if (c->row + 1 < review_count(c->review))
            c->row++;
        break;
    case ACTION_CMP_UP:
        if (c->row > 0)
            c->row--;
        break;
    case ACTION_CMP_OPEN:
        if (review_open_code(c->review, c->row, &err))
            disagreements_show(ui);
        else
            ui_fail(ui, &err);
        break;
    case ACTION_CMP_BACK:
        review_destroy(c->review);
        *c = (struct compare_pane){.pane = c->pane};
        ui_focus(ui, PANE_TRANSCRIPT);
        break;
    case ACTION_CMP_SORT:
        if (!review_sort(c->review, (enum compare_order)((review_order(c->review) + 1) % 3), &err))
            ui_fail(ui, &err);
        break;
    case ACTION_CMP_FIND:
        find_code(c, ui);
        break;
    case ACTION_CMP_RECOMPUTE:
        c->stale = true;
        if (bring_up_to_date(c, ui))
            ui_message(ui, false, "agreement computed again: %zu of %zu settled",
                       review_settled(c->review), review_disagreements(c->review));
        break;
    default:
        ui_hint(ui, true, "open a code's disagreements first: ", ACTION_CMP_OPEN, "opens them");
        break;
    }
}

/* --- The rest of the interface ------------------------------------------------------------ */

static size_t compare_scopes(const struct pane *pane, const struct ui *ui, enum scope *scopes)
{
    scopes[0] = SCOPE_COMPARE;
    return 1;
}

static void compare_reread(struct pane *pane, struct ui *ui)
{
    of(pane)->stale = true;
}

static void compare_dump(struct pane *pane, struct ui *ui, struct strbuf *out)
{
    struct compare_pane *c = of(pane);
    if (!c->review || !bring_up_to_date(c, ui))
        return;
    char label[256] = "no code";
    if (review_count(c->review)) {
        const struct compare_code *code = review_row(c->review, c->row)->code;
        snprintf(label, sizeof label, "%s %s", code->number, code->name);
    }
    strbuf_printf(out, "comparison: %s and %s into %s, %zu of %zu settled; table at %s\n",
                  review_first(c->review), review_second(c->review), review_consensus(c->review),
                  review_settled(c->review), review_disagreements(c->review), label);
}

static const char *compare_badge(const struct pane *pane, const struct ui *ui)
{
    return "COMPARE";
}

static void compare_destroy(struct pane *pane)
{
    struct compare_pane *c = of(pane);
    review_destroy(c->review);
    free(c);
}

static const enum scope compare_help[] = {SCOPE_COMPARE, SCOPE_GLOBAL, SCOPE_PROMPT, SCOPE_HELP,
                                          SCOPE_COUNT};

static const struct pane_ops compare_ops = {
    .name = "comparison",
    .place = PLACE_WHOLE,
    .scopes = compare_scopes,
    .help = compare_help,
    .draw = compare_draw,
    .act = compare_act,
    .reread = compare_reread,
    .dump = compare_dump,
    .badge = compare_badge,
    .destroy = compare_destroy,
};

struct pane *compare_pane_create(struct ui *ui, struct error *err)
{
    struct compare_pane *c = calloc(1, sizeof *c);
    if (!c) {
        error_internal(err, "out of memory");
        return NULL;
    }
    c->pane.ops = &compare_ops;
    return &c->pane;
}
