#include "ui/comparison.h"

#include "core/motion.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The region of text shown around a disagreement: its whole lines, at most this many code
 * points. */
#define REGION_MAX 4000

static void free_table(struct comparison *c)
{
    compare_result_destroy(c->result);
    c->result = NULL;
    free(c->rows);
    c->rows = NULL;
    c->nrows = 0;
}

static void close_code(struct comparison *c)
{
    adjudication_destroy(c->adjudication);
    c->adjudication = NULL;
    text_destroy(c->region);
    c->region = NULL;
    c->stretch = 0;
    c->stretch_top = 0;
}

void comparison_close(struct comparison *c)
{
    close_code(c);
    free_table(c);
    memset(c, 0, sizeof *c);
}

/* Reads "A,B" into the two names. */
static bool split_coders(const char *coders, char *first, char *second, size_t size,
                         struct error *err)
{
    const char *comma = strchr(coders, ',');
    if (!comma || strchr(comma + 1, ','))
        return error_user(err, "give two coders separated by a comma, such as A,B");
    snprintf(first, size, "%.*s", (int)(comma - coders), coders);
    snprintf(second, size, "%s", comma + 1);
    if (!first[0] || !second[0])
        return error_user(err, "give two coders separated by a comma, such as A,B");
    return true;
}

static int compare_kappa(const struct comparison *c, const struct comparison_row *x,
                         const struct comparison_row *y)
{
    struct agree_figure kx = agree_kappa(c->result->codes[x->code].pooled.pairs[0]);
    struct agree_figure ky = agree_kappa(c->result->codes[y->code].pooled.pairs[0]);
    bool dx = kx.status == AGREE_DEFINED, dy = ky.status == AGREE_DEFINED;
    if (dx != dy)
        return dx ? -1 : 1;
    if (dx && kx.value != ky.value)
        return kx.value < ky.value ? -1 : 1;
    return (x->code > y->code) - (x->code < y->code);
}

static int64_t disputed(const struct comparison *c, const struct comparison_row *row)
{
    struct agree_table t = c->result->codes[row->code].pooled.pairs[0];
    return t.b + t.c;
}

void comparison_sort(struct comparison *c, enum comparison_sort sort)
{
    c->sort = sort;
    /* Insertion sort: a codebook has a few hundred codes at most. */
    for (size_t i = 1; i < c->nrows; i++) {
        struct comparison_row row = c->rows[i];
        size_t j = i;
        while (j > 0) {
            const struct comparison_row *prev = &c->rows[j - 1];
            int order;
            if (sort == SORT_KAPPA)
                order = compare_kappa(c, prev, &row);
            else if (sort == SORT_DISAGREEMENT)
                order = disputed(c, prev) != disputed(c, &row)
                            ? (disputed(c, prev) < disputed(c, &row) ? 1 : -1)
                            : (prev->code > row.code) - (prev->code < row.code);
            else
                order = (prev->code > row.code) - (prev->code < row.code);
            if (order <= 0)
                break;
            c->rows[j] = *prev;
            j--;
        }
        c->rows[j] = row;
    }
}

/* Fills the table from a fresh comparison. */
static bool build_table(struct comparison *c, struct error *err)
{
    const char *coders[] = {c->first, c->second};
    struct compare_request request = {.coders = coders, .ncoders = 2, .mode = COMPARE_CHARACTERS};
    c->result = compare_run(c->project, &request, err);
    if (!c->result)
        return false;
    c->rows = calloc(c->result->ncodes ? c->result->ncodes : 1, sizeof *c->rows);
    if (!c->rows)
        return error_internal(err, "out of memory");
    const struct codetree *tree = project_codes(c->project);
    c->disagreements = 0;
    c->settled = 0;
    for (size_t i = 0; i < c->result->ncodes; i++) {
        struct outline number;
        const char *text = c->result->codes[i].number;
        if (!outline_parse(text, strlen(text), &number))
            continue;
        int index = codetree_find_number(tree, &number);
        if (index < 0)
            continue;
        struct comparison_row row = {.code = i, .code_id = codetree_get(tree, (size_t)index)->id};
        struct adjudication *a = adjudication_open(c->project, row.code_id, c->first_id,
                                                   c->second_id, c->consensus_id, err);
        if (!a)
            return false;
        row.disagreements = adjudication_count(a);
        row.settled = adjudication_settled(a);
        adjudication_destroy(a);
        c->disagreements += row.disagreements;
        c->settled += row.settled;
        c->rows[c->nrows++] = row;
    }
    comparison_sort(c, c->sort);
    return true;
}

bool comparison_open(struct comparison *c, struct project *project, const char *coders,
                     const char *consensus, struct error *err)
{
    struct comparison fresh = {.project = project};
    if (!split_coders(coders, fresh.first, fresh.second, sizeof fresh.first, err))
        return false;
    snprintf(fresh.consensus, sizeof fresh.consensus, "%s", consensus);
    if (!project_coder(project, fresh.first, false, &fresh.first_id, err) ||
        !project_coder(project, fresh.second, false, &fresh.second_id, err))
        return false;
    if (!fresh.first_id || !fresh.second_id)
        return error_user(err, "there is no coder named '%s'",
                          fresh.first_id ? fresh.second : fresh.first);
    if (fresh.first_id == fresh.second_id)
        return error_user(err, "compare two different coders");
    if (!project_coder(project, fresh.consensus, true, &fresh.consensus_id, err))
        return false;
    if (!build_table(&fresh, err)) {
        comparison_close(&fresh);
        return false;
    }
    comparison_close(c);
    *c = fresh;
    c->open = true;
    return true;
}

bool comparison_recompute(struct comparison *c, struct error *err)
{
    int64_t row_code = c->nrows ? c->rows[c->row].code_id : 0;
    free_table(c);
    if (!build_table(c, err))
        return false;
    c->row = 0;
    for (size_t i = 0; i < c->nrows; i++) {
        if (c->rows[i].code_id == row_code)
            c->row = i;
    }
    if (c->adjudication && !adjudication_reload(c->adjudication, err))
        return false;
    return true;
}

bool comparison_open_code(struct comparison *c, struct error *err)
{
    if (c->nrows == 0)
        return error_user(err, "no code to open");
    close_code(c);
    c->adjudication = adjudication_open(c->project, c->rows[c->row].code_id, c->first_id,
                                        c->second_id, c->consensus_id, err);
    if (!c->adjudication)
        return false;
    c->level = LEVEL_STRETCHES;
    return true;
}

const struct stretch *comparison_stretch(const struct comparison *c)
{
    if (!c->adjudication || c->stretch >= adjudication_count(c->adjudication))
        return NULL;
    return adjudication_get(c->adjudication, c->stretch);
}

bool comparison_open_stretch(struct comparison *c, struct error *err)
{
    const struct stretch *s = comparison_stretch(c);
    if (!s)
        return error_user(err, "the coders agree on everything at this code");
    struct text *source = project_source_text(c->project, s->source_id, err);
    if (!source)
        return false;
    int64_t from = motion_line_start(source, s->start);
    int64_t to = motion_line_end(source, s->end > 0 ? s->end - 1 : 0);
    if (to - from > REGION_MAX) {
        from = s->start > REGION_MAX / 4 ? s->start - REGION_MAX / 4 : 0;
        if (from < motion_line_start(source, s->start))
            from = motion_line_start(source, s->start);
        to = from + REGION_MAX;
    }
    char *bytes = text_slice(source, (size_t)from, (size_t)to);
    text_destroy(source);
    if (!bytes)
        return error_internal(err, "out of memory");
    text_destroy(c->region);
    c->region = text_create(bytes, strlen(bytes));
    free(bytes);
    if (!c->region)
        return error_internal(err, "out of memory");
    c->region_start = from;
    c->level = LEVEL_STRETCH;
    return true;
}

void comparison_code_label(const struct comparison *c, char *out, size_t size)
{
    if (!c->result || c->nrows == 0) {
        snprintf(out, size, "no code");
        return;
    }
    const struct compare_code *code = &c->result->codes[c->rows[c->row].code];
    snprintf(out, size, "%s %s", code->number, code->name);
}
