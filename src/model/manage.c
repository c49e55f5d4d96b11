#include "model/manage.h"

#include "core/names.h"
#include "core/strbuf.h"
#include "manage_data.h"
#include "model/change.h"
#include "model/history.h"
#include "store/people.h"
#include "store/sources.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A name for a source or case: not empty, no control characters, no space at either end. */
static bool check_name(const char *kind, const char *name, struct error *err)
{
    size_t n = strlen(name);
    if (n == 0)
        return error_user(err, "a %s needs a name", kind);
    if (name[0] == ' ' || name[n - 1] == ' ')
        return error_user(err, "the %s name '%s' starts or ends with a space", kind, name);
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p < 0x20 || *p == 0x7F)
            return error_user(err, "the %s name holds a control character", kind);
    }
    return true;
}

bool manage_find_source(struct project *project, const char *name, struct source_row *out,
                        struct error *err)
{
    if (!store_source_find(project_store(project), name, out, err))
        return false;
    if (!out->id) {
        free(out->name);
        return error_user(err, "the project has no source named '%s'", name);
    }
    return true;
}

bool manage_find_case(struct project *project, const char *name, int64_t *id, struct error *err)
{
    if (!store_case_find(project_store(project), name, id, err))
        return false;
    return *id || error_user(err, "the project has no case named '%s'", name);
}

bool manage_find_coder(struct project *project, const char *name, int64_t *id, struct error *err)
{
    if (!store_coder_find(project_store(project), name, id, err))
        return false;
    return *id || error_user(err, "the project has no coder named '%s'", name);
}

/* Applies one change as an undoable batch of coder_id's history, summarised by message. */
static bool undoable(struct project *project, int64_t coder_id, const char *message,
                     const struct change *forward, const struct change *backward, struct error *err)
{
    struct history_batch batch;
    if (!history_begin(&batch, project, coder_id, message, err))
        return false;
    if (!history_change(&batch, forward, backward, err)) {
        history_abort(&batch);
        return false;
    }
    return history_commit(&batch, err);
}

bool manage_source_rename(struct project *project, const char *name, const char *new_name,
                          int64_t coder_id, char *message, size_t size, struct error *err)
{
    struct source_row source, taken = {0};
    if (!check_name("source", new_name, err) || !manage_find_source(project, name, &source, err))
        return false;
    free(source.name);
    if (!store_source_find(project_store(project), new_name, &taken, err))
        return false;
    free(taken.name);
    if (taken.id)
        return error_user(err, "the project already has a source named '%s'", new_name);
    snprintf(message, size, "renamed source %s to %s", name, new_name);
    struct change forward = {
        .kind = CHANGE_SOURCE_RENAME, .source_id = source.id, .text = (char *)new_name};
    struct change backward = {
        .kind = CHANGE_SOURCE_RENAME, .source_id = source.id, .text = (char *)name};
    return undoable(project, coder_id, message, &forward, &backward, err);
}

/* Sets *id to the case named `name`, adding it (in a transaction of its own) when new. */
static bool ensure_case(struct project *project, const char *name, int64_t *id, struct error *err)
{
    struct store *store = project_store(project);
    if (!store_begin(store, err))
        return false;
    if (!store_case_ensure(store, name, id, err)) {
        store_rollback(store);
        return false;
    }
    return store_commit(store, err);
}

bool manage_source_relink(struct project *project, const char *name, const char *case_name,
                          int64_t coder_id, char *message, size_t size, struct error *err)
{
    struct source_row source;
    if ((case_name && !check_name("case", case_name, err)) ||
        !manage_find_source(project, name, &source, err))
        return false;
    free(source.name);
    int64_t case_id = 0;
    if (case_name && !ensure_case(project, case_name, &case_id, err))
        return false;
    if (case_name)
        snprintf(message, size, "linked source %s to case %s", name, case_name);
    else
        snprintf(message, size, "source %s belongs to no case now", name);
    struct change forward = {
        .kind = CHANGE_SOURCE_RELINK, .source_id = source.id, .target_id = case_id};
    struct change backward = {
        .kind = CHANGE_SOURCE_RELINK, .source_id = source.id, .target_id = source.case_id};
    return undoable(project, coder_id, message, &forward, &backward, err);
}

bool manage_case_rename(struct project *project, const char *name, const char *new_name,
                        int64_t coder_id, char *message, size_t size, struct error *err)
{
    int64_t id, taken;
    if (!check_name("case", new_name, err) || !manage_find_case(project, name, &id, err) ||
        !store_case_find(project_store(project), new_name, &taken, err))
        return false;
    if (taken)
        return error_user(err, "the project already has a case named '%s'", new_name);
    snprintf(message, size, "renamed case %s to %s", name, new_name);
    struct change forward = {.kind = CHANGE_CASE_RENAME, .target_id = id, .text = (char *)new_name};
    struct change backward = {.kind = CHANGE_CASE_RENAME, .target_id = id, .text = (char *)name};
    return undoable(project, coder_id, message, &forward, &backward, err);
}

/* Fails naming an attribute the project does not have, and the ones it has. */
static bool unknown_attribute(struct project *project, const char *name, struct error *err)
{
    struct attribute_list list = {0};
    struct strbuf known = STRBUF_INIT;
    if (!store_attributes_list(project_store(project), &list, err))
        return false;
    bool ok = true;
    for (size_t i = 0; ok && i < list.count; i++)
        ok = strbuf_printf(&known, "%s%s", i ? ", " : "", list.items[i].name);
    if (!ok)
        error_internal(err, "out of memory");
    else if (list.count)
        error_user(err, "the project has no attribute named '%s'; its cases have %s", name,
                   strbuf_str(&known));
    else
        error_user(err,
                   "the project has no attribute named '%s'; its cases have none yet (margin "
                   "cases import adds them)",
                   name);
    strbuf_finish(&known);
    row_attribute_list_finish(&list);
    return false;
}

bool manage_case_set(struct project *project, const char *name, const char *attribute,
                     const char *value, int64_t coder_id, char *message, size_t size,
                     struct error *err)
{
    struct store *store = project_store(project);
    int64_t case_id, attribute_id;
    enum attribute_type type;
    if (!manage_find_case(project, name, &case_id, err) ||
        !store_attribute_find(store, attribute, &attribute_id, &type, err))
        return false;
    if (!attribute_id)
        return unknown_attribute(project, attribute, err);
    if (value && !*value)
        value = NULL;
    if (value && !row_attribute_fits(type, value))
        return error_user(err, "'%s' is not a value of the attribute '%s', whose type is %s", value,
                          attribute, row_attribute_type_name(type));
    char *old;
    if (!store_case_value_get(store, case_id, attribute_id, &old, err))
        return false;
    bool ok = true;
    if (!old && !value) {
        snprintf(message, size, "case %s has no %s; nothing changed", name, attribute);
    } else if (old && value && strcmp(old, value) == 0) {
        snprintf(message, size, "case %s's %s is %s already; nothing changed", name, attribute,
                 value);
    } else {
        if (!value)
            snprintf(message, size, "cleared case %s's %s (was %s)", name, attribute, old);
        else if (old)
            snprintf(message, size, "set case %s's %s to %s (was %s)", name, attribute, value, old);
        else
            snprintf(message, size, "set case %s's %s to %s", name, attribute, value);
        struct change forward = {.kind = CHANGE_CASE_VALUE,
                                 .target_id = case_id,
                                 .attribute_id = attribute_id,
                                 .text = (char *)value};
        struct change backward = forward;
        backward.text = old;
        ok = undoable(project, coder_id, message, &forward, &backward, err);
    }
    free(old);
    return ok;
}

bool manage_coder_rename(struct project *project, const char *name, const char *new_name,
                         int64_t coder_id, char *message, size_t size, struct error *err)
{
    int64_t id, taken;
    if (!names_check_coder(new_name, err) || !manage_find_coder(project, name, &id, err) ||
        !store_coder_find(project_store(project), new_name, &taken, err))
        return false;
    if (taken)
        return error_user(err, "the project already has a coder named '%s'", new_name);
    snprintf(message, size, "renamed coder %s to %s", name, new_name);
    struct change forward = {
        .kind = CHANGE_CODER_RENAME, .target_id = id, .text = (char *)new_name};
    struct change backward = {.kind = CHANGE_CODER_RENAME, .target_id = id, .text = (char *)name};
    return undoable(project, coder_id, message, &forward, &backward, err);
}
