#include "cli/cmd_quotes.h"
#include "cli/segment_fields.h"

#include "core/codetree.h"
#include "io/csv.h"
#include "io/json.h"
#include "io/xlsx.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* Reads an option holding a character offset or a coding's number. */
static bool whole_option(const struct cli_call *call, const char *name, long lo, long *value)
{
    const char *s = cli_option(call, name);
    return s && cli_parse_whole(s, lo, 999999999, value);
}

int cmd_quotes_mark(struct cli_call *call)
{
    struct quote_target target = {
        .source = cli_option(call, "source"),
        .code = cli_option(call, "code"),
        .coded_by = cli_option(call, "coded-by"),
    };
    bool span = target.source || cli_option(call, "start") || cli_option(call, "end");
    if (cli_option(call, "coding")) {
        long id;
        if (!whole_option(call, "coding", 1, &id))
            return cli_misuse(call, "--coding takes a coding's number, not '%s'",
                              cli_option(call, "coding"));
        if (span || target.code || target.coded_by)
            return cli_misuse(call, "name the coding by --coding or by --source, --start and "
                                    "--end, not both");
        target.coding_id = id;
    } else {
        long start, end;
        if (!target.source || !cli_option(call, "start") || !cli_option(call, "end"))
            return cli_misuse(call, "name the coding by --coding N, or by --source, --start and "
                                    "--end");
        if (!whole_option(call, "start", 0, &start) || !whole_option(call, "end", 0, &end))
            return cli_misuse(call, "--start and --end take character offsets");
        target.start = start;
        target.end = end;
    }
    struct error err;
    char message[1024];
    if (!quotes_mark(call->project, &target, !cli_flag(call, "remove"), cli_option(call, "coder"),
                     message, sizeof message, &err))
        return cli_report(&err);
    cli_say("%s\n", message);
    return CLI_OK;
}

enum quotes_format { QUOTES_TEXT, QUOTES_MD, QUOTES_CSV, QUOTES_JSON, QUOTES_XLSX };

/* --format, or xlsx for an --output named *.xlsx and md for one named *.md. */
static enum quotes_format format_of(const struct cli_call *call)
{
    const char *name = cli_option(call, "format");
    const char *output = cli_option(call, "output");
    size_t n = output ? strlen(output) : 0;
    if (!name && n > 5 && strcmp(output + n - 5, ".xlsx") == 0)
        return QUOTES_XLSX;
    if (!name && n > 3 && strcmp(output + n - 3, ".md") == 0)
        return QUOTES_MD;
    static const char *const names[] = {"text", "md", "csv", "json", "xlsx"};
    for (size_t i = 0; name && i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i]) == 0)
            return (enum quotes_format)i;
    }
    return QUOTES_TEXT;
}

struct quotes_out {
    struct project *project;
    const struct quote_set *set;
    const char *template;
    enum quotes_format format;
};

/* Appends s with each run of line feeds as " / ". */
static bool put_flat(struct strbuf *out, const char *s)
{
    bool ok = true;
    while (ok && *s) {
        size_t len = strcspn(s, "\n");
        ok = strbuf_append(out, s, len);
        s += len;
        if (ok && *s) {
            ok = strbuf_puts(out, " / ");
            s += strspn(s, "\n");
        }
    }
    return ok;
}

bool cmd_quotes_cite(const struct quote_set *set, size_t index, bool flat, struct strbuf *out)
{
    const struct segment *s = quote_set_get(set, index);
    const char *label = quote_set_label(set, index);
    return strbuf_puts(out, "\u201c") &&
           (flat ? put_flat(out, s->text) : strbuf_puts(out, s->text)) &&
           strbuf_puts(out, "\u201d") && (!*label || strbuf_printf(out, " %s", label));
}

static const char *const columns[] = {"coding",    "source", "case", "speaker", "coder", "code",
                                      "code_name", "start",  "end",  "text",    "label"};
#define NCOLUMNS (sizeof columns / sizeof columns[0])

/* The cells of a quote's row, as text; numbers into the buffers given. */
static void row_cells(const struct quotes_out *job, size_t i, const char *cells[NCOLUMNS],
                      char id[24], char start[24], char end[24], char number[OUTLINE_TEXT_MAX])
{
    const struct segment *s = quote_set_get(job->set, i);
    const char *name;
    segment_code_text(job->project, s->code, number, &name);
    snprintf(id, 24, "%" PRId64, s->coding_id);
    snprintf(start, 24, "%" PRId64, s->start);
    snprintf(end, 24, "%" PRId64, s->end);
    const char *row[NCOLUMNS] = {id,
                                 s->source,
                                 s->case_name,
                                 s->speaker,
                                 s->coder,
                                 number,
                                 name,
                                 start,
                                 end,
                                 s->text,
                                 quote_set_label(job->set, i)};
    memcpy(cells, row, sizeof row);
}

static bool write_csv(FILE *out, const struct quotes_out *job)
{
    bool ok = true;
    for (size_t c = 0; c < NCOLUMNS; c++)
        ok = ok && (c == 0 || fputc(',', out) != EOF) && csv_write_field(out, columns[c], false);
    ok = ok && csv_end_record(out);
    for (size_t i = 0; ok && i < quote_set_count(job->set); i++) {
        const char *cells[NCOLUMNS];
        char id[24], start[24], end[24], number[OUTLINE_TEXT_MAX];
        row_cells(job, i, cells, id, start, end, number);
        for (size_t c = 0; c < NCOLUMNS; c++)
            ok = ok && (c == 0 || fputc(',', out) != EOF) && csv_write_field(out, cells[c], false);
        ok = ok && csv_end_record(out);
    }
    return ok;
}

static void write_json(FILE *out, const struct quotes_out *job)
{
    struct json_writer j;
    json_init(&j, out);
    json_object_begin(&j, NULL);
    json_string(&j, "label_template", job->template);
    json_int(&j, "count", (int64_t)quote_set_count(job->set));
    json_array_begin(&j, "quotes");
    for (size_t i = 0; i < quote_set_count(job->set); i++) {
        const struct segment *s = quote_set_get(job->set, i);
        json_object_begin(&j, NULL);
        json_int(&j, "coding", s->coding_id);
        segment_json_fields(&j, job->project, s);
        json_string(&j, "label", quote_set_label(job->set, i));
        json_object_end(&j);
    }
    json_array_end(&j);
    json_object_end(&j);
}

/* For people: each quote's place, its text on one line, and its label. */
static void write_text(FILE *out, const struct quotes_out *job)
{
    size_t n = quote_set_count(job->set);
    struct strbuf line = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        const struct segment *s = quote_set_get(job->set, i);
        char number[OUTLINE_TEXT_MAX];
        const char *name;
        segment_code_text(job->project, s->code, number, &name);
        strbuf_reset(&line);
        strbuf_puts(&line, s->source);
        if (*s->case_name)
            strbuf_printf(&line, " (%s)", s->case_name);
        if (*s->speaker)
            strbuf_printf(&line, ", %s", s->speaker);
        strbuf_printf(&line, ", %" PRId64 "-%" PRId64 ", coder %s, %s %s, coding %" PRId64,
                      s->start, s->end, s->coder, number, name, s->coding_id);
        cli_put_visible(out, strbuf_str(&line));
        fputs("\n    ", out);
        strbuf_reset(&line);
        cmd_quotes_cite(job->set, i, true, &line);
        cli_put_visible(out, strbuf_str(&line));
        fputs("\n\n", out);
    }
    strbuf_finish(&line);
    fprintf(out, "%zu quote%s, labelled by ", n, n == 1 ? "" : "s");
    cli_put_visible(out, job->template);
    fputc('\n', out);
}

/* Writes s for Markdown: characters that would start markup are escaped with a backslash, and
 * each line feed ends the line with a hard break inside the block quote ("\" then "> "). */
static void put_markdown(FILE *out, const char *s)
{
    bool line_start = true;
    for (const char *p = s; *p; p++) {
        if (*p == '\n') {
            fputs(p[1] ? "\\\n> " : "", out);
            line_start = true;
            continue;
        }
        bool special = strchr("\\`*_[]<>#|~", *p) != NULL ||
                       (line_start && (*p == '-' || *p == '+' || *p == '='));
        if (line_start && *p >= '0' && *p <= '9') {
            size_t digits = strspn(p, "0123456789");
            if (p[digits] == '.' || p[digits] == ')') {
                fwrite(p, 1, digits, out);
                fputc('\\', out);
                p += digits;
                special = false;
            }
        }
        if (special)
            fputc('\\', out);
        fputc(*p, out);
        line_start = false;
    }
}

/* The quotes under a heading per code, in the codebook's order, each a block quote that ends
 * with its label. */
static void write_markdown(FILE *out, const struct quotes_out *job)
{
    const struct codetree *codes = project_codes(job->project);
    size_t n = quote_set_count(job->set);
    fputs("# Quotes\n", out);
    for (size_t k = 0; k < codetree_count(codes); k++) {
        bool heading = false;
        for (size_t i = 0; i < n; i++) {
            const struct segment *s = quote_set_get(job->set, i);
            if (s->code != (int)k)
                continue;
            if (!heading) {
                char number[OUTLINE_TEXT_MAX];
                const char *name;
                segment_code_text(job->project, (int)k, number, &name);
                fprintf(out, "\n## %s ", number);
                put_markdown(out, name);
                fputc('\n', out);
                heading = true;
            }
            fputs("\n> ", out);
            put_markdown(out, s->text);
            const char *label = quote_set_label(job->set, i);
            if (*label) {
                fputc(' ', out);
                put_markdown(out, label);
            }
            fputc('\n', out);
        }
    }
}

static bool write_quotes(FILE *out, void *context, struct error *err)
{
    const struct quotes_out *job = context;
    bool ok = true;
    if (job->format == QUOTES_CSV)
        ok = write_csv(out, job);
    else if (job->format == QUOTES_JSON)
        write_json(out, job);
    else if (job->format == QUOTES_MD)
        write_markdown(out, job);
    else
        write_text(out, job);
    return (ok && !ferror(out)) || error_user(err, "could not write the quotes");
}

/* The quotes as a sheet: a header row, then a row per quote; numbers are numbers. */
static void fill_quotes(struct xlsx *x, const void *context)
{
    const struct quotes_out *job = context;
    for (size_t c = 0; c < NCOLUMNS; c++)
        xlsx_text(x, 0, c, columns[c]);
    xlsx_column_width(x, 9, 60);
    xlsx_column_width(x, 10, 30);
    for (size_t i = 0; i < quote_set_count(job->set); i++) {
        const struct segment *s = quote_set_get(job->set, i);
        const char *cells[NCOLUMNS];
        char id[24], start[24], end[24], number[OUTLINE_TEXT_MAX];
        row_cells(job, i, cells, id, start, end, number);
        for (size_t c = 0; c < NCOLUMNS; c++) {
            if (c == 0)
                xlsx_number(x, i + 1, c, s->coding_id);
            else if (c == 7)
                xlsx_number(x, i + 1, c, s->start);
            else if (c == 8)
                xlsx_number(x, i + 1, c, s->end);
            else
                xlsx_text(x, i + 1, c, cells[c]);
        }
    }
}

/* margin quotes PROJECT --set-label TEMPLATE: stores the template (or, for "default", goes
 * back to the default) and prints it. */
static int set_label(struct cli_call *call, struct error *err)
{
    const char *wanted = cli_option(call, "set-label");
    struct project *project = project_open(call->args[0], PROJECT_READ_WRITE, err);
    if (!project)
        return cli_report(err);
    char *template = NULL;
    bool ok =
        quotes_set_label_template(project, strcmp(wanted, "default") == 0 ? NULL : wanted, err) &&
        quotes_label_template(project, &template, err);
    if (!ok && strncmp(err->message, "column ", 7) == 0)
        error_prefix(err, "--set-label ");
    project_close(project);
    if (!ok)
        return cli_report(err);
    cli_say("citation label: %s\n", template);
    free(template);
    return CLI_OK;
}

int cmd_quotes_list(struct cli_call *call)
{
    struct error err = {0};
    if (cli_option(call, "set-label")) {
        if (cli_option(call, "label") || cli_option(call, "format") || cli_option(call, "output"))
            return cli_misuse(call, "--set-label only sets the template; export in another run");
        return set_label(call, &err);
    }
    enum quotes_format format = format_of(call);
    const char *output = cli_option(call, "output");
    if (format == QUOTES_XLSX && !output)
        return cli_misuse(call, "--format xlsx needs --output FILE");
    if (cli_flag(call, "safe-csv") && format != QUOTES_CSV)
        return cli_misuse(call, "--safe-csv goes with --format csv");
    struct project *project = project_open(call->args[0], PROJECT_READ_ONLY, &err);
    if (!project)
        return cli_report(&err);
    size_t ncoders = 0, nsources = 0, ncases = 0;
    struct quotes_request request = {
        .code = cli_option(call, "code"),
        .coders = cli_values(call, "coder", &ncoders),
        .sources = cli_values(call, "source", &nsources),
        .cases = cli_values(call, "case", &ncases),
        .where = cli_option(call, "where"),
        .label = cli_option(call, "label"),
    };
    request.ncoders = ncoders;
    request.nsources = nsources;
    request.ncases = ncases;
    char *template = NULL;
    struct quote_set *set = NULL;
    bool ok = (request.label ? (template = strdup(request.label)) != NULL ||
                                   error_internal(&err, "out of memory")
                             : quotes_label_template(project, &template, &err)) &&
              (set = quotes_collect(project, &request, &err)) != NULL;
    if (!ok && strncmp(err.message, "column ", 7) == 0)
        error_prefix(&err, "%s",
                     request.label ? "--label "
                                   : "the project's label template (see --set-label), ");
    if (ok) {
        struct quotes_out job = {project, set, template, format};
        if (format == QUOTES_XLSX)
            ok = cli_write_workbook(output, "Quotes", fill_quotes, &job, &err);
        else
            ok =
                cli_write_as(call, project, format == QUOTES_CSV, output, write_quotes, &job, &err);
    }
    quote_set_destroy(set);
    free(template);
    project_close(project);
    return ok ? CLI_OK : cli_report(&err);
}
