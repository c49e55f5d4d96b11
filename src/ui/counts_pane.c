/* The counts (model/counts.h): per code the sources and references coded, per coder and for
 * all; codes by case; codes by the values of a case attribute; and which codes occur together.
 * The numbers are `margin counts`'s. Whose codings count follows the coding screen: a coder
 * coding blind counts their own, one who shows other coders' codings counts everyone's. Enter
 * lists the segments behind a row. The table is counted again whenever the project changes. */
#include "bars.h"
#include "draw.h"
#include "internal.h"
#include "theme.h"

#include "core/width.h"
#include "model/counts.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct counts_pane {
    struct pane pane;
    enum counts_by by;
    char attribute[128]; /* COUNTS_BY_ATTRIBUTE */
    char where[256];     /* the case filter, "" for every case */
    struct count_table table;
    bool counted;          /* the table holds counts (else nothing was counted yet, or it failed) */
    bool everyone;         /* whether every coder's codings were counted */
    bool stale;            /* the project changed since */
    size_t row, top, left; /* the highlighted row, the first on show, the first column on show */
};

static struct counts_pane *of(struct pane *pane)
{
    return (struct counts_pane *)pane;
}

/* --- Counting ------------------------------------------------------------------------------- */

/* Counts again into the table, keeping the highlighted row's place. False, with the message
 * shown and the old table kept, when counting fails. */
static bool recount(struct counts_pane *p, struct ui *ui)
{
    bool everyone = session_show_others(ui->session) || session_coder_id(ui->session) == 0;
    const char *coder = session_coder_name(ui->session);
    struct count_table table = {0};
    struct error err;
    p->stale = false;
    if (!counts_compute(ui->project,
                        &(struct counts_request){.by = p->by,
                                                 .attribute = p->attribute,
                                                 .coders = &coder,
                                                 .ncoders = everyone ? 0 : 1,
                                                 .where = p->where[0] ? p->where : NULL},
                        &table, &err)) {
        count_table_finish(&table);
        ui_fail(ui, &err);
        return false;
    }
    count_table_finish(&p->table);
    p->table = table;
    p->counted = true;
    p->everyone = everyone;
    if (p->row >= table.rows)
        p->row = table.rows ? table.rows - 1 : 0;
    return true;
}

static void bring_up_to_date(struct counts_pane *p, struct ui *ui)
{
    bool everyone = session_show_others(ui->session) || session_coder_id(ui->session) == 0;
    if (p->counted && (p->stale || p->everyone != everyone))
        recount(p, ui);
}

/* --- Drawing -------------------------------------------------------------------------------- */

static const char *const tables[] = {
    [COUNTS_BY_CODE] = "codes",
    [COUNTS_BY_CASE] = "codes by case",
    [COUNTS_BY_ATTRIBUTE] = "codes by",
    [COUNTS_BY_COOCCURRENCE] = "codes that occur together",
};

#define NAME_COLS 28 /* the codes' names, at most */

/* The columns of the table: each as wide as its heading or its widest number. */
static int column_width(const struct count_table *t, size_t c)
{
    int width = (int)width_of_text(t->column_names[c], strlen(t->column_names[c]));
    for (size_t r = 0; r < t->rows; r++) {
        char number[32];
        int n = snprintf(number, sizeof number, "%" PRId64, t->cells[r * t->columns + c]);
        width = n > width ? n : width;
    }
    return width < 4 ? 4 : width > 24 ? 24 : width;
}

static void counts_draw(struct pane *pane, struct ui *ui, struct rect area, bool focused)
{
    struct counts_pane *p = of(pane);
    bring_up_to_date(p, ui);
    const struct count_table *t = &p->table;
    char title[800];
    snprintf(title, sizeof title, " Counts of %s%s%s: %s, %s%s%s", tables[p->by],
             p->by == COUNTS_BY_ATTRIBUTE ? " " : "",
             p->by == COUNTS_BY_ATTRIBUTE ? p->attribute : "", t->unit ? t->unit : "codings",
             p->everyone ? "every coder" : "your codings", p->where[0] ? "; cases where " : "",
             p->where);
    draw_heading(area.row, &area, title);
    static const struct hint hints[] = {
        {ACTION_CNT_OPEN, "segments"},
        {ACTION_CNT_BY, "other table"},
        {ACTION_CNT_ATTRIBUTE, "by attribute"},
        {ACTION_CNT_FILTER, "cases"},
        {ACTION_CNT_CLOSE, "leave"},
        {ACTION_HELP, "keys"},
    };
    struct rect body = {area.row + 2, area.col, area.rows - 3, area.cols};
    if (body.rows < 1)
        return;
    bars_draw_hints((struct rect){area.row + area.rows - 1, area.col, 1, area.cols}, hints,
                    sizeof hints / sizeof hints[0]);
    if (t->rows == 0) {
        draw_string(body.row, body.col + 1, body.cols - 1, "nothing is coded here",
                    theme_attr(THEME_DESCRIPTION));
        return;
    }
    int number = 4;
    for (size_t r = 0; r < t->rows; r++) {
        int n = (int)width_of_text(t->row_numbers[r], strlen(t->row_numbers[r]));
        number = n > number ? n : number;
    }
    number = number > area.cols / 3 ? area.cols / 3 : number;
    int name = area.cols / 3 < NAME_COLS ? area.cols / 3 : NAME_COLS;
    /* The columns that fit after the code, from the first on show. */
    int x0 = area.col + 1 + number + 1 + name + 1;
    if (p->left >= t->columns)
        p->left = t->columns ? t->columns - 1 : 0;
    int heading_x = x0;
    for (size_t c = p->left; c < t->columns; c++) {
        int w = column_width(t, c);
        if (heading_x + w > area.col + area.cols)
            break;
        heading_x = draw_column(area.row + 1, heading_x, w, t->column_names[c], true, A_BOLD);
    }
    draw_column(area.row + 1,
                draw_column(area.row + 1, area.col + 1, number, "code", false, A_BOLD), name,
                "name", false, A_BOLD);
    draw_follow(p->row, (size_t)body.rows, &p->top);
    for (size_t r = p->top; r < t->rows && r - p->top < (size_t)body.rows; r++) {
        int y = body.row + (int)(r - p->top);
        attr_t attr = r == p->row ? theme_attr(THEME_CURRENT) : A_NORMAL;
        draw_blank(y, area.col, area.cols, attr);
        int x = draw_column(y, area.col + 1, number, t->row_numbers[r], false, attr);
        x = draw_column(y, x, name, t->row_names[r], false, attr);
        for (size_t c = p->left; c < t->columns; c++) {
            int w = column_width(t, c);
            if (x + w > area.col + area.cols)
                break;
            char cell[32];
            int64_t value = t->cells[r * t->columns + c];
            snprintf(cell, sizeof cell, "%" PRId64, value);
            x = draw_column(y, x, w, cell, true, value ? attr : attr | A_DIM);
        }
    }
}

/* --- Acting ---------------------------------------------------------------------------------- */

static void filter_accepted(struct ui *ui, const char *text, int64_t id)
{
    struct counts_pane *p = of(ui->panes[PANE_COUNTS]);
    char old[sizeof p->where];
    snprintf(old, sizeof old, "%s", p->where);
    snprintf(p->where, sizeof p->where, "%s", text);
    if (!recount(p, ui)) {
        snprintf(p->where, sizeof p->where, "%s", old);
        return;
    }
    ui_message(ui, false, text[0] ? "only the cases where %s" : "every case", text);
}

static void attribute_accepted(struct ui *ui, const char *text, int64_t id)
{
    struct counts_pane *p = of(ui->panes[PANE_COUNTS]);
    struct counts_pane was = *p;
    p->by = COUNTS_BY_ATTRIBUTE;
    snprintf(p->attribute, sizeof p->attribute, "%s", text);
    if (!recount(p, ui)) {
        p->by = was.by;
        snprintf(p->attribute, sizeof p->attribute, "%s", was.attribute);
    }
}

/* Lists the segments behind the highlighted row: the code's own codings, or where the pair of
 * codes overlap. */
static void open_row(struct counts_pane *p, struct ui *ui)
{
    const struct count_table *t = &p->table;
    if (p->row >= t->rows)
        return;
    const char *numbers = t->row_numbers[p->row];
    if (p->by == COUNTS_BY_COOCCURRENCE) {
        const char *plus = strstr(numbers, " + ");
        char query[256];
        if (plus)
            snprintf(query, sizeof query, "%.*s and %s", (int)(plus - numbers), numbers, plus + 3);
        segments_pane_find(ui, plus ? query : numbers);
        return;
    }
    struct error err;
    int code = codetree_resolve(project_codes(ui->project), numbers, &err);
    if (code < 0)
        ui_fail(ui, &err);
    else
        segments_pane_retrieve(ui, code, NULL, false);
}

static void counts_act(struct pane *pane, struct ui *ui, enum action action)
{
    struct counts_pane *p = of(pane);
    bring_up_to_date(p, ui);
    size_t rows = p->table.rows;
    size_t page = ui->layout.status.row > 4 ? (size_t)ui->layout.status.row - 4 : 1;
    switch (action) {
    case ACTION_CNT_DOWN:
        p->row += p->row + 1 < rows;
        break;
    case ACTION_CNT_UP:
        p->row -= p->row > 0;
        break;
    case ACTION_CNT_FIRST:
        p->row = 0;
        break;
    case ACTION_CNT_LAST:
        p->row = rows ? rows - 1 : 0;
        break;
    case ACTION_CNT_PAGE_DOWN:
        p->row = p->row + page < rows ? p->row + page : (rows ? rows - 1 : 0);
        break;
    case ACTION_CNT_PAGE_UP:
        p->row = p->row > page ? p->row - page : 0;
        break;
    case ACTION_CNT_LEFT:
        p->left -= p->left > 0;
        break;
    case ACTION_CNT_RIGHT:
        p->left += p->left + 1 < p->table.columns;
        break;
    case ACTION_CNT_BY: {
        enum counts_by was = p->by;
        p->by = p->by == COUNTS_BY_CODE   ? COUNTS_BY_CASE
                : p->by == COUNTS_BY_CASE ? COUNTS_BY_COOCCURRENCE
                                          : COUNTS_BY_CODE;
        p->row = p->top = p->left = 0;
        if (!recount(p, ui))
            p->by = was;
        break;
    }
    case ACTION_CNT_ATTRIBUTE:
        prompt_open(ui, &(struct prompt_request){"Count by the values of the attribute: ",
                                                 p->attribute, attribute_accepted, NULL, NULL, 0});
        break;
    case ACTION_CNT_FILTER:
        prompt_open(ui, &(struct prompt_request){"Only cases where (site = B, age >= 40): ",
                                                 p->where, filter_accepted, NULL, NULL, 0});
        break;
    case ACTION_CNT_OPEN:
        open_row(p, ui);
        break;
    case ACTION_CNT_CLOSE:
        ui_focus(ui, PANE_TRANSCRIPT);
        break;
    default:
        break;
    }
}

void counts_pane_open(struct ui *ui)
{
    struct pane *pane = ui_pane(ui, PANE_COUNTS);
    if (!pane)
        return;
    struct counts_pane *p = of(pane);
    if (!p->counted && !recount(p, ui))
        return;
    ui_focus(ui, PANE_COUNTS);
}

/* --- The rest of the interface ------------------------------------------------------------ */

static size_t counts_scopes(const struct pane *pane, const struct ui *ui, enum scope *scopes)
{
    scopes[0] = SCOPE_COUNTS;
    return 1;
}

static void counts_reread(struct pane *pane, struct ui *ui)
{
    of(pane)->stale = true;
}

static void counts_dump(struct pane *pane, struct ui *ui, struct strbuf *out)
{
    struct counts_pane *p = of(pane);
    if (!p->counted)
        return;
    bring_up_to_date(p, ui);
    const struct count_table *t = &p->table;
    strbuf_printf(out, "counts: %s%s%s, %zu rows, %s%s%s\n", tables[p->by],
                  p->by == COUNTS_BY_ATTRIBUTE ? " " : "",
                  p->by == COUNTS_BY_ATTRIBUTE ? p->attribute : "", t->rows,
                  p->everyone ? "every coder" : "your codings", p->where[0] ? "; cases where " : "",
                  p->where);
    if (p->row >= t->rows)
        return;
    strbuf_printf(out, "counts row: %s %s:", t->row_numbers[p->row], t->row_names[p->row]);
    for (size_t c = 0; c < t->columns; c++)
        strbuf_printf(out, " %s %" PRId64 "%s", t->column_names[c],
                      t->cells[p->row * t->columns + c], c + 1 < t->columns ? "," : "");
    strbuf_putc(out, '\n');
}

static const char *counts_badge(const struct pane *pane, const struct ui *ui)
{
    return "COUNTS";
}

static void counts_destroy(struct pane *pane)
{
    count_table_finish(&of(pane)->table);
    free(pane);
}

static const enum scope counts_help[] = {SCOPE_COUNTS, SCOPE_GLOBAL, SCOPE_PROMPT, SCOPE_HELP,
                                         SCOPE_COUNT};

static const struct pane_ops counts_ops = {
    .name = "counts",
    .place = PLACE_WHOLE,
    .scopes = counts_scopes,
    .help = counts_help,
    .draw = counts_draw,
    .act = counts_act,
    .reread = counts_reread,
    .dump = counts_dump,
    .badge = counts_badge,
    .destroy = counts_destroy,
};

struct pane *counts_pane_create(struct ui *ui, struct error *err)
{
    struct counts_pane *p = calloc(1, sizeof *p);
    if (!p) {
        error_internal(err, "out of memory");
        return NULL;
    }
    p->pane.ops = &counts_ops;
    return &p->pane;
}
