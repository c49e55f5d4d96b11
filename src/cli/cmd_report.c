#include "cli/cmd_report.h"

#include "cli/cli.h"
#include "core/width.h"
#include "model/project.h"
#include "model/report.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_report_info(int argc, char **argv)
{
    static const struct cli_spec spec = {
        .usage = "PROJECT",
        .help = "Counts the sources, cases, codes, coders, codings and memos of a project.\n",
        .min_args = 1,
        .max_args = 1,
    };
    struct parsed_options opts;
    int status;
    if (!cli_parse(argc, argv, &spec, &opts, &status))
        return status;
    struct project *project = cli_open(opts.positional[0], PROJECT_READ_ONLY, &status);
    if (!project)
        return status;
    struct report_summary summary;
    struct error err;
    bool ok = report_summarise(project, &summary, &err);
    if (ok) {
        printf("project  ");
        cli_put_visible(stdout, opts.positional[0]);
        putchar('\n');
        static const char *const kind_names[][2] = {{"interview", "interviews"},
                                                    {"observation", "observations"},
                                                    {"document", "documents"}};
        printf("sources  %" PRId64, summary.sources);
        const char *sep = " (";
        for (int k = 0; k < 3; k++) {
            if (summary.kinds[k]) {
                printf("%s%zu %s", sep, summary.kinds[k], kind_names[k][summary.kinds[k] != 1]);
                sep = ", ";
            }
        }
        printf("%s\n", summary.sources ? ")" : "");
        printf("cases    %" PRId64 "\n", summary.cases);
        printf("codes    %" PRId64 " (%zu headings)\n", summary.codes, summary.headings);
        printf("coders   %" PRId64, summary.coders);
        const struct coder_list *coders = &summary.coder_names;
        for (size_t i = 0; i < coders->count; i++) {
            fputs(i ? ", " : " (", stdout);
            cli_put_visible(stdout, coders->items[i].name);
        }
        printf("%s\n", coders->count ? ")" : "");
        printf("codings  %" PRId64 "\n", summary.codings);
        printf("memos    %" PRId64 "\n", summary.memos);
    }
    report_summary_finish(&summary);
    project_close(project);
    return ok ? CLI_OK : cli_report(&err);
}

/* Prints a listing, each column as wide as its widest cell, with control characters shown
 * visibly; empty cells at the end of a row are left out. */
static bool print_table(const struct report_table *table, struct error *err)
{
    size_t rows = table->rows;
    size_t columns = table->columns;
    size_t ncells = rows * columns;
    size_t *widths = calloc(columns + 1, sizeof *widths);
    char **cells = calloc(ncells + 1, sizeof *cells);
    bool ok = widths && cells;
    for (size_t i = 0; ok && i < rows * columns; i++) {
        struct strbuf shown = STRBUF_INIT;
        ok = cli_visible(&shown, table->cells[i]) && (cells[i] = strbuf_detach(&shown));
        strbuf_finish(&shown);
    }
    if (!ok) {
        for (size_t i = 0; cells && i < rows * columns; i++)
            free(cells[i]);
        free(cells);
        free(widths);
        return error_internal(err, "out of memory");
    }
    for (size_t a = 0; a < columns; a++) {
        for (size_t r = 0; r < rows; r++) {
            const char *cell = cells[r * columns + a];
            size_t w = width_of_text(cell, strlen(cell)) + 2;
            if (w > widths[a])
                widths[a] = w;
        }
    }
    for (size_t r = 0; r < rows; r++) {
        size_t last = columns;
        while (last > 1 && !*cells[r * columns + last - 1])
            last--;
        for (size_t a = 0; a < last; a++) {
            const char *cell = cells[r * columns + a];
            if (a + 1 < last)
                cli_cell(cell, widths[a]);
            else
                fputs(cell, stdout);
        }
        putchar('\n');
    }
    for (size_t i = 0; i < rows * columns; i++)
        free(cells[i]);
    free(cells);
    free(widths);
    return true;
}

int cmd_report_list(int argc, char **argv)
{
    static const struct cli_spec spec = {
        .usage = "PROJECT sources|codes|coders|cases",
        .help = "Lists a project's sources (with kind, case and length), codes (with the\n"
                "number of sources and references coded at each, as NVivo counts them),\n"
                "coders (with their number of codings) or cases (with their attributes).\n",
        .min_args = 2,
        .max_args = 2,
    };
    struct parsed_options opts;
    int status;
    if (!cli_parse(argc, argv, &spec, &opts, &status))
        return status;
    const char *what = opts.positional[1];
    enum report_listing listing;
    if (!report_listing_parse(what, &listing))
        return cli_usage_error(argv[0], spec.usage, "cannot list '%s'", what);
    struct project *project = cli_open(opts.positional[0], PROJECT_READ_ONLY, &status);
    if (!project)
        return status;
    struct report_table table;
    struct error err;
    bool ok = report_list(project, listing, &table, &err) && print_table(&table, &err);
    report_table_finish(&table);
    project_close(project);
    return ok ? CLI_OK : cli_report(&err);
}

/* What `margin export` and `margin codebook export` write, for cli_write(). */
struct segments_job {
    struct project *project;
    struct segment_filter filter;
    bool safe;
};

static bool write_segments(FILE *out, void *context, struct error *err)
{
    struct segments_job *job = context;
    return project_export_segments(job->project, &job->filter, job->safe, out, err);
}

struct codebook_job {
    struct project *project;
    enum codebook_output format;
};

static bool write_codebook(FILE *out, void *context, struct error *err)
{
    struct codebook_job *job = context;
    return project_export_codebook(job->project, job->format, out, err);
}

int cmd_report_export(int argc, char **argv)
{
    static const struct option_spec options[] = {
        {"segments", "FILE", false},
        {"coder", "NAME", false},
        {"code", "CODE", false},
        {"safe-csv", NULL, false},
    };
    static const struct cli_spec spec = {
        .usage = "PROJECT --segments FILE.csv [--coder NAME] [--code CODE] [--safe-csv]",
        .help = "Writes coded segments as CSV (RFC 4180, UTF-8) with the header\n"
                "source,case,coder,code,code_name,start,end,text,memo: one row per coding,\n"
                "text being exactly the characters from start to end. FILE - writes to\n"
                "standard output; a file is replaced only once it is complete.\n\n"
                "  --coder NAME  only this coder's codings\n"
                "  --code CODE   only codings at this code and its sub-codes\n"
                "  --safe-csv    put an apostrophe before cells starting with = + - @, a tab or\n"
                "                CR, so that a spreadsheet does not run them as formulas; this\n"
                "                changes the text, so it is not the default\n",
        .options = options,
        .noptions = sizeof options / sizeof options[0],
        .min_args = 1,
        .max_args = 1,
    };
    struct parsed_options opts;
    int status;
    if (!cli_parse(argc, argv, &spec, &opts, &status))
        return status;
    const char *target = options_value(&opts, 0);
    if (!target)
        return cli_usage_error(argv[0], spec.usage, "--segments FILE is missing");
    struct project *project = cli_open(opts.positional[0], PROJECT_READ_ONLY, &status);
    if (!project)
        return status;
    struct segments_job job = {
        project, {options_value(&opts, 1), options_value(&opts, 2)}, opts.counts[3] > 0};
    struct error err;
    bool ok = cli_write(target, write_segments, &job, &err);
    project_close(project);
    return ok ? CLI_OK : cli_report(&err);
}

int cmd_report_codebook(int argc, char **argv)
{
    static const struct option_spec options[] = {
        {"format", "yaml|csv", false},
        {"output", "FILE", false},
    };
    static const struct cli_spec spec = {
        .usage = "PROJECT [--format yaml|csv] [--output FILE]",
        .help = "Writes the codebook as margin YAML (the default; see margin-codebook(5)),\n"
                "which codebook import reads back to the same tree, or as CSV. It goes to\n"
                "standard output unless --output names a file.\n",
        .options = options,
        .noptions = sizeof options / sizeof options[0],
        .min_args = 1,
        .max_args = 1,
    };
    struct parsed_options opts;
    int status;
    if (!cli_parse(argc, argv, &spec, &opts, &status))
        return status;
    const char *format_name = options_value(&opts, 0);
    enum codebook_output format = CODEBOOK_OUTPUT_YAML;
    if (format_name && strcmp(format_name, "csv") == 0)
        format = CODEBOOK_OUTPUT_CSV;
    else if (format_name && strcmp(format_name, "yaml") != 0)
        return cli_usage_error(argv[0], spec.usage, "unknown format '%s'", format_name);
    struct project *project = cli_open(opts.positional[0], PROJECT_READ_ONLY, &status);
    if (!project)
        return status;
    struct codebook_job job = {project, format};
    struct error err;
    bool ok = cli_write(options_value(&opts, 1), write_codebook, &job, &err);
    project_close(project);
    return ok ? CLI_OK : cli_report(&err);
}
