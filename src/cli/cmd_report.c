#include "cli/cmd_report.h"

#include "cli/cli.h"
#include "core/width.h"
#include "model/project.h"
#include "store/codings.h"
#include "store/people.h"
#include "store/sources.h"
#include "store/store.h"

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
    struct store *store = project_store(project);
    struct store_counts counts;
    struct source_list sources = {0};
    struct coder_list coders = {0};
    struct error err;
    bool ok = store_counts(store, &counts, &err) && store_sources_list(store, &sources, &err) &&
              store_coders_list(store, &coders, &err);
    if (ok) {
        size_t kinds[3] = {0};
        for (size_t i = 0; i < sources.count; i++)
            kinds[sources.items[i].kind]++;
        const struct codetree *codes = project_codes(project);
        size_t headings = 0;
        for (size_t i = 0; i < codetree_count(codes); i++)
            headings += !codetree_get(codes, i)->codable;
        printf("project  ");
        cli_put_visible(stdout, opts.positional[0]);
        putchar('\n');
        static const char *const kind_names[][2] = {{"interview", "interviews"},
                                                    {"observation", "observations"},
                                                    {"document", "documents"}};
        printf("sources  %" PRId64, counts.sources);
        const char *sep = " (";
        for (int k = 0; k < 3; k++) {
            if (kinds[k]) {
                printf("%s%zu %s", sep, kinds[k], kind_names[k][kinds[k] != 1]);
                sep = ", ";
            }
        }
        printf("%s\n", counts.sources ? ")" : "");
        printf("cases    %" PRId64 "\n", counts.cases);
        printf("codes    %" PRId64 " (%zu headings)\n", counts.codes, headings);
        printf("coders   %" PRId64, counts.coders);
        for (size_t i = 0; i < coders.count; i++) {
            fputs(i ? ", " : " (", stdout);
            cli_put_visible(stdout, coders.items[i].name);
        }
        printf("%s\n", coders.count ? ")" : "");
        printf("codings  %" PRId64 "\n", counts.codings);
        printf("memos    %" PRId64 "\n", counts.memos);
    }
    row_source_list_finish(&sources);
    row_coder_list_finish(&coders);
    project_close(project);
    return ok ? CLI_OK : cli_report(&err);
}

/* Prints a table of cells (rows × columns, row 0 the header), each column as wide as its widest
 * cell, with control characters shown visibly. */
static bool print_table(const char *const *raw, size_t rows, size_t columns, struct error *err)
{
    size_t *widths = calloc(columns, sizeof *widths);
    char **cells = calloc(rows * columns, sizeof *cells);
    bool ok = widths && cells;
    for (size_t i = 0; ok && i < rows * columns; i++) {
        struct strbuf shown = STRBUF_INIT;
        ok = cli_visible(&shown, raw[i]) && (cells[i] = strbuf_detach(&shown));
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

/* Cells that hold numbers are formatted into one buffer of NUMBER_CELL bytes per cell. */
#define NUMBER_CELL 24

static bool list_sources(struct store *store, struct error *err)
{
    enum { COLUMNS = 4 };
    struct source_list sources = {0};
    struct case_list cases = {0};
    const char **cells = NULL;
    char *numbers = NULL;
    bool ok = store_sources_list(store, &sources, err) && store_cases_list(store, &cases, err);
    size_t rows = sources.count + 1;
    if (ok && (!(cells = calloc(rows * COLUMNS, sizeof *cells)) ||
               !(numbers = calloc(rows, NUMBER_CELL))))
        ok = error_internal(err, "out of memory");
    if (ok) {
        static const char *const header[COLUMNS] = {"source", "kind", "case", "characters"};
        memcpy(cells, header, sizeof header);
        for (size_t i = 0; i < sources.count; i++) {
            const struct source_row *source = &sources.items[i];
            const char **row = cells + (i + 1) * COLUMNS;
            char *length = numbers + i * NUMBER_CELL;
            snprintf(length, NUMBER_CELL, "%" PRId64, source->length);
            row[0] = source->name;
            row[1] = row_kind_name(source->kind);
            row[2] = "";
            for (size_t c = 0; c < cases.count; c++) {
                if (cases.items[c].id == source->case_id)
                    row[2] = cases.items[c].name;
            }
            row[3] = length;
        }
        ok = print_table(cells, rows, COLUMNS, err);
    }
    free(cells);
    free(numbers);
    row_source_list_finish(&sources);
    row_case_list_finish(&cases);
    return ok;
}

static bool list_codes(struct project *project, struct error *err)
{
    enum { COLUMNS = 5 };
    const struct codetree *codes = project_codes(project);
    struct code_usage_list usage = {0};
    const char **cells = NULL;
    char *numbers = NULL;
    size_t rows = codetree_count(codes) + 1;
    bool ok = store_code_usage(project_store(project), 0, &usage, err);
    if (ok && (!(cells = calloc(rows * COLUMNS, sizeof *cells)) ||
               !(numbers = calloc(rows * 3, NUMBER_CELL))))
        ok = error_internal(err, "out of memory");
    if (ok) {
        static const char *const header[COLUMNS] = {"number", "name", "sources", "references", ""};
        memcpy(cells, header, sizeof header);
        for (size_t i = 0; i < rows - 1; i++) {
            const struct code *code = codetree_get(codes, i);
            const char **row = cells + (i + 1) * COLUMNS;
            char *cell = numbers + i * 3 * NUMBER_CELL;
            codetree_number_text(codes, (int)i, cell);
            int64_t sources = 0;
            int64_t references = 0;
            for (size_t u = 0; u < usage.count; u++) {
                if (usage.items[u].code_id == code->id) {
                    sources = usage.items[u].sources;
                    references = usage.items[u].references;
                }
            }
            snprintf(cell + NUMBER_CELL, NUMBER_CELL, "%" PRId64, sources);
            snprintf(cell + 2 * NUMBER_CELL, NUMBER_CELL, "%" PRId64, references);
            row[0] = cell;
            row[1] = code->name;
            row[2] = cell + NUMBER_CELL;
            row[3] = cell + 2 * NUMBER_CELL;
            row[4] = code->codable ? "" : "heading";
        }
        ok = print_table(cells, rows, COLUMNS, err);
    }
    free(cells);
    free(numbers);
    row_code_usage_list_finish(&usage);
    return ok;
}

static bool list_coders(struct store *store, struct error *err)
{
    enum { COLUMNS = 2 };
    struct coder_list coders = {0};
    struct coding_list codings = {0};
    const char **cells = NULL;
    char *numbers = NULL;
    bool ok =
        store_coders_list(store, &coders, err) && store_codings_list(store, NULL, &codings, err);
    size_t rows = coders.count + 1;
    if (ok && (!(cells = calloc(rows * COLUMNS, sizeof *cells)) ||
               !(numbers = calloc(rows, NUMBER_CELL))))
        ok = error_internal(err, "out of memory");
    if (ok) {
        cells[0] = "coder";
        cells[1] = "codings";
        for (size_t i = 0; i < coders.count; i++) {
            size_t n = 0;
            for (size_t c = 0; c < codings.count; c++)
                n += codings.items[c].coder_id == coders.items[i].id;
            snprintf(numbers + i * NUMBER_CELL, NUMBER_CELL, "%zu", n);
            cells[(i + 1) * COLUMNS] = coders.items[i].name;
            cells[(i + 1) * COLUMNS + 1] = numbers + i * NUMBER_CELL;
        }
        ok = print_table(cells, rows, COLUMNS, err);
    }
    free(cells);
    free(numbers);
    row_coder_list_finish(&coders);
    row_coding_list_finish(&codings);
    return ok;
}

static bool list_cases(struct store *store, struct error *err)
{
    struct case_list cases = {0};
    struct attribute_list attributes = {0};
    struct case_value_list values = {0};
    const char **cells = NULL;
    bool ok = store_cases_list(store, &cases, err) &&
              store_attributes_list(store, &attributes, err) &&
              store_case_values_list(store, &values, err);
    size_t columns = attributes.count + 1;
    size_t rows = cases.count + 1;
    if (ok && !(cells = calloc(rows * columns, sizeof *cells)))
        ok = error_internal(err, "out of memory");
    if (ok) {
        cells[0] = "case";
        for (size_t a = 1; a < columns; a++)
            cells[a] = attributes.items[a - 1].name;
        for (size_t c = 1; c < rows; c++) {
            cells[c * columns] = cases.items[c - 1].name;
            for (size_t a = 1; a < columns; a++)
                cells[c * columns + a] = "";
        }
        /* Values come ordered by case name, as the cases do. */
        size_t c = 1;
        for (size_t v = 0; v < values.count; v++) {
            while (c < rows && cases.items[c - 1].id != values.items[v].case_id)
                c++;
            for (size_t a = 1; c < rows && a < columns; a++) {
                if (attributes.items[a - 1].id == values.items[v].attribute_id)
                    cells[c * columns + a] = values.items[v].value;
            }
        }
        ok = print_table(cells, rows, columns, err);
    }
    free(cells);
    row_case_list_finish(&cases);
    row_attribute_list_finish(&attributes);
    row_case_value_list_finish(&values);
    return ok;
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
    if (strcmp(what, "sources") != 0 && strcmp(what, "codes") != 0 && strcmp(what, "coders") != 0 &&
        strcmp(what, "cases") != 0)
        return cli_usage_error(argv[0], spec.usage, "cannot list '%s'", what);
    struct project *project = cli_open(opts.positional[0], PROJECT_READ_ONLY, &status);
    if (!project)
        return status;
    struct store *store = project_store(project);
    struct error err;
    bool ok = strcmp(what, "sources") == 0  ? list_sources(store, &err)
              : strcmp(what, "codes") == 0  ? list_codes(project, &err)
              : strcmp(what, "coders") == 0 ? list_coders(store, &err)
                                            : list_cases(store, &err);
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
