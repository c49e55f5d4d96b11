#include "cli/cmd_compare.h"

#include "cli/cli.h"
#include "cli/figures.h"
#include "cli/render_csv.h"
#include "cli/render_json.h"
#include "cli/render_table.h"
#include "core/agree.h"
#include "model/compare.h"
#include "model/project.h"

#include <stdlib.h>
#include <string.h>

/* The most coders one comparison takes. */
#define CODERS_MAX 64

enum output_format {
    FORMAT_TABLE,
    FORMAT_CSV,
    FORMAT_JSON,
};

enum sort_order {
    SORT_CODE,
    SORT_KAPPA,
    SORT_DISAGREEMENT,
};

/* The headline agreement figure of a code's counts: Cohen's kappa for two coders over
 * characters, alpha for more, Brennan-Prediger's kappa over segments. */
static struct agree_figure headline(const struct compare_result *r, const struct compare_counts *c)
{
    if (r->mode == COMPARE_SEGMENTS)
        return agree_tally_kappa(agree_segments_tally(c->segments), (int64_t)r->ncodes);
    if (r->ncoders == 2)
        return agree_kappa(c->pairs[0]);
    return agree_alpha_binary(&c->coincidence);
}

/* What the coders disagreed on: characters only some covered, summed over pairs, or segments
 * not matched. */
static int64_t disagreement(const struct compare_result *r, const struct compare_counts *c)
{
    if (r->mode == COMPARE_SEGMENTS)
        return c->segments.a_segments - c->segments.a_matched + c->segments.b_segments -
               c->segments.b_matched;
    int64_t sum = 0;
    for (size_t p = 0; p < r->npairs; p++)
        sum += c->pairs[p].b + c->pairs[p].c;
    return sum;
}

/* A row and what it sorts by. */
struct row_key {
    size_t index;
    bool defined; /* the headline figure is defined */
    double headline;
    int64_t disagreement;
};

/* Lowest headline figure first, undefined ones last; then by code. */
static int by_headline(const void *x, const void *y)
{
    const struct row_key *a = x;
    const struct row_key *b = y;
    if (a->defined != b->defined)
        return a->defined ? -1 : 1;
    if (a->defined && a->headline != b->headline)
        return a->headline < b->headline ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

/* Most disagreement first; then by code. */
static int by_disagreement(const void *x, const void *y)
{
    const struct row_key *a = x;
    const struct row_key *b = y;
    if (a->disagreement != b->disagreement)
        return a->disagreement > b->disagreement ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

/* The rows' indexes in the order asked for, or NULL when memory runs out. */
static size_t *row_order(const struct compare_result *r, enum sort_order order)
{
    size_t n = r->ncodes ? r->ncodes : 1;
    size_t *rows = malloc(n * sizeof *rows);
    struct row_key *keys = malloc(n * sizeof *keys);
    if (!rows || !keys) {
        free(rows);
        free(keys);
        return NULL;
    }
    for (size_t i = 0; i < r->ncodes; i++) {
        struct agree_figure f = headline(r, &r->codes[i].pooled);
        keys[i] = (struct row_key){i, f.status == AGREE_DEFINED, f.value,
                                   disagreement(r, &r->codes[i].pooled)};
    }
    if (order == SORT_KAPPA)
        qsort(keys, r->ncodes, sizeof *keys, by_headline);
    else if (order == SORT_DISAGREEMENT)
        qsort(keys, r->ncodes, sizeof *keys, by_disagreement);
    for (size_t i = 0; i < r->ncodes; i++)
        rows[i] = keys[i].index;
    free(keys);
    return rows;
}

/* Splits "A,B,C" into names (pointers into the modified string). */
static size_t split_names(char *list, const char **names, size_t most)
{
    size_t n = 0;
    for (char *p = list; n < most;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        names[n++] = p;
        if (!comma)
            break;
        p = comma + 1;
    }
    return n;
}

/* What margin compare writes, for cli_write(). */
struct comparison_job {
    const struct compare_result *result;
    const size_t *rows;
    enum output_format format;
};

static bool write_comparison(FILE *out, void *context, struct error *err)
{
    struct comparison_job *job = context;
    struct figures_locale numeric;
    bool ok = true;
    figures_locale_enter(&numeric);
    if (job->format == FORMAT_TABLE)
        render_table_comparison(out, job->result, job->rows);
    else if (job->format == FORMAT_JSON)
        render_json_comparison(out, job->result, job->rows);
    else
        ok = render_csv_comparison(out, job->result, job->rows) ||
             error_user(err, "could not write the comparison");
    figures_locale_leave(&numeric);
    return ok;
}

/* Reads the options of margin compare into a request, an output format and an order; returns
 * CLI_OK, or the status of the usage error it reported. `coder_list` holds a copy of --coders
 * that request->coders points into. */
static int read_options(struct cli_call *call, char *coder_list, struct compare_request *request,
                        enum output_format *format, enum sort_order *order)
{
    const char *coders_arg = cli_option(call, "coders");
    request->ncoders = split_names(coder_list, (const char **)request->coders, CODERS_MAX + 1);
    request->sources = cli_values(call, "source", &request->nsources);
    request->codes = cli_values(call, "code", &request->ncodes);
    request->mode = COMPARE_CHARACTERS;
    request->threshold = AGREE_SEGMENT_THRESHOLD;
    request->alpha = cli_flag(call, "alpha");
    if (request->ncoders > CODERS_MAX)
        return cli_misuse(call, "--coders names more than %d coders", CODERS_MAX);
    for (size_t i = 0; i < request->ncoders; i++) {
        if (!*request->coders[i])
            return cli_misuse(call, "--coders has an empty name in '%s'", coders_arg);
    }
    const char *mode = cli_option(call, "mode");
    if (mode && strcmp(mode, "segments") == 0)
        request->mode = COMPARE_SEGMENTS;
    const char *threshold = cli_option(call, "threshold");
    long value = 0;
    if (threshold && !cli_parse_whole(threshold, 0, 100, &value))
        return cli_misuse(call, "--threshold takes a whole number from 0 to 100, not '%s'",
                          threshold);
    if (threshold && request->mode != COMPARE_SEGMENTS)
        return cli_misuse(call, "--threshold needs --mode segments");
    if (threshold)
        request->threshold = (int)value;
    if (request->alpha && request->mode == COMPARE_SEGMENTS)
        return cli_misuse(call, "--alpha applies to characters only");
    const char *format_name = cli_option(call, "format");
    *format = !format_name                       ? FORMAT_TABLE
              : strcmp(format_name, "csv") == 0  ? FORMAT_CSV
              : strcmp(format_name, "json") == 0 ? FORMAT_JSON
                                                 : FORMAT_TABLE;
    const char *sort_name = cli_option(call, "sort");
    *order = !sort_name                               ? SORT_CODE
             : strcmp(sort_name, "kappa") == 0        ? SORT_KAPPA
             : strcmp(sort_name, "disagreement") == 0 ? SORT_DISAGREEMENT
                                                      : SORT_CODE;
    return CLI_OK;
}

int cmd_compare_run(struct cli_call *call)
{
    struct error err;
    char *coder_list = strdup(cli_option(call, "coders"));
    if (!coder_list) {
        error_internal(&err, "out of memory");
        return cli_report(&err);
    }
    const char *coders[CODERS_MAX + 1];
    struct compare_request request = {.coders = coders};
    enum output_format format = FORMAT_TABLE;
    enum sort_order order = SORT_CODE;
    int status = read_options(call, coder_list, &request, &format, &order);
    struct compare_result *result = NULL;
    size_t *rows = NULL;
    if (status != CLI_OK)
        goto cleanup;
    result = compare_run(call->project, &request, &err);
    rows = result ? row_order(result, order) : NULL;
    if (result && !rows)
        error_internal(&err, "out of memory");
    struct comparison_job job = {result, rows, format};
    if (!rows || !cli_write(cli_option(call, "output"), write_comparison, &job, &err))
        status = cli_report(&err);
cleanup:
    free(rows);
    compare_result_destroy(result);
    free(coder_list);
    return status;
}
