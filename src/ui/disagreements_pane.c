/* One code's disagreements between the two coders of the comparison, and one disagreement's
 * text as each coder coded it (side by side from 100 columns, else one above the other), with
 * the characters they coded differently marked; settling them into the consensus coder. */
#include "bars.h"
#include "draw.h"
#include "internal.h"
#include "theme.h"

#include "core/utf8.h"
#include "core/width.h"
#include "core/wrap.h"
#include "model/review.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct disagreements_pane {
    struct pane pane;
    bool reading;         /* one disagreement's text is open, not the list */
    size_t at, top;       /* the highlighted disagreement, and the first row of the list */
    struct text *region;  /* the open disagreement's lines of text */
    int64_t region_start; /* where they start in the source */
};

static struct disagreements_pane *of(struct pane *pane)
{
    return (struct disagreements_pane *)pane;
}

static size_t count(struct ui *ui)
{
    struct review *review = compare_review(ui);
    struct adjudication *a = review ? review_code(review) : NULL;
    return a ? adjudication_count(a) : 0;
}

static const struct stretch *highlighted(struct disagreements_pane *d, struct ui *ui)
{
    struct review *review = compare_review(ui);
    struct adjudication *a = review ? review_code(review) : NULL;
    return a && d->at < adjudication_count(a) ? adjudication_get(a, d->at) : NULL;
}

/* --- Drawing -------------------------------------------------------------------------------- */

/* "812-1190" or "812-900 950-1190" or "-" for a list of spans, into out. */
static void spans_text(const struct span *spans, size_t n, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && used + 1 < size; i++) {
        int wrote = snprintf(out + used, size - used, "%s%" PRId64 "-%" PRId64, i ? " " : "",
                             spans[i].start, spans[i].end);
        if (wrote < 0)
            break;
        used += (size_t)wrote;
    }
    if (n == 0)
        snprintf(out, size, "-");
}

static const char *choice_text(const struct review *v, const struct stretch *s, char *out,
                               size_t size)
{
    if (!s->settled)
        return "";
    switch (s->choice) {
    case DECISION_FIRST:
        snprintf(out, size, "took %s's", review_first(v));
        break;
    case DECISION_SECOND:
        snprintf(out, size, "took %s's", review_second(v));
        break;
    case DECISION_UNION:
        snprintf(out, size, "took either");
        break;
    case DECISION_INTERSECTION:
        snprintf(out, size, "took both");
        break;
    case DECISION_NEITHER:
        snprintf(out, size, "coded nothing");
        break;
    case DECISION_EDITED:
        snprintf(out, size, "edited");
        break;
    }
    return out;
}

static const char *source_name(const struct session *session, int64_t id)
{
    const struct source_list *sources = session_sources(session);
    for (size_t i = 0; i < sources->count; i++) {
        if (sources->items[i].id == id)
            return sources->items[i].name;
    }
    return "?";
}

/* The list's columns: the spans each coder coded give way to the text, the second coder's first,
 * when the text would have fewer than TEXT_MIN columns. */
struct stretch_columns {
    int source, where, first, second, settled, text;
};

#define TEXT_MIN  16
#define SPANS_MAX 22

static int at_least(int width, const char *text)
{
    int used = (int)width_of_text(text, strlen(text));
    return used > width ? used : width;
}

static struct stretch_columns stretch_columns(struct ui *ui, int cols)
{
    const struct review *v = compare_review(ui);
    struct adjudication *a = review_code(v);
    struct stretch_columns k = {.source = 6, .where = 7, .first = 4, .second = 4, .settled = 7};
    k.first = at_least(k.first, review_first(v));
    k.second = at_least(k.second, review_second(v));
    for (size_t i = 0; i < adjudication_count(a); i++) {
        const struct stretch *s = adjudication_get(a, i);
        char where[48], spans[64], how[96];
        snprintf(where, sizeof where, "%" PRId64 "-%" PRId64, s->start, s->end);
        k.where = at_least(k.where, where);
        k.source = at_least(k.source, source_name(ui->session, s->source_id));
        spans_text(s->first, s->nfirst, spans, sizeof spans);
        k.first = at_least(k.first, spans);
        spans_text(s->second, s->nsecond, spans, sizeof spans);
        k.second = at_least(k.second, spans);
        k.settled = at_least(k.settled, choice_text(v, s, how, sizeof how));
    }
    k.source = k.source < 16 ? k.source : 16;
    k.first = k.first < SPANS_MAX ? k.first : SPANS_MAX;
    k.second = k.second < SPANS_MAX ? k.second : SPANS_MAX;
    int used = 1 + k.source + 1 + k.where + 1 + k.first + 1 + k.second + 1 + k.settled + 1;
    if (cols - used < TEXT_MIN) {
        used -= k.second + 1;
        k.second = 0;
    }
    if (cols - used < TEXT_MIN) {
        used -= k.first + 1;
        k.first = 0;
    }
    k.text = cols - used;
    return k;
}

/* The keys that settle a disagreement, named for the two coders. */
static void draw_settling_hints(const struct review *v, struct rect line, bool reading)
{
    char first[300], second[300];
    snprintf(first, sizeof first, "%s's", review_first(v));
    snprintf(second, sizeof second, "%s's", review_second(v));
    const struct hint hints[] = {
        {ACTION_CMP_FIRST, first},
        {ACTION_CMP_SECOND, second},
        {ACTION_CMP_UNION, "either"},
        {ACTION_CMP_INTERSECTION, "both"},
        {ACTION_CMP_NEITHER, "neither"},
        {ACTION_CMP_EDIT, "choose a span"},
        {reading ? ACTION_CMP_BACK : ACTION_CMP_OPEN, reading ? "list" : "text"},
        {ACTION_UNDO, "undo"},
        {ACTION_HELP, "keys"},
    };
    bars_draw_hints(line, hints, sizeof hints / sizeof hints[0]);
}

static void draw_list(struct disagreements_pane *d, struct ui *ui, struct rect r)
{
    struct review *v = compare_review(ui);
    struct adjudication *a = review_code(v);
    char label[256], title[400];
    review_code_label(v, label, sizeof label);
    size_t n = adjudication_count(a);
    size_t agreed = adjudication_agreed(a);
    snprintf(title, sizeof title, " %s: %zu disagreement%s, %zu settled; %zu stretch%s agreed",
             label, n, n == 1 ? "" : "s", adjudication_settled(a), agreed, agreed == 1 ? "" : "es");
    draw_heading(r.row, &r, title);
    draw_settling_hints(v, (struct rect){r.row + r.rows - 1, r.col, 1, r.cols}, false);
    struct stretch_columns k = stretch_columns(ui, r.cols);
    int y = r.row + 1, x = r.col + 1;
    x = draw_column(y, x, k.source, "source", false, A_BOLD);
    x = draw_column(y, x, k.where, "stretch", false, A_BOLD);
    x = draw_column(y, x, k.first, review_first(v), false, A_BOLD);
    x = draw_column(y, x, k.second, review_second(v), false, A_BOLD);
    x = draw_column(y, x, k.settled, "settled", false, A_BOLD);
    draw_column(y, x, k.text, "text", false, A_BOLD);
    size_t rows = r.rows > 3 ? (size_t)r.rows - 3 : 0;
    if (n == 0) {
        draw_string(r.row + 2, r.col + 1, r.cols - 1,
                    "the two coders coded this code alike everywhere",
                    theme_attr(THEME_DESCRIPTION));
        return;
    }
    draw_follow(d->at, rows, &d->top);
    for (size_t i = 0; i < rows && d->top + i < n; i++) {
        size_t at = d->top + i;
        const struct stretch *s = adjudication_get(a, at);
        char where[48], first[64], second[64], how[96], text[512];
        snprintf(where, sizeof where, "%" PRId64 "-%" PRId64, s->start, s->end);
        spans_text(s->first, s->nfirst, first, sizeof first);
        spans_text(s->second, s->nsecond, second, sizeof second);
        review_snippet(v, s, (size_t)(k.text > 0 ? k.text + 1 : 0), text, sizeof text);
        attr_t attr = at == d->at ? theme_attr(THEME_CURRENT) : A_NORMAL;
        y = r.row + 2 + (int)i;
        x = r.col + 1;
        draw_blank(y, r.col, r.cols, attr);
        x = draw_column(y, x, k.source, source_name(ui->session, s->source_id), false, attr);
        x = draw_column(y, x, k.where, where, false, attr);
        x = draw_column(y, x, k.first, first, false, attr);
        x = draw_column(y, x, k.second, second, false, attr);
        x = draw_column(y, x, k.settled, choice_text(v, s, how, sizeof how), false, attr);
        draw_column(y, x, k.text, text, false, attr);
    }
}

/* Draws the disagreement's text as one coder saw it: what they coded underlined, what the two
 * coded differently reversed. */
static void draw_version(const struct disagreements_pane *d, const struct stretch *s, bool second,
                         struct rect box, const char *name)
{
    char title[300];
    snprintf(title, sizeof title, " %s ", name);
    draw_blank(box.row, box.col, box.cols, A_BOLD | A_UNDERLINE);
    draw_string(box.row, box.col, box.cols, title, A_BOLD | A_UNDERLINE);
    struct wrap wrap = {0};
    if (box.cols < 1 || !wrap_text(d->region, box.cols, &wrap))
        return;
    const char *bytes = text_data(d->region);
    size_t size = text_size(d->region);
    const struct span *mine = second ? s->second : s->first;
    size_t nmine = second ? s->nsecond : s->nfirst;
    /* Start a row or two before the stretch, so that it is in view. */
    size_t first_row = wrap_row_of(&wrap, s->start - d->region_start);
    first_row = first_row > 1 ? first_row - 1 : 0;
    for (int y = 1; y < box.rows && first_row + (size_t)(y - 1) < wrap.count; y++) {
        struct wrap_row row = wrap.items[first_row + (size_t)(y - 1)];
        size_t i = text_byte(d->region, (size_t)row.start);
        int col = 0;
        for (int64_t o = row.start; o < row.end && col < box.cols; o++) {
            uint32_t cp;
            i += utf8_decode_or_replace(bytes + i, size - i, &cp);
            int w = width_drawn(cp);
            if (col + (w ? w : 1) > box.cols)
                break;
            int64_t at = o + d->region_start;
            bool in_first = span_union_contains(s->first, s->nfirst, at);
            bool in_second = span_union_contains(s->second, s->nsecond, at);
            attr_t attr = A_NORMAL;
            if (span_union_contains(mine, nmine, at))
                attr |= A_UNDERLINE;
            if (in_first != in_second)
                attr |= A_REVERSE;
            col += draw_cell(box.row + y, box.col + col, cp, NULL, 0, attr);
        }
    }
    wrap_finish(&wrap);
}

static void draw_one(struct disagreements_pane *d, struct ui *ui, struct rect r)
{
    const struct stretch *s = highlighted(d, ui);
    const struct review *v = compare_review(ui);
    if (!s || !d->region)
        return;
    char label[256], how[96], title[600];
    review_code_label(v, label, sizeof label);
    const char *choice = choice_text(v, s, how, sizeof how);
    snprintf(title, sizeof title, " %s · %s %" PRId64 "-%" PRId64 " · %zu of %zu%s%s", label,
             source_name(ui->session, s->source_id), s->start, s->end, d->at + 1, count(ui),
             choice[0] ? " · settled: " : " · not settled", choice);
    draw_heading(r.row, &r, title);
    draw_settling_hints(v, (struct rect){r.row + r.rows - 1, r.col, 1, r.cols}, true);
    r.rows--;
    struct rect first = {r.row + 1, r.col, r.rows - 1, r.cols};
    struct rect second = first;
    if (r.cols >= 100) {
        first.cols = (r.cols - 1) / 2;
        second.col = first.col + first.cols + 1;
        second.cols = r.cols - first.cols - 1;
    } else {
        first.rows = (r.rows - 1) / 2;
        second.row = first.row + first.rows;
        second.rows = r.rows - 1 - first.rows;
    }
    draw_version(d, s, false, first, review_first(v));
    draw_version(d, s, true, second, review_second(v));
}

static void disagreements_draw(struct pane *pane, struct ui *ui, struct rect area, bool focused)
{
    struct disagreements_pane *d = of(pane);
    struct review *review = compare_review(ui);
    if (!review || !review_code(review))
        return;
    if (d->reading)
        draw_one(d, ui, area);
    else
        draw_list(d, ui, area);
}

/* --- Reading and settling ------------------------------------------------------------------ */

/* Opens the highlighted disagreement's text. */
static bool read_one(struct disagreements_pane *d, struct ui *ui, struct error *err)
{
    const struct stretch *s = highlighted(d, ui);
    if (!s)
        return error_user(err, "the coders agree on everything at this code");
    struct text *region = review_region(compare_review(ui), s, &d->region_start, err);
    if (!region)
        return false;
    text_destroy(d->region);
    d->region = region;
    d->reading = true;
    return true;
}

void disagreements_show(struct ui *ui)
{
    struct disagreements_pane *d = of(ui_pane(ui, PANE_DISAGREEMENTS));
    if (!d)
        return;
    text_destroy(d->region);
    *d = (struct disagreements_pane){.pane = d->pane};
    ui_focus(ui, PANE_DISAGREEMENTS);
}

/* After a decision: on to the next disagreement not yet settled (after this one, then from the
 * top), its text when a text was open; when every one is settled, saying so and going on to the
 * next in order, so that deciding again walks through the list. */
static void after_decision(struct disagreements_pane *d, struct ui *ui)
{
    struct error err;
    struct adjudication *a = review_code(compare_review(ui));
    size_t n = adjudication_count(a);
    size_t next = d->at;
    for (size_t step = 1; step <= n; step++) {
        size_t k = (d->at + step) % n;
        if (!adjudication_get(a, k)->settled) {
            next = k;
            break;
        }
    }
    if (next == d->at && adjudication_settled(a) == n) {
        if (d->at + 1 < n)
            next = d->at + 1;
        char back[16];
        ui_key_name(ACTION_CMP_BACK, back, sizeof back);
        size_t length = strlen(ui->message);
        snprintf(ui->message + length, sizeof ui->message - length,
                 "; all %zu disagreements here are settled (%s goes back)", n, back);
    }
    d->at = next;
    if (d->reading && !read_one(d, ui, &err))
        ui_fail(ui, &err);
}

static void settle(struct disagreements_pane *d, struct ui *ui, enum decision_choice choice,
                   struct span edited)
{
    char message[400];
    struct error err;
    if (!highlighted(d, ui)) {
        ui_message(ui, true, "the coders agree on everything at this code");
        return;
    }
    if (!adjudication_settle(review_code(compare_review(ui)), d->at, choice, edited,
                             session_coder_id(ui->session), message, sizeof message, &err)) {
        ui_fail(ui, &err);
        return;
    }
    ui_message(ui, false, "%s", message);
    after_decision(d, ui);
}

void disagreements_settle(struct ui *ui, struct span span)
{
    ui_focus(ui, PANE_DISAGREEMENTS);
    settle(of(ui->panes[PANE_DISAGREEMENTS]), ui, DECISION_EDITED, span);
}

void disagreements_settle_cancelled(struct ui *ui)
{
    ui_focus(ui, PANE_DISAGREEMENTS);
    ui_message(ui, false, "the disagreement was left as it was");
}

/* Shows the highlighted disagreement in the transcript, selected, to choose the consensus span. */
static void settle_in_transcript(struct disagreements_pane *d, struct ui *ui)
{
    const struct stretch *s = highlighted(d, ui);
    if (!s) {
        ui_message(ui, true, "the coders agree on everything at this code");
        return;
    }
    const struct source_list *sources = session_sources(ui->session);
    for (size_t i = 0; i < sources->count; i++) {
        if (sources->items[i].id == s->source_id) {
            transcript_settle(ui, (int)i, (struct span){s->start, s->end});
            return;
        }
    }
    ui_message(ui, true, "the source is no longer in the project");
}

static void move_highlight(struct disagreements_pane *d, struct ui *ui, bool down)
{
    struct error err;
    if (down && d->at + 1 < count(ui))
        d->at++;
    else if (!down && d->at > 0)
        d->at--;
    else
        return;
    if (d->reading && !read_one(d, ui, &err))
        ui_fail(ui, &err);
}

static void disagreements_act(struct pane *pane, struct ui *ui, enum action action)
{
    struct disagreements_pane *d = of(pane);
    struct error err;
    size_t taken;
    struct review *review = compare_review(ui);
    if (!review)
        return;
    switch (action) {
    case ACTION_CMP_DOWN:
    case ACTION_CMP_UP:
        move_highlight(d, ui, action == ACTION_CMP_DOWN);
        break;
    case ACTION_CMP_OPEN:
        if (!read_one(d, ui, &err))
            ui_fail(ui, &err);
        break;
    case ACTION_CMP_BACK:
        if (d->reading)
            d->reading = false;
        else
            ui_focus(ui, PANE_COMPARE);
        break;
    case ACTION_CMP_FIRST:
        settle(d, ui, DECISION_FIRST, (struct span){0, 0});
        break;
    case ACTION_CMP_SECOND:
        settle(d, ui, DECISION_SECOND, (struct span){0, 0});
        break;
    case ACTION_CMP_UNION:
        settle(d, ui, DECISION_UNION, (struct span){0, 0});
        break;
    case ACTION_CMP_INTERSECTION:
        settle(d, ui, DECISION_INTERSECTION, (struct span){0, 0});
        break;
    case ACTION_CMP_NEITHER:
        settle(d, ui, DECISION_NEITHER, (struct span){0, 0});
        break;
    case ACTION_CMP_EDIT:
        settle_in_transcript(d, ui);
        break;
    case ACTION_CMP_AGREED:
        if (adjudication_take_agreed(review_code(review), session_coder_id(ui->session), &taken,
                                     &err))
            ui_message(ui, false, "the consensus took %zu agreed stretches", taken);
        else
            ui_fail(ui, &err);
        break;
    case ACTION_CMP_SORT:
    case ACTION_CMP_FIND:
    case ACTION_CMP_RECOMPUTE:
        ui_focus(ui, PANE_COMPARE);
        ui->panes[PANE_COMPARE]->ops->act(ui->panes[PANE_COMPARE], ui, action);
        break;
    default:
        break;
    }
}

/* --- The rest of the interface ------------------------------------------------------------ */

static size_t disagreements_scopes(const struct pane *pane, const struct ui *ui, enum scope *scopes)
{
    scopes[0] = SCOPE_COMPARE;
    return 1;
}

static void disagreements_dump(struct pane *pane, struct ui *ui, struct strbuf *out)
{
    struct disagreements_pane *d = of(pane);
    struct review *review = compare_review(ui);
    struct adjudication *a = review ? review_code(review) : NULL;
    if (!a)
        return;
    char label[256];
    review_code_label(review, label, sizeof label);
    strbuf_printf(out, "disagreements: %s, %s %zu of %zu (%zu settled)\n", label,
                  d->reading ? "reading" : "at", d->at + 1, adjudication_count(a),
                  adjudication_settled(a));
}

static const char *disagreements_badge(const struct pane *pane, const struct ui *ui)
{
    return "COMPARE";
}

static void disagreements_destroy(struct pane *pane)
{
    struct disagreements_pane *d = of(pane);
    text_destroy(d->region);
    free(d);
}

static const enum scope disagreements_help[] = {SCOPE_COMPARE, SCOPE_GLOBAL, SCOPE_HELP,
                                                SCOPE_COUNT};

static const struct pane_ops disagreements_ops = {
    .name = "disagreements",
    .place = PLACE_WHOLE,
    .scopes = disagreements_scopes,
    .help = disagreements_help,
    .draw = disagreements_draw,
    .act = disagreements_act,
    .dump = disagreements_dump,
    .badge = disagreements_badge,
    .destroy = disagreements_destroy,
};

struct pane *disagreements_pane_create(struct ui *ui, struct error *err)
{
    struct disagreements_pane *d = calloc(1, sizeof *d);
    if (!d) {
        error_internal(err, "out of memory");
        return NULL;
    }
    d->pane.ops = &disagreements_ops;
    return &d->pane;
}
