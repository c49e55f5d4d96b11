#include "cli/cmd_compare.h"

#include "cli/cli.h"
#include "cli/figures.h"
#include "cli/render_csv.h"
#include "cli/render_json.h"
#include "cli/render_table.h"
#include "cli/render_units.h"
#include "core/agree.h"
#include "core/names.h"
#include "model/compare.h"
#include "model/project.h"
#include "model/units.h"

#include <stdlib.h>
#include <string.h>

/* The most coders one comparison takes. */
#define CODERS_MAX 64

enum output_format {
    FORMAT_TABLE,
    FORMAT_CSV,
    FORMAT_JSON,
};

/* The rows' indexes in the order asked for, or NULL when memory runs out. */
static size_t *row_order(const struct compare_result *r, enum compare_order order)
{
    size_t *rows = malloc((r->ncodes ? r->ncodes : 1) * sizeof *rows);
    if (rows && !compare_order_codes(r, order, rows)) {
        free(rows);
        return NULL;
    }
    return rows;
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
 * CLI_OK, or the status of the usage error it reported. `coder_list` holds the names of --coders
 * (names_split(): a name with a comma in double quotes), which request->coders points to. */
static int read_options(struct cli_call *call, struct name_list *coder_list,
                        struct compare_request *request, enum output_format *format,
                        enum compare_order *order)
{
    const char *coders_arg = cli_option(call, "coders");
    struct error err;
    if (!names_split(coders_arg, coder_list, &err))
        return cli_misuse(call, "--coders: %s", err.message);
    request->coders = (const char *const *)coder_list->items;
    request->ncoders = coder_list->count;
    request->sources = cli_values(call, "source", &request->nsources);
    request->codes = cli_values(call, "code", &request->ncodes);
    request->mode = COMPARE_CHARACTERS;
    request->threshold = AGREE_SEGMENT_THRESHOLD;
    request->alpha = cli_flag(call, "alpha");
    request->every_cell = !cli_flag(call, "skip-empty");
    request->nvivo = cli_flag(call, "nvivo-kappa");
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
    if (request->nvivo && request->mode == COMPARE_SEGMENTS)
        return cli_misuse(call, "--nvivo-kappa applies to characters only");
    const char *format_name = cli_option(call, "format");
    *format = !format_name                       ? FORMAT_TABLE
              : strcmp(format_name, "csv") == 0  ? FORMAT_CSV
              : strcmp(format_name, "json") == 0 ? FORMAT_JSON
                                                 : FORMAT_TABLE;
    const char *sort_name = cli_option(call, "sort");
    *order = !sort_name                               ? COMPARE_BY_NUMBER
             : strcmp(sort_name, "kappa") == 0        ? COMPARE_BY_HEADLINE
             : strcmp(sort_name, "disagreement") == 0 ? COMPARE_BY_DISAGREEMENT
                                                      : COMPARE_BY_NUMBER;
    return CLI_OK;
}

/* What margin compare --unitizing writes, for cli_write(). */
struct unitizing_job {
    const struct unitizing_result *result;
    enum output_format format;
};

static bool write_unitizing(FILE *out, void *context, struct error *err)
{
    struct unitizing_job *job = context;
    struct figures_locale numeric;
    bool ok = true;
    figures_locale_enter(&numeric);
    if (job->format == FORMAT_TABLE)
        render_unitizing_table(out, job->result);
    else if (job->format == FORMAT_JSON)
        render_unitizing_json(out, job->result);
    else
        ok = render_unitizing_csv(out, job->result) ||
             error_user(err, "could not write the unitizing alphas");
    figures_locale_leave(&numeric);
    return ok;
}

/* margin compare --unitizing: Krippendorff's unitizing alphas. */
static int run_unitizing(struct cli_call *call, const struct compare_request *request,
                         enum output_format format)
{
    struct error err;
    struct unitizing_result *result = units_unitizing(call->project, request, &err);
    if (!result)
        return cli_report(&err);
    struct unitizing_job job = {result, format};
    int status = CLI_OK;
    const char *output = cli_option(call, "output");
    if (!cli_write_as(call, call->project, format == FORMAT_CSV, output, write_unitizing, &job,
                      &err))
        status = cli_report(&err);
    units_unitizing_destroy(result);
    return status;
}

/* What margin compare --unit writes, for cli_write(). */
struct units_job {
    const struct units_result *result;
    enum output_format format;
    const struct bootstrap_request *boot; /* NULL: no bootstrap */
    const struct bootstrap_figures *pooled;
    const struct bootstrap_figures *codes; /* one per row, with boot */
};

static bool write_units(FILE *out, void *context, struct error *err)
{
    struct units_job *job = context;
    struct figures_locale numeric;
    bool ok = true;
    figures_locale_enter(&numeric);
    if (job->format == FORMAT_TABLE)
        render_units_table(out, job->result, job->boot, job->pooled, job->codes);
    else if (job->format == FORMAT_JSON)
        render_units_json(out, job->result, job->boot, job->pooled, job->codes);
    else
        ok = render_units_csv(out, job->result, job->boot, job->pooled, job->codes) ||
             error_user(err, "could not write the units");
    figures_locale_leave(&numeric);
    return ok;
}

static bool write_ratings(FILE *out, void *context, struct error *err)
{
    struct units_job *job = context;
    return render_units_ratings(out, job->result) || error_user(err, "could not write the ratings");
}

/* Reads --unit and --cover (a whole percent, with or without '%'); CLI_OK or a usage error. */
static int read_unit_options(struct cli_call *call, const struct compare_request *request,
                             bool *wanted, enum units_kind *kind, int *cover)
{
    const char *unit = cli_option(call, "unit");
    const char *cover_arg = cli_option(call, "cover");
    *wanted = unit != NULL;
    *kind = !unit                            ? UNITS_TURNS
            : strcmp(unit, "paragraph") == 0 ? UNITS_PARAGRAPHS
            : strcmp(unit, "sentence") == 0  ? UNITS_SENTENCES
                                             : UNITS_TURNS;
    *cover = 0;
    if (!unit && (cover_arg || cli_option(call, "ratings-out")))
        return cli_misuse(call, "--%s needs --unit", cover_arg ? "cover" : "ratings-out");
    if (unit && request->mode == COMPARE_SEGMENTS)
        return cli_misuse(call, "--unit compares units, not segments");
    if (unit && request->nvivo)
        return cli_misuse(call, "--nvivo-kappa applies to characters, not units");
    if (unit && (request->alpha || cli_option(call, "sort")))
        return cli_misuse(call, "--unit reports alpha for every code and keeps the codes in order");
    if (cover_arg) {
        char digits[16];
        size_t n = strlen(cover_arg);
        long value = 0;
        if (n > 0 && cover_arg[n - 1] == '%')
            n--;
        if (n >= sizeof digits || (memcpy(digits, cover_arg, n), digits[n] = '\0',
                                   !cli_parse_whole(digits, 1, 100, &value)))
            return cli_misuse(call, "--cover takes a percent from 1 to 100, such as 50%%, not '%s'",
                              cover_arg);
        *cover = (int)value;
    }
    return CLI_OK;
}

/* margin compare --unit: agreement over turns, paragraphs or sentences. */
static int run_units(struct cli_call *call, const struct compare_request *request,
                     enum units_kind kind, int cover, enum output_format format,
                     const struct bootstrap_request *boot)
{
    struct error err;
    struct units_result *result = units_run(call->project, request, kind, cover, &err);
    if (!result)
        return cli_report(&err);
    size_t ncodes = result->comparison->ncodes;
    struct bootstrap_figures pooled = {0};
    struct bootstrap_figures *codes = calloc(ncodes ? ncodes : 1, sizeof *codes);
    struct units_job job = {result, format, boot->resamples ? boot : NULL, &pooled, codes};
    const char *ratings = cli_option(call, "ratings-out");
    int status = CLI_OK;
    bool resampled = codes != NULL;
    for (size_t k = 0; boot->resamples && resampled && k < ncodes; k++)
        resampled = bootstrap_figures_run(result->tables[k], boot, &codes[k]);
    if (boot->resamples && (!resampled || !bootstrap_figures_run(result->pooled, boot, &pooled))) {
        error_internal(&err, "out of memory bootstrapping");
        status = cli_report(&err);
    } else if (!codes) {
        error_internal(&err, "out of memory");
        status = cli_report(&err);
    } else if ((ratings &&
                !cli_write_as(call, call->project, true, ratings, write_ratings, &job, &err)) ||
               !cli_write_as(call, call->project, format == FORMAT_CSV, cli_option(call, "output"),
                             write_units, &job, &err)) {
        status = cli_report(&err);
    }
    for (size_t k = 0; codes && k < ncodes; k++)
        bootstrap_figures_finish(&codes[k]);
    free(codes);
    bootstrap_figures_finish(&pooled);
    units_result_destroy(result);
    return status;
}

int cmd_compare_run(struct cli_call *call)
{
    struct error err;
    struct name_list coder_list = {0};
    struct compare_request request = {0};
    enum output_format format = FORMAT_TABLE;
    enum compare_order order = COMPARE_BY_NUMBER;
    int status = read_options(call, &coder_list, &request, &format, &order);
    struct compare_result *result = NULL;
    size_t *rows = NULL;
    bool units = false;
    enum units_kind kind = UNITS_TURNS;
    int cover = 0;
    struct bootstrap_request boot;
    if (status == CLI_OK)
        status = read_unit_options(call, &request, &units, &kind, &cover);
    if (status == CLI_OK)
        status = bootstrap_figures_options(call, &boot);
    if (status == CLI_OK && boot.resamples && !units)
        status = cli_misuse(call, "--bootstrap needs --unit");
    bool unitizing = cli_flag(call, "unitizing");
    if (status == CLI_OK && unitizing &&
        (units || request.mode == COMPARE_SEGMENTS || request.alpha || request.nvivo ||
         cli_option(call, "sort")))
        status = cli_misuse(call, "--unitizing goes with none of --unit, --mode segments, "
                                  "--alpha, --nvivo-kappa and --sort");
    if (status == CLI_OK && units)
        status = run_units(call, &request, kind, cover, format, &boot);
    else if (status == CLI_OK && unitizing)
        status = run_unitizing(call, &request, format);
    if (status != CLI_OK || units || unitizing)
        goto cleanup;
    result = compare_run(call->project, &request, &err);
    rows = result ? row_order(result, order) : NULL;
    if (result && !rows)
        error_internal(&err, "out of memory");
    struct comparison_job job = {result, rows, format};
    const char *output = cli_option(call, "output");
    if (!rows || !cli_write_as(call, call->project, format == FORMAT_CSV, output, write_comparison,
                               &job, &err))
        status = cli_report(&err);
cleanup:
    free(rows);
    compare_result_destroy(result);
    names_finish(&coder_list);
    return status;
}
