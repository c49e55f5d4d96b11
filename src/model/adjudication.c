/* Settling two coders' disagreements (model/adjudication.h). One unit: opening, reloading,
 * tallying every code and settling all work on one struct adjudication and its gathering of
 * stretches and decisions. */
#include "model/adjudication.h"

#include "core/list.h"
#include "model/history.h"
#include "store/codings.h"
#include "store/decisions.h"
#include "store/people.h"
#include "store/sources.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct stretch_list {
    struct stretch *items;
    size_t count, cap;
};

struct adjudication {
    struct project *project;
    int64_t code_id;
    int64_t first_id;
    int64_t second_id;
    int64_t consensus_id;
    struct stretch_list stretches; /* every stretch, agreed ones too */
    size_t *disagreements;         /* indexes into stretches */
    size_t ndisagreements;
    size_t settled;
    size_t agreed;
};

static void clear(struct adjudication *a)
{
    for (size_t i = 0; i < a->stretches.count; i++) {
        free(a->stretches.items[i].first);
        free(a->stretches.items[i].second);
    }
    free(a->stretches.items);
    memset(&a->stretches, 0, sizeof a->stretches);
    free(a->disagreements);
    a->disagreements = NULL;
    a->ndisagreements = 0;
    a->settled = 0;
    a->agreed = 0;
}

void adjudication_destroy(struct adjudication *adjudication)
{
    if (!adjudication)
        return;
    clear(adjudication);
    free(adjudication);
}

/* A span tagged with its source's place in name order and the coder it came from. */
struct tagged {
    size_t source; /* index into the sources, which are ordered by name */
    struct span span;
    bool second;
};

static int compare_tagged(const void *x, const void *y)
{
    const struct tagged *a = x, *b = y;
    if (a->source != b->source)
        return (a->source > b->source) - (a->source < b->source);
    return span_compare(&a->span, &b->span);
}

static bool same_spans(const struct stretch *s)
{
    if (s->nfirst != s->nsecond)
        return false;
    for (size_t i = 0; i < s->nfirst; i++) {
        if (s->first[i].start != s->second[i].start || s->first[i].end != s->second[i].end)
            return false;
    }
    return true;
}

/* Cuts tagged spans (sorted) into stretches: runs where the spans overlap or touch, within one
 * source. */
static bool add_stretches(struct adjudication *a, const struct source_list *sources,
                          const struct tagged *spans, size_t n, struct error *err)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i + 1;
        int64_t end = spans[i].span.end;
        while (j < n && spans[j].source == spans[i].source && spans[j].span.start <= end) {
            if (spans[j].span.end > end)
                end = spans[j].span.end;
            j++;
        }
        struct stretch s = {.source_id = sources->items[spans[i].source].id,
                            .start = spans[i].span.start,
                            .end = end};
        s.first = malloc((j - i) * sizeof *s.first);
        s.second = malloc((j - i) * sizeof *s.second);
        if (!s.first || !s.second) {
            free(s.first);
            free(s.second);
            return error_internal(err, "out of memory");
        }
        for (size_t k = i; k < j; k++) {
            if (spans[k].second)
                s.second[s.nsecond++] = spans[k].span;
            else
                s.first[s.nfirst++] = spans[k].span;
        }
        s.nfirst = span_union(s.first, s.nfirst);
        s.nsecond = span_union(s.second, s.nsecond);
        s.agreed = same_spans(&s);
        if (!LIST_PUSH(&a->stretches, s)) {
            free(s.first);
            free(s.second);
            return error_internal(err, "out of memory");
        }
        i = j;
    }
    return true;
}

/* A source's id and its index in the list of sources (which is ordered by name). */
struct source_rank {
    int64_t id;
    size_t index;
};

static int by_id(const void *x, const void *y)
{
    int64_t a = ((const struct source_rank *)x)->id, b = ((const struct source_rank *)y)->id;
    return (a > b) - (a < b);
}

/* The sources ordered by id, for source_index(); NULL when memory runs out. */
static struct source_rank *rank_sources(const struct source_list *sources)
{
    struct source_rank *rank = malloc((sources->count ? sources->count : 1) * sizeof *rank);
    if (!rank)
        return NULL;
    for (size_t i = 0; i < sources->count; i++)
        rank[i] = (struct source_rank){sources->items[i].id, i};
    qsort(rank, sources->count, sizeof *rank, by_id);
    return rank;
}

/* The index in the list of the source with `id`, by binary search; -1 when there is none. */
static long source_index(const struct source_rank *rank, size_t count, int64_t id)
{
    struct source_rank key = {id, 0};
    const struct source_rank *found = bsearch(&key, rank, count, sizeof *rank, by_id);
    return found ? (long)found->index : -1;
}

static int compare_decision(const void *x, const void *y)
{
    const struct decision_row *a = x, *b = y;
    if (a->source_id != b->source_id)
        return (a->source_id > b->source_id) - (a->source_id < b->source_id);
    if (a->start != b->start)
        return (a->start > b->start) - (a->start < b->start);
    return (a->end > b->end) - (a->end < b->end);
}

/* Gathers one code's stretches: from the two coders' codings of it (first[0..nfirst) and
 * second[0..nsecond), any order) and the consensus coder's decisions about it (sorted as
 * compare_decision sorts). Costs O(n log n) in the codings and decisions. */
static bool gather(struct adjudication *a, const struct source_list *sources,
                   const struct source_rank *rank, const struct coding_row *first, size_t nfirst,
                   const struct coding_row *second, size_t nsecond,
                   const struct decision_row *decisions, size_t ndecisions, struct error *err)
{
    clear(a);
    struct tagged *spans = malloc((nfirst + nsecond + 1) * sizeof *spans);
    if (!spans)
        return error_internal(err, "out of memory");
    size_t n = 0;
    for (size_t i = 0; i < nfirst + nsecond; i++) {
        const struct coding_row *row = i < nfirst ? &first[i] : &second[i - nfirst];
        long source = source_index(rank, sources->count, row->source_id);
        if (source >= 0)
            spans[n++] = (struct tagged){(size_t)source, {row->start, row->end}, i >= nfirst};
    }
    qsort(spans, n, sizeof *spans, compare_tagged);
    bool ok = add_stretches(a, sources, spans, n, err);
    free(spans);
    if (!ok)
        return false;
    a->disagreements = malloc((a->stretches.count + 1) * sizeof *a->disagreements);
    if (!a->disagreements)
        return error_internal(err, "out of memory");
    for (size_t i = 0; i < a->stretches.count; i++) {
        struct stretch *s = &a->stretches.items[i];
        struct decision_row key = {.source_id = s->source_id, .start = s->start, .end = s->end};
        const struct decision_row *d =
            ndecisions ? bsearch(&key, decisions, ndecisions, sizeof *decisions, compare_decision)
                       : NULL;
        if (d) {
            s->settled = true;
            s->choice = d->choice;
            s->decision_id = d->id;
        }
        if (s->agreed) {
            a->agreed++;
        } else {
            a->disagreements[a->ndisagreements++] = i;
            a->settled += s->settled;
        }
    }
    return true;
}

bool adjudication_reload(struct adjudication *a, struct error *err)
{
    struct store *store = project_store(a->project);
    struct source_list sources = {0};
    struct coding_list first = {0}, second = {0};
    struct decision_list decisions = {0};
    struct source_rank *rank = NULL;
    bool ok = false;
    struct coding_filter by_first = {.code_id = a->code_id, .coder_id = a->first_id};
    struct coding_filter by_second = {.code_id = a->code_id, .coder_id = a->second_id};
    if (!store_sources_list(store, &sources, err) ||
        !store_codings_list(store, &by_first, &first, err) ||
        !store_codings_list(store, &by_second, &second, err) ||
        !store_decisions_list(store, a->code_id, a->consensus_id, a->first_id, a->second_id,
                              &decisions, err))
        goto cleanup;
    if (!(rank = rank_sources(&sources))) {
        error_internal(err, "out of memory");
        goto cleanup;
    }
    if (decisions.count)
        qsort(decisions.items, decisions.count, sizeof *decisions.items, compare_decision);
    ok = gather(a, &sources, rank, first.items, first.count, second.items, second.count,
                decisions.items, decisions.count, err);
cleanup:
    free(rank);
    row_source_list_finish(&sources);
    row_coding_list_finish(&first);
    row_coding_list_finish(&second);
    decision_list_finish(&decisions);
    return ok;
}

static int by_code(const void *x, const void *y)
{
    int64_t a = ((const struct coding_row *)x)->code_id;
    int64_t b = ((const struct coding_row *)y)->code_id;
    return (a > b) - (a < b);
}

static int decision_by_code(const void *x, const void *y)
{
    const struct decision_row *a = x, *b = y;
    if (a->code_id != b->code_id)
        return (a->code_id > b->code_id) - (a->code_id < b->code_id);
    return compare_decision(x, y);
}

/* The end of the run of codings at `code_id` that starts at `from`, in a list sorted by code. */
static size_t codings_end(const struct coding_list *list, size_t from, int64_t code_id)
{
    while (from < list->count && list->items[from].code_id == code_id)
        from++;
    return from;
}

static size_t decisions_end(const struct decision_list *list, size_t from, int64_t code_id)
{
    while (from < list->count && list->items[from].code_id == code_id)
        from++;
    return from;
}

bool adjudication_tally(struct project *project, int64_t first_id, int64_t second_id,
                        int64_t consensus_id, struct adjudication_count **out, size_t *count,
                        struct error *err)
{
    struct store *store = project_store(project);
    struct source_list sources = {0};
    struct coding_list first = {0}, second = {0};
    struct decision_list decisions = {0};
    struct adjudication scratch = {0};
    struct source_rank *rank = NULL;
    bool ok = false;
    *out = NULL;
    *count = 0;
    struct coding_filter by_first = {.coder_id = first_id};
    struct coding_filter by_second = {.coder_id = second_id};
    if (!store_sources_list(store, &sources, err) ||
        !store_codings_list(store, &by_first, &first, err) ||
        !store_codings_list(store, &by_second, &second, err) ||
        !store_decisions_list(store, 0, consensus_id, first_id, second_id, &decisions, err))
        goto cleanup;
    if (!(rank = rank_sources(&sources)) ||
        !(*out = malloc((first.count + second.count + 1) * sizeof **out))) {
        error_internal(err, "out of memory");
        goto cleanup;
    }
    if (first.count)
        qsort(first.items, first.count, sizeof *first.items, by_code);
    if (second.count)
        qsort(second.items, second.count, sizeof *second.items, by_code);
    if (decisions.count)
        qsort(decisions.items, decisions.count, sizeof *decisions.items, decision_by_code);
    size_t i = 0, j = 0, k = 0;
    while (i < first.count || j < second.count) {
        int64_t code = i == first.count                                   ? second.items[j].code_id
                       : j == second.count                                ? first.items[i].code_id
                       : first.items[i].code_id < second.items[j].code_id ? first.items[i].code_id
                                                                          : second.items[j].code_id;
        size_t i_end = codings_end(&first, i, code);
        size_t j_end = codings_end(&second, j, code);
        while (k < decisions.count && decisions.items[k].code_id < code)
            k++;
        size_t k_end = decisions_end(&decisions, k, code);
        if (!gather(&scratch, &sources, rank, i < i_end ? first.items + i : NULL, i_end - i,
                    j < j_end ? second.items + j : NULL, j_end - j,
                    k < k_end ? decisions.items + k : NULL, k_end - k, err))
            goto cleanup;
        (*out)[(*count)++] =
            (struct adjudication_count){code, scratch.ndisagreements, scratch.settled};
        i = i_end;
        j = j_end;
        k = k_end;
    }
    ok = true;
cleanup:
    clear(&scratch);
    if (!ok) {
        free(*out);
        *out = NULL;
        *count = 0;
    }
    free(rank);
    row_source_list_finish(&sources);
    row_coding_list_finish(&first);
    row_coding_list_finish(&second);
    decision_list_finish(&decisions);
    return ok;
}

struct adjudication *adjudication_open(struct project *project, int64_t code_id, int64_t first_id,
                                       int64_t second_id, int64_t consensus_id, struct error *err)
{
    struct adjudication *a = calloc(1, sizeof *a);
    if (!a) {
        error_internal(err, "out of memory");
        return NULL;
    }
    a->project = project;
    a->code_id = code_id;
    a->first_id = first_id;
    a->second_id = second_id;
    a->consensus_id = consensus_id;
    if (!adjudication_reload(a, err)) {
        adjudication_destroy(a);
        return NULL;
    }
    return a;
}

size_t adjudication_count(const struct adjudication *adjudication)
{
    return adjudication->ndisagreements;
}

const struct stretch *adjudication_get(const struct adjudication *adjudication, size_t index)
{
    return &adjudication->stretches.items[adjudication->disagreements[index]];
}

size_t adjudication_settled(const struct adjudication *adjudication)
{
    return adjudication->settled;
}

size_t adjudication_agreed(const struct adjudication *adjudication)
{
    return adjudication->agreed;
}

/* Adds a consensus coding and journals it. */
static bool add_coding(struct history_batch *batch, struct coding_row *row, struct error *err)
{
    bool added;
    if (!store_coding_add(project_store(batch->project), row, &added, err))
        return false;
    if (!added)
        return true;
    struct change forward = {.kind = CHANGE_CODING_INSERT, .coding = *row};
    struct change backward = {.kind = CHANGE_CODING_DELETE, .coding = *row};
    return history_record(batch, &forward, &backward, err);
}

/* The spans a choice gives the consensus inside a stretch; the caller frees *out. */
static bool chosen_spans(const struct stretch *s, enum decision_choice choice, struct span edited,
                         struct span **out, size_t *n, struct error *err)
{
    *out = malloc((s->nfirst + s->nsecond + 1) * sizeof **out);
    *n = 0;
    if (!*out)
        return error_internal(err, "out of memory");
    switch (choice) {
    case DECISION_FIRST:
        memcpy(*out, s->first, s->nfirst * sizeof **out);
        *n = s->nfirst;
        break;
    case DECISION_SECOND:
        memcpy(*out, s->second, s->nsecond * sizeof **out);
        *n = s->nsecond;
        break;
    case DECISION_UNION:
        memcpy(*out, s->first, s->nfirst * sizeof **out);
        memcpy(*out + s->nfirst, s->second, s->nsecond * sizeof **out);
        *n = span_union(*out, s->nfirst + s->nsecond);
        break;
    case DECISION_INTERSECTION: {
        size_t i = 0, j = 0;
        while (i < s->nfirst && j < s->nsecond) {
            struct span a = s->first[i], b = s->second[j];
            int64_t start = a.start > b.start ? a.start : b.start;
            int64_t end = a.end < b.end ? a.end : b.end;
            if (start < end)
                (*out)[(*n)++] = (struct span){start, end};
            if (a.end < b.end)
                i++;
            else
                j++;
        }
        break;
    }
    case DECISION_NEITHER:
        break;
    case DECISION_EDITED:
        (*out)[(*n)++] = edited;
        break;
    }
    return true;
}

/* Within a batch: replaces the consensus coder's codings of the code in the stretch by the
 * choice's spans and records the decision. */
static bool settle_in(struct adjudication *a, struct history_batch *batch, const struct stretch *s,
                      enum decision_choice choice, struct span edited, struct error *err)
{
    struct store *store = project_store(a->project);
    struct coding_list existing = {0};
    struct span *spans = NULL;
    size_t nspans = 0;
    struct coding_filter filter = {
        .source_id = s->source_id, .coder_id = a->consensus_id, .code_id = a->code_id};
    bool ok = chosen_spans(s, choice, edited, &spans, &nspans, err) &&
              store_codings_list(store, &filter, &existing, err);
    struct span stretch = {s->start, s->end};
    for (size_t i = 0; ok && i < existing.count; i++) {
        struct coding_row *row = &existing.items[i];
        if (!span_overlaps((struct span){row->start, row->end}, stretch))
            continue;
        struct change forward = {.kind = CHANGE_CODING_DELETE, .coding = *row};
        struct change backward = {.kind = CHANGE_CODING_INSERT, .coding = *row};
        ok = history_change(batch, &forward, &backward, err);
        /* What lay outside the stretch stays coded. */
        struct coding_row before = *row, after = *row;
        before.id = after.id = 0;
        before.end = s->start;
        after.start = s->end;
        if (ok && before.start < before.end)
            ok = add_coding(batch, &before, err);
        if (ok && after.start < after.end)
            ok = add_coding(batch, &after, err);
    }
    for (size_t i = 0; ok && i < nspans; i++) {
        struct coding_row row = {.source_id = s->source_id,
                                 .code_id = a->code_id,
                                 .coder_id = a->consensus_id,
                                 .start = spans[i].start,
                                 .end = spans[i].end};
        ok = add_coding(batch, &row, err);
    }
    struct decision_row decision = {.source_id = s->source_id,
                                    .code_id = a->code_id,
                                    .consensus_id = a->consensus_id,
                                    .first_id = a->first_id,
                                    .second_id = a->second_id,
                                    .start = s->start,
                                    .end = s->end,
                                    .choice = choice};
    if (ok && s->settled) {
        struct decision_row old = decision;
        old.id = s->decision_id;
        old.choice = s->choice;
        struct change forward = {.kind = CHANGE_DECISION_DELETE, .decision = old};
        struct change backward = {.kind = CHANGE_DECISION_INSERT, .decision = old};
        ok = history_change(batch, &forward, &backward, err);
    }
    if (ok && store_decision_add(store, &decision, err)) {
        struct change forward = {.kind = CHANGE_DECISION_INSERT, .decision = decision};
        struct change backward = {.kind = CHANGE_DECISION_DELETE, .decision = decision};
        ok = history_record(batch, &forward, &backward, err);
    } else {
        ok = false;
    }
    free(spans);
    row_coding_list_finish(&existing);
    return ok;
}

/* A coder's name, for messages. */
static void coder_name(struct adjudication *a, int64_t id, char *out, size_t size)
{
    struct coder_list coders = {0};
    snprintf(out, size, "coder %" PRId64, id);
    if (store_coders_list(project_store(a->project), &coders, &(struct error){0})) {
        for (size_t i = 0; i < coders.count; i++) {
            if (coders.items[i].id == id)
                snprintf(out, size, "%s", coders.items[i].name);
        }
    }
    row_coder_list_finish(&coders);
}

static void describe(struct adjudication *a, const struct stretch *s, enum decision_choice choice,
                     struct span edited, char *out, size_t size)
{
    const struct codetree *tree = project_codes(a->project);
    char number[OUTLINE_TEXT_MAX] = "?";
    int index = codetree_find_id(tree, a->code_id);
    if (index >= 0)
        codetree_number_text(tree, index, number);
    char source[128] = "?";
    struct source_list sources = {0};
    if (store_sources_list(project_store(a->project), &sources, &(struct error){0})) {
        for (size_t i = 0; i < sources.count; i++) {
            if (sources.items[i].id == s->source_id)
                snprintf(source, sizeof source, "%s", sources.items[i].name);
        }
    }
    row_source_list_finish(&sources);
    char first[64], second[64], how[160];
    coder_name(a, a->first_id, first, sizeof first);
    coder_name(a, a->second_id, second, sizeof second);
    switch (choice) {
    case DECISION_FIRST:
        snprintf(how, sizeof how, "took %s's coding", first);
        break;
    case DECISION_SECOND:
        snprintf(how, sizeof how, "took %s's coding", second);
        break;
    case DECISION_UNION:
        snprintf(how, sizeof how, "took what either coded");
        break;
    case DECISION_INTERSECTION:
        snprintf(how, sizeof how, "took what both coded");
        break;
    case DECISION_NEITHER:
        snprintf(how, sizeof how, "coded nothing");
        break;
    case DECISION_EDITED:
        snprintf(how, sizeof how, "coded %" PRId64 "-%" PRId64, edited.start, edited.end);
        break;
    }
    snprintf(out, size, "settled %s in %s %" PRId64 "-%" PRId64 ": %s", number, source, s->start,
             s->end, how);
}

bool adjudication_settle(struct adjudication *a, size_t index, enum decision_choice choice,
                         struct span edited, int64_t actor_id, char *message, size_t size,
                         struct error *err)
{
    if (index >= a->ndisagreements)
        return error_internal(err, "no such disagreement");
    const struct stretch *s = adjudication_get(a, index);
    if (choice == DECISION_EDITED && edited.start >= edited.end)
        return error_user(err, "an edited span must cover at least one character");
    char summary[320];
    describe(a, s, choice, edited, summary, sizeof summary);
    struct history_batch batch;
    if (!history_begin(&batch, a->project, actor_id, summary, err))
        return false;
    if (!settle_in(a, &batch, s, choice, edited, err)) {
        history_abort(&batch);
        return false;
    }
    if (!history_commit(&batch, err))
        return false;
    snprintf(message, size, "%s", summary);
    return adjudication_reload(a, err);
}

bool adjudication_take_agreed(struct adjudication *a, int64_t actor_id, size_t *taken,
                              struct error *err)
{
    *taken = 0;
    struct history_batch batch;
    if (!history_begin(&batch, a->project, actor_id, "took the agreed codings into the consensus",
                       err))
        return false;
    bool ok = true;
    for (size_t i = 0; ok && i < a->stretches.count; i++) {
        const struct stretch *s = &a->stretches.items[i];
        if (!s->agreed || s->settled)
            continue;
        ok = settle_in(a, &batch, s, DECISION_FIRST, (struct span){0, 0}, err);
        *taken += ok;
    }
    if (!ok) {
        history_abort(&batch);
        return false;
    }
    if (*taken == 0) {
        history_abort(&batch);
        return adjudication_reload(a, err);
    }
    return history_commit(&batch, err) && adjudication_reload(a, err);
}
