#include "cli/cmd_report.h"

#include "cli/cli.h"
#include "core/width.h"
#include "io/csv.h"
#include "io/xlsx.h"
#include "model/project.h"
#include "model/report.h"
#include "model/speakers.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_report_info(struct cli_call *call)
{
    struct report_summary summary;
    struct error err;
    bool ok = report_summarise(call->project, &summary, &err);
    if (ok) {
        printf("project  ");
        cli_put_visible(stdout, call->args[0]);
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
        printf("codings  %" PRId64, summary.codings);
        if (summary.detached) {
            printf(" (%" PRId64 " detached: see margin detached ", summary.detached);
            cli_put_visible(stdout, call->args[0]);
            fputc(')', stdout);
        }
        fputc('\n', stdout);
        printf("memos    %" PRId64 "\n", summary.memos);
    }
    report_summary_finish(&summary);
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

int cmd_report_list(struct cli_call *call)
{
    enum report_listing listing;
    if (!report_listing_parse(call->args[1], &listing))
        return cli_misuse(call, "cannot list '%s'", call->args[1]);
    struct report_table table;
    struct error err;
    bool ok = report_list(call->project, listing, &table, &err) && print_table(&table, &err);
    report_table_finish(&table);
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

/* A whole CSV text. */
struct csv_text {
    const char *data;
    size_t size;
};

/* The segments as a sheet: the rows of the CSV export (`context`, a struct csv_text), with the
 * start and end as numbers and every other cell a string, never a formula. */
static void fill_segments(struct xlsx *x, const void *context)
{
    const struct csv_text *csv = context;
    struct error err;
    struct csv_reader *reader = csv_reader_create(csv->data, csv->size, "segments", &err);
    struct csv_record record;
    bool number[64] = {false};
    for (size_t row = 0; reader && csv_next(reader, &record, &err) > 0; row++) {
        for (size_t c = 0; c < record.count && c < sizeof number; c++) {
            const char *cell = record.fields[c];
            if (row == 0)
                number[c] = strcmp(cell, "start") == 0 || strcmp(cell, "end") == 0;
            if (row > 0 && number[c])
                xlsx_number(x, row, c, strtoll(cell, NULL, 10));
            else
                xlsx_text(x, row, c, cell);
        }
    }
    csv_reader_destroy(reader);
}

/* Writes the segments as a workbook, for an output file named *.xlsx. */
static int export_workbook(struct segments_job *job, const char *path)
{
    struct error err;
    char *data = NULL;
    size_t size = 0;
    FILE *memory = open_memstream(&data, &size);
    bool ok = memory != NULL || error_internal(&err, "out of memory");
    if (memory) {
        ok = write_segments(memory, job, &err);
        if (fclose(memory) != 0 && ok)
            ok = error_internal(&err, "out of memory");
    }
    ok = ok &&
         cli_write_workbook(path, "Segments", fill_segments, &(struct csv_text){data, size}, &err);
    free(data);
    return ok ? CLI_OK : cli_report(&err);
}

int cmd_report_export(struct cli_call *call)
{
    size_t ncases = 0;
    const char *const *cases = cli_values(call, "case", &ncases);
    struct segments_job job = {
        call->project,
        {cli_option(call, "coder"), cli_option(call, "code"), cases, ncases,
         cli_option(call, "where"), cli_flag(call, "attributes")},
        false,
    };
    struct error err;
    const char *target = cli_option(call, "segments");
    size_t n = strlen(target);
    if (n > 5 && strcmp(target + n - 5, ".xlsx") == 0)
        return export_workbook(&job, target);
    bool ok = cli_safe_csv(call, call->project, &job.safe, &err) &&
              cli_write(target, write_segments, &job, &err);
    return ok ? CLI_OK : cli_report(&err);
}

int cmd_report_codebook(struct cli_call *call)
{
    const char *format_name = cli_option(call, "format");
    struct codebook_job job = {call->project, CODEBOOK_OUTPUT_YAML};
    if (format_name && strcmp(format_name, "csv") == 0)
        job.format = CODEBOOK_OUTPUT_CSV;
    else if (format_name && strcmp(format_name, "qdc") == 0)
        job.format = CODEBOOK_OUTPUT_QDC;
    struct error err;
    const char *output = cli_option(call, "output");
    bool ok = cli_write_as(call, call->project, job.format == CODEBOOK_OUTPUT_CSV, output,
                           write_codebook, &job, &err);
    return ok ? CLI_OK : cli_report(&err);
}

/* Prints the rule and, per source, its turns and speakers. */
static bool print_turns(struct project *project, struct error *err)
{
    struct speakers_report report;
    if (!speakers_report(project, &report, err))
        return false;
    if (report.pattern) {
        printf("rule: the project's pattern '");
        cli_put_visible(stdout, report.pattern);
        printf("'\n");
    } else {
        printf("rule: the default, %s\n", TURNS_DEFAULT_SUMMARY);
    }
    for (size_t i = 0; i < report.count; i++) {
        const struct source_speakers *source = &report.items[i];
        cli_put_visible(stdout, source->source);
        if (source->turns == 0)
            printf(": no turns\n");
        else
            printf(": %zu %s;", source->turns, source->turns == 1 ? "turn" : "turns");
        for (size_t s = 0; s < source->count; s++) {
            printf("%s", s ? ", " : " ");
            cli_put_visible(stdout, source->items[s].speaker);
            printf(" %zu", source->items[s].turns);
        }
        if (source->turns)
            putchar('\n');
    }
    speakers_report_finish(&report);
    return true;
}

int cmd_report_turns(struct cli_call *call)
{
    struct error err;
    const char *pattern = cli_option(call, "pattern");
    if (pattern) {
        size_t sources, turns;
        bool plain = strcmp(pattern, "default") == 0;
        if (!speakers_set_pattern(call->project, plain ? NULL : pattern, &sources, &turns, &err))
            return cli_report(&err);
        cli_say("%s: %zu speaker %s in %zu %s\n",
                plain ? "went back to the default turn rule" : "set the turn pattern", turns,
                turns == 1 ? "turn" : "turns", sources, sources == 1 ? "source" : "sources");
    }
    return print_turns(call->project, &err) ? CLI_OK : cli_report(&err);
}
