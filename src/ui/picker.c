/* The code picker: type a number (7.1.2) or words, and the codable codes that match are listed,
 * the codes used most recently first while nothing is typed; Enter picks the highlighted one. */
#include "draw.h"
#include "internal.h"
#include "theme.h"

#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct picker {
    struct pane pane;
    char title[64];
    void (*picked)(struct ui *ui, int code_index, int64_t id);
    int64_t id;
    char query[128];
    int *matches; /* codebook indexes: recent codes first when the query is empty */
    size_t count;
    size_t recent; /* how many of the first matches are recent codes */
    size_t highlighted;
    size_t top;
};

static struct picker *of(struct pane *pane)
{
    return (struct picker *)pane;
}

/* Finds the codable codes that match the query; with an empty query, the recent codes first. */
static bool find_matches(struct picker *p, const struct ui *ui)
{
    const struct codetree *tree = project_codes(ui->project);
    size_t n = codetree_count(tree);
    int *matches = realloc(p->matches, (n + SESSION_RECENT_MAX + 1) * sizeof *matches);
    if (!matches)
        return false;
    p->matches = matches;
    p->count = 0;
    p->recent = 0;
    if (!p->query[0]) {
        p->recent = session_recent_codes(ui->session, matches, SESSION_RECENT_MAX);
        p->count = p->recent;
    }
    for (size_t i = 0; i < n; i++) {
        if (codetree_get(tree, i)->codable && codetree_matches(tree, (int)i, p->query))
            matches[p->count++] = (int)i;
    }
    p->highlighted = 0;
    p->top = 0;
    return true;
}

/* Draws, dimmed after a match, the names of its parents from the top level down ("in
 * Challenges › Types of challenges or failures"), cut with an ellipsis where they do not fit. */
static void draw_parents(const struct codetree *tree, int index, int row, int col, int cols,
                         attr_t attr)
{
    int chain[OUTLINE_DEPTH_MAX];
    size_t depth = 0;
    for (int k = codetree_get(tree, (size_t)index)->parent; k >= 0 && depth < OUTLINE_DEPTH_MAX;
         k = codetree_get(tree, (size_t)k)->parent)
        chain[depth++] = k;
    if (depth == 0)
        return;
    char parents[512] = "  in ";
    size_t used = strlen(parents);
    while (depth-- > 0 && used < sizeof parents)
        used += (size_t)snprintf(parents + used, sizeof parents - used, "%s%s",
                                 codetree_get(tree, (size_t)chain[depth])->name,
                                 depth > 0 ? " › " : "");
    draw_cut(row, col, cols, parents, attr | A_DIM);
}

static void picker_draw(struct pane *pane, struct ui *ui, struct rect area, bool focused)
{
    struct picker *p = of(pane);
    struct rect inside = draw_box(area, p->title);
    attr_t attr = theme_attr(THEME_POPUP);
    int used = draw_string(inside.row, inside.col, inside.cols, "> ", attr | A_BOLD);
    used += draw_string(inside.row, inside.col + used, inside.cols - used, p->query, attr);
    draw_cell(inside.row, inside.col + used, ' ', NULL, 0, attr | A_REVERSE);
    char accept[16], hint[64];
    ui_key_name(ACTION_PICK_ACCEPT, accept, sizeof accept);
    snprintf(hint, sizeof hint, "number or words; %s codes", accept);
    int hint_cols = (int)strlen(hint);
    if (used + 2 + hint_cols < inside.cols)
        draw_string(inside.row, inside.col + inside.cols - hint_cols, hint_cols, hint,
                    attr | A_DIM);
    size_t rows = inside.rows > 1 ? (size_t)inside.rows - 1 : 0;
    if (p->count == 0) {
        draw_string(inside.row + 1, inside.col, inside.cols, "no code matches", attr | A_DIM);
        return;
    }
    draw_follow(p->highlighted, rows, &p->top);
    const struct codetree *tree = project_codes(ui->project);
    for (size_t y = 0; y < rows && p->top + y < p->count; y++) {
        size_t k = p->top + y;
        const struct code *code = codetree_get(tree, (size_t)p->matches[k]);
        attr_t row_attr = k == p->highlighted ? attr | A_REVERSE : attr;
        int row = inside.row + 1 + (int)y;
        draw_blank(row, inside.col, inside.cols, row_attr);
        char number[OUTLINE_TEXT_MAX];
        codetree_number_text(tree, p->matches[k], number);
        char label[OUTLINE_TEXT_MAX + 4];
        snprintf(label, sizeof label, "%s%s ", k < p->recent ? "* " : "  ", number);
        int at = draw_string(row, inside.col, inside.cols, label, row_attr);
        at += draw_string(row, inside.col + at, inside.cols - at, code->name, row_attr);
        draw_parents(tree, p->matches[k], row, inside.col + at, inside.cols - at, row_attr);
    }
}

static void picker_act(struct pane *pane, struct ui *ui, enum action action)
{
    struct picker *p = of(pane);
    size_t n;
    switch (action) {
    case ACTION_PICK_DOWN:
        if (p->highlighted + 1 < p->count)
            p->highlighted++;
        break;
    case ACTION_PICK_UP:
        if (p->highlighted > 0)
            p->highlighted--;
        break;
    case ACTION_PICK_ACCEPT: {
        /* The picker is gone before its answer is used, which may open another layer. */
        void (*picked)(struct ui *, int, int64_t) = p->picked;
        int64_t id = p->id;
        int index = p->count ? p->matches[p->highlighted] : -1;
        ui_pop(ui);
        if (index >= 0)
            picked(ui, index, id);
        break;
    }
    case ACTION_PICK_CANCEL:
        ui_pop(ui);
        break;
    case ACTION_PICK_CLEAR:
        p->query[0] = '\0';
        find_matches(p, ui);
        break;
    case ACTION_PICK_ERASE:
        n = strlen(p->query);
        while (n > 0 && !utf8_is_lead((unsigned char)p->query[--n]))
            ;
        p->query[n] = '\0';
        find_matches(p, ui);
        break;
    default:
        break;
    }
}

static void picker_type(struct pane *pane, struct ui *ui, int key)
{
    struct picker *p = of(pane);
    char bytes[4];
    if (key == KEYS_ENTER || key == '\n' || key == '\t')
        key = ' '; /* a pasted line break */
    size_t n = keys_is_text(key) ? utf8_encode((uint32_t)key, bytes) : 0;
    size_t len = strlen(p->query);
    if (n == 0 || len + n >= sizeof p->query)
        return;
    memcpy(p->query + len, bytes, n);
    p->query[len + n] = '\0';
    find_matches(p, ui);
}

static void picker_reread(struct pane *pane, struct ui *ui)
{
    find_matches(of(pane), ui);
}

static size_t picker_scopes(const struct pane *pane, const struct ui *ui, enum scope *scopes)
{
    scopes[0] = SCOPE_PICKER;
    return 1;
}

static void picker_dump(struct pane *pane, struct ui *ui, struct strbuf *out)
{
    struct picker *p = of(pane);
    strbuf_printf(out, "picker: %s \"%s\" (%zu matches)\n", p->title, p->query, p->count);
}

static void picker_destroy(struct pane *pane)
{
    struct picker *p = of(pane);
    free(p->matches);
    free(p);
}

static const enum scope picker_help[] = {SCOPE_PICKER, SCOPE_COUNT};

static const struct pane_ops picker_ops = {
    .name = "picker",
    .place = PLACE_POPUP,
    .scopes = picker_scopes,
    .help = picker_help,
    .draw = picker_draw,
    .act = picker_act,
    .type = picker_type,
    .reread = picker_reread,
    .dump = picker_dump,
    .destroy = picker_destroy,
};

bool picker_open(struct ui *ui, const char *title,
                 void (*picked)(struct ui *ui, int code_index, int64_t id), int64_t id)
{
    struct picker *p = calloc(1, sizeof *p);
    if (!p || !find_matches(p, ui)) {
        free(p);
        ui_message(ui, true, "out of memory");
        return false;
    }
    p->pane.ops = &picker_ops;
    snprintf(p->title, sizeof p->title, "%s", title);
    p->picked = picked;
    p->id = id;
    return ui_push(ui, &p->pane);
}
