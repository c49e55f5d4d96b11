#include "model/compare.h"

#include "compare_data.h"
#include "core/codetree.h"
#include "core/row.h"
#include "model/project.h"
#include "store/codings.h"
#include "store/sources.h"

#include <stdlib.h>
#include <string.h>

size_t compare_pair(size_t n, size_t i, size_t j)
{
    return i * (2 * n - i - 1) / 2 + (j - i - 1);
}

bool compare_counts_init(struct compare_counts *counts, size_t ncoders, size_t npairs)
{
    memset(counts, 0, sizeof *counts);
    counts->coded = calloc(ncoders, sizeof *counts->coded);
    counts->pairs = calloc(npairs ? npairs : 1, sizeof *counts->pairs);
    return counts->coded && counts->pairs;
}

static void counts_finish(struct compare_counts *counts)
{
    free(counts->coded);
    free(counts->pairs);
}

static void counts_add(struct compare_counts *sum, const struct compare_counts *part,
                       size_t ncoders, size_t npairs)
{
    sum->length += part->length;
    for (size_t i = 0; i < ncoders; i++)
        sum->coded[i] += part->coded[i];
    for (size_t p = 0; p < npairs; p++)
        agree_table_add(&sum->pairs[p], part->pairs[p]);
    sum->coincidence.o00 += part->coincidence.o00;
    sum->coincidence.o01 += part->coincidence.o01;
    sum->coincidence.o11 += part->coincidence.o11;
    agree_segments_add(&sum->segments, part->segments);
}

/* Adds `length` characters that no coder covered. */
static bool counts_add_uncoded(struct compare_counts *counts, int64_t length,
                               const struct compare_result *result)
{
    if (length <= 0)
        return true;
    counts->length += length;
    for (size_t p = 0; p < result->npairs; p++)
        agree_table_add(&counts->pairs[p], (struct agree_table){0, 0, 0, length});
    if (!result->alpha)
        return true;
    size_t *zero = calloc(result->ncoders, sizeof *zero);
    struct span **spans = calloc(result->ncoders, sizeof *spans);
    bool ok = zero && spans &&
              agree_coincidence_add(&counts->coincidence, spans, zero, result->ncoders, length);
    free(zero);
    free(spans);
    return ok;
}

/* Fills `counts` from each coder's spans in one source of `length` characters: spans[i] holds
 * n[i] spans of coder i (sorted in place). */
static bool count_characters(struct compare_counts *counts, struct span **spans, size_t *n,
                             int64_t length, const struct compare_result *result)
{
    size_t m = result->ncoders;
    counts->length = length;
    for (size_t i = 0; i < m; i++) {
        for (size_t j = i + 1; j < m; j++) {
            struct agree_table t = agree_table_from_spans(spans[i], n[i], spans[j], n[j], length);
            counts->pairs[compare_pair(m, i, j)] = t;
            if (i == 0) {
                counts->coded[j] = t.a + t.c;
                if (j == 1)
                    counts->coded[0] = t.a + t.b;
            }
        }
    }
    return !result->alpha || agree_coincidence_add(&counts->coincidence, spans, n, m, length);
}

/* Spans of one group of entries, gathered by coder. */
struct gathered {
    struct span *spans;
    struct span **by_coder;
    size_t *counts;
    size_t total;
};

static void gather(struct gathered *g, const struct filed_coding *from,
                   const struct filed_coding *to, size_t ncoders, bool own_only)
{
    g->total = 0;
    for (size_t i = 0; i < ncoders; i++)
        g->counts[i] = 0;
    for (const struct filed_coding *e = from; e < to; e++) {
        if (own_only && !e->own)
            continue;
        g->spans[g->total++] = e->span;
        g->counts[e->coder]++;
    }
    size_t at = 0;
    for (size_t i = 0; i < ncoders; i++) {
        g->by_coder[i] = g->spans + at;
        at += g->counts[i];
    }
}

/* Appends to a code's cells one for source k, where no coder used the code. */
static bool empty_cell(struct compare_code *code, size_t k, const struct compare_result *result)
{
    struct compare_cell *cell = &code->cells[code->ncells++];
    cell->source = k;
    if (!compare_counts_init(&cell->counts, result->ncoders, result->npairs))
        return false;
    if (result->mode == COMPARE_SEGMENTS) {
        cell->counts.length = result->sources[k].length;
        return true;
    }
    return counts_add_uncoded(&cell->counts, result->sources[k].length, result);
}

/* Counts one code's entries, source by source, into its row and the overall counts; with
 * every_cell, the sources where no coder used the code get a cell too. */
static bool count_code(struct compare_code *code, const struct filed_coding *from,
                       const struct filed_coding *to, bool every_cell, struct gathered *scratch,
                       struct compare_result *result, struct error *err)
{
    size_t m = result->ncoders;
    size_t groups = 0;
    for (const struct filed_coding *e = from; e < to; e++)
        groups += e == from || e->source != e[-1].source;
    size_t nonempty = groups;
    if (every_cell)
        groups = result->nsources;
    code->cells = calloc(groups ? groups : 1, sizeof *code->cells);
    if (!code->cells)
        return error_internal(err, "out of memory");
    struct compare_counts own;
    if (!compare_counts_init(&own, m, result->npairs)) {
        counts_finish(&own);
        return error_internal(err, "out of memory");
    }
    bool ok = false;
    int64_t seen = 0;
    int64_t own_seen = 0;
    size_t next = 0; /* the next source that may need an empty cell */
    for (const struct filed_coding *g = from; g < to;) {
        const struct filed_coding *end = g;
        bool any_own = false;
        while (end < to && end->source == g->source)
            any_own |= (end++)->own;
        while (every_cell && next < g->source) {
            if (!empty_cell(code, next++, result))
                goto oom;
        }
        next = g->source + 1;
        const struct compare_source *source = &result->sources[g->source];
        struct compare_cell *cell = &code->cells[code->ncells++];
        cell->source = g->source;
        if (!compare_counts_init(&cell->counts, m, result->npairs))
            goto oom;
        seen += source->length;
        if (result->mode == COMPARE_SEGMENTS) {
            gather(scratch, g, end, m, true);
            struct agree_segments s =
                agree_segments_match(scratch->by_coder[0], scratch->counts[0], scratch->by_coder[1],
                                     scratch->counts[1], result->threshold);
            cell->counts.length = source->length;
            cell->counts.segments = s;
            cell->counts.coded[0] = s.a_segments;
            cell->counts.coded[1] = s.b_segments;
            agree_presence_add(&result->presence, s.a_segments > 0, s.b_segments > 0);
            agree_frequency_add(&result->frequency, s.a_segments, s.b_segments);
            counts_add(&code->pooled, &cell->counts, m, result->npairs);
            counts_add(&result->overall, &cell->counts, m, result->npairs);
            g = end;
            continue;
        }
        gather(scratch, g, end, m, false);
        if (!count_characters(&cell->counts, scratch->by_coder, scratch->counts, source->length,
                              result))
            goto oom;
        counts_add(&code->pooled, &cell->counts, m, result->npairs);
        if (any_own) {
            struct compare_counts part;
            if (!compare_counts_init(&part, m, result->npairs)) {
                counts_finish(&part);
                goto oom;
            }
            gather(scratch, g, end, m, true);
            bool counted =
                count_characters(&part, scratch->by_coder, scratch->counts, source->length, result);
            if (counted)
                counts_add(&own, &part, m, result->npairs);
            counts_finish(&part);
            if (!counted)
                goto oom;
            own_seen += source->length;
        }
        g = end;
    }
    while (every_cell && next < result->nsources) {
        if (!empty_cell(code, next++, result))
            goto oom;
    }
    if (result->mode == COMPARE_SEGMENTS) {
        code->pooled.length = result->length;
        if (nonempty > 0) {
            for (size_t k = nonempty; k < result->nsources; k++)
                agree_presence_add(&result->presence, false, false);
            result->direct_codes++;
        }
        ok = true;
        goto cleanup;
    }
    if (!counts_add_uncoded(&code->pooled, result->length - seen, result))
        goto oom;
    if (own_seen > 0) {
        if (!counts_add_uncoded(&own, result->length - own_seen, result))
            goto oom;
        counts_add(&result->overall, &own, m, result->npairs);
        result->direct_codes++;
    }
    ok = true;
    goto cleanup;
oom:
    error_internal(err, "out of memory comparing codings");
cleanup:
    counts_finish(&own);
    return ok;
}

struct compare_result *compare_run(struct project *project, const struct compare_request *request,
                                   struct error *err)
{
    const struct codetree *tree = project_codes(project);
    size_t ncodes = codetree_count(tree);
    size_t m = request->ncoders;
    struct compare_result *result = calloc(1, sizeof *result);
    struct source_list all = {0};
    struct filed_codings entries = {0};
    struct source_slot *slots = NULL;
    int64_t *coder_ids = calloc(m ? m : 1, sizeof *coder_ids);
    size_t *coded_in = NULL;
    size_t *compared = NULL;
    bool *selected = calloc(ncodes ? ncodes : 1, sizeof *selected);
    bool *named = calloc(ncodes ? ncodes : 1, sizeof *named);
    int *row_of = calloc(ncodes ? ncodes : 1, sizeof *row_of);
    bool *direct = calloc(ncodes ? ncodes : 1, sizeof *direct);
    struct coding_list *codings = calloc(m ? m : 1, sizeof *codings);
    struct gathered scratch = {0};
    bool ok = false;
    if (!result || !coder_ids || !selected || !named || !row_of || !direct || !codings) {
        error_internal(err, "out of memory");
        goto cleanup;
    }
    if (m < 2) {
        error_user(err, "name at least two coders to compare");
        goto cleanup;
    }
    if (request->mode == COMPARE_SEGMENTS && m != 2) {
        error_user(err, "segment agreement compares exactly two coders, not %zu", m);
        goto cleanup;
    }
    result->mode = request->mode;
    result->threshold = request->threshold < 0     ? 0
                        : request->threshold > 100 ? 100
                                                   : request->threshold;
    result->alpha = request->mode == COMPARE_CHARACTERS && (request->alpha || m > 2);
    result->nvivo = request->mode == COMPARE_CHARACTERS && request->nvivo;
    result->npairs = m * (m - 1) / 2;
    if (!(result->coders = calloc(m, sizeof *result->coders)) ||
        !compare_counts_init(&result->overall, m, result->npairs)) {
        error_internal(err, "out of memory");
        goto cleanup;
    }
    if (!compare_resolve_coders(project, request, result, coder_ids, err) ||
        !store_sources_list(project_store(project), &all, err))
        goto cleanup;

    slots = calloc(all.count ? all.count : 1, sizeof *slots);
    coded_in = calloc(all.count ? all.count * m : 1, sizeof *coded_in);
    compared = calloc(all.count ? all.count : 1, sizeof *compared);
    if (!slots || !coded_in || !compared) {
        error_internal(err, "out of memory");
        goto cleanup;
    }
    for (size_t k = 0; k < all.count; k++)
        slots[k] = (struct source_slot){all.items[k].id, k};
    filing_sort_slots(slots, all.count);
    for (size_t i = 0; i < m; i++) {
        struct coding_filter filter = {.coder_id = coder_ids[i]};
        if (!store_codings_list(project_store(project), &filter, &codings[i], err))
            goto cleanup;
    }
    compare_count_coded_sources(codings, m, slots, all.count, coded_in);
    if (!compare_choose_sources(request, &all, coded_in, result, compared, err) ||
        !compare_choose_codes(tree, request, selected, named, err))
        goto cleanup;
    compare_mark_direct(tree, codings, m, slots, all.count, coded_in, selected, direct);
    if (!compare_file_codings(tree, codings, slots, all.count, compared, selected, result, &entries,
                              err) ||
        !compare_choose_rows(tree, &entries, selected, named, request->every_cell, result, row_of,
                             err))
        goto cleanup;

    scratch.spans = malloc((entries.count ? entries.count : 1) * sizeof *scratch.spans);
    scratch.by_coder = calloc(m, sizeof *scratch.by_coder);
    scratch.counts = calloc(m, sizeof *scratch.counts);
    if (!scratch.spans || !scratch.by_coder || !scratch.counts) {
        error_internal(err, "out of memory");
        goto cleanup;
    }
    size_t e = 0;
    for (size_t i = 0; i < ncodes; i++) {
        if (row_of[i] < 0)
            continue;
        size_t end = e;
        while (end < entries.count && entries.items[end].row == (int)i)
            end++;
        /* With no entries at all there is no array to point into (NULL + 0 is undefined). */
        const struct filed_coding *first = entries.count ? entries.items + e : NULL;
        const struct filed_coding *last = entries.count ? entries.items + end : NULL;
        if (!count_code(&result->codes[row_of[i]], first, last, request->every_cell, &scratch,
                        result, err))
            goto cleanup;
        for (size_t k = e; k < end; k++)
            direct[i] &= !entries.items[k].own; /* counted in the overall already */
        e = end;
    }
    if (result->mode == COMPARE_CHARACTERS) {
        /* Codes coded directly only in sources not compared: no coder covered any character. */
        size_t elsewhere = 0;
        for (size_t i = 0; i < ncodes; i++)
            elsewhere += direct[i];
        if (!counts_add_uncoded(&result->overall, (int64_t)elsewhere * result->length, result)) {
            error_internal(err, "out of memory");
            goto cleanup;
        }
        result->direct_codes += elsewhere;
        result->overall.length = (int64_t)result->direct_codes * result->length;
    } else {
        result->overall.length = result->length;
    }
    ok = true;
cleanup:
    free(scratch.spans);
    free(scratch.by_coder);
    free(scratch.counts);
    free(entries.items);
    free(slots);
    free(coder_ids);
    free(coded_in);
    free(compared);
    free(selected);
    free(named);
    free(row_of);
    free(direct);
    for (size_t i = 0; codings && i < m; i++)
        row_coding_list_finish(&codings[i]);
    free(codings);
    row_source_list_finish(&all);
    if (!ok) {
        compare_result_destroy(result);
        return NULL;
    }
    return result;
}

static void sources_free(struct compare_source *list, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(list[i].name);
        free(list[i].reason);
    }
    free(list);
}

void compare_result_destroy(struct compare_result *result)
{
    if (!result)
        return;
    for (size_t i = 0; i < result->ncodes; i++) {
        struct compare_code *code = &result->codes[i];
        free(code->name);
        counts_finish(&code->pooled);
        for (size_t c = 0; c < code->ncells; c++)
            counts_finish(&code->cells[c].counts);
        free(code->cells);
    }
    free(result->codes);
    for (size_t i = 0; result->coders && i < result->ncoders; i++)
        free(result->coders[i]);
    free(result->coders);
    sources_free(result->sources, result->nsources);
    sources_free(result->excluded, result->nexcluded);
    counts_finish(&result->overall);
    free(result);
}

struct agree_figure compare_headline(const struct compare_result *result,
                                     const struct compare_counts *counts)
{
    if (result->mode == COMPARE_SEGMENTS)
        return agree_tally_kappa(agree_segments_tally(counts->segments), (int64_t)result->ncodes);
    if (result->ncoders == 2)
        return agree_kappa(counts->pairs[0]);
    return agree_alpha_binary(&counts->coincidence);
}

int64_t compare_disagreement(const struct compare_result *result,
                             const struct compare_counts *counts)
{
    if (result->mode == COMPARE_SEGMENTS)
        return counts->segments.a_segments - counts->segments.a_matched +
               counts->segments.b_segments - counts->segments.b_matched;
    int64_t sum = 0;
    for (size_t p = 0; p < result->npairs; p++)
        sum += counts->pairs[p].b + counts->pairs[p].c;
    return sum;
}

/* A code and what it is ordered by. */
struct order_key {
    size_t index;
    bool defined; /* the headline figure is defined */
    double headline;
    int64_t disagreement;
};

static int by_headline(const void *x, const void *y)
{
    const struct order_key *a = x;
    const struct order_key *b = y;
    if (a->defined != b->defined)
        return a->defined ? -1 : 1;
    if (a->defined && a->headline != b->headline)
        return a->headline < b->headline ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

static int by_disagreement(const void *x, const void *y)
{
    const struct order_key *a = x;
    const struct order_key *b = y;
    if (a->disagreement != b->disagreement)
        return a->disagreement > b->disagreement ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

bool compare_order_codes(const struct compare_result *result, enum compare_order order,
                         size_t *rows)
{
    struct order_key *keys = malloc((result->ncodes ? result->ncodes : 1) * sizeof *keys);
    if (!keys)
        return false;
    for (size_t i = 0; i < result->ncodes; i++) {
        const struct compare_counts *counts = &result->codes[i].pooled;
        struct agree_figure f = compare_headline(result, counts);
        keys[i] = (struct order_key){i, f.status == AGREE_DEFINED, f.value,
                                     compare_disagreement(result, counts)};
    }
    if (order == COMPARE_BY_HEADLINE)
        qsort(keys, result->ncodes, sizeof *keys, by_headline);
    else if (order == COMPARE_BY_DISAGREEMENT)
        qsort(keys, result->ncodes, sizeof *keys, by_disagreement);
    for (size_t i = 0; i < result->ncodes; i++)
        rows[i] = keys[i].index;
    free(keys);
    return true;
}
