#include "ui/compare_pane.h"

#include "core/utf8.h"
#include "core/width.h"
#include "core/wrap.h"
#include "ui/draw.h"
#include "ui/theme.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* The rows the comparison may use: everything above the status line. */
static struct rect area(const struct view *view)
{
    return (struct rect){0, 0, view->layout.status.row, view->layout.cols};
}

static void heading(int row, const struct rect *r, const char *text)
{
    attr_t attr = theme_attr(THEME_TITLE);
    draw_blank(row, r->col, r->cols, attr);
    draw_string(row, r->col, r->cols, text, attr);
}

/* Keeps `current` within `rows` shown from *top. */
static void follow(size_t current, size_t rows, size_t *top)
{
    if (current < *top)
        *top = current;
    if (rows > 0 && current >= *top + rows)
        *top = current - rows + 1;
}

static void format_figure(struct agree_figure f, bool percent, char *out, size_t size)
{
    if (f.status != AGREE_DEFINED)
        snprintf(out, size, "n/a");
    else if (percent)
        snprintf(out, size, "%.1f%%", f.value * 100);
    else
        snprintf(out, size, "%.3f", f.value);
}

static void draw_codes(struct view *view)
{
    struct comparison *c = &view->comparison;
    struct rect r = area(view);
    static const char *const sorts[] = {"number", "kappa", "disagreement"};
    char title[320];
    snprintf(title, sizeof title, " %s and %s: %zu of %zu disagreements settled into %s; by %s",
             c->first, c->second, c->settled, c->disagreements, c->consensus, sorts[c->sort]);
    heading(r.row, &r, title);
    char unit[160];
    snprintf(unit, sizeof unit, " unit: characters; n = %" PRId64 " in %zu sources",
             c->result->length, c->result->nsources);
    draw_string(r.row + 1, r.col, r.cols, unit, theme_attr(THEME_DESCRIPTION));
    int number_cols = 8;
    for (size_t i = 0; i < c->nrows; i++) {
        int len = (int)strlen(c->result->codes[c->rows[i].code].number);
        if (len > number_cols)
            number_cols = len;
    }
    char columns[256];
    snprintf(columns, sizeof columns, " %-*s %-24s %7.7s %7.7s %7s %6s %6s %7s", number_cols,
             "code", "name", c->first, c->second, "both", "agree", "kappa", "settled");
    draw_string(r.row + 2, r.col, r.cols, columns, A_BOLD);
    size_t rows = r.rows > 3 ? (size_t)r.rows - 3 : 0;
    if (c->nrows == 0) {
        draw_string(r.row + 3, r.col + 1, r.cols - 1, "neither coder has coded anything here",
                    theme_attr(THEME_DESCRIPTION));
        return;
    }
    follow(c->row, rows, &c->top);
    for (size_t y = 0; y < rows && c->top + y < c->nrows; y++) {
        size_t k = c->top + y;
        const struct comparison_row *row = &c->rows[k];
        const struct compare_code *code = &c->result->codes[row->code];
        struct agree_table t = code->pooled.pairs[0];
        char agree[16], kappa[16], settled[48], name[100];
        format_figure(agree_percent(t), true, agree, sizeof agree);
        format_figure(agree_kappa(t), false, kappa, sizeof kappa);
        if (row->disagreements)
            snprintf(settled, sizeof settled, "%zu/%zu", row->settled, row->disagreements);
        else
            snprintf(settled, sizeof settled, "-");
        size_t fit = width_fit(code->name, strlen(code->name), 24);
        snprintf(name, sizeof name, "%.*s", (int)fit, code->name);
        char line[320];
        snprintf(line, sizeof line,
                 " %-*s %s%*s %7" PRId64 " %7" PRId64 " %7" PRId64 " %6s %6s %7s", number_cols,
                 code->number, name, 24 - (int)width_of_text(name, strlen(name)), "", t.a + t.b,
                 t.a + t.c, t.a, agree, kappa, settled);
        attr_t attr = k == c->row ? theme_attr(THEME_CURRENT) : A_NORMAL;
        int at = r.row + 3 + (int)y;
        draw_blank(at, r.col, r.cols, attr);
        draw_string(at, r.col, r.cols, line, attr);
    }
}

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

static const char *choice_text(const struct comparison *c, const struct stretch *s, char *out,
                               size_t size)
{
    if (!s->settled)
        return "";
    switch (s->choice) {
    case DECISION_FIRST:
        snprintf(out, size, "took %s's", c->first);
        break;
    case DECISION_SECOND:
        snprintf(out, size, "took %s's", c->second);
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

static void draw_stretches(struct view *view, const struct session *session)
{
    struct comparison *c = &view->comparison;
    struct rect r = area(view);
    char label[256], title[400];
    comparison_code_label(c, label, sizeof label);
    size_t n = adjudication_count(c->adjudication);
    size_t agreed = adjudication_agreed(c->adjudication);
    snprintf(title, sizeof title, " %s: %zu disagreement%s, %zu settled; %zu stretch%s agreed",
             label, n, n == 1 ? "" : "s", adjudication_settled(c->adjudication), agreed,
             agreed == 1 ? "" : "es");
    heading(r.row, &r, title);
    char columns[256];
    snprintf(columns, sizeof columns, " %-10s %-12s %-22s %-22s %s", "source", "stretch", c->first,
             c->second, "settled");
    draw_string(r.row + 1, r.col, r.cols, columns, A_BOLD);
    size_t rows = r.rows > 2 ? (size_t)r.rows - 2 : 0;
    if (n == 0) {
        draw_string(r.row + 2, r.col + 1, r.cols - 1,
                    "the two coders coded this code alike everywhere",
                    theme_attr(THEME_DESCRIPTION));
        return;
    }
    follow(c->stretch, rows, &c->stretch_top);
    for (size_t y = 0; y < rows && c->stretch_top + y < n; y++) {
        size_t k = c->stretch_top + y;
        const struct stretch *s = adjudication_get(c->adjudication, k);
        char where[48], first[64], second[64], how[96];
        snprintf(where, sizeof where, "%" PRId64 "-%" PRId64, s->start, s->end);
        spans_text(s->first, s->nfirst, first, sizeof first);
        spans_text(s->second, s->nsecond, second, sizeof second);
        char line[320];
        snprintf(line, sizeof line, " %-10.10s %-12s %-22.22s %-22.22s %s",
                 source_name(session, s->source_id), where, first, second,
                 choice_text(c, s, how, sizeof how));
        attr_t attr = k == c->stretch ? theme_attr(THEME_CURRENT) : A_NORMAL;
        int at = r.row + 2 + (int)y;
        draw_blank(at, r.col, r.cols, attr);
        draw_string(at, r.col, r.cols, line, attr);
    }
}

static bool covered(const struct span *spans, size_t n, int64_t offset)
{
    return span_union_contains(spans, n, offset);
}

/* Draws the disagreement's text as one coder saw it: what they coded underlined, what the two
 * coded differently reversed. */
static void draw_version(const struct comparison *c, const struct stretch *s, bool second,
                         struct rect box, const char *name)
{
    char title[96];
    snprintf(title, sizeof title, " %s ", name);
    draw_blank(box.row, box.col, box.cols, A_BOLD | A_UNDERLINE);
    draw_string(box.row, box.col, box.cols, title, A_BOLD | A_UNDERLINE);
    struct wrap wrap = {0};
    if (box.cols < 1 || !wrap_text(c->region, box.cols, &wrap))
        return;
    const char *bytes = text_data(c->region);
    size_t size = text_size(c->region);
    const struct span *mine = second ? s->second : s->first;
    size_t nmine = second ? s->nsecond : s->nfirst;
    /* Start a row or two before the stretch, so that it is in view. */
    size_t first_row = wrap_row_of(&wrap, s->start - c->region_start);
    first_row = first_row > 1 ? first_row - 1 : 0;
    for (int y = 1; y < box.rows && first_row + (size_t)(y - 1) < wrap.count; y++) {
        struct wrap_row row = wrap.items[first_row + (size_t)(y - 1)];
        size_t i = text_byte(c->region, (size_t)row.start);
        int col = 0;
        for (int64_t o = row.start; o < row.end && col < box.cols; o++) {
            uint32_t cp;
            size_t len = utf8_decode_or_replace(bytes + i, size - i, &cp);
            i += len;
            int w = width_drawn(cp);
            if (col + (w ? w : 1) > box.cols)
                break;
            int64_t at = o + c->region_start;
            bool in_first = covered(s->first, s->nfirst, at);
            bool in_second = covered(s->second, s->nsecond, at);
            attr_t attr = A_NORMAL;
            if (covered(mine, nmine, at))
                attr |= A_UNDERLINE;
            if (in_first != in_second)
                attr |= A_REVERSE;
            col += draw_cell(box.row + y, box.col + col, cp, NULL, 0, attr);
        }
    }
    wrap_finish(&wrap);
}

static void draw_stretch(struct view *view, const struct session *session)
{
    struct comparison *c = &view->comparison;
    const struct stretch *s = comparison_stretch(c);
    struct rect r = area(view);
    if (!s || !c->region)
        return;
    char label[256], how[96], title[600];
    comparison_code_label(c, label, sizeof label);
    const char *choice = choice_text(c, s, how, sizeof how);
    snprintf(title, sizeof title, " %s · %s %" PRId64 "-%" PRId64 " · %zu of %zu%s%s", label,
             source_name(session, s->source_id), s->start, s->end, c->stretch + 1,
             adjudication_count(c->adjudication), choice[0] ? " · settled: " : " · not settled",
             choice);
    heading(r.row, &r, title);
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
    draw_version(c, s, false, first, c->first);
    draw_version(c, s, true, second, c->second);
}

void compare_pane_draw(struct view *view, const struct session *session)
{
    switch (view->comparison.level) {
    case LEVEL_CODES:
        draw_codes(view);
        break;
    case LEVEL_STRETCHES:
        draw_stretches(view, session);
        break;
    case LEVEL_STRETCH:
        draw_stretch(view, session);
        break;
    }
}
