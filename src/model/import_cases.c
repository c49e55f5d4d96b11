/* Importing cases and their attributes from CSV. */

#include "model/project.h"

#include "core/strbuf.h"
#include "internal.h"
#include "io/file.h"
#include "store/people.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

/* Reads a CSV file (or standard input, for "-") whole and runs an importer on its contents. */
static bool import_csv_file(struct project *project, const char *path,
                            bool (*import)(struct project *, const char *, size_t, const char *,
                                           struct import_report *, struct error *),
                            struct import_report *report, struct error *err)
{
    char *data;
    size_t n;
    memset(report, 0, sizeof *report);
    if (!file_read_input(path, CSV_MAX_BYTES, &data, &n, err))
        return false;
    bool ok = import(project, data, n, file_input_name(path), report, err);
    free(data);
    return ok;
}

/* An attribute column of a cases file. */
struct attribute_column {
    char *name;
    enum attribute_type type;
    bool declared;       /* the header gave the type */
    unsigned candidates; /* bit t set while every value seen fits type t */
    int64_t id;
};

/* Types in the order inference prefers them: the narrowest that fits every value wins. */
static const enum attribute_type inference_order[] = {
    ATTRIBUTE_INTEGER, ATTRIBUTE_REAL, ATTRIBUTE_DATE, ATTRIBUTE_BOOLEAN, ATTRIBUTE_TEXT};

/* Drops the candidate types that `value` does not fit. */
static void observe(struct attribute_column *column, const char *value)
{
    for (size_t i = 0; i < sizeof inference_order / sizeof inference_order[0]; i++) {
        if (!row_attribute_fits(inference_order[i], value))
            column->candidates &= ~(1u << inference_order[i]);
    }
}

/* The declared type, or the first candidate left (text always is). */
static enum attribute_type chosen_type(const struct attribute_column *column)
{
    if (column->declared)
        return column->type;
    for (size_t i = 0; i < sizeof inference_order / sizeof inference_order[0]; i++) {
        if (column->candidates & (1u << inference_order[i]))
            return inference_order[i];
    }
    return ATTRIBUTE_TEXT;
}

/* True when s is a word of ASCII letters, as a type is written after the colon. */
static bool is_word(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++) {
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
            return false;
    }
    return true;
}

/* Reads "name" or "name:type" from a header cell on line `line`. A cell that ends in a colon
 * and a word that is not a type is refused, naming the types; a cell whose colon is followed
 * by anything else ("Q1: age") is a name. */
static bool parse_attribute_header(const char *cell, size_t line, struct attribute_column *column,
                                   const char *path, struct error *err)
{
    const char *colon = strrchr(cell, ':');
    enum attribute_type type;
    if (colon && row_attribute_type_parse(colon + 1, &type)) {
        column->name = strndup(cell, (size_t)(colon - cell));
        column->type = type;
        column->declared = true;
    } else if (colon && is_word(colon + 1)) {
        return error_user(
            err,
            "%s:%zu: the column '%s' is given the type '%s', which margin does not "
            "know (the types are %s, %s, %s, %s and %s)",
            path, line, cell, colon + 1, row_attribute_type_name(ATTRIBUTE_TEXT),
            row_attribute_type_name(ATTRIBUTE_INTEGER), row_attribute_type_name(ATTRIBUTE_REAL),
            row_attribute_type_name(ATTRIBUTE_DATE), row_attribute_type_name(ATTRIBUTE_BOOLEAN));
    } else {
        column->name = strdup(cell);
        column->candidates = ~0u;
    }
    if (!column->name)
        return error_internal(err, "out of memory");
    if (!*column->name)
        return error_user(err, "%s:1: a column has no name", path);
    return true;
}

bool project_import_cases(struct project *project, const char *path, struct import_report *report,
                          struct error *err)
{
    return import_csv_file(project, path, project_import_cases_data, report, err);
}

bool project_import_cases_data(struct project *project, const char *data, size_t n,
                               const char *path, struct import_report *report, struct error *err)
{
    struct csv_table table;
    struct saved_records rows = {0};
    struct attribute_column *columns = NULL;
    size_t ncolumns = 0;
    bool ok = false;
    bool in_transaction = false;
    memset(report, 0, sizeof *report);
    if (!import_table_open(&table, data, n, path, err))
        return false;

    struct csv_record header;
    if (!import_table_header(&table, "a header row such as case,site,staff_group", &header, err))
        goto cleanup;
    ncolumns = header.count;
    if (ncolumns < 1 || !*header.fields[0]) {
        error_user(err, "%s:1: the first column must name the cases (a header such as 'case')",
                   path);
        goto cleanup;
    }
    columns = calloc(ncolumns, sizeof *columns);
    if (!columns) {
        error_internal(err, "out of memory");
        goto cleanup;
    }
    for (size_t c = 1; c < ncolumns; c++) {
        if (!parse_attribute_header(header.fields[c], header.line, &columns[c], path, err))
            goto cleanup;
        for (size_t d = 1; d < c; d++) {
            if (strcmp(columns[d].name, columns[c].name) == 0) {
                error_user(err, "%s:1: the column '%s' appears twice", path, columns[c].name);
                goto cleanup;
            }
        }
    }
    if (!import_read_rows(&table, ncolumns, &rows, err))
        goto cleanup;

    for (size_t r = 0; r < rows.count; r++) {
        const struct saved_record *row = &rows.items[r];
        if (!*row->fields[0]) {
            error_user(err, "%s:%zu: the case has no name", path, row->line);
            goto cleanup;
        }
        for (size_t s = 0; s < r; s++) {
            if (strcmp(rows.items[s].fields[0], row->fields[0]) == 0) {
                error_user(err, "%s:%zu: the case '%s' appears twice (also on line %zu)", path,
                           row->line, row->fields[0], rows.items[s].line);
                goto cleanup;
            }
        }
        for (size_t c = 1; c < ncolumns; c++) {
            const char *value = row->fields[c];
            if (columns[c].declared && !row_attribute_fits(columns[c].type, value)) {
                error_user(err, "%s:%zu: '%s' in the column '%s' is not of type %s", path,
                           row->line, value, columns[c].name,
                           row_attribute_type_name(columns[c].type));
                goto cleanup;
            }
            observe(&columns[c], value);
        }
    }

    if (!store_begin(project->store, err))
        goto cleanup;
    in_transaction = true;
    for (size_t c = 1; c < ncolumns; c++) {
        struct attribute_column *column = &columns[c];
        enum attribute_type stored;
        if (!store_attribute_find(project->store, column->name, &column->id, &stored, err))
            goto cleanup;
        if (!column->id) {
            if (!store_attribute_add(project->store, column->name, chosen_type(column), &column->id,
                                     err))
                goto cleanup;
            continue;
        }
        /* An existing attribute takes the narrowest type that fits its old values too. */
        struct case_value_list old = {0};
        if (!store_attribute_values(project->store, column->id, &old, err))
            goto cleanup;
        bool misfit = false;
        for (size_t v = 0; v < old.count; v++) {
            observe(column, old.items[v].value);
            misfit |= !row_attribute_fits(chosen_type(column), old.items[v].value);
        }
        row_case_value_list_finish(&old);
        if (misfit) {
            error_user(err, "%s:1: the project holds values of '%s' that are not %s values", path,
                       column->name, row_attribute_type_name(column->type));
            goto cleanup;
        }
        if (chosen_type(column) != stored &&
            !store_attribute_set_type(project->store, column->id, chosen_type(column), err))
            goto cleanup;
    }
    for (size_t r = 0; r < rows.count; r++) {
        const struct saved_record *row = &rows.items[r];
        int64_t case_id;
        if (!store_case_find(project->store, row->fields[0], &case_id, err))
            goto cleanup;
        if (case_id) {
            report->updated++;
        } else {
            if (!store_case_ensure(project->store, row->fields[0], &case_id, err))
                goto cleanup;
            report->added++;
        }
        for (size_t c = 1; c < ncolumns; c++) {
            if (!store_case_value_set(project->store, case_id, columns[c].id, row->fields[c], err))
                goto cleanup;
        }
    }
    struct strbuf summary = STRBUF_INIT;
    strbuf_printf(&summary, "imported cases from %s: %zu added, %zu updated", path, report->added,
                  report->updated);
    bool logged = project_journal_final(project, 0, "cases.import", strbuf_str(&summary), err);
    strbuf_finish(&summary);
    if (!logged)
        goto cleanup;
    in_transaction = false;
    ok = store_commit(project->store, err);
cleanup:
    if (in_transaction)
        store_rollback(project->store);
    for (size_t c = 0; columns && c < ncolumns; c++)
        free(columns[c].name);
    free(columns);
    import_rows_finish(&rows);
    import_table_close(&table);
    return ok;
}
