#include "cli/cmd_matrix.h"

#include "analysis.h"
#include "cli/cmd_quotes.h"
#include "cli/segment_fields.h"
#include "io/csv.h"
#include "io/json.h"
#include "io/xlsx.h"
#include "model/matrix.h"

#include <inttypes.h>
#include <string.h>

struct matrix_out {
    struct project *project;
    const struct matrix *matrix;
    enum output_format format;
    const struct quote_set *quotes; /* with --quotes, the project's quotes; else NULL */
};

/* Appends the quotes of a cell, each as cmd_quotes_cite() writes it, separated by `separator`
 * (and flat, on one line each, when `flat`). */
static bool cell_quotes(const struct matrix_out *job, size_t r, size_t k, bool flat,
                        const char *separator, struct strbuf *out)
{
    bool ok = true, first = true;
    for (size_t i = 0; ok && job->quotes && i < quote_set_count(job->quotes); i++) {
        if (!quote_set_in_cell(job->quotes, i, job->matrix->case_ids[r], job->matrix->codes[k]))
            continue;
        ok = (first || strbuf_puts(out, separator)) && cmd_quotes_cite(job->quotes, i, flat, out);
        first = false;
    }
    return ok;
}

/* "07.01 Structure" for a column. */
static void column_label(const struct matrix_out *job, size_t k, struct strbuf *out)
{
    char number[OUTLINE_TEXT_MAX];
    const char *name;
    segment_code_text(job->project, job->matrix->codes[k], number, &name);
    strbuf_printf(out, "%s %s", number, name);
}

static bool write_matrix_csv(FILE *out, const struct matrix_out *job)
{
    const struct matrix *m = job->matrix;
    struct strbuf label = STRBUF_INIT;
    bool ok = csv_write_field(out, "case", false);
    for (size_t k = 0; ok && k < m->columns; k++) {
        strbuf_reset(&label);
        column_label(job, k, &label);
        size_t n = label.len;
        ok = fputc(',', out) != EOF && csv_write_field(out, strbuf_str(&label), false) &&
             strbuf_puts(&label, " (segments)") && fputc(',', out) != EOF &&
             csv_write_field(out, strbuf_str(&label), false);
        if (ok && job->quotes) {
            label.len = n;
            ok = strbuf_puts(&label, " (quotes)") && fputc(',', out) != EOF &&
                 csv_write_field(out, strbuf_str(&label), false);
        }
    }
    ok = ok && csv_end_record(out);
    for (size_t r = 0; ok && r < m->rows; r++) {
        ok = csv_write_field(out, m->case_names[r], false);
        for (size_t k = 0; ok && k < m->columns; k++) {
            const char *summary = m->summaries[r * m->columns + k];
            ok = fputc(',', out) != EOF && csv_write_field(out, summary ? summary : "", false) &&
                 fprintf(out, ",%" PRId64, m->segments[r * m->columns + k]) > 0;
            if (ok && job->quotes) {
                strbuf_reset(&label);
                ok = cell_quotes(job, r, k, false, "\n\n", &label) && fputc(',', out) != EOF &&
                     csv_write_field(out, strbuf_str(&label), false);
            }
        }
        ok = ok && csv_end_record(out);
    }
    strbuf_finish(&label);
    return ok;
}

static void write_matrix_json(FILE *out, const struct matrix_out *job)
{
    const struct matrix *m = job->matrix;
    struct json_writer j;
    json_init(&j, out);
    json_object_begin(&j, NULL);
    json_array_begin(&j, "codes");
    for (size_t k = 0; k < m->columns; k++) {
        char number[OUTLINE_TEXT_MAX];
        const char *name;
        segment_code_text(job->project, m->codes[k], number, &name);
        json_object_begin(&j, NULL);
        json_string(&j, "code", number);
        json_string(&j, "name", name);
        json_object_end(&j);
    }
    json_array_end(&j);
    json_array_begin(&j, "cases");
    for (size_t r = 0; r < m->rows; r++) {
        json_object_begin(&j, NULL);
        json_string(&j, "case", m->case_names[r]);
        json_array_begin(&j, "cells");
        for (size_t k = 0; k < m->columns; k++) {
            const char *summary = m->summaries[r * m->columns + k];
            json_object_begin(&j, NULL);
            json_int(&j, "segments", m->segments[r * m->columns + k]);
            if (summary)
                json_string(&j, "summary", summary);
            else
                json_null(&j, "summary");
            if (job->quotes) {
                json_array_begin(&j, "quotes");
                for (size_t i = 0; i < quote_set_count(job->quotes); i++) {
                    if (!quote_set_in_cell(job->quotes, i, m->case_ids[r], m->codes[k]))
                        continue;
                    const struct segment *s = quote_set_get(job->quotes, i);
                    json_object_begin(&j, NULL);
                    json_int(&j, "coding", s->coding_id);
                    json_string(&j, "source", s->source);
                    json_string(&j, "text", s->text);
                    json_string(&j, "label", quote_set_label(job->quotes, i));
                    json_object_end(&j);
                }
                json_array_end(&j);
            }
            json_object_end(&j);
        }
        json_array_end(&j);
        json_object_end(&j);
    }
    json_array_end(&j);
    json_object_end(&j);
}

/* For people: each case, then each code with its segments and summary; a cell with segments
 * and no summary is marked "to summarise". */
static void write_matrix_text(FILE *out, const struct matrix_out *job)
{
    const struct matrix *m = job->matrix;
    size_t pending = 0, written = 0;
    struct strbuf line = STRBUF_INIT;
    for (size_t r = 0; r < m->rows; r++) {
        cli_put_visible(out, m->case_names[r]);
        fputc('\n', out);
        for (size_t k = 0; k < m->columns; k++) {
            size_t i = r * m->columns + k;
            strbuf_reset(&line);
            strbuf_puts(&line, "  ");
            column_label(job, k, &line);
            strbuf_printf(&line, " (%" PRId64 " segment%s)", m->segments[i],
                          m->segments[i] == 1 ? "" : "s");
            if (matrix_cell_pending(m, r, k))
                strbuf_puts(&line, "  to summarise");
            cli_put_visible(out, strbuf_str(&line));
            fputc('\n', out);
            if (m->summaries[i]) {
                strbuf_reset(&line);
                strbuf_puts(&line, "    ");
                analysis_put_flat(&line, m->summaries[i]);
                cli_put_visible(out, strbuf_str(&line));
                fputc('\n', out);
            }
            strbuf_reset(&line);
            if (job->quotes && cell_quotes(job, r, k, true, "\n    > ", &line) && line.len) {
                fputs("    > ", out);
                cli_put_visible(out, strbuf_str(&line));
                fputc('\n', out);
            }
            pending += matrix_cell_pending(m, r, k);
            written += m->summaries[i] != NULL;
        }
    }
    strbuf_finish(&line);
    fprintf(out, "%zu cases x %zu codes: %zu summaries written, %zu cells to summarise\n", m->rows,
            m->columns, written, pending);
}

/* Appends text to a Markdown table's cell: line feeds as <br>, a bar escaped so that it does
 * not end the cell. */
static bool put_md_cell(struct strbuf *out, const char *s)
{
    bool ok = true;
    for (; ok && *s; s++)
        ok = *s == '\n'  ? strbuf_puts(out, "<br>")
             : *s == '|' ? strbuf_puts(out, "\\|")
                         : strbuf_putc(out, *s);
    return ok;
}

/* A Markdown table: a row per case, a column per code; each cell its summary (or "*to
 * summarise*") and its number of segments, then with --quotes its quotes and their labels. */
static bool write_matrix_md(FILE *out, const struct matrix_out *job)
{
    const struct matrix *m = job->matrix;
    struct strbuf line = STRBUF_INIT, cell = STRBUF_INIT;
    bool ok = strbuf_puts(&line, "| case |");
    for (size_t k = 0; ok && k < m->columns; k++) {
        strbuf_reset(&cell);
        column_label(job, k, &cell);
        ok = strbuf_putc(&line, ' ') && put_md_cell(&line, strbuf_str(&cell)) &&
             strbuf_puts(&line, " |");
    }
    ok = ok && strbuf_puts(&line, "\n|---|");
    for (size_t k = 0; ok && k < m->columns; k++)
        ok = strbuf_puts(&line, "---|");
    ok = ok && strbuf_putc(&line, '\n');
    for (size_t r = 0; ok && r < m->rows; r++) {
        ok = strbuf_puts(&line, "| ") && put_md_cell(&line, m->case_names[r]) &&
             strbuf_puts(&line, " |");
        for (size_t k = 0; ok && k < m->columns; k++) {
            size_t i = r * m->columns + k;
            ok = strbuf_putc(&line, ' ') &&
                 (m->summaries[i]  ? put_md_cell(&line, m->summaries[i])
                  : m->segments[i] ? strbuf_puts(&line, "*to summarise*")
                                   : true) &&
                 strbuf_printf(&line, "%s(%" PRId64 " segment%s)",
                               m->summaries[i] || m->segments[i] ? " " : "", m->segments[i],
                               m->segments[i] == 1 ? "" : "s");
            strbuf_reset(&cell);
            if (ok && job->quotes && cell_quotes(job, r, k, false, "\n", &cell) && cell.len)
                ok = strbuf_puts(&line, "<br>") && put_md_cell(&line, strbuf_str(&cell));
            ok = ok && strbuf_puts(&line, " |");
        }
        ok = ok && strbuf_putc(&line, '\n');
    }
    ok = ok && fwrite(line.data, 1, line.len, out) == line.len;
    strbuf_finish(&line);
    strbuf_finish(&cell);
    return ok;
}

static bool write_matrix(FILE *out, void *context, struct error *err)
{
    const struct matrix_out *job = context;
    bool ok = true;
    if (job->format == FORMAT_CSV)
        ok = write_matrix_csv(out, job);
    else if (job->format == FORMAT_MD)
        ok = write_matrix_md(out, job);
    else if (job->format == FORMAT_JSON)
        write_matrix_json(out, job);
    else
        write_matrix_text(out, job);
    return (ok && !ferror(out)) || error_user(err, "could not write the matrix");
}

/* The matrix as a sheet: cases down, for each code a summary column (wide, wrapped) and a
 * segment column. */
static void fill_matrix(struct xlsx *x, const void *context)
{
    const struct matrix_out *job = context;
    const struct matrix *m = job->matrix;
    struct strbuf label = STRBUF_INIT;
    size_t stride = job->quotes ? 3 : 2;
    xlsx_text(x, 0, 0, "case");
    for (size_t k = 0; k < m->columns; k++) {
        strbuf_reset(&label);
        column_label(job, k, &label);
        size_t n = label.len;
        xlsx_text(x, 0, 1 + stride * k, strbuf_str(&label));
        xlsx_column_width(x, 1 + stride * k, 40);
        strbuf_puts(&label, " (segments)");
        xlsx_text(x, 0, 2 + stride * k, strbuf_str(&label));
        if (job->quotes) {
            label.len = n;
            strbuf_puts(&label, " (quotes)");
            xlsx_text(x, 0, 3 + stride * k, strbuf_str(&label));
            xlsx_column_width(x, 3 + stride * k, 60);
        }
    }
    for (size_t r = 0; r < m->rows; r++) {
        xlsx_text(x, r + 1, 0, m->case_names[r]);
        for (size_t k = 0; k < m->columns; k++) {
            const char *summary = m->summaries[r * m->columns + k];
            xlsx_text(x, r + 1, 1 + stride * k, summary ? summary : "");
            xlsx_number(x, r + 1, 2 + stride * k, m->segments[r * m->columns + k]);
            if (job->quotes) {
                strbuf_reset(&label);
                cell_quotes(job, r, k, false, "\n\n", &label);
                xlsx_text(x, r + 1, 3 + stride * k, strbuf_str(&label));
            }
        }
    }
    strbuf_finish(&label);
}

/* margin matrix PROJECT --set CASE CODE TEXT --coder NAME */
static int set_summary(struct cli_call *call, struct error *err)
{
    if (call->nargs != 4)
        return cli_misuse(call, "--set takes a case, a code and the summary");
    const char *coder = cli_option(call, "coder");
    if (!coder)
        return cli_misuse(call, "--set needs --coder, who writes the summary");
    struct project *project = project_open(call->args[0], PROJECT_READ_WRITE, err);
    if (!project)
        return cli_report(err);
    char message[600];
    bool ok = matrix_set_summary(project, call->args[1], call->args[2], call->args[3], coder,
                                 message, sizeof message, err);
    project_close(project);
    if (!ok)
        return cli_report(err);
    cli_say("%s\n", message);
    return CLI_OK;
}

int cmd_matrix_show(struct cli_call *call)
{
    struct error err = {0};
    if (cli_flag(call, "set"))
        return set_summary(call, &err);
    if (call->nargs != 1)
        return cli_misuse(call, "a case, a code and a summary go with --set");
    if (cli_option(call, "coder"))
        return cli_misuse(call, "--coder goes with --set");
    if (analysis_sheet_format_of(call) == FORMAT_XLSX && !cli_option(call, "output"))
        return cli_misuse(call, "--format xlsx needs --output FILE");
    struct words codes = {0}, cases = {0};
    struct matrix matrix = {0};
    struct quote_set *quotes = NULL;
    int status;
    struct project *project = project_open(call->args[0], PROJECT_READ_ONLY, &err);
    if (!project)
        return cli_report(&err);
    if (!analysis_split_words(call, "codes", &codes, &err) ||
        !analysis_split_words(call, "cases", &cases, &err)) {
        status = cli_report(&err);
    } else {
        struct matrix_request request = {
            .theme = cli_option(call, "theme"),
            .codes = (const char *const *)codes.items,
            .ncodes = codes.count,
            .cases = (const char *const *)cases.items,
            .ncases = cases.count,
            .where = cli_option(call, "where"),
        };
        struct matrix_out job = {project, &matrix, analysis_sheet_format_of(call), NULL};
        const char *output = cli_option(call, "output");
        bool ok = matrix_build(project, &request, &matrix, &err);
        if (ok && cli_flag(call, "quotes")) {
            struct quotes_request everything = {0};
            ok = (quotes = quotes_collect(project, &everything, &err)) != NULL;
            if (!ok && strncmp(err.message, "column ", 7) == 0)
                error_prefix(&err, "the project's label template (see quotes --set-label), ");
            job.quotes = quotes;
        }
        if (ok && job.format == FORMAT_XLSX)
            ok = cli_write_workbook(output, "Framework matrix", fill_matrix, &job, &err);
        else if (ok)
            ok = cli_write_as(call, project, job.format == FORMAT_CSV, output, write_matrix, &job,
                              &err);
        status = ok ? CLI_OK : cli_report(&err);
    }
    quote_set_destroy(quotes);
    matrix_finish(&matrix);
    analysis_free_words(&codes);
    analysis_free_words(&cases);
    project_close(project);
    return status;
}
