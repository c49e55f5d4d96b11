#include "ui/view.h"

#include "core/list.h"
#include "core/utf8.h"
#include "input/keys.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void view_init(struct view *view, int rows, int cols)
{
    memset(view, 0, sizeof *view);
    view->wrap_source = -1;
    view_resize(view, rows, cols);
}

void view_finish(struct view *view)
{
    comparison_close(&view->comparison);
    wrap_finish(&view->wrap);
    free(view->folded);
    free(view->picker.matches);
    memset(view, 0, sizeof *view);
}

void view_resize(struct view *view, int rows, int cols)
{
    view->layout = layout_compute(rows, cols);
}

void view_message(struct view *view, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(view->message, sizeof view->message, fmt, ap);
    va_end(ap);
    view->message_is_error = error;
}

bool view_wrap(struct view *view, const struct session *session)
{
    const struct text *text = session_text(session);
    int source = session_source_index(session);
    int width = view->layout.text.cols;
    if (!text || view->layout.kind == LAYOUT_TOO_SMALL) {
        view->wrap_source = -1;
        view->wrap.count = 0;
        return true;
    }
    if (source == view->wrap_source && width == view->wrap.width && view->wrap.count > 0)
        return true;
    if (source != view->wrap_source)
        view->top = 0;
    view->wrap_source = source;
    return wrap_text(text, width, &view->wrap);
}

void view_follow_cursor(struct view *view, const struct session *session)
{
    if (view->wrap.count == 0)
        return;
    size_t height = (size_t)view->layout.text.rows;
    size_t row = wrap_row_of(&view->wrap, session_cursor(session));
    size_t context = height > 4 ? 1 : 0;
    if (row < view->top + context)
        view->top = row > context ? row - context : 0;
    else if (row + context >= view->top + height)
        view->top = row + context + 1 - height;
    if (view->top + height > view->wrap.count)
        view->top = view->wrap.count > height ? view->wrap.count - height : 0;
}

bool view_is_folded(const struct view *view, int64_t id)
{
    for (size_t i = 0; i < view->nfolded; i++) {
        if (view->folded[i] == id)
            return true;
    }
    return false;
}

bool view_set_folded(struct view *view, int64_t id, bool folded)
{
    for (size_t i = 0; i < view->nfolded; i++) {
        if (view->folded[i] == id) {
            if (!folded)
                view->folded[i] = view->folded[--view->nfolded];
            return true;
        }
    }
    if (!folded)
        return true;
    if (!list_reserve((void **)&view->folded, &view->folded_cap, view->nfolded + 1,
                      sizeof *view->folded))
        return false;
    view->folded[view->nfolded++] = id;
    return true;
}

size_t view_codebook_rows(const struct view *view, const struct codetree *tree, int *rows)
{
    size_t n = codetree_count(tree);
    size_t count = 0;
    if (view->filter[0]) {
        /* A match shows with its ancestors, so that it can be read in place. */
        bool *shown = calloc(n ? n : 1, sizeof *shown);
        if (!shown)
            return 0;
        for (size_t i = 0; i < n; i++) {
            if (!codetree_matches(tree, (int)i, view->filter))
                continue;
            for (int k = (int)i; k >= 0 && !shown[k]; k = codetree_get(tree, (size_t)k)->parent)
                shown[k] = true;
        }
        for (size_t i = 0; i < n; i++) {
            if (shown[i])
                rows[count++] = (int)i;
        }
        free(shown);
        return count;
    }
    size_t i = 0;
    while (i < n) {
        const struct code *code = codetree_get(tree, i);
        rows[count++] = (int)i;
        i = view_is_folded(view, code->id) ? (size_t)code->end : i + 1;
    }
    return count;
}

size_t view_codebook_position(const struct view *view, const int *rows, size_t count,
                              const struct codetree *tree)
{
    for (size_t i = 0; i < count; i++) {
        if (codetree_get(tree, (size_t)rows[i])->id == view->highlighted_code)
            return i;
    }
    return 0;
}

void view_codebook_move(struct view *view, const int *rows, size_t count,
                        const struct codetree *tree, long delta)
{
    if (count == 0)
        return;
    long position = (long)view_codebook_position(view, rows, count, tree) + delta;
    if (position < 0)
        position = 0;
    if (position >= (long)count)
        position = (long)count - 1;
    view->highlighted_code = codetree_get(tree, (size_t)rows[position])->id;
}

bool view_picker_open(struct view *view, const struct session *session, enum pick_purpose purpose)
{
    view->popup = POPUP_PICKER;
    view->picker.purpose = purpose;
    view->picker.query[0] = '\0';
    return view_picker_update(view, session);
}

bool view_picker_update(struct view *view, const struct session *session)
{
    struct picker *picker = &view->picker;
    const struct codetree *tree = project_codes(session_project(session));
    size_t n = codetree_count(tree);
    int *matches = realloc(picker->matches, (n + SESSION_RECENT_MAX + 1) * sizeof *matches);
    if (!matches)
        return false;
    picker->matches = matches;
    picker->count = 0;
    picker->recent = 0;
    if (!picker->query[0]) {
        picker->recent = session_recent_codes(session, matches, SESSION_RECENT_MAX);
        picker->count = picker->recent;
    }
    for (size_t i = 0; i < n; i++) {
        if (codetree_get(tree, i)->codable && codetree_matches(tree, (int)i, picker->query))
            matches[picker->count++] = (int)i;
    }
    picker->highlighted = 0;
    picker->top = 0;
    return true;
}

size_t view_scopes(const struct view *view, const struct session *session, enum scope *scopes)
{
    if (view->prompt.active) {
        scopes[0] = SCOPE_PROMPT;
        return 1;
    }
    if (view->confirming) {
        scopes[0] = SCOPE_CONFIRM;
        return 1;
    }
    switch (view->popup) {
    case POPUP_PICKER:
        scopes[0] = SCOPE_PICKER;
        return 1;
    case POPUP_SOURCES:
        scopes[0] = SCOPE_SOURCES;
        return 1;
    case POPUP_HELP:
        scopes[0] = SCOPE_HELP;
        return 1;
    case POPUP_NONE:
        break;
    }
    size_t n = 0;
    if (view->screen == SCREEN_COMPARE) {
        scopes[n++] = SCOPE_COMPARE;
    } else if (view->focus == FOCUS_CODEBOOK) {
        scopes[n++] = SCOPE_CODEBOOK;
    } else {
        if (session_selecting(session))
            scopes[n++] = SCOPE_VISUAL;
        scopes[n++] = SCOPE_TRANSCRIPT;
    }
    scopes[n++] = SCOPE_GLOBAL;
    return n;
}

size_t view_help_scopes(const struct view *view, enum scope *scopes)
{
    size_t n = 0;
    if (view->screen == SCREEN_COMPARE) {
        scopes[n++] = SCOPE_COMPARE;
    } else if (view->focus == FOCUS_CODEBOOK) {
        scopes[n++] = SCOPE_CODEBOOK;
    } else {
        scopes[n++] = SCOPE_TRANSCRIPT;
        scopes[n++] = SCOPE_VISUAL;
    }
    scopes[n++] = SCOPE_GLOBAL;
    scopes[n++] = SCOPE_PICKER;
    scopes[n++] = SCOPE_SOURCES;
    scopes[n++] = SCOPE_PROMPT;
    scopes[n++] = SCOPE_CONFIRM;
    scopes[n++] = SCOPE_HELP;
    return n;
}

void view_prompt(struct view *view, enum prompt_purpose purpose, const char *label,
                 const char *text)
{
    struct prompt *prompt = &view->prompt;
    prompt->active = true;
    prompt->purpose = purpose;
    snprintf(prompt->label, sizeof prompt->label, "%s", label);
    snprintf(prompt->text, sizeof prompt->text, "%s", text ? text : "");
    prompt->cursor = strlen(prompt->text);
}

void view_prompt_insert(struct view *view, int key)
{
    struct prompt *prompt = &view->prompt;
    char bytes[4];
    size_t n = utf8_encode((uint32_t)key, bytes);
    size_t len = strlen(prompt->text);
    if (n == 0 || len + n >= sizeof prompt->text)
        return;
    memmove(prompt->text + prompt->cursor + n, prompt->text + prompt->cursor,
            len - prompt->cursor + 1);
    memcpy(prompt->text + prompt->cursor, bytes, n);
    prompt->cursor += n;
}

/* The byte offset of the code point before (or at) `at` in s. */
static size_t previous_point(const char *s, size_t at)
{
    while (at > 0 && !utf8_is_lead((unsigned char)s[--at]))
        ;
    return at;
}

static size_t next_point(const char *s, size_t at)
{
    size_t len = strlen(s);
    if (at >= len)
        return len;
    at++;
    while (at < len && !utf8_is_lead((unsigned char)s[at]))
        at++;
    return at;
}

void view_prompt_erase(struct view *view, int direction)
{
    struct prompt *prompt = &view->prompt;
    size_t from = direction < 0 ? previous_point(prompt->text, prompt->cursor) : prompt->cursor;
    size_t to = direction < 0 ? prompt->cursor : next_point(prompt->text, prompt->cursor);
    memmove(prompt->text + from, prompt->text + to, strlen(prompt->text) - to + 1);
    prompt->cursor = from;
}

void view_prompt_move(struct view *view, int delta)
{
    struct prompt *prompt = &view->prompt;
    if (delta == INT_MIN) {
        prompt->cursor = 0;
    } else if (delta == INT_MAX) {
        prompt->cursor = strlen(prompt->text);
    } else {
        for (; delta < 0; delta++)
            prompt->cursor = previous_point(prompt->text, prompt->cursor);
        for (; delta > 0; delta--)
            prompt->cursor = next_point(prompt->text, prompt->cursor);
    }
}
