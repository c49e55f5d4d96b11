/* The changes made through a session: coding and uncoding the selection, recoding and moving a
 * coding, memos, and undo and redo; each keeps the codings on show and the cursor in step. */
#include "model/session.h"

#include "core/list.h"
#include "model/edit.h"
#include "model/history.h"
#include "session_data.h"
#include "store/codings.h"
#include "store/memos.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void remember_code(struct session *session, int64_t code_id)
{
    size_t i = 0;
    while (i < session->nrecent && session->recent[i] != code_id)
        i++;
    if (i == session->nrecent && session->nrecent < SESSION_RECENT_MAX)
        session->nrecent++;
    if (i == session->nrecent)
        i--;
    memmove(session->recent + 1, session->recent, i * sizeof *session->recent);
    session->recent[0] = code_id;
}

size_t session_recent_codes(const struct session *session, int *indexes, size_t max)
{
    const struct codetree *tree = project_codes(session->project);
    size_t n = 0;
    for (size_t i = 0; i < session->nrecent && n < max; i++) {
        int index = codetree_find_id(tree, session->recent[i]);
        if (index >= 0)
            indexes[n++] = index;
    }
    return n;
}

/* "07.01.02 Management and governance" for messages. */
static void code_label(const struct session *session, int index, char *out, size_t size)
{
    const struct codetree *tree = project_codes(session->project);
    char number[OUTLINE_TEXT_MAX];
    codetree_number_text(tree, index, number);
    snprintf(out, size, "%s %s", number, codetree_get(tree, (size_t)index)->name);
}

/* The order of session_codings(): start, end, code, coder (a source's codings differ in one). */
static int shown_order(const struct coding_row *x, const struct coding_row *y)
{
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    if (x->code_id != y->code_id)
        return x->code_id < y->code_id ? -1 : 1;
    return (x->coder_id > y->coder_id) - (x->coder_id < y->coder_id);
}

/* Takes coding `id` out of the codings on show, if it is there. */
static void unshow(struct session *session, int64_t id)
{
    struct coding_list *shown = &session->shown;
    for (size_t i = 0; i < shown->count; i++) {
        if (shown->items[i].id == id) {
            free(shown->items[i].memo);
            memmove(shown->items + i, shown->items + i + 1,
                    (shown->count - i - 1) * sizeof *shown->items);
            shown->count--;
            return;
        }
    }
}

/* Puts `row` (whose memo the list takes) among the codings on show, in their order. */
static bool show(struct session *session, struct coding_row row, struct error *err)
{
    struct coding_list *shown = &session->shown;
    if (!list_reserve((void **)&shown->items, &shown->cap, shown->count + 1,
                      sizeof *shown->items)) {
        free(row.memo);
        return error_internal(err, "out of memory");
    }
    size_t lo = 0;
    size_t hi = shown->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (shown_order(&shown->items[mid], &row) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    memmove(shown->items + lo + 1, shown->items + lo, (shown->count - lo) * sizeof *shown->items);
    shown->items[lo] = row;
    shown->count++;
    return true;
}

/* After a change of this session's own, made to the open source: takes the codings `removed`
 * (n of them) out of the codings on show and puts coding `added` (0 for none) in, as the store
 * now holds it, rather than reading them all again; then re-reads the counts, which cost the
 * number of codes. (A connection's own commits leave its data version alone, so
 * session_reload() still sees only others' changes.) */
static bool after_change(struct session *session, const int64_t *removed, size_t n, int64_t added,
                         struct error *err)
{
    struct coding_row row = {0};
    bool found = false;
    if (added && !store_coding_get(project_store(session->project), added, &row, &found, err))
        return false;
    for (size_t i = 0; i < n; i++)
        unshow(session, removed[i]);
    bool shown = found && !row.detached && session->source >= 0 &&
                 row.source_id == session->sources.items[session->source].id &&
                 (session->show_others || row.coder_id == session->coder_id);
    if (found && !shown)
        free(row.memo);
    if (shown && !show(session, row, err))
        return false;
    return session_index_shown(session, err) && session_load_usage(session, err);
}

/* Checks that a code can take codings. */
static bool codable(const struct session *session, int code_index, struct error *err)
{
    const struct codetree *tree = project_codes(session->project);
    if (code_index < 0 || (size_t)code_index >= codetree_count(tree))
        return error_internal(err, "no such code");
    if (!codetree_get(tree, (size_t)code_index)->codable) {
        char label[128];
        code_label(session, code_index, label, sizeof label);
        return error_user(err, "%s is a heading and cannot be coded", label);
    }
    return true;
}

bool session_code_selection(struct session *session, int code_index, char *message, size_t size,
                            struct error *err)
{
    if (!session->selecting)
        return error_user(err, "select some text first");
    if (!codable(session, code_index, err))
        return false;
    const struct code *code = codetree_get(project_codes(session->project), (size_t)code_index);
    struct span span = session_selection(session);
    struct coding_row row = {.source_id = session->sources.items[session->source].id,
                             .code_id = code->id,
                             .coder_id = session->coder_id,
                             .start = span.start,
                             .end = span.end};
    /* The coder's codings of the code that the new one may be joined with: those it overlaps
     * or touches, all on show. */
    struct {
        int64_t *items;
        size_t count, cap;
    } joining = {0};
    for (size_t i = 0; i < session->shown.count; i++) {
        const struct coding_row *c = &session->shown.items[i];
        if (c->coder_id == row.coder_id && c->code_id == row.code_id && c->start <= span.end &&
            c->end >= span.start && !LIST_PUSH(&joining, c->id)) {
            free(joining.items);
            return error_internal(err, "out of memory");
        }
    }
    enum edit_outcome outcome;
    bool ok = edit_code_span(session->project, &row, session->sources.items[session->source].name,
                             NULL, &outcome, message, size, err);
    if (ok) {
        remember_code(session, code->id);
        session->selecting = false;
        session->cursor = session_clamp(session, span.start);
        session->chosen = row.id;
        if (outcome != EDIT_UNCHANGED)
            ok = after_change(session, joining.items, joining.count, row.id, err);
    }
    free(joining.items);
    return ok;
}

/* The name of a source of the project, or "a source". */
static const char *source_name_of(const struct session *session, int64_t id)
{
    for (size_t i = 0; i < session->sources.count; i++) {
        if (session->sources.items[i].id == id)
            return session->sources.items[i].name;
    }
    return "a source";
}

/* The chosen coding, when it is this coder's to change. */
static const struct coding_row *own_chosen(const struct session *session, struct error *err)
{
    const struct coding_row *row = session_chosen_coding(session);
    if (!row) {
        error_user(err, "there is no coding at the cursor");
        return NULL;
    }
    if (row->coder_id != session->coder_id) {
        const char *owner = session_coder_name_of(session, row->coder_id);
        error_user(err, "that coding is %s's; only %s can change it", owner, owner);
        return NULL;
    }
    return row;
}

/* Replaces a coding with `after` (same id) in one batch. */
static bool set_coding(struct session *session, const struct coding_row *before,
                       const struct coding_row *after, const char *summary, struct error *err)
{
    struct history_batch batch;
    if (!history_begin(&batch, session->project, session->coder_id, summary, err))
        return false;
    struct change forward = {.kind = CHANGE_CODING_SET, .coding = *after};
    struct change backward = {.kind = CHANGE_CODING_SET, .coding = *before};
    if (!history_change(&batch, &forward, &backward, err)) {
        history_abort(&batch);
        return false;
    }
    return history_commit(&batch, err) && after_change(session, &before->id, 1, after->id, err);
}

static int code_index_of(const struct session *session, int64_t code_id)
{
    return codetree_find_id(project_codes(session->project), code_id);
}

bool session_uncode(struct session *session, char *message, size_t size, struct error *err)
{
    const struct coding_row *found = own_chosen(session, err);
    if (!found)
        return false;
    struct coding_row row = *found;
    char label[128] = "a code";
    int index = code_index_of(session, row.code_id);
    if (index >= 0)
        code_label(session, index, label, sizeof label);
    char summary[256];
    snprintf(summary, sizeof summary, "removed %s from %s %" PRId64 "-%" PRId64, label,
             session->sources.items[session->source].name, row.start, row.end);
    struct history_batch batch;
    if (!history_begin(&batch, session->project, session->coder_id, summary, err))
        return false;
    struct change forward = {.kind = CHANGE_CODING_DELETE, .coding = row};
    struct change backward = {.kind = CHANGE_CODING_INSERT, .coding = row};
    if (!history_change(&batch, &forward, &backward, err)) {
        history_abort(&batch);
        return false;
    }
    if (!history_commit(&batch, err))
        return false;
    snprintf(message, size, "%s", summary);
    return after_change(session, &row.id, 1, 0, err);
}

bool session_recode(struct session *session, int code_index, char *message, size_t size,
                    struct error *err)
{
    const struct coding_row *found = own_chosen(session, err);
    if (!found || !codable(session, code_index, err))
        return false;
    struct coding_row before = *found;
    struct coding_row after = before;
    after.code_id = codetree_get(project_codes(session->project), (size_t)code_index)->id;
    char label[128];
    code_label(session, code_index, label, sizeof label);
    char summary[256];
    snprintf(summary, sizeof summary, "recoded %s %" PRId64 "-%" PRId64 " as %s",
             session->sources.items[session->source].name, before.start, before.end, label);
    if (!set_coding(session, &before, &after, summary, err))
        return false;
    remember_code(session, after.code_id);
    snprintf(message, size, "%s", summary);
    return true;
}

bool session_move_coding(struct session *session, int64_t coding_id, struct span span,
                         char *message, size_t size, struct error *err)
{
    const struct coding_row *found = NULL;
    for (size_t i = 0; i < session->shown.count && !found; i++) {
        if (session->shown.items[i].id == coding_id)
            found = &session->shown.items[i];
    }
    if (!found || found->coder_id != session->coder_id)
        return error_user(err, "the coding is no longer there");
    int64_t length = (int64_t)text_length(session->text);
    if (span.start < 0 || span.end > length || span.start >= span.end)
        return error_user(err, "a coding must cover at least one character");
    struct coding_row before = *found;
    struct coding_row after = before;
    after.start = span.start;
    after.end = span.end;
    char summary[256];
    snprintf(summary, sizeof summary,
             "moved a coding of %s from %" PRId64 "-%" PRId64 " to %" PRId64 "-%" PRId64,
             session->sources.items[session->source].name, before.start, before.end, span.start,
             span.end);
    if (!set_coding(session, &before, &after, summary, err))
        return false;
    session->selecting = false;
    snprintf(message, size, "%s", summary);
    return true;
}

/* Reads coding `id` into *row (the caller frees row->memo), refusing one that is gone. */
static bool read_coding(struct session *session, int64_t id, struct coding_row *row,
                        struct error *err)
{
    bool found;
    if (!store_coding_get(project_store(session->project), id, row, &found, err))
        return false;
    return found ||
           error_user(err, "that coding was removed meanwhile, by another coder or program");
}

bool session_coding_memo(struct session *session, int64_t coding_id, char **text, struct error *err)
{
    struct coding_row row;
    *text = NULL;
    if (!read_coding(session, coding_id, &row, err))
        return false;
    *text = row.memo;
    return true;
}

bool session_set_coding_memo(struct session *session, int64_t coding_id, const char *text,
                             struct error *err)
{
    struct coding_row before;
    if (!read_coding(session, coding_id, &before, err))
        return false;
    bool ok = false;
    if (before.coder_id != session->coder_id) {
        const char *owner = session_coder_name_of(session, before.coder_id);
        error_user(err, "that coding is %s's; only %s can change it", owner, owner);
    } else {
        struct coding_row after = before;
        after.memo = text && *text ? (char *)text : NULL;
        char summary[160];
        snprintf(summary, sizeof summary, "wrote the memo of a coding in %s",
                 source_name_of(session, before.source_id));
        ok = set_coding(session, &before, &after, summary, err);
    }
    free(before.memo);
    return ok;
}

bool session_source_memo(struct session *session, int64_t source_id, char **text, struct error *err)
{
    *text = NULL;
    return store_memo_get(project_store(session->project), MEMO_SOURCE, source_id, text, err);
}

bool session_set_source_memo(struct session *session, int64_t source_id, const char *text,
                             struct error *err)
{
    char *before;
    if (!session_source_memo(session, source_id, &before, err))
        return false;
    char summary[160];
    snprintf(summary, sizeof summary, "wrote the memo of %s", source_name_of(session, source_id));
    struct change forward = {.kind = CHANGE_MEMO_SET,
                             .memo_target = MEMO_SOURCE,
                             .memo_id = source_id,
                             .memo_text = text && *text ? (char *)text : NULL};
    struct change backward = forward;
    backward.memo_text = before;
    struct history_batch batch;
    bool ok = history_begin(&batch, session->project, session->coder_id, summary, err);
    if (ok && !history_change(&batch, &forward, &backward, err)) {
        history_abort(&batch);
        ok = false;
    }
    ok = ok && history_commit(&batch, err);
    free(before);
    return ok;
}

/* Undoes or redoes the coder's last batch, then shows where it changed the project. */
static bool replay(struct session *session, bool undo, char *message, size_t size, int64_t *code_id,
                   struct error *err)
{
    char summary[512];
    struct history_place place;
    if (!(undo ? history_undo : history_redo)(session->project, session->coder_id, summary,
                                              sizeof summary, &place, err))
        return false;
    snprintf(message, size, "%s: %s", undo ? "undone" : "redone", summary);
    *code_id = place.code_id;
    if (!session_reload(session, true, &(bool){false}, err))
        return false;
    for (size_t i = 0; place.source_id && i < session->sources.count; i++) {
        if (session->sources.items[i].id != place.source_id)
            continue;
        if ((int)i != session->source && !session_open_source(session, (int)i, err))
            return false;
        session_set_cursor(session, place.start);
        break;
    }
    return true;
}

bool session_undo(struct session *session, char *message, size_t size, int64_t *code_id,
                  struct error *err)
{
    return replay(session, true, message, size, code_id, err);
}

bool session_redo(struct session *session, char *message, size_t size, int64_t *code_id,
                  struct error *err)
{
    return replay(session, false, message, size, code_id, err);
}
