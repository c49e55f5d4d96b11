#include "cli/cmd_agreement.h"

#include "cli/bootstrap_figures.h"
#include "cli/cli.h"
#include "cli/figures.h"
#include "core/agree.h"
#include "core/ratings.h"
#include "io/file.h"
#include "io/json.h"
#include "io/ratings_csv.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

struct statistic {
    const char *label;
    const char *key;
    struct agree_figure figure;
    const char *unit; /* what n counts */
};

int cmd_agreement_run(struct cli_call *call)
{
    const char *path = cli_option(call, "ratings");
    const char *format_name = cli_option(call, "format");
    const char *categories_arg = cli_option(call, "categories");
    long categories = 0;
    if (categories_arg && !cli_parse_whole(categories_arg, 1, 100000000, &categories))
        return cli_misuse(call, "--categories takes a whole number of 1 or more, not '%s'",
                          categories_arg);
    bool json = format_name && strcmp(format_name, "json") == 0;
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
    size_t q = categories_arg ? (size_t)categories : data.ncategories;
    char bp_label[64];
    snprintf(bp_label, sizeof bp_label, "Brennan-Prediger kappa, q = %zu", q);
    const struct ratings *t = data.table;
    struct statistic stats[] = {
        {"percent agreement", "percent_agreement", ratings_percent(t), "units"},
        {"Cohen's kappa", "cohen_kappa", ratings_cohen_kappa(t), "units"},
        {"Scott's pi", "scott_pi", ratings_scott_pi(t), "units"},
        {"Fleiss' kappa", "fleiss_kappa", ratings_fleiss_kappa(t), "units"},
        {"Krippendorff's alpha, nominal", "alpha_nominal", ratings_alpha(t, RATINGS_NOMINAL),
         "values"},
        {"Krippendorff's alpha, ordinal", "alpha_ordinal", {0, 0, AGREE_EMPTY}, "values"},
        {"Krippendorff's alpha, interval", "alpha_interval", {0, 0, AGREE_EMPTY}, "values"},
        {"Krippendorff's alpha, ratio", "alpha_ratio", {0, 0, AGREE_EMPTY}, "values"},
        {bp_label, "brennan_prediger", ratings_brennan_prediger(t, q), "units"},
    };
    size_t nstats = sizeof stats / sizeof stats[0];
    if (data.numeric) {
        stats[5].figure = ratings_alpha(t, RATINGS_ORDINAL);
        stats[6].figure = ratings_alpha(t, RATINGS_INTERVAL);
        stats[7].figure = ratings_alpha(t, RATINGS_RATIO);
    }
    struct file_output out;
    if (!file_output_open(&out, "-", &err)) {
        bootstrap_figures_finish(&resampled);
        ratings_csv_finish(&data);
        return cli_report(&err);
    }
    FILE *stream = out.stream;
    struct figures_locale numeric;
    figures_locale_enter(&numeric);
    if (json) {
        struct json_writer j;
        json_init(&j, stream);
        json_object_begin(&j, NULL);
        json_string(&j, "unit", "units");
        json_int(&j, "units", (int64_t)ratings_units(t));
        json_array_begin(&j, "coders");
        for (size_t i = 0; i < data.ncoders; i++)
            json_string(&j, NULL, data.coders[i]);
        json_array_end(&j);
        json_int(&j, "values", (int64_t)data.values);
        json_int(&j, "pairable_values", (int64_t)data.pairable);
        json_string(&j, "level", data.numeric ? "numeric" : "nominal");
        json_array_begin(&j, "categories");
        for (size_t i = 0; i < data.ncategories; i++)
            json_string(&j, NULL, data.categories[i]);
        json_array_end(&j);
        json_int(&j, "q", (int64_t)q);
        for (size_t s = 0; s < nstats; s++) {
            if (data.numeric || s < 5 || s > 7)
                figures_json_object(&j, stats[s].key, stats[s].figure, stats[s].unit);
        }
        if (boot.resamples)
            bootstrap_figures_json(&j, &boot, &resampled);
        json_object_end(&j);
    } else {
        fprintf(stream, "unit: units; %zu units, %zu values given, %zu of them pairable\n",
                ratings_units(t), data.values, data.pairable);
        figures_list(stream, "coders", (const char *const *)data.coders, data.ncoders);
        char label[64];
        snprintf(label, sizeof label, "categories (%zu, %s)", data.ncategories,
                 data.numeric ? "numbers" : "nominal");
        figures_list(stream, label, (const char *const *)data.categories, data.ncategories);
        fprintf(stream, "\n");
        figures_cell(stream, "statistic", 34, false);
        figures_cell(stream, "value", 8, true);
        fprintf(stream, "  n\n");
        for (size_t s = 0; s < nstats; s++) {
            if (!data.numeric && s >= 5 && s <= 7)
                continue;
            char b[32];
            struct agree_figure f = stats[s].figure;
            figures_cell(stream, stats[s].label, 34, false);
            figures_cell(stream, figures_text(b, f, false), 8, true);
            if (f.status == AGREE_DEFINED)
                fprintf(stream, "  %" PRId64 " %s\n", f.n, stats[s].unit);
            else
                fprintf(stream, "  %s\n", agree_status_text(f.status));
        }
        if (boot.resamples) {
            fputc('\n', stream);
            bootstrap_figures_text(stream, &boot, &resampled);
        }
    }
    figures_locale_leave(&numeric);
    bootstrap_figures_finish(&resampled);
    ratings_csv_finish(&data);
    return file_output_commit(&out, &err) ? CLI_OK : cli_report(&err);
}
