#include "model/project.h"

#include "internal.h"
#include "store/codes.h"
#include "store/journal.h"
#include "store/people.h"
#include "store/sources.h"
#include "store/store.h"

#include <stdlib.h>

static struct project *project_wrap(struct store *store, struct error *err)
{
    if (!store)
        return NULL;
    struct project *project = calloc(1, sizeof *project);
    if (!project) {
        store_close(store);
        error_internal(err, "out of memory opening the project");
        return NULL;
    }
    project->store = store;
    if (!project_reload_codes(project, err)) {
        project_close(project);
        return NULL;
    }
    return project;
}

struct project *project_create(const char *path, struct error *err)
{
    return project_wrap(store_create(path, err), err);
}

struct project *project_open(const char *path, enum project_access access, struct error *err)
{
    enum store_mode mode = access == PROJECT_READ_ONLY ? STORE_READ_ONLY : STORE_READ_WRITE;
    return project_wrap(store_open(path, mode, err), err);
}

struct project *project_open_memory(struct error *err)
{
    return project_wrap(store_open_memory(err), err);
}

void project_close(struct project *project)
{
    if (!project)
        return;
    codetree_destroy(project->codes);
    store_close(project->store);
    free(project);
}

const char *project_path(const struct project *project)
{
    return store_path(project->store);
}

bool project_read_only(const struct project *project)
{
    return store_read_only(project->store);
}

struct store *project_store(struct project *project)
{
    return project->store;
}

const struct codetree *project_codes(const struct project *project)
{
    return project->codes;
}

bool project_coder(struct project *project, const char *name, bool add, int64_t *id,
                   struct error *err)
{
    if (!store_coder_find(project->store, name, id, err))
        return false;
    if (*id || !add)
        return true;
    if (!store_begin(project->store, err))
        return false;
    if (!store_coder_ensure(project->store, name, id, err) || !store_commit(project->store, err)) {
        store_rollback(project->store);
        return false;
    }
    return true;
}

bool project_code_label(const struct project *project, int64_t code_id, char *out, size_t size,
                        struct error *err)
{
    int index = codetree_find_id(project->codes, code_id);
    if (index < 0)
        return error_user(err, "the code was deleted meanwhile, by another program");
    char number[OUTLINE_TEXT_MAX];
    codetree_number_text(project->codes, index, number);
    snprintf(out, size, "%s %s", number, codetree_get(project->codes, (size_t)index)->name);
    return true;
}

bool project_code_codable(const struct project *project, int64_t code_id)
{
    int index = codetree_find_id(project->codes, code_id);
    return index >= 0 && codetree_get(project->codes, (size_t)index)->codable;
}

void project_set_program(struct project *project, const char *program)
{
    store_set_program(project->store, program);
}

bool project_setting(struct project *project, const char *key, char **value, struct error *err)
{
    return store_setting_get(project->store, key, value, err);
}

bool project_set_setting(struct project *project, const char *key, const char *value,
                         struct error *err)
{
    if (!store_begin(project->store, err))
        return false;
    if (!store_setting_set(project->store, key, value, err)) {
        store_rollback(project->store);
        return false;
    }
    return store_commit(project->store, err);
}

uint64_t project_generation(struct project *project)
{
    uint64_t commits = store_commits(project->store);
    int64_t data_version = store_data_version(project->store);
    if (commits != project->commits || data_version != project->data_version) {
        project->commits = commits;
        project->data_version = data_version;
        project->generation++;
    }
    return project->generation;
}

bool project_coders(struct project *project, struct coder_list *out, struct error *err)
{
    return store_coders_list(project->store, out, err);
}

bool project_reload_codes(struct project *project, struct error *err)
{
    struct codetree *codes = store_codes_load(project->store, err);
    if (!codes)
        return false;
    codetree_destroy(project->codes);
    project->codes = codes;
    return true;
}

/* Records a change that cannot be undone (a bulk import) in the journal. */
bool project_journal_final(struct project *project, int64_t coder_id, const char *operation,
                           const char *summary, struct error *err)
{
    int64_t batch;
    return store_journal_new_batch(project->store, &batch, err) &&
           store_journal_add(project->store, batch, coder_id, operation, summary, NULL, NULL, err);
}

struct text *project_source_text(struct project *project, int64_t source_id, struct error *err)
{
    char *bytes;
    size_t n;
    if (!store_source_text(project->store, source_id, &bytes, &n, err))
        return NULL;
    struct text *text = text_create(bytes, n);
    free(bytes);
    if (!text)
        error_internal(err, "out of memory loading a source");
    return text;
}
