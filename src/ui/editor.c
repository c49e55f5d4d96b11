/* The editor: a box for writing text of several lines (a memo, a code's description). Enter
 * starts a new line and Ctrl-S saves. Typing, pasting and drawing cost the same at any length of
 * text: the text is a gap buffer, and only the rows from the first one shown to the cursor and
 * on to the bottom of the box are laid out, the first row shown following the cursor. */
#include "draw.h"
#include "internal.h"
#include "theme.h"

#include "core/editbuf.h"
#include "core/utf8.h"
#include "core/width.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct editor {
    struct pane pane;
    char title[128];
    struct editbuf text;
    void (*saved)(struct ui *ui, const char *text, int purpose, int64_t id);
    int purpose; /* what the text is for, as its opener knows it (for drafts) */
    int64_t id;
    size_t top; /* byte offset of the first row shown */
    int width;  /* the columns of text, as last drawn */
};

static struct editor *of(struct pane *pane)
{
    return (struct editor *)pane;
}

/* --- The text laid out in rows ---------------------------------------------------------------- */

/* The byte at offset `at` of the text (at < size). */
static unsigned char byte_at(const struct editbuf *b, size_t at)
{
    size_t nbefore, nafter;
    const char *before = editbuf_before(b, &nbefore);
    const char *after = editbuf_after(b, &nafter);
    return (unsigned char)(at < nbefore ? before[at] : after[at - nbefore]);
}

/* The code point at byte `at` of the text, and its length. A code point never straddles the
 * gap, which lies between code points. */
static uint32_t char_at(const struct editbuf *b, size_t at, size_t *len)
{
    size_t nbefore, nafter;
    const char *before = editbuf_before(b, &nbefore);
    const char *after = editbuf_after(b, &nafter);
    uint32_t cp;
    if (at < nbefore)
        *len = utf8_decode_or_replace(before + at, nbefore - at, &cp);
    else
        *len = utf8_decode_or_replace(after + at - nbefore, nafter - (at - nbefore), &cp);
    return cp;
}

/* The offset of the code point before byte `at`. */
static size_t back_one(const struct editbuf *b, size_t at)
{
    while (at > 0 && !utf8_is_lead(byte_at(b, --at)))
        ;
    return at;
}

/* The row starting at byte `start`: where its characters end, and where the next row starts
 * (after a line feed, or where the row was cut at `width` columns). */
static size_t row_end(const struct editbuf *b, size_t start, int width, size_t *next)
{
    size_t size = editbuf_size(b);
    int used = 0;
    for (size_t at = start; at < size;) {
        size_t len;
        uint32_t cp = char_at(b, at, &len);
        if (cp == '\n') {
            *next = at + len;
            return at;
        }
        int w = width_drawn(cp);
        if (used + w > width && used > 0) {
            *next = at;
            return at;
        }
        used += w;
        at += len;
    }
    *next = size;
    return size;
}

/* Whether the row [start, end), followed by one at `next`, shows the cursor at `at`: a cursor
 * where a row was cut goes to the start of the next row. */
static bool row_holds(const struct editbuf *b, size_t start, size_t end, size_t next, size_t at)
{
    return at >= start && (at < end || (at == end && (end < next || next == editbuf_size(b))));
}

/* The start of the row holding byte `at`: back to the start of its line, then row by row.
 * Costs the length of the line up to `at`. */
static size_t row_start_of(const struct editbuf *b, size_t at, int width)
{
    size_t start = at;
    while (start > 0) {
        size_t prev = back_one(b, start);
        if (byte_at(b, prev) == '\n')
            break;
        start = prev;
    }
    for (;;) {
        size_t next;
        size_t end = row_end(b, start, width, &next);
        if (row_holds(b, start, end, next, at) || next == start)
            return start;
        start = next;
    }
}

/* Scrolls so that the cursor's row is among the `height` rows shown from e->top. */
static void follow_cursor(struct editor *e, int height)
{
    size_t cursor = editbuf_cursor(&e->text);
    if (cursor < e->top) {
        e->top = row_start_of(&e->text, cursor, e->width);
        return;
    }
    /* Forwards from the first row shown; when the cursor is not within the box, the first row
     * moves down one row at a time. */
    size_t rows[256];
    int n = 0;
    size_t start = e->top;
    for (;;) {
        size_t next;
        size_t end = row_end(&e->text, start, e->width, &next);
        rows[n++ % 256] = start;
        if (row_holds(&e->text, start, end, next, cursor))
            break;
        if (next == start)
            break;
        start = next;
    }
    if (n > height)
        e->top = rows[(n - height) % 256];
}

/* The byte offset in the row at `start` at screen column `column` (or the row's end). */
static size_t at_column(const struct editbuf *b, size_t start, int width, int column)
{
    size_t next;
    size_t end = row_end(b, start, width, &next);
    int used = 0;
    for (size_t at = start; at < end;) {
        size_t len;
        int w = width_drawn(char_at(b, at, &len));
        if (used + w > column)
            return at;
        used += w;
        at += len;
    }
    return end;
}

/* The screen column of byte `at` in the row that starts at `start`. */
static int column_of(const struct editbuf *b, size_t start, size_t at)
{
    int column = 0;
    for (size_t i = start; i < at;) {
        size_t len;
        column += width_drawn(char_at(b, i, &len));
        i += len;
    }
    return column;
}

/* Moves the cursor a row up or down, keeping its column. */
static void move_rows(struct editor *e, int delta)
{
    struct editbuf *b = &e->text;
    size_t cursor = editbuf_cursor(b);
    size_t start = row_start_of(b, cursor, e->width);
    int column = column_of(b, start, cursor);
    size_t target;
    if (delta < 0) {
        if (start == 0)
            return;
        target = row_start_of(b, back_one(b, start), e->width);
    } else {
        size_t next;
        size_t end = row_end(b, start, e->width, &next);
        if (next == editbuf_size(b) && end == next)
            return;
        target = next;
    }
    editbuf_move_to(b, at_column(b, target, e->width, column));
}

/* Moves the cursor to the start (-1) or end (1) of its line. */
static void move_in_line(struct editor *e, int direction)
{
    struct editbuf *b = &e->text;
    size_t at = editbuf_cursor(b);
    size_t size = editbuf_size(b);
    if (direction < 0) {
        while (at > 0 && byte_at(b, back_one(b, at)) != '\n')
            at = back_one(b, at);
    } else {
        while (at < size && byte_at(b, at) != '\n')
            at++;
    }
    editbuf_move_to(b, at);
}

/* --- The pane ------------------------------------------------------------------------------ */

static void editor_draw(struct pane *pane, struct ui *ui, struct rect area, bool focused)
{
    struct editor *e = of(pane);
    char save[16], cancel[16], title[256];
    ui_key_name(ACTION_EDIT_SAVE, save, sizeof save);
    ui_key_name(ACTION_EDIT_CANCEL, cancel, sizeof cancel);
    snprintf(title, sizeof title, "%s (%s saves, %s closes)", e->title, save, cancel);
    struct rect inside = draw_box(area, title);
    if (inside.rows < 1 || inside.cols < 2)
        return;
    attr_t attr = theme_attr(THEME_POPUP);
    e->width = inside.cols;
    follow_cursor(e, inside.rows);
    size_t cursor = editbuf_cursor(&e->text);
    size_t start = e->top;
    for (int y = 0; y < inside.rows; y++) {
        size_t next;
        size_t end = row_end(&e->text, start, e->width, &next);
        int col = 0;
        for (size_t at = start; at < end;) {
            size_t len;
            uint32_t cp = char_at(&e->text, at, &len);
            col += draw_cell(inside.row + y, inside.col + col, cp, NULL, 0,
                             at == cursor ? attr | A_REVERSE : attr);
            at += len;
        }
        if (row_holds(&e->text, start, end, next, cursor) && cursor == end)
            draw_cell(inside.row + y, inside.col + col, ' ', NULL, 0, attr | A_REVERSE);
        if (next == start || (next == end && end == editbuf_size(&e->text)))
            break;
        start = next;
    }
}

static void insert(struct editor *e, struct ui *ui, int key)
{
    char bytes[4];
    size_t n = key == KEYS_ENTER                  ? (bytes[0] = '\n', 1)
               : keys_is_text(key) || key == '\t' ? utf8_encode((uint32_t)key, bytes)
                                                  : 0;
    if (n && !editbuf_insert(&e->text, bytes, n))
        ui_message(ui, true, "out of memory");
}

static void editor_act(struct pane *pane, struct ui *ui, enum action action)
{
    struct editor *e = of(pane);
    switch (action) {
    case ACTION_EDIT_SAVE: {
        /* The editor is gone before its text is used, which may open another layer. */
        char *text = editbuf_text(&e->text);
        void (*saved)(struct ui *, const char *, int, int64_t) = e->saved;
        int purpose = e->purpose;
        int64_t id = e->id;
        ui_pop(ui);
        if (text)
            saved(ui, text, purpose, id);
        else
            ui_message(ui, true, "out of memory");
        free(text);
        break;
    }
    case ACTION_EDIT_CANCEL:
        ui_pop(ui);
        ui_message(ui, false, "closed without saving");
        break;
    case ACTION_EDIT_NEWLINE:
        insert(e, ui, KEYS_ENTER);
        break;
    case ACTION_EDIT_ERASE:
    case ACTION_EDIT_DELETE:
        editbuf_erase(&e->text, action == ACTION_EDIT_ERASE ? -1 : 1);
        break;
    case ACTION_EDIT_LEFT:
    case ACTION_EDIT_RIGHT:
        editbuf_move(&e->text, action == ACTION_EDIT_LEFT ? -1 : 1);
        break;
    case ACTION_EDIT_UP:
    case ACTION_EDIT_DOWN:
        move_rows(e, action == ACTION_EDIT_UP ? -1 : 1);
        break;
    case ACTION_EDIT_HOME:
    case ACTION_EDIT_END:
        move_in_line(e, action == ACTION_EDIT_HOME ? -1 : 1);
        break;
    case ACTION_EDIT_KILL:
        editbuf_clear(&e->text);
        e->top = 0;
        break;
    default:
        break;
    }
}

static void editor_type(struct pane *pane, struct ui *ui, int key)
{
    insert(of(pane), ui, key == '\n' ? KEYS_ENTER : key);
}

static size_t editor_scopes(const struct pane *pane, const struct ui *ui, enum scope *scopes)
{
    scopes[0] = SCOPE_EDITOR;
    return 1;
}

static void editor_dump(struct pane *pane, struct ui *ui, struct strbuf *out)
{
    struct editor *e = of(pane);
    size_t nbefore, nafter;
    const char *before = editbuf_before(&e->text, &nbefore);
    const char *after = editbuf_after(&e->text, &nafter);
    strbuf_printf(out, "editor: %s: ", e->title);
    ui_dump_text(out, before, nbefore);
    strbuf_putc(out, '|');
    ui_dump_text(out, after, nafter);
    strbuf_putc(out, '\n');
}

static void editor_destroy(struct pane *pane)
{
    struct editor *e = of(pane);
    editbuf_finish(&e->text);
    free(e);
}

static const enum scope editor_help[] = {SCOPE_EDITOR, SCOPE_COUNT};

static const struct pane_ops editor_ops = {
    .name = "editor",
    .place = PLACE_POPUP,
    .scopes = editor_scopes,
    .help = editor_help,
    .draw = editor_draw,
    .act = editor_act,
    .type = editor_type,
    .dump = editor_dump,
    .destroy = editor_destroy,
};

bool editor_open(struct ui *ui, const struct editor_request *request)
{
    struct editor *e = calloc(1, sizeof *e);
    if (!e || !editbuf_set(&e->text, request->text)) {
        free(e);
        ui_message(ui, true, "out of memory");
        return false;
    }
    e->pane.ops = &editor_ops;
    snprintf(e->title, sizeof e->title, "%s", request->title);
    e->saved = request->saved;
    e->purpose = request->purpose;
    e->id = request->id;
    e->width = 40;
    return ui_push(ui, &e->pane);
}

bool editor_draft(struct pane *pane, int *purpose, int64_t *id, char **text)
{
    if (pane->ops != &editor_ops)
        return false;
    struct editor *e = of(pane);
    *purpose = e->purpose;
    *id = e->id;
    *text = editbuf_text(&e->text);
    return *text != NULL;
}
