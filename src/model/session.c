#include "model/session.h"

#include "core/reach.h"
#include "session_data.h"
#include "store/codings.h"
#include "store/people.h"
#include "store/sources.h"
#include "store/store.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

bool session_index_shown(struct session *session, struct error *err)
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
    return session_index_shown(session, err);
}

bool session_load_usage(struct session *session, struct error *err)
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
        !store_sources_list(store, &session->sources, err) || !session_load_usage(session, err))
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

int64_t session_clamp(const struct session *session, int64_t offset)
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
    session->cursor = session_clamp(session, offset);
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
    session->anchor = session_clamp(session, span.start);
    session->cursor = session_clamp(session, span.end - 1);
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
    session->anchor = session->cursor = session_clamp(session, session->cursor);
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
            return session_load_usage(session, err);
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
              load_codings(session, err) && session_load_usage(session, err);
    session->cursor = session_clamp(session, cursor);
    return ok;
}

const struct code_usage_list *session_usage(const struct session *session, bool everyone)
{
    return everyone ? &session->usage_all : &session->usage_mine;
}
