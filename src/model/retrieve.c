#include "model/retrieve.h"

#include "store/codings.h"
#include "store/people.h"

#include <stdlib.h>
#include <string.h>

bool retrieve_select_cases(struct segment_set *set, const char *const *names, size_t nnames,
                           const char *where, struct error *err)
{
    return casebook_select(segment_set_casebook(set), names, nnames, where, err);
}

/* Sets ids (count slots) to the coders named, or to the consensus coders (*count becomes
 * their number). */
static bool wanted_coders(struct project *project, const struct retrieval_request *request,
                          int64_t **ids, size_t *count, struct error *err)
{
    *ids = NULL;
    *count = 0;
    if (request->consensus && request->ncoders)
        return error_user(err, "choose coders or the consensus, not both");
    if (request->consensus) {
        struct coder_list consensus = {0};
        if (!store_consensus_coders(project_store(project), &consensus, err))
            return false;
        if (!consensus.count) {
            row_coder_list_finish(&consensus);
            return error_user(err, "nobody has settled a disagreement yet, so there is no "
                                   "consensus coder");
        }
        *ids = calloc(consensus.count, sizeof **ids);
        for (size_t i = 0; *ids && i < consensus.count; i++)
            (*ids)[i] = consensus.items[i].id;
        *count = consensus.count;
        row_coder_list_finish(&consensus);
        return *ids || error_internal(err, "out of memory");
    }
    *ids = calloc(request->ncoders + 1, sizeof **ids);
    if (!*ids)
        return error_internal(err, "out of memory");
    for (size_t i = 0; i < request->ncoders; i++) {
        if (!project_coder(project, request->coders[i], false, &(*ids)[i], err))
            return false;
        if (!(*ids)[i])
            return error_user(err, "there is no coder named '%s'", request->coders[i]);
    }
    *count = request->ncoders;
    return true;
}

static bool contains(const int64_t *ids, size_t count, int64_t id)
{
    for (size_t i = 0; i < count; i++) {
        if (ids[i] == id)
            return true;
    }
    return count == 0;
}

struct segment_set *retrieve_segments(struct project *project,
                                      const struct retrieval_request *request, struct error *err)
{
    const struct codetree *codes = project_codes(project);
    int64_t *coders = NULL, *sources = NULL;
    size_t ncoders = 0;
    struct coding_list codings = {0};
    struct segment_set *set = NULL;
    bool ok = false;
    int code = request->code ? codetree_resolve(codes, request->code, err) : -1;
    if ((request->code && code < 0) || !wanted_coders(project, request, &coders, &ncoders, err))
        goto cleanup;
    set = segment_set_create(project, err);
    if (!set || !retrieve_select_cases(set, request->cases, request->ncases, request->where, err))
        goto cleanup;
    sources = calloc(request->nsources + 1, sizeof *sources);
    if (!sources) {
        error_internal(err, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < request->nsources; i++) {
        if (!(sources[i] = segment_set_source_id(set, request->sources[i]))) {
            error_user(err, "there is no source named '%s'", request->sources[i]);
            goto cleanup;
        }
    }
    /* A code's codings (and its sub-codes') are read code by code through the store's index on
     * codes, so that the cost follows what is retrieved, not the size of the project. */
    int first = request->code ? code : 0;
    int last = !request->code      ? 1
               : request->subcodes ? codetree_get(codes, (size_t)code)->end
                                   : code + 1;
    for (int k = first; k < last; k++) {
        struct coding_filter filter = {0};
        if (request->code)
            filter.code_id = codetree_get(codes, (size_t)k)->id;
        if (ncoders == 1)
            filter.coder_id = coders[0];
        row_coding_list_finish(&codings);
        if (!store_codings_list(project_store(project), &filter, &codings, err))
            goto cleanup;
        for (size_t i = 0; i < codings.count; i++) {
            const struct coding_row *c = &codings.items[i];
            int at = codetree_find_id(codes, c->code_id);
            if (at < 0 || (request->keep && !request->keep(request->keep_context, c)) ||
                !contains(coders, ncoders, c->coder_id) ||
                !contains(sources, request->nsources, c->source_id))
                continue;
            if (!segment_set_add(set, c, at, err))
                goto cleanup;
        }
    }
    segment_set_sort(set);
    ok = true;
cleanup:
    free(coders);
    free(sources);
    row_coding_list_finish(&codings);
    if (!ok) {
        segment_set_destroy(set);
        set = NULL;
    }
    return set;
}
