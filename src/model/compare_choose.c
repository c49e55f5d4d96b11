/* Choosing what a comparison compares (its coders, sources, codes and rows) from how many
 * codings each coder made of each code in each source, and reading one source's codings. */
#include "model/compare.h"

#include "compare_data.h"
#include "core/strbuf.h"
#include "model/project.h"
#include "store/codings.h"
#include "store/people.h"

#include <stdlib.h>
#include <string.h>

/* "A", "A and B", "A, B and C". */
static bool join_names(struct strbuf *sb, char *const *names, const bool *pick, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += pick[i];
    size_t done = 0;
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        if (!pick[i])
            continue;
        if (done > 0)
            ok &= strbuf_puts(sb, done + 1 == total ? " and " : ", ");
        ok &= strbuf_puts(sb, names[i]);
        done++;
    }
    return ok;
}

static bool add_source(struct compare_source **list, size_t *count, const struct source_row *row,
                       char *reason)
{
    struct compare_source *grown = realloc(*list, (*count + 1) * sizeof *grown);
    if (!grown)
        return false;
    *list = grown;
    char *name = strdup(row->name);
    if (!name)
        return false;
    grown[(*count)++] = (struct compare_source){name, row->length, reason};
    return true;
}

bool compare_resolve_coders(struct project *project, const struct compare_request *request,
                            struct compare_result *result, int64_t *ids, struct error *err)
{
    for (size_t i = 0; i < request->ncoders; i++) {
        const char *name = request->coders[i];
        for (size_t j = 0; j < i; j++) {
            if (strcmp(request->coders[j], name) == 0)
                return error_user(err, "the coder '%s' is named twice", name);
        }
        if (!store_coder_find(project_store(project), name, &ids[i], err))
            return false;
        if (!ids[i])
            return error_user(err, "there is no coder named '%s'", name);
        if (!(result->coders[i] = strdup(name)))
            return error_internal(err, "out of memory");
        result->ncoders = i + 1;
    }
    return true;
}

bool compare_choose_sources(const struct compare_request *request, const struct source_list *all,
                            const size_t *coded_in, struct compare_result *result, size_t *compared,
                            struct error *err)
{
    size_t m = result->ncoders;
    bool *asked = calloc(all->count ? all->count : 1, sizeof *asked);
    bool *missing = calloc(m, sizeof *missing);
    bool ok = false;
    if (!asked || !missing) {
        error_internal(err, "out of memory");
        goto cleanup;
    }
    for (size_t s = 0; s < request->nsources; s++) {
        size_t k = 0;
        while (k < all->count && strcmp(all->items[k].name, request->sources[s]) != 0)
            k++;
        if (k == all->count) {
            error_user(err, "there is no source named '%s'", request->sources[s]);
            goto cleanup;
        }
        asked[k] = true;
    }
    for (size_t k = 0; k < all->count; k++) {
        const struct source_row *row = &all->items[k];
        compared[k] = SIZE_MAX;
        struct strbuf reason = STRBUF_INIT;
        bool lacking = false;
        for (size_t i = 0; i < m; i++)
            lacking |= missing[i] = coded_in[k * m + i] == 0;
        bool listed;
        if (request->nsources > 0 && !asked[k]) {
            listed = strbuf_puts(&reason, "not asked for");
        } else if (lacking) {
            listed = join_names(&reason, result->coders, missing, m) &&
                     strbuf_puts(&reason, " coded nothing in it");
        } else {
            compared[k] = result->nsources;
            result->length += row->length;
            if (!add_source(&result->sources, &result->nsources, row, NULL)) {
                error_internal(err, "out of memory");
                goto cleanup;
            }
            continue;
        }
        char *text = listed ? strbuf_detach(&reason) : NULL;
        strbuf_finish(&reason);
        if (!text || !add_source(&result->excluded, &result->nexcluded, row, text)) {
            free(text);
            error_internal(err, "out of memory");
            goto cleanup;
        }
    }
    if (result->nsources == 0) {
        struct strbuf names = STRBUF_INIT;
        bool *everyone = missing;
        for (size_t i = 0; i < m; i++)
            everyone[i] = true;
        join_names(&names, result->coders, everyone, m);
        error_user(err, "nothing to compare: no source%s has codings by each of %s",
                   request->nsources ? " asked for" : "", strbuf_str(&names));
        strbuf_finish(&names);
        goto cleanup;
    }
    ok = true;
cleanup:
    free(asked);
    free(missing);
    return ok;
}

bool compare_choose_codes(const struct codetree *tree, const struct compare_request *request,
                          bool *selected, bool *named, struct error *err)
{
    size_t n = codetree_count(tree);
    for (size_t i = 0; i < n; i++)
        selected[i] = request->ncodes == 0;
    for (size_t c = 0; c < request->ncodes; c++) {
        int root = codetree_resolve(tree, request->codes[c], err);
        if (root < 0)
            return false;
        named[root] = true;
        for (int i = root; i < codetree_get(tree, (size_t)root)->end; i++)
            selected[i] = true;
    }
    return true;
}

static size_t coder_index(const int64_t *coder_ids, size_t ncoders, int64_t id)
{
    size_t i = 0;
    while (i < ncoders && coder_ids[i] != id)
        i++;
    return i;
}

bool compare_read_tallies(struct project *project, const int64_t *coder_ids, size_t ncoders,
                          const struct source_slot *slots, size_t nsources,
                          struct compare_tallies *out, struct error *err)
{
    const struct codetree *tree = project_codes(project);
    struct coding_tally_list all = {0};
    /* Each tally's source (SIZE_MAX when it is not kept) and coder. */
    struct {
        size_t source, coder;
    } *place = NULL;
    bool ok = store_coding_tallies(project_store(project), &all, err);
    if (ok && (!(out->first = calloc(nsources + 1, sizeof *out->first)) ||
               !(out->items = malloc((all.count ? all.count : 1) * sizeof *out->items)) ||
               !(place = malloc((all.count ? all.count : 1) * sizeof *place))))
        ok = error_internal(err, "out of memory");
    for (size_t t = 0; ok && t < all.count; t++) {
        const struct source_slot *slot = filing_slot(slots, nsources, all.items[t].source_id);
        place[t].coder = coder_index(coder_ids, ncoders, all.items[t].coder_id);
        place[t].source = slot && place[t].coder < ncoders ? slot->index : SIZE_MAX;
        if (place[t].source != SIZE_MAX)
            out->first[place[t].source + 1]++;
    }
    for (size_t k = 0; ok && k < nsources; k++)
        out->first[k + 1] += out->first[k];
    for (size_t t = 0; ok && t < all.count; t++) {
        if (place[t].source == SIZE_MAX)
            continue;
        /* first[k] walks through source k's stretch and ends where k + 1's starts. */
        out->items[out->first[place[t].source]++] = (struct compare_tally){
            codetree_find_id(tree, all.items[t].code_id),
            place[t].coder,
            (size_t)all.items[t].count,
        };
        out->count++;
    }
    for (size_t k = nsources; ok && k > 0; k--)
        out->first[k] = out->first[k - 1];
    if (ok)
        out->first[0] = 0;
    free(place);
    row_coding_tally_list_finish(&all);
    return ok;
}

void compare_tallies_finish(struct compare_tallies *tallies)
{
    free(tallies->items);
    free(tallies->first);
}

void compare_count_coded_sources(const struct compare_tallies *tallies, size_t nsources,
                                 size_t ncoders, size_t *coded_in)
{
    for (size_t k = 0; k < nsources; k++) {
        for (size_t t = tallies->first[k]; t < tallies->first[k + 1]; t++)
            coded_in[k * ncoders + tallies->items[t].coder] += tallies->items[t].count;
    }
}

void compare_mark_direct(const struct compare_tallies *tallies, size_t nsources, size_t ncoders,
                         const size_t *coded_in, const bool *selected, bool *direct)
{
    for (size_t k = 0; k < nsources; k++) {
        bool everyone = true;
        for (size_t j = 0; j < ncoders; j++)
            everyone &= coded_in[k * ncoders + j] > 0;
        for (size_t t = tallies->first[k]; everyone && t < tallies->first[k + 1]; t++) {
            int code = tallies->items[t].code;
            if (code >= 0 && selected[code])
                direct[code] = true;
        }
    }
}

void compare_mark_used(const struct codetree *tree, const struct compare_tallies *tallies,
                       size_t nsources, const size_t *compared, const bool *selected, bool own_only,
                       bool *used, bool *coded)
{
    for (size_t k = 0; k < nsources; k++) {
        if (compared[k] == SIZE_MAX)
            continue;
        for (size_t t = tallies->first[k]; t < tallies->first[k + 1]; t++) {
            int code = tallies->items[t].code;
            if (code < 0 || !selected[code])
                continue;
            coded[code] = true;
            for (int at = code; at >= 0 && selected[at];
                 at = own_only ? -1 : codetree_get(tree, (size_t)at)->parent)
                used[at] = true;
        }
    }
}

/* What store_source_coding_spans() fills a block with. */
struct block_reading {
    struct source_block *block;
    const struct codetree *tree;
    const int64_t *coder_ids;
    size_t ncoders;
    bool changed; /* a coding came that the tallies did not count */
};

static bool place_coding(void *context, const struct coding_span_row *row)
{
    struct block_reading *r = context;
    size_t coder = coder_index(r->coder_ids, r->ncoders, row->coder_id);
    int code = codetree_find_id(r->tree, row->code_id);
    if (coder == r->ncoders || code < 0)
        return true;
    size_t slot = coder * (r->block->ncodes + 1) + (size_t)code;
    if (r->block->next[slot] == r->block->at[slot + 1])
        r->changed = true;
    else
        r->block->spans[r->block->next[slot]++] = (struct span){row->start, row->end};
    return true;
}

bool compare_read_block(struct project *project, const struct compare_tallies *tallies, size_t k,
                        int64_t source_id, const int64_t *coder_ids, size_t ncoders,
                        struct source_block *block, struct error *err)
{
    size_t stride = block->ncodes + 1;
    size_t slots = ncoders * stride;
    for (size_t s = 0; s < slots; s++)
        block->at[s] = 0;
    for (size_t t = tallies->first[k]; t < tallies->first[k + 1]; t++) {
        const struct compare_tally *tally = &tallies->items[t];
        if (tally->code >= 0)
            block->at[tally->coder * stride + (size_t)tally->code] += tally->count;
    }
    size_t total = 0;
    for (size_t s = 0; s < slots; s++) {
        size_t here = block->at[s];
        block->at[s] = block->next[s] = total;
        total += here;
    }
    if (total > block->cap) {
        struct span *grown = realloc(block->spans, total * sizeof *grown);
        if (!grown)
            return error_internal(err, "out of memory");
        block->spans = grown;
        block->cap = total;
    }
    struct block_reading reading = {block, project_codes(project), coder_ids, ncoders, false};
    if (!store_source_coding_spans(project_store(project), source_id, place_coding, &reading, err))
        return false;
    for (size_t s = 0; s + 1 < slots; s++)
        reading.changed |= block->next[s] != block->at[s + 1];
    if (reading.changed)
        return error_user(err, "the codings changed while they were being compared; compare "
                               "again");
    return true;
}

void compare_block_finish(struct source_block *block)
{
    free(block->spans);
    free(block->at);
    free(block->next);
}

bool compare_choose_rows(const struct codetree *tree, const bool *used, const bool *selected,
                         const bool *named, bool every_cell, struct compare_result *result,
                         int *row_of, struct error *err)
{
    size_t n = codetree_count(tree);
    size_t rows = 0;
    for (size_t i = 0; i < n; i++) {
        bool codable = codetree_get(tree, i)->codable || result->mode == COMPARE_CHARACTERS;
        bool wanted = (named[i] || (every_cell && selected[i])) && codable;
        row_of[i] = used[i] || wanted ? (int)rows++ : -1;
    }
    result->codes = calloc(rows ? rows : 1, sizeof *result->codes);
    if (!result->codes)
        return error_internal(err, "out of memory");
    for (size_t i = 0; i < n; i++) {
        if (row_of[i] < 0)
            continue;
        struct compare_code *code = &result->codes[result->ncodes++];
        code->used = used[i];
        result->categories += used[i];
        codetree_number_text(tree, (int)i, code->number);
        code->id = codetree_get(tree, i)->id;
        code->name = strdup(codetree_get(tree, i)->name);
        if (!code->name || !compare_counts_init(&code->pooled, result->ncoders, result->npairs))
            return error_internal(err, "out of memory");
    }
    return true;
}
