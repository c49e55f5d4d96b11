#include "model/memos.h"

#include "core/list.h"
#include "model/history.h"
#include "store/memos.h"
#include "store/people.h"
#include "store/sources.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {"project", "source", "case", "code", "coding"};

const char *memos_kind_name(enum memos_kind kind)
{
    return kind_names[kind];
}

static void entry_finish(struct memos_entry *e)
{
    free(e->source);
    free(e->case_name);
    free(e->code);
    free(e->code_name);
    free(e->coder);
    free(e->author);
    free(e->modified);
    free(e->text);
}

void memos_list_finish(struct memos_list *list)
{
    for (size_t i = 0; list && i < list->count; i++)
        entry_finish(&list->items[i]);
    if (list) {
        free(list->items);
        *list = (struct memos_list){0};
    }
}

/* A copy of s (NULL for NULL); sets *failed when memory runs out. */
static char *copy(const char *s, bool *failed)
{
    if (!s)
        return NULL;
    char *c = strdup(s);
    *failed |= !c;
    return c;
}

static const struct source_row *source_of(const struct source_list *sources, int64_t id)
{
    for (size_t i = 0; i < sources->count; i++) {
        if (sources->items[i].id == id)
            return &sources->items[i];
    }
    return NULL;
}

static const char *case_of(const struct case_list *cases, int64_t id)
{
    for (size_t i = 0; i < cases->count; i++) {
        if (cases->items[i].id == id)
            return cases->items[i].name;
    }
    return NULL;
}

/* Fills e from a memo row, taking its strings. */
static bool fill_entry(struct project *project, const struct source_list *sources,
                       const struct case_list *cases, struct memo_row *row, struct memos_entry *e)
{
    static const enum memos_kind kinds[] = {
        [MEMO_PROJECT] = MEMOS_PROJECT,
        [MEMO_SOURCE] = MEMOS_SOURCE,
        [MEMO_CASE] = MEMOS_CASE,
        [MEMO_CODE] = MEMOS_CODE,
    };
    *e = (struct memos_entry){
        .kind = row->coding ? MEMOS_CODING : kinds[row->target],
        .start = row->coding ? row->start : -1,
        .end = row->coding ? row->end : -1,
        .author = row->author,
        .modified = row->modified,
        .text = row->text,
    };
    row->author = row->modified = row->text = NULL;
    bool failed = false;
    int64_t source_id = e->kind == MEMOS_CODING   ? row->source_id
                        : e->kind == MEMOS_SOURCE ? row->target_id
                                                  : 0;
    int64_t code_id = e->kind == MEMOS_CODING ? row->code_id
                      : e->kind == MEMOS_CODE ? row->target_id
                                              : 0;
    e->id = row->target_id;
    e->source_id = source_id;
    const struct source_row *source = source_id ? source_of(sources, source_id) : NULL;
    if (source) {
        e->source = copy(source->name, &failed);
        e->case_name = copy(case_of(cases, source->case_id), &failed);
    }
    if (e->kind == MEMOS_CASE)
        e->case_name = copy(case_of(cases, row->target_id), &failed);
    if (e->kind == MEMOS_CODING)
        e->coder = copy(e->author, &failed);
    const struct codetree *tree = project_codes(project);
    int index = code_id ? codetree_find_id(tree, code_id) : -1;
    if (index >= 0) {
        char number[OUTLINE_TEXT_MAX];
        codetree_number_text(tree, index, number);
        e->code = copy(number, &failed);
        e->code_name = copy(codetree_get(tree, (size_t)index)->name, &failed);
    }
    return !failed;
}

bool memos_list(struct project *project, struct memos_list *out, struct error *err)
{
    *out = (struct memos_list){0};
    struct store *store = project_store(project);
    struct memo_list rows = {0};
    struct source_list sources = {0};
    struct case_list cases = {0};
    bool ok = store_memos_list(store, &rows, err) && store_sources_list(store, &sources, err) &&
              store_cases_list(store, &cases, err);
    for (size_t i = 0; ok && i < rows.count; i++) {
        struct memos_entry e;
        bool filled = fill_entry(project, &sources, &cases, &rows.items[i], &e);
        if (!filled || !LIST_PUSH(out, e)) {
            entry_finish(&e);
            ok = error_internal(err, "out of memory listing memos");
        }
    }
    if (!ok)
        memos_list_finish(out);
    store_memo_list_finish(&rows);
    row_source_list_finish(&sources);
    row_case_list_finish(&cases);
    return ok;
}

/* Finds what a memo of `kind` named `target` is attached to: its store target and id, and a
 * description for the history ("source int01"). */
static bool find_target(struct project *project, enum memos_kind kind, const char *target,
                        enum memo_target *where, int64_t *id, char *what, size_t size,
                        struct error *err)
{
    struct store *store = project_store(project);
    *id = 0;
    switch (kind) {
    case MEMOS_PROJECT:
        *where = MEMO_PROJECT;
        snprintf(what, size, "the project");
        return true;
    case MEMOS_SOURCE: {
        struct source_row row;
        *where = MEMO_SOURCE;
        if (!store_source_find(store, target, &row, err))
            return false;
        free(row.name);
        *id = row.id;
        if (!*id)
            return error_user(err, "there is no source named '%s'", target);
        snprintf(what, size, "source %.100s", target);
        return true;
    }
    case MEMOS_CASE:
        *where = MEMO_CASE;
        if (!store_case_find(store, target, id, err))
            return false;
        if (!*id)
            return error_user(err, "there is no case named '%s'", target);
        snprintf(what, size, "case %.100s", target);
        return true;
    case MEMOS_CODE: {
        *where = MEMO_CODE;
        int index = codetree_resolve(project_codes(project), target, err);
        if (index < 0)
            return false;
        *id = codetree_get(project_codes(project), (size_t)index)->id;
        char number[OUTLINE_TEXT_MAX];
        codetree_number_text(project_codes(project), index, number);
        snprintf(what, size, "code %s", number);
        return true;
    }
    case MEMOS_CODING:
        break;
    }
    return error_internal(err, "a coding's memo is written with the coding");
}

/* As find_target(), for the project (id 0) or the source, case or code with that id. */
static bool find_target_id(struct project *project, enum memos_kind kind, int64_t id,
                           enum memo_target *where, char *what, size_t size, struct error *err)
{
    struct store *store = project_store(project);
    bool ok = true, found = false;
    switch (kind) {
    case MEMOS_PROJECT:
        *where = MEMO_PROJECT;
        snprintf(what, size, "the project");
        return true;
    case MEMOS_SOURCE: {
        struct source_list sources = {0};
        *where = MEMO_SOURCE;
        ok = store_sources_list(store, &sources, err);
        const struct source_row *source = ok ? source_of(&sources, id) : NULL;
        if ((found = source != NULL))
            snprintf(what, size, "source %.100s", source->name);
        row_source_list_finish(&sources);
        break;
    }
    case MEMOS_CASE: {
        struct case_list cases = {0};
        *where = MEMO_CASE;
        ok = store_cases_list(store, &cases, err);
        const char *name = ok ? case_of(&cases, id) : NULL;
        if ((found = name != NULL))
            snprintf(what, size, "case %.100s", name);
        row_case_list_finish(&cases);
        break;
    }
    case MEMOS_CODE: {
        int index = codetree_find_id(project_codes(project), id);
        char number[OUTLINE_TEXT_MAX];
        *where = MEMO_CODE;
        if ((found = index >= 0)) {
            codetree_number_text(project_codes(project), index, number);
            snprintf(what, size, "code %s", number);
        }
        break;
    }
    case MEMOS_CODING:
        return error_internal(err, "a coding's memo is written with the coding");
    }
    if (ok && !found)
        return error_user(err, "that %s was deleted meanwhile, by another coder or program",
                          memos_kind_name(kind));
    return ok;
}

bool memos_get(struct project *project, enum memos_kind kind, const char *target, char **text,
               struct error *err)
{
    enum memo_target where = MEMO_PROJECT;
    int64_t id;
    char what[160];
    *text = NULL;
    return find_target(project, kind, target, &where, &id, what, sizeof what, err) &&
           store_memo_get(project_store(project), where, id, text, err);
}

bool memos_get_id(struct project *project, enum memos_kind kind, int64_t id, char **text,
                  struct error *err)
{
    enum memo_target where = MEMO_PROJECT;
    char what[160];
    *text = NULL;
    return find_target_id(project, kind, id, &where, what, sizeof what, err) &&
           store_memo_get(project_store(project), where, id, text, err);
}

/* Writes the memo of `where` `id`, described as `what` in the history. */
static bool set_memo(struct project *project, int64_t coder_id, enum memo_target where, int64_t id,
                     const char *what, const char *text, struct error *err)
{
    char *before = NULL;
    if (!store_memo_get(project_store(project), where, id, &before, err))
        return false;
    const char *after = text && *text ? text : NULL;
    if ((!before && !after) || (before && after && strcmp(before, after) == 0)) {
        free(before);
        return true;
    }
    char summary[200];
    snprintf(summary, sizeof summary, "%s the memo of %s", after ? "wrote" : "removed", what);
    struct change forward = {
        .kind = CHANGE_MEMO_SET, .memo_target = where, .memo_id = id, .memo_text = (char *)after};
    struct change backward = forward;
    backward.memo_text = before;
    struct history_batch batch;
    bool ok = history_begin(&batch, project, coder_id, summary, err);
    if (ok && !history_change(&batch, &forward, &backward, err)) {
        history_abort(&batch);
        ok = false;
    }
    ok = ok && history_commit(&batch, err);
    free(before);
    return ok;
}

bool memos_set(struct project *project, int64_t coder_id, enum memos_kind kind, const char *target,
               const char *text, struct error *err)
{
    enum memo_target where = MEMO_PROJECT;
    int64_t id;
    char what[160];
    return find_target(project, kind, target, &where, &id, what, sizeof what, err) &&
           set_memo(project, coder_id, where, id, what, text, err);
}

bool memos_set_id(struct project *project, int64_t coder_id, enum memos_kind kind, int64_t id,
                  const char *text, struct error *err)
{
    enum memo_target where = MEMO_PROJECT;
    char what[160];
    return find_target_id(project, kind, id, &where, what, sizeof what, err) &&
           set_memo(project, coder_id, where, id, what, text, err);
}

bool memos_describe_id(struct project *project, enum memos_kind kind, int64_t id, char *buf,
                       size_t size, struct error *err)
{
    enum memo_target where = MEMO_PROJECT;
    return find_target_id(project, kind, id, &where, buf, size, err);
}
