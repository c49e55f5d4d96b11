#include "io/ratings_csv.h"

#include "io/csv.h"
#include "io/file.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The largest ratings file margin reads. */
#define RATINGS_MAX_BYTES (256u * 1024 * 1024)

/* The cells of every unit, trimmed, row after row; NULL for a missing value. */
struct cells {
    char **items; /* units x coders */
    size_t *lines;
    size_t units;
    size_t cap;
};

static void cells_finish(struct cells *cells, size_t ncoders)
{
    for (size_t i = 0; i < cells->units * ncoders; i++)
        free(cells->items[i]);
    free(cells->items);
    free(cells->lines);
}

/* A copy of s without the spaces and tabs around it, or NULL (with *oom false) when nothing is
 * left. */
static char *trimmed(const char *s, bool *oom)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n == 0)
        return NULL;
    char *copy = strndup(s, n);
    *oom = !copy;
    return copy;
}

/* True when s is a decimal number: an optional sign, digits with an optional point (or a point
 * and digits), and an optional exponent. */
static bool looks_numeric(const char *s)
{
    if (*s == '+' || *s == '-')
        s++;
    size_t digits = strspn(s, "0123456789");
    s += digits;
    if (*s == '.') {
        size_t more = strspn(s + 1, "0123456789");
        digits += more;
        s += 1 + more;
    }
    if (digits == 0)
        return false;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        size_t exponent = strspn(s, "0123456789");
        if (exponent == 0)
            return false;
        s += exponent;
    }
    return *s == '\0';
}

/* Reads a number that looks_numeric() accepted, with a point as the decimal separator whatever
 * the locale says. */
static double to_number(const char *s, locale_t c_locale)
{
    locale_t previous = uselocale(c_locale);
    double value = strtod(s, NULL);
    uselocale(previous);
    return value;
}

/* Reads the header: two or more distinct, non-empty coder names. */
static bool read_header(struct csv_reader *reader, const char *name, struct ratings_csv *out,
                        struct error *err)
{
    struct csv_record header;
    int got = csv_next(reader, &header, err);
    if (got < 0)
        return false;
    if (got == 0)
        return error_user(err, "%s is empty; expected a header row naming the coders", name);
    if (header.count < 2) {
        return error_user(err,
                          "%s:%zu: the header names one coder; agreement needs a column for each "
                          "of two or more coders",
                          name, header.line);
    }
    out->coders = calloc(header.count, sizeof *out->coders);
    if (!out->coders)
        return error_internal(err, "out of memory reading %s", name);
    for (size_t i = 0; i < header.count; i++) {
        bool oom = false;
        char *coder = trimmed(header.fields[i], &oom);
        if (oom)
            return error_internal(err, "out of memory reading %s", name);
        if (!coder)
            return error_user(err, "%s:%zu: column %zu of the header names no coder", name,
                              header.line, i + 1);
        out->coders[out->ncoders++] = coder;
        for (size_t j = 0; j < i; j++) {
            if (strcmp(out->coders[j], coder) == 0)
                return error_user(err, "%s:%zu: the coder '%s' heads two columns", name,
                                  header.line, coder);
        }
    }
    return true;
}

/* Reads every unit's cells, checking that each row has a cell per coder. */
static bool read_units(struct csv_reader *reader, const char *name, size_t ncoders,
                       struct cells *cells, struct error *err)
{
    struct csv_record record;
    int got;
    while ((got = csv_next(reader, &record, err)) == 1) {
        if (record.count != ncoders) {
            return error_user(err,
                              "%s:%zu: this row has %zu cells, but the header names %zu coders",
                              name, record.line, record.count, ncoders);
        }
        if (cells->units == cells->cap) {
            size_t cap = cells->cap ? 2 * cells->cap : 64;
            char **items = realloc(cells->items, cap * ncoders * sizeof *items);
            if (items)
                cells->items = items;
            size_t *lines = items ? realloc(cells->lines, cap * sizeof *lines) : NULL;
            if (!lines)
                return error_internal(err, "out of memory reading %s", name);
            cells->lines = lines;
            cells->cap = cap;
        }
        char **row = cells->items + cells->units * ncoders;
        bool oom = false;
        for (size_t i = 0; i < ncoders; i++)
            row[i] = oom ? NULL : trimmed(record.fields[i], &oom);
        cells->lines[cells->units++] = record.line;
        if (oom)
            return error_internal(err, "out of memory reading %s", name);
    }
    if (got < 0)
        return false;
    if (cells->units == 0)
        return error_user(err, "%s has a header but no units; add a row per unit", name);
    return true;
}

/* The category number (1, 2, ...) of a nominal value, adding it when new; 0 when memory runs
 * out. With `numbers`, values that are the same number are one category. */
static size_t category_of(struct ratings_csv *out, const char *value, const double *numbers,
                          double number)
{
    for (size_t k = 0; k < out->ncategories; k++) {
        if (numbers ? numbers[k] == number : strcmp(out->categories[k], value) == 0)
            return k + 1;
    }
    char *copy = strdup(value);
    if (!copy)
        return 0;
    out->categories[out->ncategories++] = copy;
    return out->ncategories;
}

/* Builds the table from the cells. */
static bool fill_table(const struct cells *cells, const char *name, struct ratings_csv *out,
                       struct error *err)
{
    size_t m = out->ncoders;
    size_t total = cells->units * m;
    out->numeric = true;
    for (size_t i = 0; i < total; i++)
        out->numeric &= !cells->items[i] || looks_numeric(cells->items[i]);
    locale_t c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    double *row = calloc(m, sizeof *row);
    double *numbers = calloc(total, sizeof *numbers);
    out->categories = calloc(total, sizeof *out->categories);
    out->table = ratings_create(m);
    bool ok = false;
    if (!c_locale || !row || !numbers || !out->categories || !out->table) {
        error_internal(err, "out of memory reading %s", name);
        goto cleanup;
    }
    for (size_t u = 0; u < cells->units; u++) {
        size_t given = 0;
        for (size_t i = 0; i < m; i++) {
            const char *cell = cells->items[u * m + i];
            row[i] = NAN;
            if (!cell)
                continue;
            given++;
            double number = out->numeric ? to_number(cell, c_locale) : 0;
            if (!isfinite(number)) {
                error_user(err, "%s:%zu: the value %s is too large", name, cells->lines[u], cell);
                goto cleanup;
            }
            size_t category = category_of(out, cell, out->numeric ? numbers : NULL, number);
            if (category == 0) {
                error_internal(err, "out of memory reading %s", name);
                goto cleanup;
            }
            numbers[category - 1] = number;
            row[i] = out->numeric ? number : (double)category;
        }
        out->values += given;
        out->pairable += given >= 2 ? given : 0;
        if (!ratings_add_unit(out->table, row)) {
            error_internal(err, "out of memory reading %s", name);
            goto cleanup;
        }
    }
    ok = true;
cleanup:
    if (c_locale)
        freelocale(c_locale);
    free(row);
    free(numbers);
    return ok;
}

bool ratings_csv_parse(const char *data, size_t n, const char *name, struct ratings_csv *out,
                       struct error *err)
{
    memset(out, 0, sizeof *out);
    struct cells cells = {0};
    struct csv_reader *reader = csv_reader_create(data, n, name, err);
    bool ok = reader && read_header(reader, name, out, err) &&
              read_units(reader, name, out->ncoders, &cells, err) &&
              fill_table(&cells, name, out, err);
    cells_finish(&cells, out->ncoders);
    csv_reader_destroy(reader);
    if (!ok)
        ratings_csv_finish(out);
    return ok;
}

bool ratings_csv_read(const char *path, struct ratings_csv *out, struct error *err)
{
    char *data;
    size_t n;
    memset(out, 0, sizeof *out);
    if (!file_read_input(path, RATINGS_MAX_BYTES, &data, &n, err))
        return false;
    bool ok = ratings_csv_parse(data, n, file_input_name(path), out, err);
    free(data);
    return ok;
}

void ratings_csv_finish(struct ratings_csv *r)
{
    ratings_destroy(r->table);
    for (size_t i = 0; i < r->ncoders; i++)
        free(r->coders[i]);
    free(r->coders);
    for (size_t i = 0; i < r->ncategories; i++)
        free(r->categories[i]);
    free(r->categories);
    memset(r, 0, sizeof *r);
}
