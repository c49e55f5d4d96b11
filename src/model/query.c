#include "model/query.h"

#include "core/list.h"
#include "core/motion.h"
#include "core/query.h"
#include "core/text.h"
#include "model/history.h"
#include "store/codings.h"
#include "store/sources.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Everything the evaluation of one source needs. */
struct source_scope {
    struct project *project;
    const struct codetree *codes;
    int64_t source_id;
    const struct coding_row *codings; /* this source's, of the chosen coders */
    size_t ncodings;
    struct text *text;      /* loaded when a text() needs it */
    struct turn_list turns; /* loaded when a near(N turns) needs them */
    bool turns_loaded;
};

/* Finds each code the query names; "column N: ..." for one the codebook lacks. */
static bool resolve_codes(struct query_node *node, const struct codetree *codes, struct error *err)
{
    if (node->kind == QUERY_CODE) {
        node->target = codetree_resolve(codes, node->code, err);
        if (node->target < 0)
            return error_prefix(err, "column %zu: ", node->column);
        return true;
    }
    for (size_t i = 0; i < node->nchildren; i++) {
        if (!resolve_codes(node->children[i], codes, err))
            return false;
    }
    return true;
}

/* Marks in wanted[] (one flag per code of the codebook) the codes whose codings the query reads:
 * each code it names, and its sub-codes where it says "*". */
static void mark_codes(const struct query_node *node, const struct codetree *codes, bool *wanted)
{
    if (node->kind == QUERY_CODE) {
        int last =
            node->subcodes ? codetree_get(codes, (size_t)node->target)->end : node->target + 1;
        for (int k = node->target; k < last; k++)
            wanted[k] = true;
    }
    for (size_t i = 0; i < node->nchildren; i++)
        mark_codes(node->children[i], codes, wanted);
}

static int fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Every occurrence of the phrase, ASCII letters in any case. */
static bool find_phrase(struct source_scope *scope, const char *phrase, struct span_set *out,
                        struct error *err)
{
    if (!scope->text && !(scope->text = project_source_text(scope->project, scope->source_id, err)))
        return false;
    const char *data = text_data(scope->text);
    size_t n = text_size(scope->text), m = strlen(phrase);
    for (size_t i = 0; m && i + m <= n; i++) {
        size_t k = 0;
        while (k < m && fold((unsigned char)data[i + k]) == fold((unsigned char)phrase[k]))
            k++;
        if (k < m)
            continue;
        struct span hit = {(int64_t)text_offset(scope->text, i),
                           (int64_t)text_offset(scope->text, i + m)};
        if (i + m == n)
            hit.end = (int64_t)text_length(scope->text);
        if (!query_set_add(out, hit))
            return error_internal(err, "out of memory");
        i += m - 1;
    }
    return true;
}

static long turn_of(void *context, int64_t offset)
{
    return motion_turn_at(context, offset);
}

static bool evaluate(struct source_scope *scope, const struct query_node *node,
                     struct span_set *out, struct error *err)
{
    bool ok = true;
    switch (node->kind) {
    case QUERY_CODE:
        for (size_t i = 0; ok && i < scope->ncodings; i++) {
            const struct coding_row *c = &scope->codings[i];
            int at = codetree_find_id(scope->codes, c->code_id);
            if (at == node->target ||
                (node->subcodes && at >= 0 && codetree_within(scope->codes, at, node->target)))
                ok = query_set_add(out, (struct span){c->start, c->end}) ||
                     error_internal(err, "out of memory");
        }
        break;
    case QUERY_TEXT:
        ok = find_phrase(scope, node->phrase, out, err);
        break;
    case QUERY_ANY:
        for (size_t i = 0; ok && i < node->nchildren; i++) {
            struct span_set part = {0};
            ok = evaluate(scope, node->children[i], &part, err);
            for (size_t k = 0; ok && k < part.count; k++)
                ok = query_set_add(out, part.items[k]) || error_internal(err, "out of memory");
            query_set_finish(&part);
        }
        break;
    case QUERY_AND:
    case QUERY_NOT:
    case QUERY_NEAR: {
        struct span_set a = {0}, b = {0};
        ok = evaluate(scope, node->children[0], &a, err) &&
             evaluate(scope, node->children[1], &b, err);
        if (ok && node->kind == QUERY_NEAR && node->turns && !scope->turns_loaded) {
            ok = store_source_turns(project_store(scope->project), scope->source_id, &scope->turns,
                                    err);
            scope->turns_loaded = ok;
        }
        if (ok) {
            bool fits = node->kind == QUERY_AND   ? query_set_and(&a, &b, out)
                        : node->kind == QUERY_NOT ? query_set_not(&a, &b, out)
                        : node->turns ? query_set_near_turns(&a, &b, node->distance, turn_of,
                                                             &scope->turns, out)
                                      : query_set_near(&a, &b, node->distance, out);
            ok = fits || error_internal(err, "out of memory");
        }
        query_set_finish(&a);
        query_set_finish(&b);
        break;
    }
    }
    if (ok)
        query_set_normalise(out);
    return ok;
}

static bool coder_wanted(const int64_t *ids, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++) {
        if (ids[i] == id)
            return true;
    }
    return n == 0;
}

/* Evaluates the query over one source and adds its hits to the set. */
static bool run_source(struct segment_set *set, struct source_scope *scope,
                       const struct query_node *query, struct error *err)
{
    struct span_set hits = {0};
    bool ok = evaluate(scope, query, &hits, err);
    for (size_t i = 0; ok && i < hits.count; i++) {
        struct coding_row row = {
            .source_id = scope->source_id, .start = hits.items[i].start, .end = hits.items[i].end};
        ok = segment_set_add(set, &row, -1, err);
    }
    query_set_finish(&hits);
    text_destroy(scope->text);
    scope->text = NULL;
    row_turn_list_finish(&scope->turns);
    scope->turns_loaded = false;
    return ok;
}

static int compare_sources(const void *pa, const void *pb)
{
    const struct coding_row *a = pa, *b = pb;
    if (a->source_id != b->source_id)
        return a->source_id < b->source_id ? -1 : 1;
    return (a->start > b->start) - (a->start < b->start);
}

/* The index of the first coding of the source in codings ordered by source, or the count. */
static size_t first_of_source(const struct coding_list *codings, int64_t source_id)
{
    size_t lo = 0, hi = codings->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (codings->items[mid].source_id < source_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

struct segment_set *query_run(struct project *project, const struct query_request *request,
                              struct error *err)
{
    struct query_node *query = query_parse(request->query, err);
    struct segment_set *set = NULL;
    struct source_list sources = {0};
    struct coding_list all = {0}, mine = {0};
    int64_t *coders = calloc(request->ncoders + 1, sizeof *coders);
    bool *wanted = NULL;
    bool ok = false;
    if (!coders) {
        error_internal(err, "out of memory");
        goto cleanup;
    }
    if (!query || !resolve_codes(query, project_codes(project), err))
        goto cleanup;
    for (size_t i = 0; i < request->ncoders; i++) {
        if (!project_coder(project, request->coders[i], false, &coders[i], err))
            goto cleanup;
        if (!coders[i]) {
            error_user(err, "there is no coder named '%s'", request->coders[i]);
            goto cleanup;
        }
    }
    set = segment_set_create(project, err);
    if (!set || !casebook_select(segment_set_casebook(set), request->cases, request->ncases,
                                 request->where, err))
        goto cleanup;
    /* Only the codings of the codes the query names are read, code by code through the store's
     * index on codes, so that the cost follows what the query asks about. */
    const struct codetree *codes = project_codes(project);
    wanted = calloc(codetree_count(codes) + 1, sizeof *wanted);
    if (!wanted) {
        error_internal(err, "out of memory");
        goto cleanup;
    }
    mark_codes(query, codes, wanted);
    if (!store_sources_list(project_store(project), &sources, err))
        goto cleanup;
    for (size_t k = 0; k < codetree_count(codes); k++) {
        struct coding_filter filter = {.code_id = codetree_get(codes, k)->id,
                                       .coder_id = request->ncoders == 1 ? coders[0] : 0};
        if (wanted[k] && !store_codings_list(project_store(project), &filter, &all, err))
            goto cleanup;
    }
    for (size_t i = 0; i < all.count; i++) {
        if (coder_wanted(coders, request->ncoders, all.items[i].coder_id) &&
            !LIST_PUSH(&mine, all.items[i])) {
            error_internal(err, "out of memory");
            goto cleanup;
        }
    }
    if (mine.count) /* qsort takes no NULL array, even an empty one */
        qsort(mine.items, mine.count, sizeof *mine.items, compare_sources);
    const struct casebook *book = segment_set_casebook(set);
    size_t at = 0;
    for (size_t s = 0; s < sources.count; s++) {
        const struct source_row *source = &sources.items[s];
        if (!casebook_selected(book, source->case_id))
            continue;
        struct source_scope scope = {
            .project = project, .codes = project_codes(project), .source_id = source->id};
        at = first_of_source(&mine, source->id);
        size_t end = at;
        while (end < mine.count && mine.items[end].source_id == source->id)
            end++;
        scope.codings = end > at ? mine.items + at : NULL;
        scope.ncodings = end - at;
        if (!run_source(set, &scope, query, err))
            goto cleanup;
    }
    segment_set_sort(set);
    ok = true;
cleanup:
    free(coders);
    free(wanted);
    free(mine.items); /* the rows' memos belong to `all` */
    row_coding_list_finish(&all);
    row_source_list_finish(&sources);
    query_destroy(query);
    if (!ok) {
        segment_set_destroy(set);
        set = NULL;
    }
    return set;
}

bool query_unit_parse(const char *name, enum query_unit *unit)
{
    static const char *const names[] = {"match", "sentence", "turn", "paragraph"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i]) == 0) {
            *unit = (enum query_unit)i;
            return true;
        }
    }
    return false;
}

/* The stretch a hit codes, widened to its unit. */
static struct span widen(struct span hit, enum query_unit unit, const struct text *text,
                         const struct turn_list *turns)
{
    struct span first = hit, last = hit;
    switch (unit) {
    case QUERY_UNIT_MATCH:
        return hit;
    case QUERY_UNIT_SENTENCE:
        first = motion_sentence_at(text, hit.start, false);
        last = motion_sentence_at(text, hit.end - 1, false);
        break;
    case QUERY_UNIT_PARAGRAPH:
        first = motion_paragraph_at(text, hit.start, false);
        last = motion_paragraph_at(text, hit.end - 1, false);
        break;
    case QUERY_UNIT_TURN:
        first = motion_turn_span(turns, hit.start, false);
        last = motion_turn_span(turns, hit.end - 1, false);
        break;
    }
    struct span wide = {first.start < hit.start ? first.start : hit.start,
                        last.end > hit.end ? last.end : hit.end};
    if (span_length(first) == 0 || span_length(last) == 0)
        return hit;
    return wide;
}

/* Codes the stretches of one source inside the caller's batch. */
static bool code_source(struct history_batch *batch, struct coding_row *row, struct span_set *spans,
                        size_t *added, size_t *present, struct error *err)
{
    query_set_normalise(spans);
    for (size_t i = 0; i < spans->count; i++) {
        struct coding_row wanted = *row;
        wanted.start = spans->items[i].start;
        wanted.end = spans->items[i].end;
        bool is_new = false;
        if (!store_coding_add(project_store(batch->project), &wanted, &is_new, err))
            return false;
        if (!is_new) {
            (*present)++;
            continue;
        }
        struct change forward = {.kind = CHANGE_CODING_INSERT, .coding = wanted};
        struct change backward = {.kind = CHANGE_CODING_DELETE, .coding = wanted};
        if (!history_record(batch, &forward, &backward, err))
            return false;
        (*added)++;
    }
    return true;
}

bool query_code_hits(struct project *project, struct segment_set *hits, const char *code,
                     const char *coder, enum query_unit unit, size_t *added, size_t *present,
                     struct error *err)
{
    *added = *present = 0;
    const struct codetree *codes = project_codes(project);
    int at = codetree_resolve(codes, code, err);
    if (at < 0)
        return false;
    char label[256];
    if (!project_code_label(project, codetree_get(codes, (size_t)at)->id, label, sizeof label, err))
        return false;
    if (!project_code_codable(project, codetree_get(codes, (size_t)at)->id))
        return error_user(err, "%s is a heading and cannot be coded", label);
    struct coding_row row = {.code_id = codetree_get(codes, (size_t)at)->id};
    if (!project_coder(project, coder, true, &row.coder_id, err))
        return false;
    size_t n = segment_set_count(hits);
    char summary[400];
    snprintf(summary, sizeof summary, "coded %zu query hit%s as %s", n, n == 1 ? "" : "s", label);
    struct history_batch batch;
    if (!history_begin(&batch, project, row.coder_id, summary, err))
        return false;
    struct text *text = NULL;
    struct turn_list turns = {0};
    struct span_set spans = {0};
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        const struct segment *s = segment_set_get(hits, i);
        if (s->source_id != row.source_id) {
            ok = !row.source_id || code_source(&batch, &row, &spans, added, present, err);
            spans.count = 0;
            text_destroy(text);
            row_turn_list_finish(&turns);
            row.source_id = s->source_id;
            text = ok ? project_source_text(project, s->source_id, err) : NULL;
            ok = text && store_source_turns(project_store(project), s->source_id, &turns, err);
        }
        struct span wide = widen((struct span){s->start, s->end}, unit, text, &turns);
        ok = ok && (query_set_add(&spans, wide) || error_internal(err, "out of memory"));
    }
    if (ok && row.source_id)
        ok = code_source(&batch, &row, &spans, added, present, err);
    text_destroy(text);
    row_turn_list_finish(&turns);
    query_set_finish(&spans);
    if (!ok || *added == 0) {
        history_abort(&batch);
        return ok;
    }
    return history_commit(&batch, err);
}
