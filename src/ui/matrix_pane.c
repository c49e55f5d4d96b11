/* The framework matrix (model/matrix.h): a row per case, a column per sub-code of a theme, and in
 * each cell the number of segments coded there beside the researcher's summary of them. Cells
 * with segments and no summary are marked, so that the work left shows. Enter lists a cell's
 * segments, `e` writes its summary (an undoable change, kept as a draft if margin is stopped).
 * The matrix is built again whenever the project changes. */
#include "bars.h"
#include "draw.h"
#include "internal.h"
#include "theme.h"
#include "writing.h"

#include "core/outline.h"
#include "model/matrix.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct matrix_pane {
    struct pane pane;
    char theme[OUTLINE_TEXT_MAX]; /* the code whose sub-codes are the columns, "" before one */
    char where[256];              /* the case filter, "" for every case */
    struct matrix matrix;
    bool stale;            /* the project changed since the matrix was built */
    size_t row, column;    /* the highlighted cell */
    size_t top, left;      /* the first row and column on show */
    int64_t case_id, code; /* the highlighted cell's case id and code index, kept across builds */
};

static struct matrix_pane *of(struct pane *pane)
{
    return (struct matrix_pane *)pane;
}

/* --- Building ------------------------------------------------------------------------------- */

/* Builds the matrix again, keeping the highlight on the same case and code where they still
 * are. False, with the message shown and the old matrix kept, when it cannot be built. */
static bool build(struct matrix_pane *p, struct ui *ui)
{
    struct matrix built = {0};
    struct error err;
    p->stale = false;
    if (!matrix_build(
            ui->project,
            &(struct matrix_request){.theme = p->theme, .where = p->where[0] ? p->where : NULL},
            &built, &err)) {
        matrix_finish(&built);
        ui_fail(ui, &err);
        return false;
    }
    matrix_finish(&p->matrix);
    p->matrix = built;
    p->row = p->column = 0;
    for (size_t r = 0; r < built.rows; r++)
        if (built.case_ids[r] == p->case_id)
            p->row = r;
    for (size_t c = 0; c < built.columns; c++)
        if (built.codes[c] == p->code)
            p->column = c;
    return true;
}

/* Notes which cell is highlighted, to find it again after the next build. */
static void remember(struct matrix_pane *p)
{
    if (p->row < p->matrix.rows && p->column < p->matrix.columns) {
        p->case_id = p->matrix.case_ids[p->row];
        p->code = p->matrix.codes[p->column];
    }
}

static void bring_up_to_date(struct matrix_pane *p, struct ui *ui)
{
    if (p->stale && p->theme[0])
        build(p, ui);
}

/* How many cells have segments and no summary. */
static size_t pending(const struct matrix *m)
{
    size_t n = 0;
    for (size_t r = 0; r < m->rows; r++)
        for (size_t c = 0; c < m->columns; c++)
            n += matrix_cell_pending(m, r, c);
    return n;
}

/* --- Drawing -------------------------------------------------------------------------------- */

#define LABEL_COLS 12 /* the case names' column */
#define CELL_COLS  22 /* at least, each code's column */

/* The code at column c: "07.01 Structure". */
static void column_title(const struct matrix_pane *p, struct ui *ui, size_t c, char *out,
                         size_t size)
{
    const struct codetree *tree = project_codes(ui->project);
    char number[OUTLINE_TEXT_MAX];
    codetree_number_text(tree, p->matrix.codes[c], number);
    snprintf(out, size, "%s %s", number, codetree_get(tree, (size_t)p->matrix.codes[c])->name);
}

/* Draws cell (r, c) in `rows` rows of `cols` columns: the count of segments, then the summary;
 * a cell with segments and no summary says so. */
static void draw_matrix_cell(const struct matrix_pane *p, size_t r, size_t c, int row, int col,
                             int rows, int cols)
{
    const struct matrix *m = &p->matrix;
    size_t i = r * m->columns + c;
    bool current = r == p->row && c == p->column;
    attr_t attr = current ? theme_attr(THEME_CURRENT) : A_NORMAL;
    for (int y = 0; y < rows; y++)
        draw_blank(row + y, col, cols, attr);
    char count[64];
    if (m->links[i])
        snprintf(count, sizeof count, "[%" PRId64 ", %" PRId64 " linked] ", m->segments[i],
                 m->links[i]);
    else
        snprintf(count, sizeof count, "[%" PRId64 "] ", m->segments[i]);
    const char *summary = m->summaries[i];
    if (!summary)
        summary = m->segments[i] ? "to summarise" : "";
    attr_t summary_attr = m->summaries[i] ? attr : attr | theme_attr(THEME_MATCH);
    struct draw_run runs[] = {{count, attr | A_BOLD}, {summary, summary_attr}};
    draw_runs(row, col + 1, rows, cols - 2, runs, 2);
}

static void matrix_draw(struct pane *pane, struct ui *ui, struct rect area, bool focused)
{
    struct matrix_pane *p = of(pane);
    bring_up_to_date(p, ui);
    const struct matrix *m = &p->matrix;
    const struct codetree *tree = project_codes(ui->project);
    char title[800], theme[OUTLINE_TEXT_MAX + 300];
    struct error ignored;
    int at = codetree_resolve(tree, p->theme, &ignored);
    snprintf(theme, sizeof theme, "%s %s", p->theme,
             at >= 0 ? codetree_get(tree, (size_t)at)->name : "");
    snprintf(title, sizeof title,
             " Framework matrix of %s: %zu cases, %zu codes, %zu to summarise%s%s", theme, m->rows,
             m->columns, pending(m), p->where[0] ? "; cases where " : "", p->where);
    draw_heading(area.row, &area, title);
    static const struct hint hints[] = {
        {ACTION_MX_OPEN, "segments"},      {ACTION_MX_WRITE, "summary"},
        {ACTION_MX_NEXT_PENDING, "to do"}, {ACTION_MX_FILTER, "cases"},
        {ACTION_MX_CLOSE, "leave"},        {ACTION_HELP, "keys"},
    };
    struct rect grid = {area.row + 2, area.col, area.rows - 3, area.cols};
    if (grid.rows < 1)
        return;
    bars_draw_hints((struct rect){area.row + area.rows - 1, area.col, 1, area.cols}, hints,
                    sizeof hints / sizeof hints[0]);
    if (m->rows == 0 || m->columns == 0) {
        draw_string(grid.row, grid.col + 1, grid.cols - 1,
                    m->columns ? "no case passes the filter" : "the theme has no codes",
                    theme_attr(THEME_DESCRIPTION));
        return;
    }
    int label = area.cols > LABEL_COLS + CELL_COLS ? LABEL_COLS : area.cols / 3;
    size_t fit = (size_t)((area.cols - label) / CELL_COLS);
    fit = fit < 1 ? 1 : fit > m->columns ? m->columns : fit;
    int width = (area.cols - label) / (int)fit;
    int each = grid.rows >= 3 * 3 ? 3 : 1; /* rows of the screen per case */
    draw_follow(p->row, (size_t)(grid.rows / each > 0 ? grid.rows / each : 1), &p->top);
    draw_follow(p->column, fit, &p->left);
    for (size_t k = 0; k < fit && p->left + k < m->columns; k++) {
        char heading[400];
        column_title(p, ui, p->left + k, heading, sizeof heading);
        draw_cut(area.row + 1, area.col + label + (int)k * width + 1, width - 2, heading, A_BOLD);
    }
    for (size_t r = p->top; r < m->rows; r++) {
        int row = grid.row + (int)(r - p->top) * each;
        if (row + each > grid.row + grid.rows)
            break;
        draw_cut(row, area.col + 1, label - 2, m->case_names[r], r == p->row ? A_BOLD : A_NORMAL);
        for (size_t k = 0; k < fit && p->left + k < m->columns; k++)
            draw_matrix_cell(p, r, p->left + k, row, area.col + label + (int)k * width, each,
                             width);
    }
}

/* --- Acting ---------------------------------------------------------------------------------- */

static void filter_accepted(struct ui *ui, const char *text, int64_t id)
{
    struct matrix_pane *p = of(ui->panes[PANE_MATRIX]);
    char old[sizeof p->where];
    snprintf(old, sizeof old, "%s", p->where);
    snprintf(p->where, sizeof p->where, "%s", text);
    if (!build(p, ui)) {
        snprintf(p->where, sizeof p->where, "%s", old);
        return;
    }
    ui_message(ui, false, text[0] ? "only the cases where %s" : "every case", text);
}

/* Moves the highlight to the next cell, row by row, that has segments and no summary. */
static void next_pending(struct matrix_pane *p, struct ui *ui)
{
    const struct matrix *m = &p->matrix;
    size_t cells = m->rows * m->columns, from = p->row * m->columns + p->column;
    for (size_t k = 1; k <= cells; k++) {
        size_t i = (from + k) % cells;
        if (matrix_cell_pending(m, i / m->columns, i % m->columns)) {
            p->row = i / m->columns;
            p->column = i % m->columns;
            return;
        }
    }
    ui_message(ui, false, "every cell with segments has its summary");
}

static void matrix_act(struct pane *pane, struct ui *ui, enum action action)
{
    struct matrix_pane *p = of(pane);
    bring_up_to_date(p, ui);
    const struct matrix *m = &p->matrix;
    bool empty = m->rows == 0 || m->columns == 0;
    switch (action) {
    case ACTION_MX_LEFT:
        p->column -= p->column > 0;
        break;
    case ACTION_MX_RIGHT:
        p->column += p->column + 1 < m->columns;
        break;
    case ACTION_MX_DOWN:
        p->row += p->row + 1 < m->rows;
        break;
    case ACTION_MX_UP:
        p->row -= p->row > 0;
        break;
    case ACTION_MX_OPEN:
        if (!empty)
            segments_pane_of_cell(ui, m->codes[p->column], m->case_ids[p->row],
                                  m->case_names[p->row]);
        break;
    case ACTION_MX_WRITE: {
        if (empty)
            break;
        const struct codetree *tree = project_codes(ui->project);
        int64_t cell =
            writing_cell(m->case_ids[p->row], codetree_get(tree, (size_t)m->codes[p->column])->id);
        if (cell < 0)
            ui_message(ui, true, "this cell cannot be written on the screen: use margin matrix");
        else
            writing_open(ui, WRITING_MATRIX_SUMMARY, cell);
        break;
    }
    case ACTION_MX_NEXT_PENDING:
        if (!empty)
            next_pending(p, ui);
        break;
    case ACTION_MX_FILTER:
        prompt_open(ui, &(struct prompt_request){"Only cases where (site = B, age >= 40): ",
                                                 p->where, filter_accepted, NULL, NULL, 0});
        break;
    case ACTION_MX_CLOSE:
        ui_focus(ui, PANE_TRANSCRIPT);
        break;
    default:
        break;
    }
    remember(p);
}

void matrix_pane_open(struct ui *ui, int code_index)
{
    struct pane *pane = ui_pane(ui, PANE_MATRIX);
    if (!pane)
        return;
    struct matrix_pane *p = of(pane);
    char was[sizeof p->theme];
    snprintf(was, sizeof was, "%s", p->theme);
    codetree_number_text(project_codes(ui->project), code_index, p->theme);
    if (!build(p, ui)) {
        snprintf(p->theme, sizeof p->theme, "%s", was);
        return;
    }
    remember(p);
    ui_focus(ui, PANE_MATRIX);
    char open[16], write[16];
    ui_key_name(ACTION_MX_OPEN, open, sizeof open);
    ui_key_name(ACTION_MX_WRITE, write, sizeof write);
    ui_message(ui, false, "%s lists a cell's segments, %s writes its summary", open, write);
}

/* --- The rest of the interface ------------------------------------------------------------ */

static size_t matrix_scopes(const struct pane *pane, const struct ui *ui, enum scope *scopes)
{
    scopes[0] = SCOPE_MATRIX;
    return 1;
}

static void matrix_reread(struct pane *pane, struct ui *ui)
{
    of(pane)->stale = true;
}

static void matrix_dump(struct pane *pane, struct ui *ui, struct strbuf *out)
{
    struct matrix_pane *p = of(pane);
    if (!p->theme[0])
        return;
    bring_up_to_date(p, ui);
    const struct matrix *m = &p->matrix;
    strbuf_printf(out, "matrix: %s, %zu cases, %zu codes, %zu to summarise%s%s\n", p->theme,
                  m->rows, m->columns, pending(m), p->where[0] ? "; cases where " : "", p->where);
    if (p->row >= m->rows || p->column >= m->columns)
        return;
    char heading[400];
    column_title(p, ui, p->column, heading, sizeof heading);
    size_t i = p->row * m->columns + p->column;
    strbuf_printf(out, "cell: %s at %s, %" PRId64 " segments, %" PRId64 " linked, summary: ",
                  m->case_names[p->row], heading, m->segments[i], m->links[i]);
    const char *summary = m->summaries[i] ? m->summaries[i] : "none";
    ui_dump_text(out, summary, strlen(summary));
    strbuf_putc(out, '\n');
}

static const char *matrix_badge(const struct pane *pane, const struct ui *ui)
{
    return "MATRIX";
}

static void matrix_destroy(struct pane *pane)
{
    matrix_finish(&of(pane)->matrix);
    free(pane);
}

static const enum scope matrix_help[] = {SCOPE_MATRIX, SCOPE_GLOBAL, SCOPE_PROMPT,
                                         SCOPE_EDITOR, SCOPE_HELP,   SCOPE_COUNT};

static const struct pane_ops matrix_ops = {
    .name = "matrix",
    .place = PLACE_WHOLE,
    .scopes = matrix_scopes,
    .help = matrix_help,
    .draw = matrix_draw,
    .act = matrix_act,
    .reread = matrix_reread,
    .dump = matrix_dump,
    .badge = matrix_badge,
    .destroy = matrix_destroy,
};

struct pane *matrix_pane_create(struct ui *ui, struct error *err)
{
    struct matrix_pane *p = calloc(1, sizeof *p);
    if (!p) {
        error_internal(err, "out of memory");
        return NULL;
    }
    p->pane.ops = &matrix_ops;
    p->code = -1;
    return &p->pane;
}
