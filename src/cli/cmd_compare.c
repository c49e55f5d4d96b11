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

int cmd_compare_run(int argc, char **argv)
{
    static const struct option_spec options[] = {
        {"coders", "A,B", false},
        {"source", "NAME", true},
        {"code", "CODE", true},
        {"mode", "characters|segments", false},
        {"threshold", "PERCENT", false},
        {"alpha", NULL, false},
        {"format", "table|csv|json", false},
        {"sort", "code|kappa|disagreement", false},
        {"output", "FILE", false},
    };
    static const struct cli_spec spec = {
        .usage = "PROJECT --coders A,B[,C...] [--source NAME]... [--code CODE]...\n"
                 "       [--mode characters|segments] [--threshold PERCENT] [--alpha]\n"
                 "       [--sort code|kappa|disagreement] [--format table|csv|json] "
                 "[--output FILE]",
        .help = "Compares coders' codings, code by code. By default the unit is the character:\n"
                "for each code and source, a = characters both coders coded with the code or a\n"
                "sub-code, b and c those only one coded, d those neither did; tables are pooled\n"
                "over sources (the headline figure) and over codes. Figures: percent agreement,\n"
                "Cohen's kappa, positive agreement and Jaccard for two coders; Krippendorff's\n"
                "alpha (binary, over characters) with --alpha and always for three or more\n"
                "coders, whose pairs are also compared. A figure that is undefined is shown as\n"
                "n/a (null in JSON) with the reason.\n\n"
                "  --coders A,B      the coders to compare (two or more, comma-separated)\n"
                "  --source NAME     compare only this source (repeatable); by default every\n"
                "                    source in which each coder coded something\n"
                "  --code CODE       only this code and its sub-codes (repeatable)\n"
                "  --mode segments   MAXQDA-style agreement of two coders over coded segments at\n"
                "                    each code, with code presence and frequency per source and\n"
                "                    Brennan and Prediger's kappa (q = the number of codes)\n"
                "  --threshold N     segments: the overlap, in percent of the extent of two\n"
                "                    segments, at which they match (default 90, inclusive)\n"
                "  --alpha           characters: Krippendorff's alpha for two coders too\n"
                "  --sort ORDER      code (the default), kappa (lowest first) or disagreement\n"
                "                    (most first)\n"
                "  --format FORMAT   table (the default), csv (a row per code, source and pair\n"
                "                    of coders, with (pooled) and (overall) rows) or json\n"
                "  --output FILE     write to FILE, replaced only when complete\n",
        .options = options,
        .noptions = sizeof options / sizeof options[0],
        .min_args = 1,
        .max_args = 1,
    };
    struct parsed_options opts;
    int status;
    if (!cli_parse(argc, argv, &spec, &opts, &status))
        return status;
    const char *coders_arg = options_value(&opts, 0);
    if (!coders_arg)
        return cli_usage_error(argv[0], spec.usage, "--coders is missing");
    char *coder_list = strdup(coders_arg);
    const char *coders[CODERS_MAX + 1];
    if (!coder_list) {
        struct error oom;
        error_internal(&oom, "out of memory");
        return cli_report(&oom);
    }
    struct compare_request request = {
        .coders = coders,
        .ncoders = split_names(coder_list, coders, CODERS_MAX + 1),
        .sources = opts.values[1],
        .nsources = opts.counts[1],
        .codes = opts.values[2],
        .ncodes = opts.counts[2],
        .mode = COMPARE_CHARACTERS,
        .threshold = AGREE_SEGMENT_THRESHOLD,
        .alpha = opts.counts[5] > 0,
    };
    enum output_format format = FORMAT_TABLE;
    enum sort_order order = SORT_CODE;
    const char *mode = options_value(&opts, 3);
    const char *threshold = options_value(&opts, 4);
    const char *format_name = options_value(&opts, 6);
    const char *sort_name = options_value(&opts, 7);
    long value = 0;
    status = CLI_OK;
    if (request.ncoders > CODERS_MAX)
        status =
            cli_usage_error(argv[0], spec.usage, "--coders names more than %d coders", CODERS_MAX);
    for (size_t i = 0; i < request.ncoders && status == CLI_OK; i++) {
        if (!*coders[i])
            status = cli_usage_error(argv[0], spec.usage, "--coders has an empty name in '%s'",
                                     coders_arg);
    }
    if (status == CLI_OK && mode) {
        if (strcmp(mode, "segments") == 0)
            request.mode = COMPARE_SEGMENTS;
        else if (strcmp(mode, "characters") != 0)
            status = cli_usage_error(argv[0], spec.usage,
                                     "unknown mode '%s'; use characters or segments", mode);
    }
    if (status == CLI_OK && threshold) {
        if (!cli_parse_whole(threshold, 0, 100, &value))
            status = cli_usage_error(argv[0], spec.usage,
                                     "--threshold takes a whole number from 0 to 100, not '%s'",
                                     threshold);
        else if (request.mode != COMPARE_SEGMENTS)
            status = cli_usage_error(argv[0], spec.usage, "--threshold needs --mode segments");
        request.threshold = (int)value;
    }
    if (status == CLI_OK && request.alpha && request.mode == COMPARE_SEGMENTS)
        status = cli_usage_error(argv[0], spec.usage, "--alpha applies to characters only");
    if (status == CLI_OK && format_name) {
        if (strcmp(format_name, "csv") == 0)
            format = FORMAT_CSV;
        else if (strcmp(format_name, "json") == 0)
            format = FORMAT_JSON;
        else if (strcmp(format_name, "table") != 0)
            status = cli_usage_error(argv[0], spec.usage, "unknown format '%s'", format_name);
    }
    if (status == CLI_OK && sort_name) {
        if (strcmp(sort_name, "kappa") == 0)
            order = SORT_KAPPA;
        else if (strcmp(sort_name, "disagreement") == 0)
            order = SORT_DISAGREEMENT;
        else if (strcmp(sort_name, "code") != 0)
            status = cli_usage_error(argv[0], spec.usage, "unknown order '%s'", sort_name);
    }
    if (status != CLI_OK) {
        free(coder_list);
        return status;
    }

    struct project *project = cli_open(opts.positional[0], PROJECT_READ_ONLY, &status);
    if (!project) {
        free(coder_list);
        return status;
    }
    struct error err;
    struct compare_result *result = compare_run(project, &request, &err);
    size_t *rows = result ? row_order(result, order) : NULL;
    bool ok = rows != NULL;
    if (result && !rows)
        error_internal(&err, "out of memory");
    if (ok) {
        struct comparison_job job = {result, rows, format};
        ok = cli_write(options_value(&opts, 8), write_comparison, &job, &err);
    }
    free(rows);
    compare_result_destroy(result);
    project_close(project);
    free(coder_list);
    return ok ? CLI_OK : cli_report(&err);
}
