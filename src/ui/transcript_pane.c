#include "ui/transcript_pane.h"

#include "core/motion.h"
#include "core/utf8.h"
#include "core/width.h"
#include "ui/draw.h"
#include "ui/theme.h"

#include <stdio.h>
#include <string.h>

#define ROW_CODINGS_MAX 64

/* The codings on show that touch a row, and what the gutter says about them. */
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

/* The attributes of code point `offset`. */
static attr_t cell_attr(int64_t offset, const struct row_codings *codings,
                        const struct codetree *tree, const struct turn_list *turns, size_t *turn,
                        struct span selection, bool selecting, int64_t cursor, bool focused)
{
    attr_t attr = theme_attr(THEME_TEXT);
    while (*turn < turns->count && turns->items[*turn].body <= offset)
        (*turn)++;
    if (*turn < turns->count && turns->items[*turn].start <= offset)
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
        attr |= theme_coded(group_of(tree, first_code));
    else if (covering > 1)
        attr |= theme_attr(THEME_OVERLAP);
    if (selecting && selection.start <= offset && offset < selection.end)
        attr |= theme_attr(THEME_SELECTION);
    if (offset == cursor)
        attr |= focused ? theme_attr(THEME_CURSOR) : theme_attr(THEME_SELECTION);
    return attr;
}

static void draw_empty(const struct rect *text, const struct session *session)
{
    const char *line = session_sources(session)->count
                           ? "This source is empty."
                           : "No sources yet: margin import adds transcripts.";
    draw_string(text->row, text->col, text->cols, line, theme_attr(THEME_DESCRIPTION));
}

void transcript_pane_draw(const struct view *view, const struct session *session)
{
    const struct rect *text_area = &view->layout.text;
    const struct rect *gutter = &view->layout.gutter;
    const struct text *text = session_text(session);
    if (!text || text_length(text) == 0) {
        draw_empty(text_area, session);
        return;
    }
    const struct codetree *tree = project_codes(session_project(session));
    const struct turn_list *turns = session_turns(session);
    struct span selection = session_selection(session);
    bool selecting = session_selecting(session);
    int64_t cursor = session_cursor(session);
    bool focused = view->focus == FOCUS_TRANSCRIPT && view->popup == POPUP_NONE;
    const char *bytes = text_data(text);
    size_t size = text_size(text);
    size_t turn = 0;

    for (int y = 0; y < text_area->rows; y++) {
        size_t r = view->top + (size_t)y;
        if (r >= view->wrap.count)
            break;
        struct wrap_row row = view->wrap.items[r];
        struct row_codings on_row;
        find_row_codings(session, row.start, row.end, &on_row);
        draw_gutter(gutter, y, &on_row, tree, session_coder_id(session));

        turn = motion_turn_label_from(turns, row.start);
        size_t i = text_byte(text, (size_t)row.start);
        int col = 0;
        for (int64_t offset = row.start; offset < row.end && col < text_area->cols;) {
            uint32_t cp;
            size_t len = utf8_decode_or_replace(bytes + i, size - i, &cp);
            i += len;
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
            if (w == 0)
                w = 1;
            if (col + w > text_area->cols)
                break;
            attr_t attr = cell_attr(offset - 1 - (int64_t)nmarks, &on_row, tree, turns, &turn,
                                    selection, selecting, cursor, focused);
            col += draw_cell(text_area->row + y, text_area->col + col, cp, marks, nmarks, attr);
        }
        /* The cursor on a line end (or the end of the text) shows as a cell after the text. */
        if (cursor == row.end && col < text_area->cols &&
            (r + 1 == view->wrap.count || view->wrap.items[r + 1].start > row.end)) {
            attr_t attr = focused ? theme_attr(THEME_CURSOR) : theme_attr(THEME_SELECTION);
            if (selecting && selection.start <= cursor && cursor < selection.end)
                attr |= theme_attr(THEME_SELECTION);
            draw_cell(text_area->row + y, text_area->col + col, ' ', NULL, 0, attr);
        }
    }
}
