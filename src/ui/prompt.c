/* The prompt: one line of text typed on the message line, after a label, for a search, a name,
 * a memo. Typing, erasing and moving cost the same at any length of text, and so does drawing:
 * only the characters that fit around the cursor are looked at. */
#include "draw.h"
#include "internal.h"
#include "theme.h"

#include "core/editbuf.h"
#include "core/utf8.h"
#include "core/width.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct prompt {
    struct pane pane;
    char label[128];
    struct editbuf text;
    void (*accepted)(struct ui *ui, const char *text, int64_t id);
    void (*changed)(struct ui *ui, const char *text, int64_t id);
    void (*cancelled)(struct ui *ui, int64_t id);
    int64_t id;
};

static struct prompt *of(struct pane *pane)
{
    return (struct prompt *)pane;
}

/* The bytes of the code points before s + n that fit in `room` columns, going back. */
static size_t fitting_before(const char *s, size_t n, int room)
{
    size_t start = n;
    int used = 0;
    while (start > 0) {
        size_t at = start;
        while (at > 0 && !utf8_is_lead((unsigned char)s[--at]))
            ;
        uint32_t cp;
        utf8_decode_or_replace(s + at, start - at, &cp);
        int w = width_drawn(cp);
        if (used + w >= room)
            break;
        used += w;
        start = at;
    }
    return n - start;
}

static void prompt_draw(struct pane *pane, struct ui *ui, struct rect line, bool focused)
{
    struct prompt *p = of(pane);
    attr_t attr = theme_attr(THEME_MESSAGE);
    int used = draw_string(line.row, line.col, line.cols, p->label, attr | A_BOLD);
    int room = line.cols - used - 1;
    if (room < 1)
        return;
    size_t nbefore, nafter;
    const char *before = editbuf_before(&p->text, &nbefore);
    const char *after = editbuf_after(&p->text, &nafter);
    size_t shown = fitting_before(before, nbefore, room);
    int col = line.col + used;
    col += draw_text(line.row, col, room, before + nbefore - shown, shown, attr);
    int left = line.col + line.cols - col;
    /* At most `left` characters after the cursor can be seen. */
    size_t take = 0;
    for (int k = 0; k < left && take < nafter; k++) {
        take++;
        while (take < nafter && !utf8_is_lead((unsigned char)after[take]))
            take++;
    }
    int rest = draw_text(line.row, col, left, after, take, attr);
    /* The cursor: the character under it reversed, or a reversed space at the end. */
    if (rest == 0)
        draw_cell(line.row, col, ' ', NULL, 0, attr | A_REVERSE);
    else
        mvchgat(line.row, col, 1, attr | A_REVERSE, theme_pair(attr), NULL);
}

/* Tells the prompt's owner of an edit, when it follows the typing. */
static void edited(struct prompt *p, struct ui *ui)
{
    if (!p->changed)
        return;
    char *text = editbuf_text(&p->text);
    if (text)
        p->changed(ui, text, p->id);
    free(text);
}

static void prompt_act(struct pane *pane, struct ui *ui, enum action action)
{
    struct prompt *p = of(pane);
    switch (action) {
    case ACTION_PROMPT_ACCEPT: {
        /* The prompt is gone before its answer is used, which may open another layer. */
        char *text = editbuf_text(&p->text);
        void (*accepted)(struct ui *, const char *, int64_t) = p->accepted;
        int64_t id = p->id;
        ui_pop(ui);
        if (text)
            accepted(ui, text, id);
        else
            ui_message(ui, true, "out of memory");
        free(text);
        return;
    }
    case ACTION_PROMPT_CANCEL: {
        void (*cancelled)(struct ui *, int64_t) = p->cancelled;
        int64_t id = p->id;
        ui_pop(ui);
        if (cancelled)
            cancelled(ui, id);
        return;
    }
    case ACTION_PROMPT_ERASE:
        editbuf_erase(&p->text, -1);
        break;
    case ACTION_PROMPT_DELETE:
        editbuf_erase(&p->text, 1);
        break;
    case ACTION_PROMPT_LEFT:
        editbuf_move(&p->text, -1);
        break;
    case ACTION_PROMPT_RIGHT:
        editbuf_move(&p->text, 1);
        break;
    case ACTION_PROMPT_HOME:
        editbuf_move_to(&p->text, 0);
        break;
    case ACTION_PROMPT_END:
        editbuf_move_to(&p->text, SIZE_MAX);
        break;
    case ACTION_PROMPT_KILL:
        editbuf_clear(&p->text);
        break;
    default:
        return;
    }
    edited(p, ui);
}

static void prompt_type(struct pane *pane, struct ui *ui, int key)
{
    struct prompt *p = of(pane);
    if (key == KEYS_ENTER || key == '\n' || key == '\t')
        key = ' '; /* a pasted line break: the prompt is one line */
    char bytes[4];
    size_t n = keys_is_text(key) ? utf8_encode((uint32_t)key, bytes) : 0;
    if (n == 0)
        return;
    if (!editbuf_insert(&p->text, bytes, n))
        ui_message(ui, true, "out of memory");
    else
        edited(p, ui);
}

static size_t prompt_scopes(const struct pane *pane, const struct ui *ui, enum scope *scopes)
{
    scopes[0] = SCOPE_PROMPT;
    return 1;
}

static void prompt_dump(struct pane *pane, struct ui *ui, struct strbuf *out)
{
    struct prompt *p = of(pane);
    size_t nbefore, nafter;
    const char *before = editbuf_before(&p->text, &nbefore);
    const char *after = editbuf_after(&p->text, &nafter);
    strbuf_printf(out, "prompt: %s%.*s%.*s\n", p->label, (int)nbefore, before, (int)nafter, after);
}

static void prompt_destroy(struct pane *pane)
{
    struct prompt *p = of(pane);
    editbuf_finish(&p->text);
    free(p);
}

static const enum scope prompt_help[] = {SCOPE_PROMPT, SCOPE_COUNT};

static const struct pane_ops prompt_ops = {
    .name = "prompt",
    .place = PLACE_LINE,
    .scopes = prompt_scopes,
    .help = prompt_help,
    .draw = prompt_draw,
    .act = prompt_act,
    .type = prompt_type,
    .dump = prompt_dump,
    .destroy = prompt_destroy,
};

bool prompt_open(struct ui *ui, const struct prompt_request *request)
{
    struct prompt *p = calloc(1, sizeof *p);
    if (!p || !editbuf_set(&p->text, request->text)) {
        free(p);
        ui_message(ui, true, "out of memory");
        return false;
    }
    p->pane.ops = &prompt_ops;
    snprintf(p->label, sizeof p->label, "%s", request->label);
    p->accepted = request->accepted;
    p->changed = request->changed;
    p->cancelled = request->cancelled;
    p->id = request->id;
    return ui_push(ui, &p->pane);
}
