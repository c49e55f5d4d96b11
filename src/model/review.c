#include "model/review.h"

#include "core/motion.h"
#include "core/names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The region of text shown around a disagreement: its whole lines, at most this many code
 * points. */
#define REGION_MAX 4000

#define NAME_MAX_BYTES 256

struct review {
    struct project *project;
    char first[NAME_MAX_BYTES], second[NAME_MAX_BYTES], consensus[NAME_MAX_BYTES];
    int64_t first_id, second_id, consensus_id;
    struct compare_result *result;
    struct review_row *rows;
    size_t count;
    size_t disagreements, settled;
    enum compare_order order;
    int64_t open_code; /* 0 when none */
    struct adjudication *adjudication;
    int64_t snippet_source; /* the source whose text `snippet_text` holds, 0 for none */
    struct text *snippet_text;
};

void review_destroy(struct review *review)
{
    if (!review)
        return;
    adjudication_destroy(review->adjudication);
    text_destroy(review->snippet_text);
    compare_result_destroy(review->result);
    free(review->rows);
    free(review);
}

/* Reads "A,B" (names as names_split() reads them) into the two names. */
static bool split_coders(const char *coders, struct review *r, struct error *err)
{
    struct name_list names;
    if (!names_split(coders, &names, err))
        return false;
    bool ok = names.count == 2;
    if (!ok)
        error_user(err, "give two coders separated by a comma, such as A,B");
    else if (strlen(names.items[0]) >= sizeof r->first ||
             strlen(names.items[1]) >= sizeof r->second)
        ok = error_user(err, "a coder's name is too long");
    if (ok) {
        snprintf(r->first, sizeof r->first, "%s", names.items[0]);
        snprintf(r->second, sizeof r->second, "%s", names.items[1]);
    }
    names_finish(&names);
    return ok;
}

static int by_code_id(const void *x, const void *y)
{
    int64_t a = ((const struct adjudication_count *)x)->code_id;
    int64_t b = ((const struct adjudication_count *)y)->code_id;
    return (a > b) - (a < b);
}

/* Compares the coders again and fills the rows in the review's order. */
static bool build(struct review *r, struct error *err)
{
    const char *coders[] = {r->first, r->second};
    struct compare_request request = {.coders = coders, .ncoders = 2, .mode = COMPARE_CHARACTERS};
    struct compare_result *result = compare_run(r->project, &request, err);
    if (!result)
        return false;
    struct adjudication_count *counts = NULL;
    size_t ncounts = 0;
    size_t n = result->ncodes;
    struct review_row *rows = calloc(n ? n : 1, sizeof *rows);
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    bool ok = rows && order && compare_order_codes(result, r->order, order);
    if (!ok)
        error_internal(err, "out of memory");
    ok = ok && adjudication_tally(r->project, r->first_id, r->second_id, r->consensus_id, &counts,
                                  &ncounts, err);
    if (!ok) {
        free(rows);
        free(order);
        compare_result_destroy(result);
        return false;
    }
    r->disagreements = 0;
    r->settled = 0;
    for (size_t i = 0; i < n; i++) {
        const struct compare_code *code = &result->codes[order[i]];
        struct adjudication_count key = {.code_id = code->id};
        const struct adjudication_count *c =
            bsearch(&key, counts, ncounts, sizeof *counts, by_code_id);
        rows[i] = (struct review_row){code, c ? c->disagreements : 0, c ? c->settled : 0};
        r->disagreements += rows[i].disagreements;
        r->settled += rows[i].settled;
    }
    free(counts);
    free(order);
    compare_result_destroy(r->result);
    free(r->rows);
    r->result = result;
    r->rows = rows;
    r->count = n;
    return true;
}

struct review *review_open(struct project *project, const char *coders, const char *consensus,
                           struct error *err)
{
    struct review *r = calloc(1, sizeof *r);
    if (!r) {
        error_internal(err, "out of memory");
        return NULL;
    }
    r->project = project;
    r->order = COMPARE_BY_NUMBER;
    bool ok = split_coders(coders, r, err);
    if (ok && strlen(consensus) >= sizeof r->consensus)
        ok = error_user(err, "the consensus coder's name is too long");
    if (ok) {
        snprintf(r->consensus, sizeof r->consensus, "%s", consensus);
        ok = project_coder(project, r->first, false, &r->first_id, err) &&
             project_coder(project, r->second, false, &r->second_id, err);
    }
    if (ok && (!r->first_id || !r->second_id))
        ok = error_user(err, "there is no coder named '%s'", r->first_id ? r->second : r->first);
    if (ok && r->first_id == r->second_id)
        ok = error_user(err, "compare two different coders");
    ok = ok && project_coder(project, r->consensus, true, &r->consensus_id, err) && build(r, err);
    if (!ok) {
        review_destroy(r);
        return NULL;
    }
    return r;
}

const char *review_first(const struct review *review)
{
    return review->first;
}

const char *review_second(const struct review *review)
{
    return review->second;
}

const char *review_consensus(const struct review *review)
{
    return review->consensus;
}

const struct compare_result *review_result(const struct review *review)
{
    return review->result;
}

size_t review_count(const struct review *review)
{
    return review->count;
}

const struct review_row *review_row(const struct review *review, size_t index)
{
    return &review->rows[index];
}

size_t review_disagreements(const struct review *review)
{
    return review->disagreements;
}

size_t review_settled(const struct review *review)
{
    return review->settled;
}

enum compare_order review_order(const struct review *review)
{
    return review->order;
}

bool review_sort(struct review *review, enum compare_order order, struct error *err)
{
    review->order = order;
    return build(review, err);
}

long review_find(const struct review *review, int64_t code_id)
{
    for (size_t i = 0; i < review->count; i++) {
        if (review->rows[i].code->id == code_id)
            return (long)i;
    }
    return -1;
}

bool review_refresh(struct review *review, struct error *err)
{
    text_destroy(review->snippet_text);
    review->snippet_text = NULL;
    review->snippet_source = 0;
    if (!build(review, err))
        return false;
    return !review->adjudication || adjudication_reload(review->adjudication, err);
}

bool review_open_code(struct review *review, size_t index, struct error *err)
{
    if (index >= review->count)
        return error_user(err, "no code to open");
    int64_t code_id = review->rows[index].code->id;
    struct adjudication *a = adjudication_open(review->project, code_id, review->first_id,
                                               review->second_id, review->consensus_id, err);
    if (!a)
        return false;
    adjudication_destroy(review->adjudication);
    review->adjudication = a;
    review->open_code = code_id;
    return true;
}

struct adjudication *review_code(const struct review *review)
{
    return review->adjudication;
}

void review_code_label(const struct review *review, char *out, size_t size)
{
    long row = review->adjudication ? review_find(review, review->open_code) : -1;
    if (row < 0 ||
        !project_code_label(review->project, review->open_code, out, size, &(struct error){0}))
        snprintf(out, size, "no code");
}

struct text *review_region(const struct review *review, const struct stretch *stretch,
                           int64_t *start, struct error *err)
{
    struct text *source = project_source_text(review->project, stretch->source_id, err);
    if (!source)
        return NULL;
    int64_t from = motion_line_start(source, stretch->start);
    int64_t to = motion_line_end(source, stretch->end > 0 ? stretch->end - 1 : 0);
    if (to - from > REGION_MAX) {
        from = stretch->start > REGION_MAX / 4 ? stretch->start - REGION_MAX / 4 : 0;
        if (from < motion_line_start(source, stretch->start))
            from = motion_line_start(source, stretch->start);
        to = from + REGION_MAX;
    }
    char *bytes = text_slice(source, (size_t)from, (size_t)to);
    text_destroy(source);
    struct text *region = bytes ? text_create(bytes, strlen(bytes)) : NULL;
    free(bytes);
    if (!region)
        error_internal(err, "out of memory");
    *start = from;
    return region;
}

void review_snippet(struct review *review, const struct stretch *stretch, size_t most, char *out,
                    size_t size)
{
    out[0] = '\0';
    if (review->snippet_source != stretch->source_id) {
        struct error err;
        text_destroy(review->snippet_text);
        review->snippet_text = project_source_text(review->project, stretch->source_id, &err);
        review->snippet_source = review->snippet_text ? stretch->source_id : 0;
    }
    const struct text *text = review->snippet_text;
    if (!text || stretch->start < 0 || (size_t)stretch->start >= text_length(text))
        return;
    size_t end =
        (size_t)stretch->end < text_length(text) ? (size_t)stretch->end : text_length(text);
    if (end - (size_t)stretch->start > most)
        end = (size_t)stretch->start + most;
    char *bytes = text_slice(text, (size_t)stretch->start, end);
    if (!bytes)
        return;
    /* One line: a line break, or any run of spaces and breaks, becomes one space. Whole
     * characters only: the text is valid UTF-8. */
    size_t used = 0;
    bool space = false;
    for (const unsigned char *c = (const unsigned char *)bytes; *c;) {
        size_t len = *c < 0x80 ? 1 : *c < 0xE0 ? 2 : *c < 0xF0 ? 3 : 4;
        bool blank = *c == '\n' || *c == ' ' || *c == '\t' || *c == '\r';
        if (used + len + 1 > size)
            break;
        if (!(blank && (space || used == 0))) {
            out[used++] = blank ? ' ' : (char)*c;
            for (size_t k = 1; k < len; k++)
                out[used++] = (char)c[k];
        }
        space = blank;
        c += len;
    }
    out[used] = '\0';
    free(bytes);
}
