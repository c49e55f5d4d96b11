#include "text_rows.h"

#include "draw.h"
#include "theme.h"

#include "core/motion.h"
#include "core/utf8.h"
#include "core/width.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

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
    /* The number, then "+N" for the other codes, which is never left out: a number too long
     * for what room it leaves is cut with an ellipsis rather than shown as another number. */
    char more[24] = "";
    if (distinct > 1)
        snprintf(more, sizeof more, "+%zu", distinct - 1);
    int room = gutter->cols - (int)strlen(more);
    attr_t attr =
        theme_attr(codings->items[0]->coder_id == coder_id ? THEME_GUTTER : THEME_GUTTER_OTHER);
    int row = gutter->row + y;
    int used;
    if ((int)strlen(number) <= room) {
        used = draw_string(row, gutter->col, room, number, attr);
    } else {
        used = draw_text(row, gutter->col, room - 1, number, strlen(number), attr);
        used += draw_cell(row, gutter->col + used, 0x2026, NULL, 0, attr);
    }
    draw_string(row, gutter->col + used, gutter->cols - used, more, attr);
}

/* Marks with a '*' in the column between the margin and the text the row where a coding with a
 * memo begins. */
static void draw_memo_mark(const struct rect *gutter, int y, const struct wrap *wrap, size_t r,
                           const struct row_codings *codings, int64_t coder_id)
{
    for (size_t i = 0; i < codings->count; i++) {
        const struct coding_row *coding = codings->items[i];
        if (coding->memo && wrap_row_of(wrap, coding->start) == r) {
            attr_t attr =
                theme_attr(coding->coder_id == coder_id ? THEME_GUTTER : THEME_GUTTER_OTHER);
            draw_string(gutter->row + y, gutter->col + gutter->cols, 1, "*", attr);
            return;
        }
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
    int64_t coder_id;        /* whose codings are the coder's own */
    const struct span *hits; /* search hits on the rows drawn, in order */
    size_t nhits;
    size_t hit; /* the first hit that does not end before the cell */
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
    const struct coding_row *first = NULL;
    for (size_t i = 0; i < codings->count; i++) {
        if (codings->items[i]->start <= offset && offset < codings->items[i]->end) {
            if (covering++ == 0)
                first = codings->items[i];
        }
    }
    if (covering == 1)
        attr |= first->coder_id == s->coder_id ? theme_coded(group_of(s->tree, first->code_id))
                                               : theme_attr(THEME_CODED_OTHER);
    else if (covering > 1)
        attr |= theme_attr(THEME_OVERLAP);
    while (s->hit < s->nhits && s->hits[s->hit].end <= offset)
        s->hit++;
    if (s->hit < s->nhits && s->hits[s->hit].start <= offset)
        attr |= theme_attr(THEME_MATCH);
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

#define HITS_MAX 512

/* Finds the hits of `needle` (ASCII letters in either case) in the text from `from` to `to`,
 * code point offsets, into hits (at most HITS_MAX); returns how many. */
static size_t find_hits(const struct text *text, const char *needle, int64_t from, int64_t to,
                        struct span *hits)
{
    size_t n = strlen(needle);
    const char *bytes = text_data(text);
    size_t first = text_byte(text, (size_t)from);
    size_t last = text_byte(text, (size_t)to);
    size_t count = 0;
    for (size_t i = first;
         n && i + n <= last + n - 1 && i + n <= text_size(text) && count < HITS_MAX; i++) {
        if (!utf8_is_lead((unsigned char)bytes[i]) || strncasecmp(bytes + i, needle, n) != 0)
            continue;
        int64_t start = (int64_t)text_offset(text, i);
        hits[count++] = (struct span){start, start + (int64_t)utf8_length(bytes + i, n)};
        i += n - 1;
    }
    return count;
}

void text_rows_draw(const struct text_rows *rows)
{
    const struct session *session = rows->session;
    const struct text *text = session_text(session);
    const struct wrap *wrap = rows->wrap;
    struct span hits[HITS_MAX];
    size_t nhits = 0;
    if (rows->search && rows->search[0] && rows->top < wrap->count) {
        size_t last = rows->top + (size_t)rows->text.rows;
        int64_t to = wrap->items[last < wrap->count ? last : wrap->count - 1].end;
        nhits = find_hits(text, rows->search, wrap->items[rows->top].start, to, hits);
    }
    struct cell_state s = {
        .tree = project_codes(session_project(session)),
        .turns = session_turns(session),
        .selection = session_selection(session),
        .selecting = session_selecting(session),
        .cursor = session_cursor(session),
        .focused = rows->focused,
        .coder_id = session_coder_id(session),
        .hits = hits,
        .nhits = nhits,
    };
    for (int y = 0; y < rows->text.rows; y++) {
        size_t r = rows->top + (size_t)y;
        if (r >= wrap->count)
            break;
        struct wrap_row row = wrap->items[r];
        struct row_codings on_row;
        find_row_codings(session, row.start, row.end, &on_row);
        draw_gutter(&rows->gutter, y, &on_row, s.tree, session_coder_id(session));
        draw_memo_mark(&rows->gutter, y, wrap, r, &on_row, session_coder_id(session));
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

/* The fewest columns a coding gets on the line under the text before the rest are counted. */
#define HERE_ENTRY_MIN 20
#define HERE_MAX       16
#define HERE_GAP       2

/* A coding on the line under the text, as its parts: "07.02", "Tensions", " (A 245-247)". */
struct here_entry {
    const struct coding_row *row;
    char head[OUTLINE_TEXT_MAX + 2];
    const char *name;
    char tail[160];
    int width; /* of all three with a space before the name */
};

static void here_entry_make(const struct session *session, const struct codetree *tree,
                            const struct coding_row *row, bool marked, struct here_entry *out)
{
    int index = codetree_find_id(tree, row->code_id);
    char number[OUTLINE_TEXT_MAX] = "?";
    out->row = row;
    out->name = "";
    if (index >= 0) {
        codetree_number_text(tree, index, number);
        out->name = codetree_get(tree, (size_t)index)->name;
    }
    snprintf(out->head, sizeof out->head, "%s%s", marked ? ">" : "", number);
    snprintf(out->tail, sizeof out->tail, " (%s %" PRId64 "-%" PRId64 ")",
             session_coder_name_of(session, row->coder_id), row->start, row->end);
    out->width = (int)(strlen(out->head) + 1 + width_of_text(out->name, strlen(out->name)) +
                       width_of_text(out->tail, strlen(out->tail)));
}

/* The widest any of the entries may be for all of them to fit `room` columns: those narrower
 * keep their width and the rest share what is left. */
static int here_cap(const struct here_entry *entries, size_t n, int room)
{
    int cap = room / (int)n;
    for (;;) {
        int spare = room, wider = 0;
        for (size_t i = 0; i < n; i++) {
            if (entries[i].width <= cap)
                spare -= entries[i].width;
            else
                wider++;
        }
        if (wider == 0 || spare / wider <= cap)
            return cap;
        cap = spare / wider;
    }
}

/* Draws an entry in `width` columns: the name is cut first, then the coder and span go. */
static void here_entry_draw(const struct here_entry *e, const struct codetree *tree, bool own,
                            bool chosen, int row, int col, int width)
{
    attr_t code_attr =
        own ? theme_coded(group_of(tree, e->row->code_id)) : theme_attr(THEME_CODED_OTHER);
    int end = col + width;
    col += draw_string(row, col, end - col, e->head, code_attr | (chosen ? A_BOLD : 0));
    const char *tail = e->tail;
    int name_room = end - col - 1 - (int)width_of_text(tail, strlen(tail));
    if (name_room < 4) {
        name_room = end - col - 1;
        tail = "";
    }
    if (name_room > 0 && e->name[0])
        col += 1 + draw_cut(row, col + 1, name_room, e->name, theme_attr(THEME_TEXT));
    draw_string(row, col, end - col, tail, theme_attr(THEME_DESCRIPTION));
}

void text_rows_draw_here(const struct session *session, struct rect here)
{
    if (here.rows < 1)
        return;
    draw_blank(here.row, here.col, here.cols, theme_attr(THEME_TEXT));
    const struct coding_row *rows[HERE_MAX];
    size_t total = session_codings_here(session, rows, HERE_MAX);
    if (total == 0) {
        draw_string(here.row, here.col, here.cols, "not coded here", theme_attr(THEME_DESCRIPTION));
        return;
    }
    const struct codetree *tree = project_codes(session_project(session));
    const struct coding_row *chosen = session_chosen_coding(session);
    struct here_entry entries[HERE_MAX];
    size_t shown = total < HERE_MAX ? total : HERE_MAX;
    for (size_t i = 0; i < shown; i++)
        here_entry_make(session, tree, rows[i], total > 1 && rows[i] == chosen, &entries[i]);
    /* As many as get HERE_ENTRY_MIN columns each, keeping room to say how many more. */
    char more[32] = "";
    int room = here.cols - HERE_GAP * ((int)shown - 1);
    while (shown > 1 && room / (int)shown < HERE_ENTRY_MIN) {
        shown--;
        snprintf(more, sizeof more, "+%zu more", total - shown);
        room = here.cols - HERE_GAP * (int)shown - (int)strlen(more);
    }
    /* The chosen coding is always among those shown. */
    for (size_t i = shown; i < total && i < HERE_MAX; i++) {
        if (rows[i] == chosen) {
            here_entry_make(session, tree, rows[i], true, &entries[shown - 1]);
            rows[shown - 1] = rows[i];
        }
    }
    int cap = here_cap(entries, shown, room);
    int col = here.col;
    for (size_t i = 0; i < shown; i++) {
        int width = entries[i].width < cap ? entries[i].width : cap;
        here_entry_draw(&entries[i], tree, rows[i]->coder_id == session_coder_id(session),
                        rows[i] == chosen, here.row, col, width);
        col += width + HERE_GAP;
    }
    if (more[0])
        draw_string(here.row, col, here.col + here.cols - col, more, theme_attr(THEME_DESCRIPTION));
}
