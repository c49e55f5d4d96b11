#include "model/session.h"

#include "core/list.h"
#include "core/reach.h"
#include "model/edit.h"
#include "model/history.h"
#include "store/codings.h"
#include "store/memos.h"
#include "store/people.h"
#include "store/sources.h"
#include "store/store.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct session {
    struct project *project;
    int64_t coder_id;
    char *coder_name;
    struct coder_list coders;
    struct source_list sources;
    int source;
    struct text *text;
    struct turn_list turns;
    struct coding_list shown; /* the open source's codings on show: own, or every coder's */
    struct reach_index reach; /* over `shown`, when its count is shown.count */
    bool show_others;
    int64_t cursor;
    int64_t anchor;
    bool selecting;
    int64_t chosen; /* id of the chosen coding; when it is not under the cursor, the innermost */
    int64_t recent[SESSION_RECENT_MAX];
    size_t nrecent;
    struct code_usage_list usage_mine;
    struct code_usage_list usage_all;
    int64_t data_version;
};

static void clear_source(struct session *session)
{
    text_destroy(session->text);
    session->text = NULL;
    row_turn_list_finish(&session->turns);
    row_coding_list_finish(&session->shown);
    reach_index_finish(&session->reach);
}

void session_destroy(struct session *session)
{
    if (!session)
        return;
    clear_source(session);
    free(session->coder_name);
    row_coder_list_finish(&session->coders);
    row_source_list_finish(&session->sources);
    row_code_usage_list_finish(&session->usage_mine);
    row_code_usage_list_finish(&session->usage_all);
    free(session);
}

/* Notes how far the codings on show reach. */
static bool index_shown(struct session *session, struct error *err)
{
    if (!reach_index_build(&session->reach, &session->shown))
        return error_internal(err, "out of memory");
    return true;
}

/* Reads the codings on show in the open source: the coder's own, or every coder's. Only those
 * are read, from an index in the order they are shown, so that opening a source costs the
 * codings shown. On failure the old ones stay. */
static bool load_codings(struct session *session, struct error *err)
{
    struct coding_list shown = {0};
    if (session->source >= 0 &&
        !store_source_codings(project_store(session->project),
                              session->sources.items[session->source].id,
                              session->show_others ? 0 : session->coder_id, &shown, err)) {
        row_coding_list_finish(&shown);
        return false;
    }
    row_coding_list_finish(&session->shown);
    session->shown = shown;
    return index_shown(session, err);
}

static bool load_usage(struct session *session, struct error *err)
{
    struct store *store = project_store(session->project);
    row_code_usage_list_finish(&session->usage_mine);
    row_code_usage_list_finish(&session->usage_all);
    return store_code_usage(store, session->coder_id, &session->usage_mine, err) &&
           store_code_usage(store, 0, &session->usage_all, err);
}

/* The project setting that holds where a coder left off, and whether other coders' codings were
 * on show: "SOURCE_ID CURSOR SHOW_OTHERS" (the last 0 or 1; older projects lack it). */
static void place_key(const struct session *session, char *key, size_t size)
{
    snprintf(key, size, "place.%s", session->coder_name);
}

/* Opens the source this coder left, at the cursor's old place, if the source is still there;
 * else the first source, at its start. */
static bool restore_place(struct session *session, struct error *err)
{
    if (session->sources.count == 0)
        return true;
    char key[160], *value = NULL;
    place_key(session, key, sizeof key);
    if (!store_setting_get(project_store(session->project), key, &value, err))
        return false;
    long long id = 0, cursor = 0;
    int index = 0, others = 0;
    if (value && sscanf(value, "%lld %lld %d", &id, &cursor, &others) >= 2) {
        session->show_others = others == 1 || session->coder_id == 0;
        for (size_t i = 0; i < session->sources.count; i++)
            if (session->sources.items[i].id == id)
                index = (int)i;
    }
    free(value);
    if (!session_open_source(session, index, err))
        return false;
    if (session->sources.items[index].id == id)
        session_set_cursor(session, cursor);
    return true;
}

bool session_save_place(struct session *session, struct error *err)
{
    if (session->source < 0)
        return true;
    char key[160], value[64];
    place_key(session, key, sizeof key);
    snprintf(value, sizeof value, "%" PRId64 " %" PRId64 " %d",
             session->sources.items[session->source].id, session->cursor,
             session->show_others ? 1 : 0);
    struct store *store = project_store(session->project);
    if (!store_begin(store, err))
        return false;
    if (!store_setting_set(store, key, value, err) || !store_commit(store, err)) {
        store_rollback(store);
        return false;
    }
    return true;
}

struct session *session_create(struct project *project, const char *coder, struct error *err)
{
    if (!coder || !*coder) {
        error_user(err, "a coder needs a name");
        return NULL;
    }
    struct session *session = calloc(1, sizeof *session);
    if (!session || !(session->coder_name = strdup(coder))) {
        free(session);
        error_internal(err, "out of memory");
        return NULL;
    }
    session->project = project;
    session->source = -1;
    struct store *store = project_store(project);
    if (!store_coder_find(store, coder, &session->coder_id, err))
        goto fail;
    if (!session->coder_id && !project_read_only(project)) {
        if (!store_begin(store, err))
            goto fail;
        if (!store_coder_ensure(store, coder, &session->coder_id, err) ||
            !store_commit(store, err)) {
            store_rollback(store);
            goto fail;
        }
    }
    session->data_version = store_data_version(store);
    if (!store_coders_list(store, &session->coders, err) ||
        !store_sources_list(store, &session->sources, err) || !load_usage(session, err))
        goto fail;
    session->show_others = session->coder_id == 0;
    if (!restore_place(session, err))
        goto fail;
    return session;
fail:
    session_destroy(session);
    return NULL;
}

bool session_source_summaries(struct session *session, struct source_summary *summaries,
                              struct error *err)
{
    struct store *store = project_store(session->project);
    struct case_list cases = {0};
    struct coverage_list coverage = {0};
    bool ok = store_cases_list(store, &cases, err) &&
              store_coded_characters(store, session->coder_id, &coverage, err);
    for (size_t i = 0; ok && i < session->sources.count; i++) {
        const struct source_row *source = &session->sources.items[i];
        struct source_summary *summary = &summaries[i];
        *summary = (struct source_summary){0};
        for (size_t k = 0; k < cases.count; k++)
            if (cases.items[k].id == source->case_id)
                snprintf(summary->case_name, sizeof summary->case_name, "%s", cases.items[k].name);
        for (size_t k = 0; k < coverage.count; k++)
            if (coverage.items[k].source_id == source->id)
                summary->coded = coverage.items[k].characters;
    }
    row_case_list_finish(&cases);
    free(coverage.items);
    return ok;
}

struct project *session_project(const struct session *session)
{
    return session->project;
}

int64_t session_coder_id(const struct session *session)
{
    return session->coder_id;
}

const char *session_coder_name(const struct session *session)
{
    return session->coder_name;
}

const struct coder_list *session_coders(const struct session *session)
{
    return &session->coders;
}

const struct source_list *session_sources(const struct session *session)
{
    return &session->sources;
}

int session_source_index(const struct session *session)
{
    return session->source;
}

bool session_open_source(struct session *session, int index, struct error *err)
{
    if (index < 0 || (size_t)index >= session->sources.count)
        return error_internal(err, "no source %d", index);
    struct store *store = project_store(session->project);
    int64_t id = session->sources.items[index].id;
    struct text *text = project_source_text(session->project, id, err);
    if (!text)
        return false;
    clear_source(session);
    session->text = text;
    session->source = index;
    session->cursor = 0;
    session->anchor = 0;
    session->selecting = false;
    return store_source_turns(store, id, &session->turns, err) && load_codings(session, err);
}

const struct text *session_text(const struct session *session)
{
    return session->text;
}

const struct turn_list *session_turns(const struct session *session)
{
    return &session->turns;
}

const struct coding_list *session_codings(const struct session *session)
{
    return &session->shown;
}

size_t session_codings_reaching(const struct session *session, size_t from, int64_t offset)
{
    if (session->reach.count != session->shown.count)
        return from;
    return reach_index_next(&session->reach, from, offset);
}

bool session_show_others(const struct session *session)
{
    return session->show_others;
}

void session_set_show_others(struct session *session, bool show)
{
    if (session->show_others == show)
        return;
    session->show_others = show;
    load_codings(session, &(struct error){0});
}

static int64_t clamp(const struct session *session, int64_t offset)
{
    int64_t length = session->text ? (int64_t)text_length(session->text) : 0;
    if (offset >= length)
        offset = length - 1;
    return offset < 0 ? 0 : offset;
}

int64_t session_cursor(const struct session *session)
{
    return session->cursor;
}

void session_set_cursor(struct session *session, int64_t offset)
{
    session->cursor = clamp(session, offset);
}

bool session_selecting(const struct session *session)
{
    return session->selecting;
}

void session_select(struct session *session, bool on)
{
    session->selecting = on && session->text && text_length(session->text) > 0;
    session->anchor = session->cursor;
}

struct span session_selection(const struct session *session)
{
    if (!session->selecting)
        return (struct span){session->cursor, session->cursor};
    int64_t lo = session->anchor < session->cursor ? session->anchor : session->cursor;
    int64_t hi = session->anchor < session->cursor ? session->cursor : session->anchor;
    return (struct span){lo, hi + 1};
}

void session_select_span(struct session *session, struct span span)
{
    if (!session->text || span.end <= span.start)
        return;
    session->selecting = true;
    session->anchor = clamp(session, span.start);
    session->cursor = clamp(session, span.end - 1);
}

void session_swap_ends(struct session *session)
{
    int64_t anchor = session->anchor;
    session->anchor = session->cursor;
    session->cursor = anchor;
}

/* The codings on show under the cursor, innermost first; the caller frees the array. */
static size_t codings_at(const struct session *session, const struct coding_row ***out)
{
    size_t n = 0;
    int64_t cursor = session->cursor;
    *out = NULL;
    for (size_t i = session_codings_reaching(session, 0, cursor);
         i < session->shown.count && session->shown.items[i].start <= cursor;
         i = session_codings_reaching(session, i + 1, cursor))
        n += cursor < session->shown.items[i].end;
    if (n == 0 || !(*out = malloc(n * sizeof **out)))
        return 0;
    size_t k = 0;
    for (size_t i = session_codings_reaching(session, 0, cursor); k < n;
         i = session_codings_reaching(session, i + 1, cursor)) {
        const struct coding_row *row = &session->shown.items[i];
        if (row->start <= cursor && cursor < row->end)
            (*out)[k++] = row;
    }
    /* Insertion sort by length: there are only ever a few. */
    for (size_t i = 1; i < n; i++) {
        const struct coding_row *row = (*out)[i];
        size_t j = i;
        while (j > 0 && (*out)[j - 1]->end - (*out)[j - 1]->start > row->end - row->start) {
            (*out)[j] = (*out)[j - 1];
            j--;
        }
        (*out)[j] = row;
    }
    return n;
}

size_t session_codings_at_cursor(const struct session *session)
{
    const struct coding_row **rows;
    size_t n = codings_at(session, &rows);
    free(rows);
    return n;
}

size_t session_codings_here(const struct session *session, const struct coding_row **rows,
                            size_t max)
{
    const struct coding_row **all;
    size_t n = codings_at(session, &all);
    for (size_t i = 0; i < n && i < max; i++)
        rows[i] = all[i];
    free(all);
    return n;
}

const char *session_coder_name_of(const struct session *session, int64_t coder_id)
{
    for (size_t i = 0; i < session->coders.count; i++) {
        if (session->coders.items[i].id == coder_id)
            return session->coders.items[i].name;
    }
    return "another coder";
}

/* Where the chosen coding is among rows[0..n), or 0 (the innermost) when it is not there. */
static size_t chosen_position(const struct session *session, const struct coding_row **rows,
                              size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (rows[i]->id == session->chosen)
            return i;
    }
    return 0;
}

const struct coding_row *session_chosen_coding(const struct session *session)
{
    const struct coding_row **rows;
    size_t n = codings_at(session, &rows);
    const struct coding_row *chosen = n ? rows[chosen_position(session, rows, n)] : NULL;
    free(rows);
    return chosen;
}

void session_cycle_coding(struct session *session)
{
    const struct coding_row **rows;
    size_t n = codings_at(session, &rows);
    if (n > 0)
        session->chosen = rows[(chosen_position(session, rows, n) + 1) % n]->id;
    free(rows);
}

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
    return index_shown(session, err) && load_usage(session, err);
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
        session->cursor = clamp(session, span.start);
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

/* Reads the open source's text again, keeping the cursor where it can be kept and ending the
 * selection, whose words may be gone. */
static bool reload_text(struct session *session, struct error *err)
{
    struct text *text =
        project_source_text(session->project, session->sources.items[session->source].id, err);
    if (!text)
        return false;
    text_destroy(session->text);
    session->text = text;
    session->selecting = false;
    session->anchor = session->cursor = clamp(session, session->cursor);
    return true;
}

bool session_reload(struct session *session, bool force, bool *changed, struct error *err)
{
    struct store *store = project_store(session->project);
    int64_t version = store_data_version(store);
    *changed = force || version != session->data_version;
    if (!*changed)
        return true;
    session->data_version = version;
    int64_t open_id = session->source >= 0 ? session->sources.items[session->source].id : 0;
    char open_sha256[sizeof session->sources.items[0].sha256] = "";
    if (session->source >= 0)
        memcpy(open_sha256, session->sources.items[session->source].sha256, sizeof open_sha256);
    struct coder_list coders = {0};
    struct source_list sources = {0};
    if (!store_coders_list(store, &coders, err) || !store_sources_list(store, &sources, err) ||
        !project_reload_codes(session->project, err)) {
        row_coder_list_finish(&coders);
        row_source_list_finish(&sources);
        return false;
    }
    /* The coder this session codes as may have been renamed (on this screen or elsewhere). */
    for (size_t i = 0; i < coders.count; i++) {
        char *name;
        if (coders.items[i].id == session->coder_id &&
            strcmp(coders.items[i].name, session->coder_name) != 0 &&
            (name = strdup(coders.items[i].name))) {
            free(session->coder_name);
            session->coder_name = name;
        }
    }
    row_coder_list_finish(&session->coders);
    row_source_list_finish(&session->sources);
    session->coders = coders;
    session->sources = sources;
    int index = -1;
    for (size_t i = 0; i < sources.count; i++) {
        if (sources.items[i].id == open_id)
            index = (int)i;
    }
    if (index != session->source || !session->text) {
        /* The open source is gone or moved in the list: open it again where it now is. */
        if (index < 0) {
            clear_source(session);
            session->source = -1;
            if (sources.count > 0 && !session_open_source(session, 0, err))
                return false;
            return load_usage(session, err);
        }
        session->source = index;
    }
    /* A corrected text (margin source update, or undoing a correction) is read again. */
    if (strcmp(open_sha256, sources.items[index].sha256) != 0 && !reload_text(session, err))
        return false;
    /* Another program may have found the turns again (margin turns --pattern). */
    row_turn_list_finish(&session->turns);
    int64_t cursor = session->cursor;
    bool ok = store_source_turns(store, open_id, &session->turns, err) &&
              load_codings(session, err) && load_usage(session, err);
    session->cursor = clamp(session, cursor);
    return ok;
}

const struct code_usage_list *session_usage(const struct session *session, bool everyone)
{
    return everyone ? &session->usage_all : &session->usage_mine;
}
