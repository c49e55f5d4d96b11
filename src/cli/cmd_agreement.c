#include "cli/cmd_agreement.h"

#include "cli/bootstrap_figures.h"
#include "cli/cli.h"
#include "cli/figures.h"
#include "core/agree.h"
#include "core/ratings.h"
#include "io/csv.h"
#include "io/file.h"
#include "io/json.h"
#include "io/ratings_csv.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* A figure, its label in a table and its key in CSV and JSON, what n counts and, where the
 * figure is made of an observed and an expected agreement or disagreement, their names. */
struct statistic {
    const char *label;
    const char *key;
    struct ratings_details details;
    const char *unit;
    const char *observed; /* NULL: no details */
    const char *expected;
    bool shown; /* the interval, ordinal and ratio alphas only for numbers */
};

enum { PERCENT, COHEN, SCOTT, FLEISS, CONGER, NOMINAL, ORDINAL, INTERVAL, RATIO, BRENNAN, STATS };

/* Everything the three formats write. */
struct report {
    const struct ratings_csv *data;
    size_t q;
    char bp_label[64];
    struct statistic stats[STATS];
    const struct bootstrap_request *boot; /* NULL: no bootstrap */
    const struct bootstrap_figures *resampled;
};

static struct ratings_details plain(struct agree_figure f)
{
    return (struct ratings_details){f, 0, 0};
}

static void compute(struct report *rep)
{
    const struct ratings *t = rep->data->table;
    bool numeric = rep->data->numeric;
    snprintf(rep->bp_label, sizeof rep->bp_label, "Brennan-Prediger kappa, q = %zu", rep->q);
    struct statistic stats[STATS] = {
        {"percent agreement", "percent_agreement", plain(ratings_percent(t)), "units", NULL, NULL,
         true},
        {"Cohen's kappa", "cohen_kappa", ratings_explain(t, RATINGS_COHEN_KAPPA, RATINGS_NOMINAL),
         "units", "p_o", "p_e", true},
        {"Scott's pi", "scott_pi", ratings_explain(t, RATINGS_SCOTT_PI, RATINGS_NOMINAL), "units",
         "p_o", "p_e", true},
        {"Fleiss' kappa", "fleiss_kappa", ratings_explain(t, RATINGS_FLEISS_KAPPA, RATINGS_NOMINAL),
         "units", "P", "P_e", true},
        {"Conger's kappa", "conger_kappa",
         ratings_explain(t, RATINGS_CONGER_KAPPA, RATINGS_NOMINAL), "units", "P", "P_e", true},
        {"Krippendorff's alpha, nominal", "alpha_nominal",
         ratings_explain(t, RATINGS_ALPHA, RATINGS_NOMINAL), "values", "D_o", "D_e", true},
        {"Krippendorff's alpha, ordinal", "alpha_ordinal", plain((struct agree_figure){0}),
         "values", "D_o", "D_e", numeric},
        {"Krippendorff's alpha, interval", "alpha_interval", plain((struct agree_figure){0}),
         "values", "D_o", "D_e", numeric},
        {"Krippendorff's alpha, ratio", "alpha_ratio", plain((struct agree_figure){0}), "values",
         "D_o", "D_e", numeric},
        {rep->bp_label, "brennan_prediger", plain(ratings_brennan_prediger(t, rep->q)), "units",
         NULL, NULL, true},
    };
    if (numeric) {
        stats[ORDINAL].details = ratings_explain(t, RATINGS_ALPHA, RATINGS_ORDINAL);
        stats[INTERVAL].details = ratings_explain(t, RATINGS_ALPHA, RATINGS_INTERVAL);
        stats[RATIO].details = ratings_explain(t, RATINGS_ALPHA, RATINGS_RATIO);
    }
    memcpy(rep->stats, stats, sizeof stats);
}

static void write_json(FILE *stream, const struct report *rep)
{
    const struct ratings_csv *data = rep->data;
    struct json_writer j;
    json_init(&j, stream);
    json_object_begin(&j, NULL);
    json_string(&j, "unit", "units");
    json_int(&j, "units", (int64_t)ratings_units(data->table));
    json_array_begin(&j, "coders");
    for (size_t i = 0; i < data->ncoders; i++)
        json_string(&j, NULL, data->coders[i]);
    json_array_end(&j);
    json_int(&j, "values", (int64_t)data->values);
    json_int(&j, "pairable_values", (int64_t)data->pairable);
    json_string(&j, "level", data->numeric ? "numeric" : "nominal");
    json_array_begin(&j, "categories");
    for (size_t i = 0; i < data->ncategories; i++)
        json_string(&j, NULL, data->categories[i]);
    json_array_end(&j);
    json_int(&j, "q", (int64_t)rep->q);
    for (size_t s = 0; s < STATS; s++) {
        const struct statistic *st = &rep->stats[s];
        if (!st->shown)
            continue;
        struct agree_figure f = st->details.figure;
        json_object_begin(&j, st->key);
        if (f.status == AGREE_DEFINED)
            json_number(&j, "value", f.value);
        else
            json_null(&j, "value");
        json_int(&j, "n", f.n);
        json_string(&j, "unit", st->unit);
        if (f.status != AGREE_DEFINED)
            json_string(&j, "reason", agree_status_text(f.status));
        if (st->observed) {
            json_number(&j, st->observed, st->details.observed);
            json_number(&j, st->expected, st->details.expected);
        }
        json_object_end(&j);
    }
    if (rep->boot)
        bootstrap_figures_json(&j, rep->boot, rep->resampled);
    json_object_end(&j);
}

static void write_table(FILE *stream, const struct report *rep)
{
    const struct ratings_csv *data = rep->data;
    fprintf(stream, "unit: units; %zu units, %zu values given, %zu of them pairable\n",
            ratings_units(data->table), data->values, data->pairable);
    figures_list(stream, "coders", (const char *const *)data->coders, data->ncoders);
    char label[64];
    snprintf(label, sizeof label, "categories (%zu, %s)", data->ncategories,
             data->numeric ? "numbers" : "nominal");
    figures_list(stream, label, (const char *const *)data->categories, data->ncategories);
    fprintf(stream, "\n");
    figures_cell(stream, "statistic", 34, false);
    figures_cell(stream, "value", 8, true);
    fprintf(stream, "  n\n");
    for (size_t s = 0; s < STATS; s++) {
        const struct statistic *st = &rep->stats[s];
        if (!st->shown)
            continue;
        char b[32];
        struct agree_figure f = st->details.figure;
        figures_cell(stream, st->label, 34, false);
        figures_cell(stream, figures_text(b, f, false), 8, true);
        if (f.status == AGREE_DEFINED)
            fprintf(stream, "  %" PRId64 " %s\n", f.n, st->unit);
        else
            fprintf(stream, "  %s\n", agree_status_text(f.status));
    }
    if (rep->boot) {
        fputc('\n', stream);
        bootstrap_figures_text(stream, rep->boot, rep->resampled);
    }
}

/* CSV: a header and one row, as `margin compare --unit --format csv` writes a code's: the
 * units, then each figure's value, n and reason, then with --bootstrap the interval cells. */
static bool write_csv(FILE *stream, const struct report *rep)
{
    const char *head[1 + 3 * STATS + BOOTSTRAP_FIGURES_CSV] = {"units"};
    const char *row[1 + 3 * STATS + BOOTSTRAP_FIGURES_CSV];
    char names[STATS][2][48];
    char b[2 * STATS + 1][32];
    char cells[BOOTSTRAP_FIGURES_CSV][32];
    size_t n = 1;
    row[0] = figures_int(b[2 * STATS], (int64_t)ratings_units(rep->data->table));
    for (size_t s = 0; s < STATS; s++) {
        const struct statistic *st = &rep->stats[s];
        if (!st->shown)
            continue;
        struct agree_figure f = st->details.figure;
        bool defined = f.status == AGREE_DEFINED;
        snprintf(names[s][0], sizeof names[s][0], "%s_n", st->key);
        snprintf(names[s][1], sizeof names[s][1], "%s_reason", st->key);
        head[n] = st->key;
        row[n++] = defined ? figures_text(b[2 * s], f, true) : "";
        head[n] = names[s][0];
        row[n++] = figures_int(b[2 * s + 1], f.n);
        head[n] = names[s][1];
        row[n++] = defined ? "" : agree_status_text(f.status);
    }
    if (rep->boot) {
        bootstrap_figures_csv(rep->resampled, rep->boot->level, cells, row + n);
        for (size_t i = 0; i < BOOTSTRAP_FIGURES_CSV; i++)
            head[n++] = bootstrap_figures_csv_head[i];
    }
    return csv_write_row(stream, head, n, false) && csv_write_row(stream, row, n, false);
}

int cmd_agreement_run(struct cli_call *call)
{
    const char *path = cli_option(call, "ratings");
    const char *format = cli_option(call, "format");
    const char *categories_arg = cli_option(call, "categories");
    long categories = 0;
    if (categories_arg && !cli_parse_whole(categories_arg, 1, 100000000, &categories))
        return cli_misuse(call, "--categories takes a whole number of 1 or more, not '%s'",
                          categories_arg);
    struct bootstrap_request boot;
    int status = bootstrap_figures_options(call, &boot);
    if (status != CLI_OK)
        return status;
    struct ratings_csv data;
    struct error err;
    if (!ratings_csv_read(path, &data, &err))
        return cli_report(&err);
    struct bootstrap_figures resampled = {0};
    if (boot.resamples && !bootstrap_figures_run(data.table, &boot, &resampled)) {
        ratings_csv_finish(&data);
        error_internal(&err, "out of memory bootstrapping");
        return cli_report(&err);
    }
    struct report rep = {
        .data = &data,
        .q = categories_arg ? (size_t)categories : data.ncategories,
        .boot = boot.resamples ? &boot : NULL,
        .resampled = &resampled,
    };
    compute(&rep);
    struct file_output out;
    if (!file_output_open(&out, "-", &err)) {
        bootstrap_figures_finish(&resampled);
        ratings_csv_finish(&data);
        return cli_report(&err);
    }
    struct figures_locale numeric;
    figures_locale_enter(&numeric);
    bool written = true;
    if (format && strcmp(format, "json") == 0)
        write_json(out.stream, &rep);
    else if (format && strcmp(format, "csv") == 0)
        written = write_csv(out.stream, &rep);
    else
        write_table(out.stream, &rep);
    figures_locale_leave(&numeric);
    bootstrap_figures_finish(&resampled);
    ratings_csv_finish(&data);
    if (!written) {
        file_output_abort(&out);
        error_user(&err, "could not write the figures");
        return cli_report(&err);
    }
    return file_output_commit(&out, &err) ? CLI_OK : cli_report(&err);
}
