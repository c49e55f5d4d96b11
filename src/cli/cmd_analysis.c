#include "cli/cmd_analysis.h"

#include "analysis.h"
#include "cli/segment_fields.h"
#include "core/codetree.h"
#include "core/names.h"
#include "core/width.h"
#include "io/csv.h"
#include "io/json.h"
#include "io/xlsx.h"
#include "model/counts.h"
#include "model/query.h"
#include "model/retrieve.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

enum output_format analysis_format_of(const struct cli_call *call)
{
    const char *name = cli_option(call, "format");
    if (name && strcmp(name, "csv") == 0)
        return FORMAT_CSV;
    if (name && strcmp(name, "json") == 0)
        return FORMAT_JSON;
    if (name && strcmp(name, "xlsx") == 0)
        return FORMAT_XLSX;
    if (name && strcmp(name, "md") == 0)
        return FORMAT_MD;
    return FORMAT_TEXT;
}

enum output_format analysis_sheet_format_of(const struct cli_call *call)
{
    const char *output = cli_option(call, "output");
    size_t n = output ? strlen(output) : 0;
    if (!cli_option(call, "format") && n > 5 && strcmp(output + n - 5, ".xlsx") == 0)
        return FORMAT_XLSX;
    return analysis_format_of(call);
}

bool analysis_split_words(const struct cli_call *call, const char *name, struct words *out,
                          struct error *err)
{
    size_t n = 0;
    const char *const *values = cli_values(call, name, &n);
    out->items = NULL;
    out->count = 0;
    size_t cap = 1;
    for (size_t i = 0; i < n; i++)
        cap += strlen(values[i]) + 1;
    out->items = calloc(cap, sizeof *out->items);
    if (!out->items)
        return error_internal(err, "out of memory");
    for (size_t i = 0; i < n; i++) {
        struct name_list list = {0};
        if (!names_split(values[i], &list, err))
            return error_prefix(err, "--%s: ", name);
        bool ok = true;
        for (size_t j = 0; ok && j < list.count; j++)
            ok = (out->items[out->count++] = strdup(list.items[j])) != NULL;
        names_finish(&list);
        if (!ok)
            return error_internal(err, "out of memory");
    }
    return true;
}

void analysis_free_words(struct words *w)
{
    for (size_t i = 0; w->items && i < w->count; i++)
        free(w->items[i]);
    free(w->items);
}

/* What writing a set of segments needs. */
struct segments_out {
    struct project *project;
    struct segment_set *set;
    enum output_format format;
    size_t context;
};

static bool write_segments_csv(FILE *out, const struct segments_out *job)
{
    static const char *const header[] = {"source", "case",      "speaker", "coder",
                                         "code",   "code_name", "start",   "end",
                                         "text",   "before",    "after",   "memo"};
    const struct casebook *book = segment_set_casebook(job->set);
    size_t nattr = casebook_attribute_count(book);
    bool ok = true;
    for (size_t i = 0; i < sizeof header / sizeof header[0]; i++)
        ok = ok && (i == 0 || fputc(',', out) != EOF) && csv_write_field(out, header[i], false);
    for (size_t a = 0; a < nattr; a++)
        ok = ok && fputc(',', out) != EOF &&
             csv_write_field(out, casebook_attribute(book, a)->name, false);
    ok = ok && csv_end_record(out);
    for (size_t i = 0; ok && i < segment_set_count(job->set); i++) {
        const struct segment *s = segment_set_get(job->set, i);
        char number[OUTLINE_TEXT_MAX], start[24], end[24];
        const char *name;
        segment_code_text(job->project, s->code, number, &name);
        snprintf(start, sizeof start, "%" PRId64, s->start);
        snprintf(end, sizeof end, "%" PRId64, s->end);
        const char *fields[] = {s->source, s->case_name, s->speaker, s->coder,
                                number,    name,         start,      end,
                                s->text,   s->before,    s->after,   s->memo ? s->memo : ""};
        for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++)
            ok = ok && (f == 0 || fputc(',', out) != EOF) && csv_write_field(out, fields[f], false);
        for (size_t a = 0; a < nattr; a++)
            ok = ok && fputc(',', out) != EOF &&
                 csv_write_field(out, casebook_value(book, s->case_id, a), false);
        ok = ok && csv_end_record(out);
    }
    return ok;
}

static void write_segments_json(FILE *out, const struct segments_out *job)
{
    const struct casebook *book = segment_set_casebook(job->set);
    struct json_writer j;
    json_init(&j, out);
    json_object_begin(&j, NULL);
    json_int(&j, "count", (int64_t)segment_set_count(job->set));
    json_array_begin(&j, "segments");
    for (size_t i = 0; i < segment_set_count(job->set); i++) {
        const struct segment *s = segment_set_get(job->set, i);
        json_object_begin(&j, NULL);
        segment_json_fields(&j, job->project, s);
        json_string(&j, "before", s->before);
        json_string(&j, "after", s->after);
        if (s->memo)
            json_string(&j, "memo", s->memo);
        else
            json_null(&j, "memo");
        json_object_begin(&j, "attributes");
        for (size_t a = 0; a < casebook_attribute_count(book); a++) {
            const char *value = casebook_value(book, s->case_id, a);
            if (*value)
                json_string(&j, casebook_attribute(book, a)->name, value);
        }
        json_object_end(&j);
        json_object_end(&j);
    }
    json_array_end(&j);
    json_object_end(&j);
}

void analysis_put_flat(struct strbuf *out, const char *s)
{
    while (*s) {
        size_t len = strcspn(s, "\n");
        strbuf_append(out, s, len);
        s += len;
        if (*s) {
            strbuf_puts(out, " / ");
            s += strspn(s, "\n");
        }
    }
}

/* For people: a heading line per segment, then its text in [brackets] between its context on
 * one line, with control characters made visible. */
static void write_segments_text(FILE *out, const struct segments_out *job)
{
    size_t n = segment_set_count(job->set);
    for (size_t i = 0; i < n; i++) {
        const struct segment *s = segment_set_get(job->set, i);
        char number[OUTLINE_TEXT_MAX];
        const char *name;
        segment_code_text(job->project, s->code, number, &name);
        struct strbuf line = STRBUF_INIT;
        strbuf_printf(&line, "%s%s%s", s->source, *s->case_name ? " (" : "",
                      *s->case_name ? s->case_name : "");
        strbuf_puts(&line, *s->case_name ? ")" : "");
        if (*s->speaker)
            strbuf_printf(&line, ", %s", s->speaker);
        strbuf_printf(&line, ", %" PRId64 "-%" PRId64, s->start, s->end);
        if (*s->coder)
            strbuf_printf(&line, ", coder %s", s->coder);
        if (*number)
            strbuf_printf(&line, ", %s %s", number, name);
        cli_put_visible(out, strbuf_str(&line));
        fputs("\n    ", out);
        strbuf_reset(&line);
        strbuf_puts(&line, *s->before ? "..." : "");
        analysis_put_flat(&line, s->before);
        strbuf_putc(&line, '[');
        analysis_put_flat(&line, s->text);
        strbuf_putc(&line, ']');
        analysis_put_flat(&line, s->after);
        strbuf_puts(&line, *s->after ? "..." : "");
        cli_put_visible(out, strbuf_str(&line));
        fputs("\n\n", out);
        strbuf_finish(&line);
    }
    fprintf(out, "%zu segment%s\n", n, n == 1 ? "" : "s");
}

static bool write_segment_set(FILE *out, void *context, struct error *err)
{
    const struct segments_out *job = context;
    bool ok = true;
    if (job->format == FORMAT_CSV)
        ok = write_segments_csv(out, job);
    else if (job->format == FORMAT_JSON)
        write_segments_json(out, job);
    else /* text; segments are not offered as a workbook */
        write_segments_text(out, job);
    return (ok && !ferror(out)) || error_user(err, "could not write the segments");
}

/* Reads --context (default 60 characters). */
static bool context_of(const struct cli_call *call, size_t *context)
{
    const char *s = cli_option(call, "context");
    long n = 60;
    if (s && !cli_parse_whole(s, 0, 100000, &n))
        return false;
    *context = (size_t)n;
    return true;
}

/* Loads the set's text and writes it as the call's --format says, to --output. */
static int finish_segments(struct cli_call *call, struct segment_set *set, struct error *err)
{
    struct segments_out job = {call->project, set, analysis_format_of(call), 0};
    if (!context_of(call, &job.context))
        return cli_misuse(call, "--context takes a whole number of characters");
    bool ok = segment_set_load(set, 0, segment_set_count(set), job.context, err) &&
              cli_write_as(call, call->project, job.format == FORMAT_CSV,
                           cli_option(call, "output"), write_segment_set, &job, err);
    return ok ? CLI_OK : cli_report(err);
}

int cmd_analysis_retrieve(struct cli_call *call)
{
    struct words coders = {0}, sources = {0}, cases = {0};
    struct error err = {0};
    int status = CLI_INTERNAL_ERROR;
    bool words = analysis_split_words(call, "coder", &coders, &err) &&
                 analysis_split_words(call, "source", &sources, &err) &&
                 analysis_split_words(call, "case", &cases, &err);
    struct segment_set *set = NULL;
    if (!words) {
        status = cli_report(&err);
        goto cleanup;
    }
    size_t context;
    if (!context_of(call, &context)) {
        status = cli_misuse(call, "--context takes a whole number of characters");
        goto cleanup;
    }
    struct retrieval_request request = {
        .code = cli_option(call, "code"),
        .subcodes = cli_flag(call, "with-subcodes"),
        .coders = (const char *const *)coders.items,
        .ncoders = coders.count,
        .consensus = cli_flag(call, "consensus"),
        .sources = (const char *const *)sources.items,
        .nsources = sources.count,
        .cases = (const char *const *)cases.items,
        .ncases = cases.count,
        .where = cli_option(call, "where"),
    };
    set = retrieve_segments(call->project, &request, &err);
    status = set ? finish_segments(call, set, &err) : cli_report(&err);
cleanup:
    segment_set_destroy(set);
    analysis_free_words(&coders);
    analysis_free_words(&sources);
    analysis_free_words(&cases);
    return status;
}

/* Codes every hit as --code-hits, --as and --coder say, and reports what it did. */
static int code_hits(struct cli_call *call, struct project *project, struct segment_set *hits,
                     struct error *err)
{
    const char *coder = cli_option(call, "coder");
    const char *unit_name = cli_option(call, "as");
    enum query_unit unit = QUERY_UNIT_MATCH;
    if (!coder)
        return cli_misuse(call, "--code-hits needs --coder, who codes the hits");
    if (unit_name && !query_unit_parse(unit_name, &unit))
        return cli_misuse(call, "--as takes match, sentence, turn or paragraph");
    size_t added, present;
    if (!query_code_hits(project, hits, cli_option(call, "code-hits"), coder, unit, &added,
                         &present, err))
        return cli_report(err);
    cli_say("%zu hit%s: %zu coding%s added, %zu already there%s\n", segment_set_count(hits),
            segment_set_count(hits) == 1 ? "" : "s", added, added == 1 ? "" : "s", present,
            added ? " (one undo takes them back)" : "");
    return CLI_OK;
}

int cmd_analysis_query(struct cli_call *call)
{
    struct words coders = {0}, cases = {0};
    struct error err = {0};
    int status;
    struct segment_set *set = NULL;
    bool coding = cli_option(call, "code-hits") != NULL;
    if ((cli_option(call, "as") || cli_option(call, "coder")) && !coding)
        return cli_misuse(call, "--as and --coder go with --code-hits");
    struct project *project =
        project_open(call->args[0], coding ? PROJECT_READ_WRITE : PROJECT_READ_ONLY, &err);
    if (!project)
        return cli_report(&err);
    if (!analysis_split_words(call, "coders", &coders, &err) ||
        !analysis_split_words(call, "case", &cases, &err)) {
        status = cli_report(&err);
        goto cleanup;
    }
    struct query_request request = {
        .query = call->args[1],
        .coders = (const char *const *)coders.items,
        .ncoders = coders.count,
        .cases = (const char *const *)cases.items,
        .ncases = cases.count,
        .where = cli_option(call, "where"),
    };
    set = query_run(project, &request, &err);
    if (!set) {
        if (strncmp(err.message, "column ", 7) == 0)
            error_prefix(&err, "query ");
        status = cli_report(&err);
    } else if (coding) {
        status = code_hits(call, project, set, &err);
    } else {
        call->project = project;
        status = finish_segments(call, set, &err);
        call->project = NULL;
    }
cleanup:
    segment_set_destroy(set);
    analysis_free_words(&coders);
    analysis_free_words(&cases);
    project_close(project);
    return status;
}

static bool write_counts_csv(FILE *out, const struct count_table *t)
{
    bool ok = csv_write_field(out, "code", false) && fputc(',', out) != EOF &&
              csv_write_field(out, "name", false);
    for (size_t c = 0; c < t->columns; c++)
        ok = ok && fputc(',', out) != EOF && csv_write_field(out, t->column_names[c], false);
    ok = ok && csv_end_record(out);
    for (size_t r = 0; ok && r < t->rows; r++) {
        ok = csv_write_field(out, t->row_numbers[r], false) && fputc(',', out) != EOF &&
             csv_write_field(out, t->row_names[r], false);
        for (size_t c = 0; c < t->columns; c++)
            ok = ok && fprintf(out, ",%" PRId64, t->cells[r * t->columns + c]) > 0;
        ok = ok && csv_end_record(out);
    }
    return ok;
}

static void write_counts_json(FILE *out, const struct count_table *t)
{
    struct json_writer j;
    json_init(&j, out);
    json_object_begin(&j, NULL);
    json_string(&j, "unit", t->unit);
    json_array_begin(&j, "columns");
    for (size_t c = 0; c < t->columns; c++)
        json_string(&j, NULL, t->column_names[c]);
    json_array_end(&j);
    json_array_begin(&j, "rows");
    for (size_t r = 0; r < t->rows; r++) {
        json_object_begin(&j, NULL);
        json_string(&j, "code", t->row_numbers[r]);
        json_string(&j, "name", t->row_names[r]);
        json_array_begin(&j, "counts");
        for (size_t c = 0; c < t->columns; c++)
            json_int(&j, NULL, t->cells[r * t->columns + c]);
        json_array_end(&j);
        json_object_end(&j);
    }
    json_array_end(&j);
    json_object_end(&j);
}

/* For people: columns as wide as their widest cell, names cut to 40 columns, then the unit. */
static bool write_counts_text(FILE *out, const struct count_table *t)
{
    size_t wnumber = 4, wname = 4;
    for (size_t r = 0; r < t->rows; r++) {
        size_t w = width_of_text(t->row_numbers[r], strlen(t->row_numbers[r]));
        wnumber = w > wnumber ? w : wnumber;
        w = width_of_text(t->row_names[r], strlen(t->row_names[r]));
        wname = w > wname ? w : wname;
    }
    wname = wname > 40 ? 40 : wname;
    struct strbuf line = STRBUF_INIT;
    bool ok = true;
    for (size_t r = 0; ok && r <= t->rows; r++) {
        strbuf_reset(&line);
        const char *number = r ? t->row_numbers[r - 1] : "code";
        const char *name = r ? t->row_names[r - 1] : "name";
        ok = strbuf_puts(&line, number);
        for (size_t w = width_of_text(number, strlen(number)); ok && w < wnumber + 2; w++)
            ok = strbuf_putc(&line, ' ');
        size_t shown = 0, w = 0;
        while (name[shown] && w < wname) {
            size_t len = 1;
            while (((unsigned char)name[shown + len] & 0xC0) == 0x80)
                len++;
            size_t cw = width_of_text(name + shown, len);
            if (w + cw > wname)
                break;
            ok = ok && strbuf_append(&line, name + shown, len);
            w += cw;
            shown += len;
        }
        for (; ok && w < wname + 2; w++)
            ok = strbuf_putc(&line, ' ');
        for (size_t c = 0; ok && c < t->columns; c++) {
            size_t wc = strlen(t->column_names[c]) > 6 ? strlen(t->column_names[c]) : 6;
            if (r == 0)
                ok = strbuf_printf(
                    &line, "%*s%s",
                    (int)(wc - width_of_text(t->column_names[c], strlen(t->column_names[c]))), "",
                    t->column_names[c]);
            else
                ok = strbuf_printf(&line, "%*" PRId64, (int)wc, t->cells[(r - 1) * t->columns + c]);
            ok = ok && (c + 1 == t->columns || strbuf_puts(&line, "  "));
        }
        if (ok) {
            cli_put_visible(out, strbuf_str(&line));
            fputc('\n', out);
        }
    }
    strbuf_finish(&line);
    fprintf(out, "(%zu rows; counted: %s)\n", t->rows, t->unit);
    return ok;
}

struct counts_out {
    const struct count_table *table;
    enum output_format format;
};

/* The counts as a sheet: a header row, then a row per code with numbers as numbers. */
static void fill_counts(struct xlsx *x, const void *context)
{
    const struct count_table *t = ((const struct counts_out *)context)->table;
    xlsx_text(x, 0, 0, "code");
    xlsx_text(x, 0, 1, "name");
    for (size_t c = 0; c < t->columns; c++)
        xlsx_text(x, 0, c + 2, t->column_names[c]);
    for (size_t r = 0; r < t->rows; r++) {
        xlsx_text(x, r + 1, 0, t->row_numbers[r]);
        xlsx_text(x, r + 1, 1, t->row_names[r]);
        for (size_t c = 0; c < t->columns; c++)
            xlsx_number(x, r + 1, c + 2, t->cells[r * t->columns + c]);
    }
}

static bool write_counts(FILE *out, void *context, struct error *err)
{
    const struct counts_out *job = context;
    bool ok = true;
    if (job->format == FORMAT_CSV)
        ok = write_counts_csv(out, job->table);
    else if (job->format == FORMAT_JSON)
        write_counts_json(out, job->table);
    else
        ok = write_counts_text(out, job->table);
    return (ok && !ferror(out)) || error_user(err, "could not write the counts");
}

int cmd_analysis_counts(struct cli_call *call)
{
    struct words coders = {0}, cases = {0};
    struct error err = {0};
    struct count_table table = {0};
    const char *by = cli_option(call, "by");
    struct counts_request request = {.attribute = cli_option(call, "attribute"),
                                     .where = cli_option(call, "where")};
    if (by && strcmp(by, "case") == 0)
        request.by = COUNTS_BY_CASE;
    else if ((by && strcmp(by, "attribute") == 0) || (!by && request.attribute))
        request.by = COUNTS_BY_ATTRIBUTE;
    else if (by && strcmp(by, "cooccurrence") == 0)
        request.by = COUNTS_BY_COOCCURRENCE;
    if (analysis_sheet_format_of(call) == FORMAT_XLSX && !cli_option(call, "output"))
        return cli_misuse(call, "--format xlsx needs --output FILE");
    if (request.by == COUNTS_BY_ATTRIBUTE && !request.attribute)
        return cli_misuse(call, "--by attribute needs --attribute NAME");
    if (request.by != COUNTS_BY_ATTRIBUTE && request.attribute)
        return cli_misuse(call, "--attribute goes with --by attribute");
    int status;
    if (!analysis_split_words(call, "coder", &coders, &err) ||
        !analysis_split_words(call, "case", &cases, &err)) {
        status = cli_report(&err);
    } else {
        request.coders = (const char *const *)coders.items;
        request.ncoders = coders.count;
        request.cases = (const char *const *)cases.items;
        request.ncases = cases.count;
        struct counts_out job = {&table, analysis_sheet_format_of(call)};
        const char *output = cli_option(call, "output");
        bool ok = counts_compute(call->project, &request, &table, &err);
        if (ok && job.format == FORMAT_XLSX)
            ok = cli_write_workbook(output, "Counts", fill_counts, &job, &err);
        else if (ok)
            ok = cli_write_as(call, call->project, job.format == FORMAT_CSV, output, write_counts,
                              &job, &err);
        status = ok ? CLI_OK : cli_report(&err);
    }
    count_table_finish(&table);
    analysis_free_words(&coders);
    analysis_free_words(&cases);
    return status;
}
