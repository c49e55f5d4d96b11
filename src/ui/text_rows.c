#include "text_rows.h"

#include "draw.h"
#include "theme.h"

#include "core/motion.h"
#include "core/utf8.h"
#include "core/width.h"

#include <stdio.h>
#include <string.h>

#define ROW_CODINGS_MAX 64

/* The codings on show that touch a row. */
struct row_codings {
    const struct coding_row *items[ROW_CODINGS_MAX];
    size_t count;
};

static void find_row_codings(const struct session *session, int64_t start, int64_t end,
                             struct row_codings *out)
{
    const struct coding_list *codings = session_codings(session);
    out->count = 0;
    for (size_t i = session_codings_reaching(session, 0, start);
         i < codings->count && out->count < ROW_CODINGS_MAX;
         i = session_codings_reaching(session, i + 1, start)) {
        const struct coding_row *row = &codings->items[i];
        if (row->start > end || (row->start == end && end > start))
            break;
        if (row->end > start || (row->start == start && start == end))
            out->items[out->count++] = row;
    }
}

/* The top-level group of a code, for its colour. */
static int group_of(const struct codetree *tree, int64_t code_id)
{
    int index = codetree_find_id(tree, code_id);
    return index < 0 ? 0 : codetree_get(tree, (size_t)index)->number.part[0] - 1;
}

static void draw_gutter(const struct rect *gutter, int y, const struct row_codings *codings,
                        const struct codetree *tree, int64_t coder_id)
{
    if (codings->count == 0)
        return;
    /* The first code that starts on or before the row, then how many more there are. */
    int64_t shown_code = codings->items[0]->code_id;
    size_t distinct = 1;
    for (size_t i = 1; i < codings->count; i++) {
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = codings->items[j]->code_id == codings->items[i]->code_id;
        distinct += !seen;
    }
    char number[OUTLINE_TEXT_MAX] = "?";
    int index = codetree_find_id(tree, shown_code);
    if (index >= 0)
        codetree_number_text(tree, index, number);
    /* The whole number, then "+N" for the other codes when it fits; a number too long for the
     * gutter is cut with an ellipsis rather than shown as a different number. */
    char more[24] = "";
    if (distinct > 1)
        snprintf(more, sizeof more, "+%zu", distinct - 1);
    int length = (int)strlen(number);
    attr_t attr =
        theme_attr(codings->items[0]->coder_id == coder_id ? THEME_GUTTER : THEME_GUTTER_OTHER);
    int row = gutter->row + y;
    if (length <= gutter->cols) {
        int used = draw_string(row, gutter->col, gutter->cols, number, attr);
        if (used + (int)strlen(more) <= gutter->cols)
            draw_string(row, gutter->col + used, gutter->cols - used, more, attr);
    } else {
        int used = draw_text(row, gutter->col, gutter->cols - 1, number, strlen(number), attr);
        draw_cell(row, gutter->col + used, 0x2026, NULL, 0, attr);
    }
}

/* What a cell of text looks like, beyond the codings on its row. */
struct cell_state {
    const struct codetree *tree;
    const struct turn_list *turns;
    size_t turn; /* the first turn whose label is not over at the cell */
    struct span selection;
    bool selecting;
    int64_t cursor;
    bool focused;
};

/* The attributes of code point `offset`. */
static attr_t cell_attr(int64_t offset, const struct row_codings *codings, struct cell_state *s)
{
    attr_t attr = theme_attr(THEME_TEXT);
    while (s->turn < s->turns->count && s->turns->items[s->turn].body <= offset)
        s->turn++;
    if (s->turn < s->turns->count && s->turns->items[s->turn].start <= offset)
        attr |= theme_attr(THEME_LABEL);
    size_t covering = 0;
    int64_t first_code = 0;
    for (size_t i = 0; i < codings->count; i++) {
        if (codings->items[i]->start <= offset && offset < codings->items[i]->end) {
            if (covering++ == 0)
                first_code = codings->items[i]->code_id;
        }
    }
    if (covering == 1)
        attr |= theme_coded(group_of(s->tree, first_code));
    else if (covering > 1)
        attr |= theme_attr(THEME_OVERLAP);
    if (s->selecting && s->selection.start <= offset && offset < s->selection.end)
        attr |= theme_attr(THEME_SELECTION);
    if (offset == s->cursor)
        attr |= s->focused ? theme_attr(THEME_CURSOR) : theme_attr(THEME_SELECTION);
    return attr;
}

/* Draws one wrapped row of text at screen row `at`; returns the columns used. */
static int draw_row(const struct text *text, struct wrap_row row, const struct rect *area, int at,
                    const struct row_codings *codings, struct cell_state *s)
{
    const char *bytes = text_data(text);
    size_t size = text_size(text);
    size_t i = text_byte(text, (size_t)row.start);
    int col = 0;
    for (int64_t offset = row.start; offset < row.end && col < area->cols;) {
        uint32_t cp;
        i += utf8_decode_or_replace(bytes + i, size - i, &cp);
        offset++;
        uint32_t marks[CCHARW_MAX];
        size_t nmarks = 0;
        while (offset < row.end) {
            uint32_t next;
            size_t next_len = utf8_decode(bytes + i, size - i, &next);
            if (next_len == 0 || next < 0x20 || width_drawn(next) != 0)
                break;
            if (nmarks < CCHARW_MAX - 1)
                marks[nmarks++] = next;
            i += next_len;
            offset++;
        }
        int w = width_drawn(cp);
        if (col + (w ? w : 1) > area->cols)
            break;
        attr_t attr = cell_attr(offset - 1 - (int64_t)nmarks, codings, s);
        col += draw_cell(at, area->col + col, cp, marks, nmarks, attr);
    }
    return col;
}

void text_rows_draw(const struct text_rows *rows)
{
    const struct session *session = rows->session;
    const struct text *text = session_text(session);
    const struct wrap *wrap = rows->wrap;
    struct cell_state s = {
        .tree = project_codes(session_project(session)),
        .turns = session_turns(session),
        .selection = session_selection(session),
        .selecting = session_selecting(session),
        .cursor = session_cursor(session),
        .focused = rows->focused,
    };
    for (int y = 0; y < rows->text.rows; y++) {
        size_t r = rows->top + (size_t)y;
        if (r >= wrap->count)
            break;
        struct wrap_row row = wrap->items[r];
        struct row_codings on_row;
        find_row_codings(session, row.start, row.end, &on_row);
        draw_gutter(&rows->gutter, y, &on_row, s.tree, session_coder_id(session));
        s.turn = motion_turn_label_from(s.turns, row.start);
        int at = rows->text.row + y;
        int col = draw_row(text, row, &rows->text, at, &on_row, &s);
        /* The cursor on a line end (or the end of the text) shows as a cell after the text. */
        if (s.cursor == row.end && col < rows->text.cols &&
            (r + 1 == wrap->count || wrap->items[r + 1].start > row.end)) {
            attr_t attr = s.focused ? theme_attr(THEME_CURSOR) : theme_attr(THEME_SELECTION);
            if (s.selecting && s.selection.start <= s.cursor && s.cursor < s.selection.end)
                attr |= theme_attr(THEME_SELECTION);
            draw_cell(at, rows->text.col + col, ' ', NULL, 0, attr);
        }
    }
}

int text_rows_column(const struct text *text, struct wrap_row row, int64_t offset)
{
    int column = 0;
    for (int64_t o = row.start; o < offset && o < row.end; o++)
        column += width_drawn(text_char(text, (size_t)o));
    return column;
}

int64_t text_rows_offset_at(const struct text *text, struct wrap_row row, int column)
{
    int used = 0;
    for (int64_t o = row.start; o < row.end; o++) {
        int w = width_drawn(text_char(text, (size_t)o));
        if (used + w > column)
            return o;
        used += w;
    }
    return row.end;
}
