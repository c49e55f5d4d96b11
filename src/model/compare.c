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

/* Appends to a code's cells one for source k, with room for every compared source. */
static struct compare_cell *add_cell(struct compare_code *code, size_t k,
                                     const struct compare_result *result)
{
    if (!code->cells && !(code->cells = calloc(result->nsources, sizeof *code->cells)))
        return NULL;
    struct compare_cell *cell = &code->cells[code->ncells++];
    cell->source = k;
    return compare_counts_init(&cell->counts, result->ncoders, result->npairs) ? cell : NULL;
}

/* Appends to a code's cells one for source k, where no coder used the code. */
static bool empty_cell(struct compare_code *code, size_t k, const struct compare_result *result)
{
    struct compare_cell *cell = add_cell(code, k, result);
    if (!cell)
        return false;
    if (result->mode == COMPARE_SEGMENTS) {
        cell->counts.length = result->sources[k].length;
        return true;
    }
    return counts_add_uncoded(&cell->counts, result->sources[k].length, result);
}

/* What a row gathers over the sources before its pooled and overall counts are finished. */
struct row_sum {
    struct compare_counts own; /* characters: its own codings, not its descendants' */
    int64_t seen;              /* characters of the sources with a cell */
    int64_t own_seen;          /* characters of the sources where a coder coded it itself */
    size_t nonempty;           /* sources where a coder used it */
};

/* Where coder i's codings of the code at index `code` and its descendants lie in a block:
 * from[i], n[i] of them, the first own[i] of the code itself. */
struct stretch {
    struct span **from;
    size_t *n;
    size_t *own;
};

static void find_stretch(const struct source_block *block, const struct codetree *tree, int code,
                         size_t ncoders, struct stretch *s)
{
    size_t stride = block->ncodes + 1;
    size_t end = (size_t)codetree_get(tree, (size_t)code)->end;
    for (size_t i = 0; i < ncoders; i++) {
        const size_t *at = block->at + i * stride;
        s->from[i] = block->spans + at[code];
        s->own[i] = at[code + 1] - at[code];
        s->n[i] = at[end] - at[code];
    }
}

/* Counts one code's cell in the k-th compared source, of `length` characters, over characters:
 * its own codings first, into the row's own counts, then with its descendants'. Both sort the
 * stretch in place, so the descendants' cells must be counted before. */
static bool count_characters_cell(struct compare_code *code, struct row_sum *sum,
                                  const struct stretch *s, size_t k, int64_t length,
                                  bool every_cell, struct compare_result *result)
{
    size_t m = result->ncoders;
    size_t any = 0;
    size_t any_own = 0;
    for (size_t i = 0; i < m; i++) {
        any += s->n[i];
        any_own += s->own[i];
    }
    if (any == 0)
        return !every_cell || empty_cell(code, k, result);
    struct compare_cell *cell = add_cell(code, k, result);
    if (!cell)
        return false;
    sum->seen += length;
    if (any_own > 0) {
        struct compare_counts part;
        bool counted = compare_counts_init(&part, m, result->npairs) &&
                       count_characters(&part, s->from, s->own, length, result);
        if (counted)
            counts_add(&sum->own, &part, m, result->npairs);
        counts_finish(&part);
        if (!counted)
            return false;
        sum->own_seen += length;
    }
    if (!count_characters(&cell->counts, s->from, s->n, length, result))
        return false;
    counts_add(&code->pooled, &cell->counts, m, result->npairs);
    return true;
}

/* Counts one code's cell in the k-th compared source over the two coders' own segments. */
static bool count_segments_cell(struct compare_code *code, struct row_sum *sum,
                                const struct stretch *s, size_t k, int64_t length, bool every_cell,
                                struct compare_result *result)
{
    if (s->own[0] + s->own[1] == 0)
        return !every_cell || empty_cell(code, k, result);
    struct compare_cell *cell = add_cell(code, k, result);
    if (!cell)
        return false;
    struct agree_segments seg =
        agree_segments_match(s->from[0], s->own[0], s->from[1], s->own[1], result->threshold);
    cell->counts.length = length;
    cell->counts.segments = seg;
    cell->counts.coded[0] = seg.a_segments;
    cell->counts.coded[1] = seg.b_segments;
    agree_presence_add(&result->presence, seg.a_segments > 0, seg.b_segments > 0);
    agree_frequency_add(&result->frequency, seg.a_segments, seg.b_segments);
    counts_add(&code->pooled, &cell->counts, result->ncoders, result->npairs);
    counts_add(&result->overall, &cell->counts, result->ncoders, result->npairs);
    sum->nonempty++;
    return true;
}

/* Counts the cells of every row in the k-th compared source, whose codings block holds: the
 * rows in reverse outline order, so that a code's descendants come before it. */
static bool count_source(const struct codetree *tree, const struct source_block *block,
                         const int *row_of, size_t k, bool every_cell, struct row_sum *sums,
                         struct stretch *s, struct compare_result *result)
{
    int64_t length = result->sources[k].length;
    for (size_t c = block->ncodes; c-- > 0;) {
        if (row_of[c] < 0)
            continue;
        struct compare_code *code = &result->codes[row_of[c]];
        find_stretch(block, tree, (int)c, result->ncoders, s);
        bool ok =
            result->mode == COMPARE_SEGMENTS
                ? count_segments_cell(code, &sums[row_of[c]], s, k, length, every_cell, result)
                : count_characters_cell(code, &sums[row_of[c]], s, k, length, every_cell, result);
        if (!ok)
            return false;
    }
    return true;
}

/* Finishes a row once every source is counted: the characters of the sources without a cell
 * join its pooled counts (none covered), and its own counts join the overall ones. */
static bool finish_row(struct compare_code *code, struct row_sum *sum,
                       struct compare_result *result)
{
    if (result->mode == COMPARE_SEGMENTS) {
        code->pooled.length = result->length;
        if (sum->nonempty > 0) {
            for (size_t k = sum->nonempty; k < result->nsources; k++)
                agree_presence_add(&result->presence, false, false);
            result->direct_codes++;
        }
        return true;
    }
    if (!counts_add_uncoded(&code->pooled, result->length - sum->seen, result))
        return false;
    if (sum->own_seen > 0) {
        if (!counts_add_uncoded(&sum->own, result->length - sum->own_seen, result))
            return false;
        counts_add(&result->overall, &sum->own, result->ncoders, result->npairs);
        result->direct_codes++;
    }
    return true;
}

/* Reads the compared sources one at a time and counts every row's cells in each, then
 * finishes the rows. */
static bool count_rows(struct project *project, const struct source_list *all,
                       const size_t *compared, const struct compare_tallies *tallies,
                       const int64_t *coder_ids, const int *row_of, bool every_cell,
                       struct compare_result *result, struct error *err)
{
    const struct codetree *tree = project_codes(project);
    size_t m = result->ncoders;
    size_t ncodes = codetree_count(tree);
    struct source_block block = {.ncodes = ncodes};
    struct row_sum *sums = calloc(result->ncodes ? result->ncodes : 1, sizeof *sums);
    struct stretch s = {calloc(m, sizeof *s.from), calloc(m, sizeof *s.n),
                        calloc(m, sizeof *s.own)};
    block.at = calloc(m * (ncodes + 1), sizeof *block.at);
    block.next = calloc(m * (ncodes + 1), sizeof *block.next);
    bool ok = sums && s.from && s.n && s.own && block.at && block.next;
    for (size_t r = 0; ok && r < result->ncodes; r++)
        ok = compare_counts_init(&sums[r].own, m, result->npairs);
    if (!ok)
        error_internal(err, "out of memory comparing codings");
    for (size_t k = 0; ok && k < all->count; k++) {
        if (compared[k] == SIZE_MAX)
            continue;
        ok = compare_read_block(project, tallies, k, all->items[k].id, coder_ids, m, &block, err) &&
             (count_source(tree, &block, row_of, compared[k], every_cell, sums, &s, result) ||
              error_internal(err, "out of memory comparing codings"));
    }
    for (size_t r = 0; ok && r < result->ncodes; r++)
        ok = finish_row(&result->codes[r], &sums[r], result) ||
             error_internal(err, "out of memory comparing codings");
    for (size_t r = 0; sums && r < result->ncodes; r++)
        counts_finish(&sums[r].own);
    free(sums);
    free(s.from);
    free(s.n);
    free(s.own);
    compare_block_finish(&block);
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
    struct compare_tallies tallies = {0};
    struct source_slot *slots = NULL;
    int64_t *coder_ids = calloc(m ? m : 1, sizeof *coder_ids);
    size_t *coded_in = NULL;
    size_t *compared = NULL;
    bool *selected = calloc(ncodes ? ncodes : 1, sizeof *selected);
    bool *named = calloc(ncodes ? ncodes : 1, sizeof *named);
    int *row_of = calloc(ncodes ? ncodes : 1, sizeof *row_of);
    bool *direct = calloc(ncodes ? ncodes : 1, sizeof *direct);
    bool *used = calloc(ncodes ? ncodes : 1, sizeof *used);
    bool *coded = calloc(ncodes ? ncodes : 1, sizeof *coded);
    bool ok = false;
    if (!result || !coder_ids || !selected || !named || !row_of || !direct || !used || !coded) {
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
    if (!compare_read_tallies(project, coder_ids, m, slots, all.count, &tallies, err))
        goto cleanup;
    compare_count_coded_sources(&tallies, all.count, m, coded_in);
    if (!compare_choose_sources(request, &all, coded_in, result, compared, err) ||
        !compare_choose_codes(tree, request, selected, named, err))
        goto cleanup;
    compare_mark_direct(&tallies, all.count, m, coded_in, selected, direct);
    compare_mark_used(tree, &tallies, all.count, compared, selected,
                      result->mode == COMPARE_SEGMENTS, used, coded);
    if (!compare_choose_rows(tree, used, selected, named, request->every_cell, result, row_of,
                             err) ||
        !count_rows(project, &all, compared, &tallies, coder_ids, row_of, request->every_cell,
                    result, err))
        goto cleanup;
    if (result->mode == COMPARE_CHARACTERS) {
        /* Codes coded directly only in sources not compared: no coder covered any character. */
        size_t elsewhere = 0;
        for (size_t i = 0; i < ncodes; i++)
            elsewhere += direct[i] && !coded[i];
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
    compare_tallies_finish(&tallies);
    free(slots);
    free(coder_ids);
    free(coded_in);
    free(compared);
    free(selected);
    free(named);
    free(row_of);
    free(direct);
    free(used);
    free(coded);
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
