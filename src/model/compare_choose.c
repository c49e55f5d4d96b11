/* Choosing what a comparison compares: its coders, sources, codes and rows, and filing the
 * coders' codings under the codes of the selection. */
#include "model/compare.h"

#include "compare_data.h"
#include "core/strbuf.h"
#include "model/project.h"
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

bool compare_file_codings(const struct codetree *tree, const struct coding_list *codings,
                          const struct source_slot *slots, size_t nslots, const size_t *compared,
                          const bool *selected, const struct compare_result *result,
                          struct filed_codings *entries, struct error *err)
{
    size_t ncodes = codetree_count(tree);
    int *row_of = malloc((ncodes ? ncodes : 1) * sizeof *row_of);
    if (!row_of)
        return error_internal(err, "out of memory");
    for (size_t at = 0; at < ncodes; at++)
        row_of[at] = selected[at] ? (int)at : -1;
    bool ok = true;
    for (size_t i = 0; ok && i < result->ncoders; i++) {
        for (size_t c = 0; ok && c < codings[i].count; c++) {
            const struct coding_row *row = &codings[i].items[c];
            const struct source_slot *slot = filing_slot(slots, nslots, row->source_id);
            int code = codetree_find_id(tree, row->code_id);
            if (!slot || compared[slot->index] == SIZE_MAX || code < 0)
                continue;
            ok =
                filing_add(entries, tree, row_of, code, compared[slot->index], i,
                           (struct span){row->start, row->end}, result->mode == COMPARE_SEGMENTS) ||
                error_internal(err, "out of memory");
        }
    }
    free(row_of);
    filing_sort(entries);
    return ok;
}

void compare_count_coded_sources(const struct coding_list *codings, size_t ncoders,
                                 const struct source_slot *slots, size_t nslots, size_t *coded_in)
{
    for (size_t i = 0; i < ncoders; i++) {
        for (size_t c = 0; c < codings[i].count; c++) {
            const struct source_slot *slot =
                filing_slot(slots, nslots, codings[i].items[c].source_id);
            if (slot)
                coded_in[slot->index * ncoders + i]++;
        }
    }
}

void compare_mark_direct(const struct codetree *tree, const struct coding_list *codings,
                         size_t ncoders, const struct source_slot *slots, size_t nslots,
                         const size_t *coded_in, const bool *selected, bool *direct)
{
    for (size_t i = 0; i < ncoders; i++) {
        for (size_t c = 0; c < codings[i].count; c++) {
            const struct coding_row *row = &codings[i].items[c];
            const struct source_slot *slot = filing_slot(slots, nslots, row->source_id);
            int code = codetree_find_id(tree, row->code_id);
            if (!slot || code < 0 || !selected[code])
                continue;
            bool everyone = true;
            for (size_t j = 0; j < ncoders; j++)
                everyone &= coded_in[slot->index * ncoders + j] > 0;
            direct[code] |= everyone;
        }
    }
}

bool compare_choose_rows(const struct codetree *tree, const struct filed_codings *entries,
                         const bool *selected, const bool *named, bool every_cell,
                         struct compare_result *result, int *row_of, struct error *err)
{
    size_t n = codetree_count(tree);
    bool *used = calloc(n ? n : 1, sizeof *used);
    if (!used)
        return error_internal(err, "out of memory");
    for (size_t e = 0; e < entries->count; e++)
        used[entries->items[e].row] = true;
    size_t rows = 0;
    for (size_t i = 0; i < n; i++) {
        bool codable = codetree_get(tree, i)->codable || result->mode == COMPARE_CHARACTERS;
        bool wanted = (named[i] || (every_cell && selected[i])) && codable;
        row_of[i] = used[i] || wanted ? (int)rows++ : -1;
    }
    result->codes = calloc(rows ? rows : 1, sizeof *result->codes);
    if (!result->codes) {
        free(used);
        return error_internal(err, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        if (row_of[i] < 0)
            continue;
        struct compare_code *code = &result->codes[result->ncodes++];
        code->used = used[i];
        result->categories += used[i];
        codetree_number_text(tree, (int)i, code->number);
        code->id = codetree_get(tree, i)->id;
        code->name = strdup(codetree_get(tree, i)->name);
        if (!code->name || !compare_counts_init(&code->pooled, result->ncoders, result->npairs)) {
            free(used);
            return error_internal(err, "out of memory");
        }
    }
    free(used);
    return true;
}
