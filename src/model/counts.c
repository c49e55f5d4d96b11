#include "model/counts.h"

#include "core/codetree.h"
#include "core/list.h"
#include "core/motion.h"
#include "core/query.h"
#include "model/casebook.h"
#include "store/codings.h"
#include "store/people.h"
#include "store/sources.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The codings to count, with what each needs. */
struct counted {
    struct coding_row *items; /* ordered by source, then start */
    size_t count, cap;
};

struct source_key {
    int64_t id;
    int64_t case_id;
};

struct context {
    struct project *project;
    struct source_key *source_keys; /* by id */
    const struct codetree *codes;
    struct casebook *book;
    struct source_list sources;
    struct coder_list coders; /* those counted: the request's, or everyone */
    struct coding_list all;
    struct counted codings;
};

void count_table_finish(struct count_table *table)
{
    for (size_t r = 0; table->row_numbers && r < table->rows; r++) {
        free(table->row_numbers[r]);
        free(table->row_names[r]);
    }
    for (size_t c = 0; table->column_names && c < table->columns; c++)
        free(table->column_names[c]);
    free(table->row_numbers);
    free(table->row_names);
    free(table->column_names);
    free(table->cells);
    memset(table, 0, sizeof *table);
}

/* Sizes the table; labels are set later. */
static bool table_init(struct count_table *t, size_t rows, size_t columns, struct error *err)
{
    t->rows = rows;
    t->columns = columns;
    t->row_numbers = calloc(rows + 1, sizeof *t->row_numbers);
    t->row_names = calloc(rows + 1, sizeof *t->row_names);
    t->column_names = calloc(columns + 1, sizeof *t->column_names);
    t->cells = calloc(rows * columns + 1, sizeof *t->cells);
    if (!t->row_numbers || !t->row_names || !t->column_names || !t->cells)
        return error_internal(err, "out of memory counting");
    return true;
}

static bool set_text(char **slot, const char *s, struct error *err)
{
    free(*slot);
    *slot = strdup(s);
    return *slot || error_internal(err, "out of memory counting");
}

static bool label_code(struct context *cx, struct count_table *t, size_t row, int code,
                       struct error *err)
{
    char number[OUTLINE_TEXT_MAX];
    codetree_number_text(cx->codes, code, number);
    return set_text(&t->row_numbers[row], number, err) &&
           set_text(&t->row_names[row], codetree_get(cx->codes, (size_t)code)->name, err);
}

static int compare_keys(const void *a, const void *b)
{
    int64_t x = ((const struct source_key *)a)->id, y = ((const struct source_key *)b)->id;
    return (x > y) - (x < y);
}

/* The case of a source (0 for none); -1 when there is no such source. */
static int64_t case_of(const struct context *cx, int64_t source_id)
{
    struct source_key key = {source_id, 0};
    const struct source_key *found =
        bsearch(&key, cx->source_keys, cx->sources.count, sizeof *cx->source_keys, compare_keys);
    return found ? found->case_id : -1;
}

static bool load(struct context *cx, const struct counts_request *request, struct error *err)
{
    struct store *store = project_store(cx->project);
    if (!(cx->book = casebook_load(cx->project, err)) ||
        !casebook_select(cx->book, request->cases, request->ncases, request->where, err) ||
        !store_sources_list(store, &cx->sources, err))
        return false;
    cx->source_keys = calloc(cx->sources.count + 1, sizeof *cx->source_keys);
    if (!cx->source_keys)
        return error_internal(err, "out of memory counting");
    for (size_t i = 0; i < cx->sources.count; i++)
        cx->source_keys[i] =
            (struct source_key){cx->sources.items[i].id, cx->sources.items[i].case_id};
    qsort(cx->source_keys, cx->sources.count, sizeof *cx->source_keys, compare_keys);
    if (request->ncoders == 0) {
        if (!store_coders_list(store, &cx->coders, err))
            return false;
    } else {
        for (size_t i = 0; i < request->ncoders; i++) {
            struct coder_row row = {0};
            if (!project_coder(cx->project, request->coders[i], false, &row.id, err))
                return false;
            if (!row.id)
                return error_user(err, "there is no coder named '%s'", request->coders[i]);
            if (!(row.name = strdup(request->coders[i])) || !LIST_PUSH(&cx->coders, row)) {
                free(row.name);
                return error_internal(err, "out of memory counting");
            }
        }
    }
    struct coding_filter filter = {0};
    if (!store_codings_list(store, &filter, &cx->all, err))
        return false;
    int64_t last_source = 0;
    bool keep_source = false;
    for (size_t i = 0; i < cx->all.count; i++) {
        const struct coding_row *c = &cx->all.items[i];
        if (c->source_id != last_source) {
            int64_t case_id = case_of(cx, c->source_id);
            keep_source = case_id >= 0 && casebook_selected(cx->book, case_id);
            last_source = c->source_id;
        }
        bool coder = false;
        for (size_t k = 0; k < cx->coders.count && !coder; k++)
            coder = cx->coders.items[k].id == c->coder_id;
        if (keep_source && coder && codetree_find_id(cx->codes, c->code_id) >= 0 &&
            !LIST_PUSH(&cx->codings, *c))
            return error_internal(err, "out of memory counting");
    }
    return true;
}

static size_t coder_column(const struct context *cx, int64_t coder_id)
{
    for (size_t k = 0; k < cx->coders.count; k++) {
        if (cx->coders.items[k].id == coder_id)
            return k;
    }
    return 0;
}

static bool by_code(struct context *cx, struct count_table *t, struct error *err)
{
    size_t ncodes = codetree_count(cx->codes), groups = cx->coders.count + 1;
    if (!table_init(t, ncodes, 2 * groups, err))
        return false;
    t->unit = "sources and references (codings)";
    for (size_t k = 0; k < groups; k++) {
        char name[300];
        const char *who = k < cx->coders.count ? cx->coders.items[k].name : "all";
        snprintf(name, sizeof name, "%s sources", who);
        if (!set_text(&t->column_names[2 * k], name, err))
            return false;
        snprintf(name, sizeof name, "%s references", who);
        if (!set_text(&t->column_names[2 * k + 1], name, err))
            return false;
    }
    for (size_t r = 0; r < ncodes; r++) {
        if (!label_code(cx, t, r, (int)r, err))
            return false;
    }
    /* The last source counted in each cell, to count sources once (codings come by source). */
    int64_t *last = calloc(ncodes * groups + 1, sizeof *last);
    if (!last)
        return error_internal(err, "out of memory counting");
    for (size_t i = 0; i < cx->codings.count; i++) {
        const struct coding_row *c = &cx->codings.items[i];
        size_t code = (size_t)codetree_find_id(cx->codes, c->code_id);
        size_t group[2] = {coder_column(cx, c->coder_id), groups - 1};
        for (int g = 0; g < 2; g++) {
            size_t cell = code * groups + group[g];
            t->cells[code * t->columns + 2 * group[g] + 1]++;
            if (last[cell] != c->source_id) {
                last[cell] = c->source_id;
                t->cells[code * t->columns + 2 * group[g]]++;
            }
        }
    }
    free(last);
    return true;
}

/* Fills a code-by-column table from column_of(coding), dropping codes without codings. Takes
 * the column names (columns of them, which it frees). */
static bool by_columns(struct context *cx, struct count_table *t, char **names, size_t columns,
                       size_t (*column_of)(struct context *cx, const struct coding_row *c,
                                           void *context),
                       void *context, struct error *err)
{
    size_t ncodes = codetree_count(cx->codes);
    int64_t *cells = calloc(ncodes * columns + 1, sizeof *cells);
    bool *used = calloc(ncodes + 1, sizeof *used);
    size_t rows = 0;
    bool ok = (cells && used) || error_internal(err, "out of memory counting");
    for (size_t i = 0; ok && i < cx->codings.count; i++) {
        const struct coding_row *c = &cx->codings.items[i];
        size_t code = (size_t)codetree_find_id(cx->codes, c->code_id);
        cells[code * columns + column_of(cx, c, context)]++;
        rows += !used[code];
        used[code] = true;
    }
    ok = ok && table_init(t, rows, columns, err);
    for (size_t c = 0; c < columns; c++) {
        if (ok)
            t->column_names[c] = names[c];
        else
            free(names[c]);
    }
    free(names);
    size_t r = 0;
    for (size_t code = 0; ok && code < ncodes; code++) {
        if (!used[code])
            continue;
        memcpy(&t->cells[r * columns], &cells[code * columns], columns * sizeof *cells);
        ok = label_code(cx, t, r++, (int)code, err);
    }
    free(cells);
    free(used);
    return ok;
}

/* A list of column names: n of them, NULL until set. */
static char **names_create(size_t n, struct error *err)
{
    char **names = calloc(n + 1, sizeof *names);
    if (!names)
        error_internal(err, "out of memory counting");
    return names;
}

static void names_destroy(char **names, size_t n)
{
    for (size_t i = 0; names && i < n; i++)
        free(names[i]);
    free(names);
}

static size_t case_column(struct context *cx, const struct coding_row *c, void *context)
{
    long index = casebook_find(cx->book, case_of(cx, c->source_id));
    return index < 0 ? casebook_case_count(cx->book) : (size_t)index;
}

static bool by_case(struct context *cx, struct count_table *t, struct error *err)
{
    size_t ncases = casebook_case_count(cx->book);
    char **names = names_create(ncases + 1, err);
    bool ok = names != NULL;
    for (size_t i = 0; ok && i < ncases; i++)
        ok = set_text(&names[i], casebook_case(cx->book, i)->name, err);
    ok = ok && set_text(&names[ncases], "(no case)", err);
    if (!ok) {
        names_destroy(names, ncases + 1);
        return false;
    }
    t->unit = "references (codings)";
    return by_columns(cx, t, names, ncases + 1, case_column, NULL, err);
}

struct attribute_columns {
    size_t attribute;
    const char **values; /* distinct, sorted */
    size_t nvalues;
};

/* Whether a comes before b as values of the type: numbers by value, others as text. */
static bool value_before(enum attribute_type type, const char *a, const char *b)
{
    if (type == ATTRIBUTE_INTEGER || type == ATTRIBUTE_REAL) {
        double x = strtod(a, NULL), y = strtod(b, NULL);
        if (x != y)
            return x < y;
    }
    return strcmp(a, b) < 0;
}

static size_t value_column(struct context *cx, const struct coding_row *c, void *context)
{
    const struct attribute_columns *ac = context;
    const char *value = casebook_value(cx->book, case_of(cx, c->source_id), ac->attribute);
    for (size_t v = 0; *value && v < ac->nvalues; v++) {
        if (strcmp(ac->values[v], value) == 0)
            return v;
    }
    return ac->nvalues;
}

static bool by_attribute(struct context *cx, const char *name, struct count_table *t,
                         struct error *err)
{
    struct attribute_columns ac = {0};
    size_t nattr = casebook_attribute_count(cx->book), ncases = casebook_case_count(cx->book);
    for (ac.attribute = 0; ac.attribute < nattr; ac.attribute++) {
        if (strcmp(casebook_attribute(cx->book, ac.attribute)->name, name ? name : "") == 0)
            break;
    }
    if (ac.attribute == nattr)
        return error_user(err, "there is no case attribute '%s'", name ? name : "");
    enum attribute_type type = casebook_attribute(cx->book, ac.attribute)->type;
    ac.values = calloc(ncases + 1, sizeof *ac.values);
    if (!ac.values)
        return error_internal(err, "out of memory counting");
    for (size_t i = 0; i < ncases; i++) {
        const char *value = casebook_value(cx->book, casebook_case(cx->book, i)->id, ac.attribute);
        bool seen = !*value;
        for (size_t v = 0; v < ac.nvalues && !seen; v++)
            seen = strcmp(ac.values[v], value) == 0;
        /* Insertion in order: there are few values. */
        size_t at = ac.nvalues;
        while (!seen && at > 0 && value_before(type, value, ac.values[at - 1])) {
            ac.values[at] = ac.values[at - 1];
            at--;
        }
        if (!seen) {
            ac.values[at] = value;
            ac.nvalues++;
        }
    }
    char **names = names_create(ac.nvalues + 1, err);
    bool ok = names != NULL;
    for (size_t v = 0; ok && v < ac.nvalues; v++)
        ok = set_text(&names[v], ac.values[v], err);
    ok = ok && set_text(&names[ac.nvalues], "(no value)", err);
    t->unit = "references (codings)";
    if (ok)
        ok = by_columns(cx, t, names, ac.nvalues + 1, value_column, &ac, err);
    else
        names_destroy(names, ac.nvalues + 1);
    free(ac.values);
    return ok;
}

/* Pairs of codes counted so far: dense, code index by code index (i < j used). */
struct pairs {
    size_t ncodes;
    int64_t *overlapping;
    int64_t *same_turn;
};

/* Counts one source's codings, cx->codings[from, to), into the pairs. */
static bool pair_source(struct context *cx, size_t from, size_t to, struct pairs *p,
                        struct error *err)
{
    size_t n = to - from;
    int *used = calloc(n + 1, sizeof *used);
    struct span_set *sets = calloc(n + 1, sizeof *sets);
    struct turn_list turns = {0};
    size_t nused = 0;
    bool ok = (used && sets) || error_internal(err, "out of memory counting");
    for (size_t i = from; ok && i < to; i++) {
        const struct coding_row *c = &cx->codings.items[i];
        int code = codetree_find_id(cx->codes, c->code_id);
        size_t u = 0;
        while (u < nused && used[u] != code)
            u++;
        if (u == nused)
            used[nused++] = code;
        ok = query_set_add(&sets[u], (struct span){c->start, c->end}) ||
             error_internal(err, "out of memory counting");
    }
    for (size_t u = 0; ok && u < nused; u++)
        query_set_normalise(&sets[u]);
    ok = ok && store_source_turns(project_store(cx->project), cx->codings.items[from].source_id,
                                  &turns, err);
    for (size_t a = 0; ok && a < nused; a++) {
        for (size_t b = 0; ok && b < nused; b++) {
            if (used[a] >= used[b])
                continue;
            size_t cell = (size_t)used[a] * p->ncodes + (size_t)used[b];
            struct span_set both = {0};
            ok = query_set_and(&sets[a], &sets[b], &both) ||
                 error_internal(err, "out of memory counting");
            p->overlapping[cell] += (int64_t)both.count;
            query_set_finish(&both);
            for (size_t t = 0; t < turns.count; t++) {
                struct span turn = {turns.items[t].start, turns.items[t].end};
                bool in_a = false, in_b = false;
                for (size_t k = 0; k < sets[a].count && !in_a; k++)
                    in_a = span_overlaps(sets[a].items[k], turn);
                for (size_t k = 0; k < sets[b].count && !in_b; k++)
                    in_b = span_overlaps(sets[b].items[k], turn);
                p->same_turn[cell] += in_a && in_b;
            }
        }
    }
    for (size_t u = 0; sets && u < nused; u++)
        query_set_finish(&sets[u]);
    free(sets);
    free(used);
    row_turn_list_finish(&turns);
    return ok;
}

static bool by_cooccurrence(struct context *cx, struct count_table *t, struct error *err)
{
    size_t ncodes = codetree_count(cx->codes);
    struct pairs p = {ncodes, calloc(ncodes * ncodes + 1, sizeof *p.overlapping),
                      calloc(ncodes * ncodes + 1, sizeof *p.same_turn)};
    bool ok = (p.overlapping && p.same_turn) || error_internal(err, "out of memory counting");
    for (size_t from = 0; ok && from < cx->codings.count;) {
        size_t to = from;
        while (to < cx->codings.count &&
               cx->codings.items[to].source_id == cx->codings.items[from].source_id)
            to++;
        ok = pair_source(cx, from, to, &p, err);
        from = to;
    }
    size_t rows = 0;
    for (size_t i = 0; ok && i < ncodes * ncodes; i++)
        rows += p.overlapping[i] || p.same_turn[i];
    ok = ok && table_init(t, rows, 2, err) && set_text(&t->column_names[0], "overlapping", err) &&
         set_text(&t->column_names[1], "same turn", err);
    t->unit = "stretches where both codes apply, and speaker turns holding both";
    size_t r = 0;
    for (size_t a = 0; ok && a < ncodes; a++) {
        for (size_t b = a + 1; ok && b < ncodes; b++) {
            size_t cell = a * ncodes + b;
            if (!p.overlapping[cell] && !p.same_turn[cell])
                continue;
            char na[OUTLINE_TEXT_MAX], nb[OUTLINE_TEXT_MAX], number[2 * OUTLINE_TEXT_MAX + 4];
            codetree_number_text(cx->codes, (int)a, na);
            codetree_number_text(cx->codes, (int)b, nb);
            snprintf(number, sizeof number, "%s + %s", na, nb);
            size_t size = strlen(codetree_get(cx->codes, a)->name) +
                          strlen(codetree_get(cx->codes, b)->name) + 4;
            char *name = malloc(size);
            ok = name != NULL || error_internal(err, "out of memory counting");
            if (ok)
                snprintf(name, size, "%s + %s", codetree_get(cx->codes, a)->name,
                         codetree_get(cx->codes, b)->name);
            ok = ok && set_text(&t->row_numbers[r], number, err);
            if (ok)
                t->row_names[r] = name;
            else
                free(name);
            t->cells[r * 2] = p.overlapping[cell];
            t->cells[r * 2 + 1] = p.same_turn[cell];
            r++;
        }
    }
    free(p.overlapping);
    free(p.same_turn);
    return ok;
}

bool counts_compute(struct project *project, const struct counts_request *request,
                    struct count_table *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    struct context cx = {.project = project, .codes = project_codes(project)};
    bool ok = load(&cx, request, err);
    if (ok) {
        switch (request->by) {
        case COUNTS_BY_CODE:
            ok = by_code(&cx, out, err);
            break;
        case COUNTS_BY_CASE:
            ok = by_case(&cx, out, err);
            break;
        case COUNTS_BY_ATTRIBUTE:
            ok = by_attribute(&cx, request->attribute, out, err);
            break;
        case COUNTS_BY_COOCCURRENCE:
            ok = by_cooccurrence(&cx, out, err);
            break;
        }
    }
    casebook_destroy(cx.book);
    free(cx.source_keys);
    free(cx.codings.items); /* the rows' memos belong to cx.all */
    row_coding_list_finish(&cx.all);
    row_coder_list_finish(&cx.coders);
    row_source_list_finish(&cx.sources);
    return ok;
}
