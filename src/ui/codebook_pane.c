#include "ui/codebook_pane.h"

#include "core/width.h"
#include "ui/draw.h"
#include "ui/theme.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "3/12": sources and references coded at a code, or "" when it has none. */
static void usage_text(const struct code_usage_list *usage, int64_t code_id, char *out, size_t size)
{
    out[0] = '\0';
    for (size_t i = 0; i < usage->count; i++) {
        if (usage->items[i].code_id == code_id) {
            snprintf(out, size, "%" PRId64 "/%" PRId64, usage->items[i].sources,
                     usage->items[i].references);
            return;
        }
    }
}

static void draw_title(const struct rect *pane, const struct view *view,
                       const struct session *session)
{
    attr_t attr = theme_attr(THEME_TITLE);
    draw_blank(pane->row, pane->col, pane->cols, attr);
    char title[200];
    snprintf(title, sizeof title, " Codebook%s%.160s", view->filter[0] ? "  /" : "", view->filter);
    int used = draw_string(pane->row, pane->col, pane->cols, title, attr);
    const char *counts = session_show_others(session) ? "mine (all)" : "sources/refs";
    int width = (int)strlen(counts) + 1;
    if (used + width < pane->cols)
        draw_string(pane->row, pane->col + pane->cols - width, width, counts, attr);
}

/* Draws the highlighted code's description in the rows [row, row + rows). */
static void draw_description(const struct rect *pane, int row, int rows, const struct code *code)
{
    attr_t attr = theme_attr(THEME_DESCRIPTION);
    const char *text = code && code->description ? code->description : "(no description)";
    size_t n = strlen(text);
    size_t at = 0;
    for (int y = 0; y < rows && at < n; y++) {
        const char *nl = memchr(text + at, '\n', n - at);
        size_t line = nl ? (size_t)(nl - text) - at : n - at;
        size_t take = width_fit(text + at, line, (size_t)(pane->cols - 1));
        if (take == 0 && line > 0)
            break;
        draw_text(row + y, pane->col + 1, pane->cols - 1, text + at, take, attr);
        at += take == line ? take + 1 : take;
    }
}

void codebook_pane_draw(struct view *view, const struct session *session)
{
    const struct rect *pane = &view->layout.codebook;
    if (pane->rows < 1)
        return;
    draw_title(pane, view, session);
    const struct codetree *tree = project_codes(session_project(session));
    size_t n = codetree_count(tree);
    int *rows = malloc((n ? n : 1) * sizeof *rows);
    if (!rows)
        return;
    size_t count = view_codebook_rows(view, tree, rows);
    bool with_description = pane->rows >= 9;
    int list_rows = pane->rows - 1 - (with_description ? 3 : 0);
    if (count == 0) {
        draw_string(pane->row + 1, pane->col + 1, pane->cols - 1,
                    n ? "no code matches the filter" : "no codes yet: a adds one",
                    theme_attr(THEME_DESCRIPTION));
        free(rows);
        return;
    }
    size_t current = view_codebook_position(view, rows, count, tree);
    if (current < view->codebook_top)
        view->codebook_top = current;
    if (list_rows > 0 && current >= view->codebook_top + (size_t)list_rows)
        view->codebook_top = current - (size_t)list_rows + 1;

    const struct code_usage_list *mine = session_usage(session, false);
    const struct code_usage_list *all = session_usage(session, true);
    bool others = session_show_others(session);
    bool focused = view->focus == FOCUS_CODEBOOK && view->popup == POPUP_NONE;
    for (int y = 0; y < list_rows; y++) {
        size_t k = view->codebook_top + (size_t)y;
        if (k >= count)
            break;
        const struct code *code = codetree_get(tree, (size_t)rows[k]);
        int row = pane->row + 1 + y;
        attr_t attr = code->codable ? theme_attr(THEME_TEXT) : theme_attr(THEME_HEADING);
        if (k == current)
            attr |= focused ? theme_attr(THEME_CURRENT) : A_BOLD;
        draw_blank(row, pane->col, pane->cols, attr);

        char counts[64], own[24], total[24];
        usage_text(mine, code->id, own, sizeof own);
        usage_text(all, code->id, total, sizeof total);
        if (others && total[0])
            snprintf(counts, sizeof counts, "%s (%s)", own[0] ? own : "-", total);
        else
            snprintf(counts, sizeof counts, "%s", own);
        int counts_width = counts[0] ? (int)strlen(counts) + 1 : 0;

        bool parent = code->end > rows[k] + 1;
        const char *marker = !parent ? " " : view_is_folded(view, code->id) ? "+" : "-";
        char label[OUTLINE_TEXT_MAX + 8];
        char number[OUTLINE_TEXT_MAX];
        codetree_number_text(tree, rows[k], number);
        int indent = code->depth < 6 ? code->depth : 6;
        snprintf(label, sizeof label, "%*s%s%s ", indent, "", marker, number);
        int room = pane->cols - counts_width;
        int used = draw_string(row, pane->col, room, label, attr);
        draw_string(row, pane->col + used, room - used, code->name, attr);
        if (counts_width && counts_width < pane->cols)
            draw_string(row, pane->col + pane->cols - counts_width + 1, counts_width - 1, counts,
                        attr | theme_attr(THEME_COUNT_COLUMN));
    }
    if (with_description) {
        int row = pane->row + pane->rows - 3;
        draw_blank(row, pane->col, pane->cols, theme_attr(THEME_DIVIDER));
        draw_description(pane, row + 1, 2, codetree_get(tree, (size_t)rows[current]));
    }
    free(rows);
}
