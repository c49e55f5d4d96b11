#include "model/units.h"

#include "core/codetree.h"
#include "core/motion.h"
#include "core/row.h"
#include "core/span.h"
#include "core/text.h"
#include "model/filing.h"
#include "model/project.h"
#include "store/codings.h"
#include "store/people.h"
#include "store/sources.h"

#include <stdlib.h>
#include <string.h>

const char *units_kind_name(enum units_kind kind)
{
    return kind == UNITS_TURNS ? "turns" : kind == UNITS_PARAGRAPHS ? "paragraphs" : "sentences";
}

/* The units of one source, appended to *units. */
static bool source_units(struct project *project, int64_t id, enum units_kind kind,
                         struct span **units, size_t *count, struct error *err)
{
    *units = NULL;
    *count = 0;
    if (kind == UNITS_TURNS) {
        struct turn_list turns = {0};
        bool ok = store_source_turns(project_store(project), id, &turns, err);
        if (ok && turns.count && !(*units = malloc(turns.count * sizeof **units)))
            ok = error_internal(err, "out of memory");
        for (size_t i = 0; ok && i < turns.count; i++) {
            if (turns.items[i].end > turns.items[i].body)
                (*units)[(*count)++] = (struct span){turns.items[i].body, turns.items[i].end};
        }
        row_turn_list_finish(&turns);
        return ok;
    }
    char *bytes = NULL;
    size_t n = 0;
    if (!store_source_text(project_store(project), id, &bytes, &n, err))
        return false;
    struct text *text = text_create(bytes, n);
    free(bytes);
    bool ok =
        text && motion_units(text, kind == UNITS_PARAGRAPHS ? MOTION_PARAGRAPHS : MOTION_SENTENCES,
                             units, count);
    text_destroy(text);
    return ok || error_internal(err, "out of memory");
}

/* Sets covered[u] to the characters of units[u] that the spans of entries[0..n) cover (sorted
 * by start; they may overlap), of the own entries only when own_only. */
static void cover_units(const struct span *units, size_t nunits, const struct filed_coding *entries,
                        size_t n, bool own_only, int64_t *covered)
{
    for (size_t u = 0; u < nunits; u++)
        covered[u] = 0;
    size_t u = 0;
    size_t i = 0;
    for (;;) {
        while (i < n && own_only && !entries[i].own)
            i++;
        if (i == n)
            break;
        /* One stretch of spans that overlap or touch, merged. */
        struct span run = entries[i++].span;
        for (; i < n && entries[i].span.start <= run.end; i++) {
            if ((!own_only || entries[i].own) && entries[i].span.end > run.end)
                run.end = entries[i].span.end;
        }
        while (u < nunits && units[u].end <= run.start)
            u++;
        for (size_t k = u; k < nunits && units[k].start < run.end; k++) {
            int64_t from = run.start > units[k].start ? run.start : units[k].start;
            int64_t to = run.end < units[k].end ? run.end : units[k].end;
            if (to > from)
                covered[k] += to - from;
        }
    }
}

/* Working memory for one source. */
struct scratch {
    int64_t *covered; /* per unit */
    double *values;   /* units x coders */
};

/* Gives s room for `units` units of m coders. */
static bool scratch_reserve(struct scratch *s, size_t units, size_t m)
{
    size_t n = units ? units : 1;
    int64_t *covered = realloc(s->covered, n * sizeof *covered);
    if (covered)
        s->covered = covered;
    double *values = covered ? realloc(s->values, n * m * sizeof *values) : NULL;
    if (values)
        s->values = values;
    return covered && values;
}

/* Adds one source's units to `table`: entries[0..n) are the source's codings filed under the
 * table's row, ordered by coder and span; each coder's (own ones only when own_only) decide the
 * coder's value at each unit. */
static bool add_source(struct ratings *table, const struct units_result *r,
                       const struct span *units, size_t nunits, const struct filed_coding *entries,
                       size_t n, bool own_only, struct scratch *s)
{
    size_t m = r->comparison->ncoders;
    size_t values = n == 0 ? m : nunits * m;
    for (size_t i = 0; i < values; i++)
        s->values[i] = 0;
    if (n == 0)
        return ratings_add_units(table, s->values, nunits);
    const struct filed_coding *e = entries;
    const struct filed_coding *end = entries + n;
    for (size_t c = 0; c < m; c++) {
        const struct filed_coding *first = e;
        while (e < end && e->coder == c)
            e++;
        if (first == e)
            continue;
        cover_units(units, nunits, first, (size_t)(e - first), own_only, s->covered);
        for (size_t u = 0; u < nunits; u++) {
            int64_t len = units[u].end - units[u].start;
            bool coded =
                r->cover == 0 ? s->covered[u] > 0 : s->covered[u] * 100 >= (int64_t)r->cover * len;
            s->values[u * m + c] = coded ? 1 : 0;
        }
    }
    for (size_t u = 0; u < nunits; u++) {
        if (!ratings_add_unit(table, s->values + u * m))
            return false;
    }
    return true;
}

/* row_of[i] becomes the row of `c` of the code at index i of the project's tree, or -1; when
 * parent_row is not NULL, parent_row[row] becomes the row of the code's parent, or -1. Returns
 * row_of (the caller frees it), or NULL when memory runs out. */
static int *rows_of_codes(struct project *project, const struct compare_result *c, int *parent_row)
{
    const struct codetree *tree = project_codes(project);
    size_t ncodes = codetree_count(tree);
    int *row_of = malloc((ncodes ? ncodes : 1) * sizeof *row_of);
    if (!row_of)
        return NULL;
    for (size_t i = 0; i < ncodes; i++)
        row_of[i] = -1;
    for (size_t k = 0; k < c->ncodes; k++) {
        int at = codetree_find_id(tree, c->codes[k].id);
        if (at >= 0)
            row_of[at] = (int)k;
    }
    for (size_t k = 0; parent_row && k < c->ncodes; k++) {
        int at = codetree_find_id(tree, c->codes[k].id);
        int parent = at >= 0 ? codetree_get(tree, (size_t)at)->parent : -1;
        parent_row[k] = parent >= 0 ? row_of[parent] : -1;
    }
    return row_of;
}

/* Files every coding of the compared sources under the rows of `c` it counts for, then orders
 * them by row, source, coder and span. When parent_row is not NULL, parent_row[row] becomes the
 * row of the code's parent, or -1. */
static bool file_codings(struct project *project, const struct compare_result *c,
                         const struct source_slot *slots, size_t nslots,
                         struct filed_codings *entries, int *parent_row, struct error *err)
{
    const struct codetree *tree = project_codes(project);
    int *row_of = rows_of_codes(project, c, parent_row);
    if (!row_of)
        return error_internal(err, "out of memory");
    bool ok = true;
    for (size_t i = 0; ok && i < c->ncoders; i++) {
        int64_t coder = 0;
        struct coding_list codings = {0};
        ok = store_coder_find(project_store(project), c->coders[i], &coder, err);
        struct coding_filter filter = {.coder_id = coder};
        ok = ok && store_codings_list(project_store(project), &filter, &codings, err);
        for (size_t n = 0; ok && n < codings.count; n++) {
            const struct coding_row *row = &codings.items[n];
            const struct source_slot *slot = filing_slot(slots, nslots, row->source_id);
            int code = codetree_find_id(tree, row->code_id);
            if (!slot || code < 0)
                continue;
            ok = filing_add(entries, tree, row_of, code, slot->index, i,
                            (struct span){row->start, row->end}, false) ||
                 error_internal(err, "out of memory");
        }
        row_coding_list_finish(&codings);
    }
    free(row_of);
    filing_sort(entries);
    return ok;
}

/* Finds the compared sources' ids: slots[k] for source k, in the order of k. */
static bool find_sources(struct project *project, const struct compare_result *c,
                         struct source_slot *slots, struct error *err)
{
    struct source_list all = {0};
    if (!store_sources_list(project_store(project), &all, err))
        return false;
    bool ok = true;
    for (size_t k = 0; ok && k < c->nsources; k++) {
        size_t i = 0;
        while (i < all.count && strcmp(all.items[i].name, c->sources[k].name) != 0)
            i++;
        if (i == all.count)
            ok = error_internal(err, "the source '%s' went missing", c->sources[k].name);
        else
            slots[k] = (struct source_slot){all.items[i].id, k};
    }
    row_source_list_finish(&all);
    return ok;
}

/* What store_source_coding_spans() files one source's codings with. */
struct source_filing {
    struct filed_codings *entries;
    const struct codetree *tree;
    const int *row_of;
    const int64_t *coder_ids;
    size_t ncoders;
    size_t source;
};

static bool file_span(void *context, const struct coding_span_row *row)
{
    struct source_filing *f = context;
    size_t coder = 0;
    while (coder < f->ncoders && f->coder_ids[coder] != row->coder_id)
        coder++;
    int code = codetree_find_id(f->tree, row->code_id);
    if (coder == f->ncoders || code < 0)
        return true;
    return filing_add(f->entries, f->tree, f->row_of, code, f->source, coder,
                      (struct span){row->start, row->end}, false);
}

/* Adds source k's units to every row's table and to pooled_parts[row], the row's share of the
 * pooled table (its own codings only); own[row] becomes true when the row has some. */
static bool add_source_units(struct project *project, struct units_result *r, size_t k,
                             int64_t source_id, struct source_filing *filing,
                             struct ratings **pooled_parts, bool *own, struct scratch *s,
                             struct error *err)
{
    struct span *units = NULL;
    size_t nunits = 0;
    filing->entries->count = 0;
    filing->source = k;
    bool ok = source_units(project, source_id, r->kind, &units, &nunits, err) &&
              store_source_coding_spans(project_store(project), source_id, file_span, filing, err);
    r->source_units[k] = nunits;
    r->nunits += nunits;
    if (ok && !scratch_reserve(s, nunits, r->comparison->ncoders))
        ok = error_internal(err, "out of memory");
    filing_sort(filing->entries);
    const struct filed_coding *e = filing->entries->items;
    const struct filed_coding *end = e + filing->entries->count;
    for (size_t row = 0; ok && row < r->comparison->ncodes; row++) {
        const struct filed_coding *first = e;
        bool own_here = false;
        for (; e < end && e->row == (int)row; e++)
            own_here |= e->own;
        size_t n = (size_t)(e - first);
        own[row] |= own_here;
        ok = add_source(r->tables[row], r, units, nunits, first, n, false, s) &&
             add_source(pooled_parts[row], r, units, nunits, first, own_here ? n : 0, true, s);
        if (!ok)
            error_internal(err, "out of memory counting units");
    }
    free(units);
    return ok;
}

/* Stacks the rows' shares of the pooled table, in row order, those with codings of their own. */
static bool stack_pooled(struct units_result *r, struct ratings *const *pooled_parts,
                         const bool *own)
{
    for (size_t row = 0; row < r->comparison->ncodes; row++) {
        if (!own[row])
            continue;
        for (size_t run = 0; run < ratings_runs(pooled_parts[row]); run++) {
            size_t units;
            const double *values = ratings_run(pooled_parts[row], run, &units);
            if (!ratings_add_units(r->pooled, values, units))
                return false;
        }
        r->pooled_codes++;
    }
    return true;
}

/* Fills the tables source by source, reading each source's codings on its own. */
static bool fill_tables(struct project *project, struct units_result *r,
                        const struct source_slot *slots, struct error *err)
{
    const struct compare_result *c = r->comparison;
    size_t rows = c->ncodes ? c->ncodes : 1;
    int64_t *coder_ids = calloc(c->ncoders, sizeof *coder_ids);
    int *row_of = rows_of_codes(project, c, NULL);
    struct ratings **pooled_parts = calloc(rows, sizeof *pooled_parts);
    bool *own = calloc(rows, sizeof *own);
    struct filed_codings entries = {0};
    struct scratch s = {NULL, NULL};
    bool ok = coder_ids && row_of && pooled_parts && own;
    for (size_t row = 0; ok && row < c->ncodes; row++)
        ok = (r->tables[row] = ratings_create(c->ncoders)) &&
             (pooled_parts[row] = ratings_create(c->ncoders));
    if (!ok)
        error_internal(err, "out of memory");
    for (size_t i = 0; ok && i < c->ncoders; i++)
        ok = store_coder_find(project_store(project), c->coders[i], &coder_ids[i], err);
    struct source_filing filing = {&entries, project_codes(project), row_of, coder_ids, c->ncoders,
                                   0};
    for (size_t k = 0; ok && k < c->nsources; k++)
        ok = add_source_units(project, r, k, slots[k].id, &filing, pooled_parts, own, &s, err);
    if (ok && !stack_pooled(r, pooled_parts, own))
        ok = error_internal(err, "out of memory counting units");
    for (size_t row = 0; pooled_parts && row < c->ncodes; row++)
        ratings_destroy(pooled_parts[row]);
    free(pooled_parts);
    free(own);
    free(row_of);
    free(coder_ids);
    free(entries.items);
    free(s.covered);
    free(s.values);
    return ok;
}

struct units_result *units_run(struct project *project, const struct compare_request *request,
                               enum units_kind kind, int cover, struct error *err)
{
    if (request->mode != COMPARE_CHARACTERS) {
        error_user(err, "units are compared over characters, not segments");
        return NULL;
    }
    struct units_result *r = calloc(1, sizeof *r);
    if (!r) {
        error_internal(err, "out of memory");
        return NULL;
    }
    r->kind = kind;
    r->cover = cover < 0 ? 0 : cover > 100 ? 100 : cover;
    r->comparison = compare_run(project, request, err);
    if (!r->comparison) {
        free(r);
        return NULL;
    }
    size_t nsources = r->comparison->nsources;
    size_t ncodes = r->comparison->ncodes;
    struct source_slot *slots = calloc(nsources ? nsources : 1, sizeof *slots);
    r->source_units = calloc(nsources ? nsources : 1, sizeof *r->source_units);
    r->tables = calloc(ncodes ? ncodes : 1, sizeof *r->tables);
    r->pooled = ratings_create(r->comparison->ncoders);
    bool ok = slots && r->source_units && r->tables && r->pooled;
    if (!ok)
        error_internal(err, "out of memory");
    ok = ok && find_sources(project, r->comparison, slots, err) &&
         fill_tables(project, r, slots, err);
    free(slots);
    if (!ok) {
        units_result_destroy(r);
        return NULL;
    }
    return r;
}

void units_result_destroy(struct units_result *result)
{
    if (!result)
        return;
    for (size_t i = 0; result->tables && i < result->comparison->ncodes; i++)
        ratings_destroy(result->tables[i]);
    free(result->tables);
    ratings_destroy(result->pooled);
    free(result->source_units);
    compare_result_destroy(result->comparison);
    free(result);
}

/* --- Unitizing ------------------------------------------------------------------------------ */

/* The entries of each row: [begin[row], end[row]). */
struct row_ranges {
    size_t *begin;
    size_t *end;
};

/* Builds a unitizing accumulator over every compared source, value v being the codings filed
 * under rows[v]. buf holds at least entries->count units. NULL when memory runs out. */
static struct unitize *accumulate(const struct compare_result *c,
                                  const struct filed_codings *entries,
                                  const struct row_ranges *ranges, const size_t *rows, size_t nrows,
                                  struct unitize_unit *buf)
{
    size_t m = c->ncoders;
    struct unitize *u = unitize_create(m, nrows, UNITIZE_JOIN_TOUCHING);
    size_t *cursor = malloc(nrows * sizeof *cursor);
    const struct unitize_unit **coders = malloc(m * sizeof *coders);
    size_t *counts = malloc(m * sizeof *counts);
    bool ok = u && cursor && coders && counts;
    for (size_t v = 0; ok && v < nrows; v++)
        cursor[v] = ranges->begin[rows[v]];
    for (size_t k = 0; ok && k < c->nsources; k++) {
        size_t n = 0;
        for (size_t i = 0; i < m; i++) {
            coders[i] = buf + n;
            counts[i] = 0;
            for (size_t v = 0; v < nrows; v++) {
                const struct filed_coding *e = entries->items + cursor[v];
                for (; cursor[v] < ranges->end[rows[v]] && e->source == k && e->coder == i;
                     cursor[v]++, e++) {
                    buf[n++] = (struct unitize_unit){e->span, (uint32_t)v};
                    counts[i]++;
                }
            }
        }
        ok = unitize_add_source(u, c->sources[k].length, coders, counts);
    }
    free(cursor);
    free(coders);
    free(counts);
    if (!ok) {
        unitize_destroy(u);
        return NULL;
    }
    return u;
}

/* Each row's figures, then each domain's. */
static bool unitize_rows(struct unitizing_result *r, const struct filed_codings *entries,
                         const struct row_ranges *ranges, const int *parent_row)
{
    const struct compare_result *c = r->comparison;
    struct unitize_unit *buf = malloc((entries->count ? entries->count : 1) * sizeof *buf);
    size_t *children = malloc((c->ncodes ? c->ncodes : 1) * sizeof *children);
    struct unitize **kept = calloc(c->ncodes ? c->ncodes : 1, sizeof *kept);
    bool ok = buf && children && kept;
    for (size_t row = 0; ok && row < c->ncodes; row++) {
        struct unitize *u = accumulate(c, entries, ranges, &row, 1, buf);
        ok = u != NULL;
        if (ok)
            r->codes[row] =
                (struct unitizing_code){unitize_alpha_2004(u, 0), unitize_binary_alpha(u, 0)};
        unitize_destroy(u);
    }
    for (size_t row = 0; ok && row < c->ncodes; row++) {
        size_t n = 0;
        for (size_t k = row + 1; k < c->ncodes; k++) {
            if (parent_row[k] == (int)row)
                children[n++] = k;
        }
        if (n == 0)
            continue;
        struct unitizing_domain *d = &r->domains[r->ndomains++];
        d->row = row;
        d->values = malloc(n * sizeof *d->values);
        d->value_alphas = malloc(n * sizeof *d->value_alphas);
        struct unitize *u =
            d->values && d->value_alphas ? accumulate(c, entries, ranges, children, n, buf) : NULL;
        ok = u != NULL;
        if (ok) {
            memcpy(d->values, children, n * sizeof *children);
            d->nvalues = n;
            d->alpha = unitize_alpha(u);
            d->binary = unitize_binary_alpha(u, UNITIZE_ALL);
            d->coding = unitize_coding_alpha(u);
            for (size_t v = 0; v < n; v++)
                d->value_alphas[v] = unitize_value_alpha(u, v);
        }
        kept[r->ndomains - 1] = u;
    }
    if (ok)
        r->domains_coding =
            unitize_domains_coding_alpha((const struct unitize *const *)kept, r->ndomains);
    for (size_t d = 0; kept && d < r->ndomains; d++)
        unitize_destroy(kept[d]);
    free(kept);
    free(buf);
    free(children);
    return ok;
}

struct unitizing_result *units_unitizing(struct project *project,
                                         const struct compare_request *request, struct error *err)
{
    if (request->mode != COMPARE_CHARACTERS) {
        error_user(err, "unitizing is over characters, not segments");
        return NULL;
    }
    struct unitizing_result *r = calloc(1, sizeof *r);
    if (!r || !(r->comparison = compare_run(project, request, err))) {
        if (!r)
            error_internal(err, "out of memory");
        free(r);
        return NULL;
    }
    const struct compare_result *c = r->comparison;
    size_t rows = c->ncodes ? c->ncodes : 1;
    struct source_slot *slots = calloc(c->nsources, sizeof *slots);
    int *parent_row = calloc(rows, sizeof *parent_row);
    struct row_ranges ranges = {calloc(rows, sizeof(size_t)), calloc(rows, sizeof(size_t))};
    struct filed_codings entries = {0};
    r->codes = calloc(rows, sizeof *r->codes);
    r->domains = calloc(rows, sizeof *r->domains);
    bool ok = slots && parent_row && ranges.begin && ranges.end && r->codes && r->domains;
    if (!ok)
        error_internal(err, "out of memory");
    ok = ok && find_sources(project, c, slots, err);
    if (ok)
        filing_sort_slots(slots, c->nsources);
    ok = ok && file_codings(project, c, slots, c->nsources, &entries, parent_row, err);
    for (size_t e = 0, row = 0; ok && row < c->ncodes; row++) {
        ranges.begin[row] = e;
        while (e < entries.count && entries.items[e].row == (int)row)
            e++;
        ranges.end[row] = e;
    }
    if (ok && !unitize_rows(r, &entries, &ranges, parent_row))
        ok = error_internal(err, "out of memory computing the unitizing alphas");
    free(slots);
    free(parent_row);
    free(ranges.begin);
    free(ranges.end);
    free(entries.items);
    if (!ok) {
        units_unitizing_destroy(r);
        return NULL;
    }
    return r;
}

void units_unitizing_destroy(struct unitizing_result *result)
{
    if (!result)
        return;
    for (size_t d = 0; result->domains && d < result->ndomains; d++) {
        free(result->domains[d].values);
        free(result->domains[d].value_alphas);
    }
    free(result->domains);
    free(result->codes);
    compare_result_destroy(result->comparison);
    free(result);
}
