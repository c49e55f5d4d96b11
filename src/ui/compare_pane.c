/* The comparison: two coders' agreement code by code, with how many of each code's
 * disagreements the consensus coder has settled; Enter opens a code's disagreements. The figures
 * and decisions are the model's (model/review.h); the review is read again whenever the project
 * changes. */
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
    int number_cols = 8;
    for (size_t i = 0; i < review_count(v); i++) {
        int len = (int)strlen(review_row(v, i)->code->number);
        if (len > number_cols)
            number_cols = len;
    }
    char columns[256];
    snprintf(columns, sizeof columns, " %-*s %-24s %7.7s %7.7s %7s %6s %6s %7s", number_cols,
             "code", "name", review_first(v), review_second(v), "both", "agree", "kappa",
             "settled");
    draw_string(r.row + 2, r.col, r.cols, columns, A_BOLD);
    size_t rows = r.rows > 3 ? (size_t)r.rows - 3 : 0;
    if (review_count(v) == 0) {
        draw_string(r.row + 3, r.col + 1, r.cols - 1, "neither coder has coded anything here",
                    theme_attr(THEME_DESCRIPTION));
        return;
    }
    draw_follow(c->row, rows, &c->top);
    for (size_t y = 0; y < rows && c->top + y < review_count(v); y++) {
        size_t k = c->top + y;
        const struct review_row *row = review_row(v, k);
        struct agree_table t = row->code->pooled.pairs[0];
        char agree[16], kappa[16], settled[48], name[100];
        format_figure(agree_percent(t), true, agree, sizeof agree);
        format_figure(agree_kappa(t), false, kappa, sizeof kappa);
        if (row->disagreements)
            snprintf(settled, sizeof settled, "%zu/%zu", row->settled, row->disagreements);
        else
            snprintf(settled, sizeof settled, "-");
        size_t fit = width_fit(row->code->name, strlen(row->code->name), 24);
        snprintf(name, sizeof name, "%.*s", (int)fit, row->code->name);
        char line[320];
        snprintf(line, sizeof line,
                 " %-*s %s%*s %7" PRId64 " %7" PRId64 " %7" PRId64 " %6s %6s %7s", number_cols,
                 row->code->number, name, 24 - (int)width_of_text(name, strlen(name)), "",
                 t.a + t.b, t.a + t.c, t.a, agree, kappa, settled);
        attr_t attr = k == c->row ? theme_attr(THEME_CURRENT) : A_NORMAL;
        int at = r.row + 3 + (int)y;
        draw_blank(at, r.col, r.cols, attr);
        draw_string(at, r.col, r.cols, line, attr);
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

void compare_start(struct ui *ui)
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
