#include "model/report.h"

#include "core/codetree.h"
#include "store/codings.h"
#include "store/people.h"
#include "store/sources.h"
#include "store/store.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool report_summarise(struct project *project, struct report_summary *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    struct store *store = project_store(project);
    struct store_counts counts;
    struct source_list sources = {0};
    bool ok = store_counts(store, &counts, err) && store_sources_list(store, &sources, err) &&
              store_coders_list(store, &out->coder_names, err);
    if (ok) {
        for (size_t i = 0; i < sources.count; i++) {
            if ((size_t)sources.items[i].kind < sizeof out->kinds / sizeof out->kinds[0])
                out->kinds[sources.items[i].kind]++;
        }
        const struct codetree *codes = project_codes(project);
        for (size_t i = 0; i < codetree_count(codes); i++)
            out->headings += !codetree_get(codes, i)->codable;
        out->sources = counts.sources;
        out->cases = counts.cases;
        out->codes = counts.codes;
        out->coders = counts.coders;
        out->codings = counts.codings;
        out->detached = counts.detached;
        out->memos = counts.memos;
    } else {
        report_summary_finish(out);
    }
    row_source_list_finish(&sources);
    return ok;
}

void report_summary_finish(struct report_summary *summary)
{
    row_coder_list_finish(&summary->coder_names);
    memset(summary, 0, sizeof *summary);
}

bool report_listing_parse(const char *name, enum report_listing *out)
{
    static const char *const names[] = {"sources", "codes", "coders", "cases"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i]) == 0) {
            *out = (enum report_listing)i;
            return true;
        }
    }
    return false;
}

void report_table_finish(struct report_table *table)
{
    for (size_t i = 0; table->cells && i < table->rows * table->columns; i++)
        free(table->cells[i]);
    free(table->cells);
    memset(table, 0, sizeof *table);
}

/* Makes room for rows × columns cells, all NULL until set. */
static bool table_start(struct report_table *t, size_t rows, size_t columns, struct error *err)
{
    t->cells = calloc(rows * columns, sizeof *t->cells);
    if (!t->cells)
        return error_internal(err, "out of memory");
    t->rows = rows;
    t->columns = columns;
    return true;
}

/* Sets cell (row, column) to a copy of s (NULL for an empty cell). */
static bool table_set(struct report_table *t, size_t row, size_t column, const char *s)
{
    char **cell = &t->cells[row * t->columns + column];
    free(*cell);
    *cell = strdup(s ? s : "");
    return *cell != NULL;
}

static bool table_set_int(struct report_table *t, size_t row, size_t column, int64_t v)
{
    char text[24];
    snprintf(text, sizeof text, "%" PRId64, v);
    return table_set(t, row, column, text);
}

/* Sets the header and fills the cells left unset with "". */
static bool table_finish_cells(struct report_table *t, const char *const *header, size_t n,
                               struct error *err)
{
    bool ok = true;
    for (size_t a = 0; ok && a < n; a++)
        ok = table_set(t, 0, a, header[a]);
    for (size_t i = 0; ok && i < t->rows * t->columns; i++)
        ok = t->cells[i] || (t->cells[i] = strdup(""));
    return ok || error_internal(err, "out of memory");
}

static bool list_sources(struct store *store, struct report_table *t, struct error *err)
{
    static const char *const header[] = {"source", "kind", "case", "characters"};
    struct source_list sources = {0};
    struct case_list cases = {0};
    bool ok = store_sources_list(store, &sources, err) && store_cases_list(store, &cases, err) &&
              table_start(t, sources.count + 1, 4, err);
    for (size_t i = 0; ok && i < sources.count; i++) {
        const struct source_row *source = &sources.items[i];
        const char *case_name = NULL;
        for (size_t c = 0; c < cases.count; c++) {
            if (cases.items[c].id == source->case_id)
                case_name = cases.items[c].name;
        }
        ok = (table_set(t, i + 1, 0, source->name) &&
              table_set(t, i + 1, 1, row_kind_name(source->kind)) &&
              table_set(t, i + 1, 2, case_name) && table_set_int(t, i + 1, 3, source->length)) ||
             error_internal(err, "out of memory");
    }
    ok = ok && table_finish_cells(t, header, 4, err);
    row_source_list_finish(&sources);
    row_case_list_finish(&cases);
    return ok;
}

static bool list_codes(struct project *project, struct report_table *t, struct error *err)
{
    static const char *const header[] = {"number", "name", "sources", "references", ""};
    const struct codetree *codes = project_codes(project);
    size_t count = codetree_count(codes);
    struct code_usage_list usage = {0};
    bool ok = store_code_usage(project_store(project), 0, &usage, err) &&
              table_start(t, count + 1, 5, err);
    for (size_t i = 0; ok && i < count; i++) {
        const struct code *code = codetree_get(codes, i);
        char number[OUTLINE_TEXT_MAX];
        codetree_number_text(codes, (int)i, number);
        int64_t sources = 0;
        int64_t references = 0;
        for (size_t u = 0; u < usage.count; u++) {
            if (usage.items[u].code_id == code->id) {
                sources = usage.items[u].sources;
                references = usage.items[u].references;
            }
        }
        ok = (table_set(t, i + 1, 0, number) && table_set(t, i + 1, 1, code->name) &&
              table_set_int(t, i + 1, 2, sources) && table_set_int(t, i + 1, 3, references) &&
              table_set(t, i + 1, 4, code->codable ? "" : "heading")) ||
             error_internal(err, "out of memory");
    }
    ok = ok && table_finish_cells(t, header, 5, err);
    row_code_usage_list_finish(&usage);
    return ok;
}

static bool list_coders(struct store *store, struct report_table *t, struct error *err)
{
    static const char *const header[] = {"coder", "codings"};
    struct coder_list coders = {0};
    struct coding_list codings = {0};
    bool ok = store_coders_list(store, &coders, err) &&
              store_codings_list(store, NULL, &codings, err) &&
              table_start(t, coders.count + 1, 2, err);
    for (size_t i = 0; ok && i < coders.count; i++) {
        int64_t n = 0;
        for (size_t c = 0; c < codings.count; c++)
            n += codings.items[c].coder_id == coders.items[i].id;
        ok = (table_set(t, i + 1, 0, coders.items[i].name) && table_set_int(t, i + 1, 1, n)) ||
             error_internal(err, "out of memory");
    }
    ok = ok && table_finish_cells(t, header, 2, err);
    row_coder_list_finish(&coders);
    row_coding_list_finish(&codings);
    return ok;
}

static bool list_cases(struct store *store, struct report_table *t, struct error *err)
{
    struct case_list cases = {0};
    struct attribute_list attributes = {0};
    struct case_value_list values = {0};
    const char **header = NULL;
    bool ok = store_cases_list(store, &cases, err) &&
              store_attributes_list(store, &attributes, err) &&
              store_case_values_list(store, &values, err);
    size_t columns = attributes.count + 1;
    size_t rows = cases.count + 1;
    if (ok && !(header = calloc(columns, sizeof *header)))
        ok = error_internal(err, "out of memory");
    ok = ok && table_start(t, rows, columns, err);
    if (ok) {
        header[0] = "case";
        for (size_t a = 1; a < columns; a++)
            header[a] = attributes.items[a - 1].name;
        for (size_t c = 1; ok && c < rows; c++)
            ok = table_set(t, c, 0, cases.items[c - 1].name);
        /* Values come ordered by case name, as the cases do. */
        size_t c = 1;
        for (size_t v = 0; ok && v < values.count; v++) {
            while (c < rows && cases.items[c - 1].id != values.items[v].case_id)
                c++;
            for (size_t a = 1; ok && c < rows && a < columns; a++) {
                if (attributes.items[a - 1].id == values.items[v].attribute_id)
                    ok = table_set(t, c, a, values.items[v].value);
            }
        }
        ok = (ok || error_internal(err, "out of memory")) &&
             table_finish_cells(t, header, columns, err);
    }
    free(header);
    row_case_list_finish(&cases);
    row_attribute_list_finish(&attributes);
    row_case_value_list_finish(&values);
    return ok;
}

bool report_list(struct project *project, enum report_listing what, struct report_table *out,
                 struct error *err)
{
    memset(out, 0, sizeof *out);
    struct store *store = project_store(project);
    bool ok = what == REPORT_SOURCES  ? list_sources(store, out, err)
              : what == REPORT_CODES  ? list_codes(project, out, err)
              : what == REPORT_CODERS ? list_coders(store, out, err)
                                      : list_cases(store, out, err);
    if (!ok)
        report_table_finish(out);
    return ok;
}
