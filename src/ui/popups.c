#include "ui/popups.h"

#include "input/actions.h"
#include "ui/draw.h"
#include "ui/theme.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Draws a framed box with a title and returns the rectangle inside the frame. */
static struct rect draw_box(struct rect box, const char *title)
{
    attr_t attr = theme_attr(THEME_POPUP);
    for (int y = 0; y < box.rows; y++)
        draw_blank(box.row + y, box.col, box.cols, attr);
    for (int x = 1; x < box.cols - 1; x++) {
        draw_cell(box.row, box.col + x, 0x2500, NULL, 0, attr);
        draw_cell(box.row + box.rows - 1, box.col + x, 0x2500, NULL, 0, attr);
    }
    for (int y = 1; y < box.rows - 1; y++) {
        draw_cell(box.row + y, box.col, 0x2502, NULL, 0, attr);
        draw_cell(box.row + y, box.col + box.cols - 1, 0x2502, NULL, 0, attr);
    }
    draw_cell(box.row, box.col, 0x250C, NULL, 0, attr);
    draw_cell(box.row, box.col + box.cols - 1, 0x2510, NULL, 0, attr);
    draw_cell(box.row + box.rows - 1, box.col, 0x2514, NULL, 0, attr);
    draw_cell(box.row + box.rows - 1, box.col + box.cols - 1, 0x2518, NULL, 0, attr);
    char heading[128];
    snprintf(heading, sizeof heading, " %s ", title);
    draw_string(box.row, box.col + 2, box.cols - 4, heading, attr | A_BOLD);
    return (struct rect){box.row + 1, box.col + 2, box.rows - 2, box.cols - 4};
}

/* Keeps `highlighted` within the `rows` shown from *top. */
static void keep_on_show(size_t highlighted, size_t rows, size_t *top)
{
    if (highlighted < *top)
        *top = highlighted;
    if (rows > 0 && highlighted >= *top + rows)
        *top = highlighted - rows + 1;
}

static void draw_picker(struct view *view, const struct session *session)
{
    static const char *const titles[] = {
        [PICK_CODE] = "Code the selection",
        [PICK_RECODE] = "Give the coding another code",
        [PICK_MERGE] = "Merge into",
    };
    struct picker *picker = &view->picker;
    struct rect inside = draw_box(view->layout.popup, titles[picker->purpose]);
    attr_t attr = theme_attr(THEME_POPUP);
    int used = draw_string(inside.row, inside.col, inside.cols, "> ", attr | A_BOLD);
    used += draw_string(inside.row, inside.col + used, inside.cols - used, picker->query, attr);
    draw_cell(inside.row, inside.col + used, ' ', NULL, 0, attr | A_REVERSE);
    const char *hint = "number or words; Enter codes";
    int hint_cols = (int)strlen(hint);
    if (used + 2 + hint_cols < inside.cols)
        draw_string(inside.row, inside.col + inside.cols - hint_cols, hint_cols, hint,
                    attr | A_DIM);

    size_t rows = inside.rows > 1 ? (size_t)inside.rows - 1 : 0;
    if (picker->count == 0) {
        draw_string(inside.row + 1, inside.col, inside.cols, "no code matches", attr | A_DIM);
        return;
    }
    keep_on_show(picker->highlighted, rows, &picker->top);
    const struct codetree *tree = project_codes(session_project(session));
    for (size_t y = 0; y < rows && picker->top + y < picker->count; y++) {
        size_t k = picker->top + y;
        const struct code *code = codetree_get(tree, (size_t)picker->matches[k]);
        attr_t row_attr = k == picker->highlighted ? attr | A_REVERSE : attr;
        int row = inside.row + 1 + (int)y;
        draw_blank(row, inside.col, inside.cols, row_attr);
        char number[OUTLINE_TEXT_MAX];
        codetree_number_text(tree, picker->matches[k], number);
        char label[OUTLINE_TEXT_MAX + 4];
        snprintf(label, sizeof label, "%s%s ", k < picker->recent ? "* " : "  ", number);
        int at = draw_string(row, inside.col, inside.cols, label, row_attr);
        draw_string(row, inside.col + at, inside.cols - at, code->name, row_attr);
    }
}

static void draw_sources(struct view *view, const struct session *session)
{
    struct rect inside = draw_box(view->layout.popup, "Sources");
    attr_t attr = theme_attr(THEME_POPUP);
    const struct source_list *sources = session_sources(session);
    if (sources->count == 0) {
        draw_string(inside.row, inside.col, inside.cols, "no sources: margin import adds them",
                    attr | A_DIM);
        return;
    }
    size_t top = 0;
    keep_on_show(view->source_highlighted, (size_t)inside.rows, &top);
    for (size_t y = 0; y < (size_t)inside.rows && top + y < sources->count; y++) {
        const struct source_row *source = &sources->items[top + y];
        attr_t row_attr = top + y == view->source_highlighted ? attr | A_REVERSE : attr;
        int row = inside.row + (int)y;
        draw_blank(row, inside.col, inside.cols, row_attr);
        char details[64];
        snprintf(details, sizeof details, "%-11s %8" PRId64 " chars", row_kind_name(source->kind),
                 source->length);
        int details_cols = (int)strlen(details);
        bool open = top + y == (size_t)session_source_index(session);
        draw_string(row, inside.col, inside.cols - details_cols - 1, source->name,
                    row_attr | (open ? A_BOLD : 0));
        if (details_cols < inside.cols)
            draw_string(row, inside.col + inside.cols - details_cols, details_cols, details,
                        row_attr);
    }
}

/* One help line: a scope title, or an action's keys and what it does. */
struct help_line {
    bool title;
    enum scope scope;
    enum action action;
};

static size_t help_lines(const struct view *view, struct help_line *lines, size_t max)
{
    enum scope scopes[SCOPE_COUNT];
    size_t nscopes = view_help_scopes(view, scopes);
    size_t n = 0;
    for (size_t s = 0; s < nscopes; s++) {
        if (n < max)
            lines[n++] = (struct help_line){true, scopes[s], ACTION_NONE};
        for (int a = ACTION_PENDING + 1; a < ACTION_COUNT; a++) {
            if (actions_info((enum action)a)->scope == scopes[s] && n < max)
                lines[n++] = (struct help_line){false, scopes[s], (enum action)a};
        }
    }
    return n;
}

size_t popups_help_rows(const struct view *view)
{
    struct help_line lines[ACTION_COUNT + SCOPE_COUNT];
    return help_lines(view, lines, sizeof lines / sizeof lines[0]);
}

static void draw_help(struct view *view)
{
    struct rect inside = draw_box(view->layout.popup, "Keys (j/k scroll, q closes)");
    attr_t attr = theme_attr(THEME_POPUP);
    struct help_line lines[ACTION_COUNT + SCOPE_COUNT];
    size_t n = help_lines(view, lines, sizeof lines / sizeof lines[0]);
    if (view->help_top + (size_t)inside.rows > n)
        view->help_top = n > (size_t)inside.rows ? n - (size_t)inside.rows : 0;
    int keys_cols = inside.cols > 40 ? 18 : inside.cols / 3;
    for (int y = 0; y < inside.rows && view->help_top + (size_t)y < n; y++) {
        const struct help_line *line = &lines[view->help_top + (size_t)y];
        int row = inside.row + y;
        if (line->title) {
            draw_string(row, inside.col, inside.cols, actions_scope_title(line->scope),
                        attr | A_BOLD | A_UNDERLINE);
            continue;
        }
        const struct action_info *info = actions_info(line->action);
        char keys[64];
        actions_keys_text(info, keys, sizeof keys);
        draw_string(row, inside.col + 1, keys_cols - 1, keys, attr | A_BOLD);
        draw_string(row, inside.col + keys_cols, inside.cols - keys_cols, info->help, attr);
    }
}

void popups_draw(struct view *view, const struct session *session)
{
    switch (view->popup) {
    case POPUP_PICKER:
        draw_picker(view, session);
        break;
    case POPUP_SOURCES:
        draw_sources(view, session);
        break;
    case POPUP_HELP:
        draw_help(view);
        break;
    case POPUP_NONE:
        break;
    }
}
