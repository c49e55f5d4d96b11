#include "io/csv.h"

#include "core/list.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "io/file.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct field_list {
    char **items;
    size_t count, cap;
};

struct csv_reader {
    const char *data;
    size_t n;
    size_t pos;
    size_t line;
    char *name;
    struct field_list fields;
    struct strbuf field;
};

static void free_fields(struct csv_reader *reader)
{
    for (size_t i = 0; i < reader->fields.count; i++)
        free(reader->fields.items[i]);
    reader->fields.count = 0;
}

struct csv_reader *csv_reader_create(const char *data, size_t n, const char *name,
                                     struct error *err)
{
    struct text_position bad;
    if (!file_refuse_utf16(data, n, name, err))
        return NULL;
    if (!utf8_validate(data, n, &bad)) {
        error_user(err, "%s:%zu:%zu: not valid UTF-8 text; save the file as UTF-8", name, bad.line,
                   bad.column);
        return NULL;
    }
    /* A NUL byte would silently end the field it is in. */
    const char *nul = memchr(data, '\0', n);
    if (nul) {
        size_t line = 1;
        const char *line_start = data;
        for (const char *p = data; p < nul; p++) {
            if (*p == '\n' || (*p == '\r' && p[1] != '\n')) {
                line++;
                line_start = p + 1;
            }
        }
        error_user(err, "%s:%zu:%zu: contains a NUL byte; this looks like a binary file, not CSV",
                   name, line, utf8_length(line_start, (size_t)(nul - line_start)) + 1);
        return NULL;
    }
    struct csv_reader *reader = calloc(1, sizeof *reader);
    if (!reader || !(reader->name = strdup(name))) {
        free(reader);
        error_internal(err, "out of memory reading %s", name);
        return NULL;
    }
    reader->data = data;
    reader->n = n;
    reader->line = 1;
    if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        reader->pos = 3;
    return reader;
}

void csv_reader_destroy(struct csv_reader *reader)
{
    if (!reader)
        return;
    free_fields(reader);
    free(reader->fields.items);
    strbuf_finish(&reader->field);
    free(reader->name);
    free(reader);
}

static bool finish_field(struct csv_reader *reader)
{
    char *copy = strbuf_detach(&reader->field);
    if (!copy || !LIST_PUSH(&reader->fields, copy)) {
        free(copy);
        return false;
    }
    return true;
}

/* Consumes a line break at pos (CRLF, LF or a lone CR); returns whether there was one. */
static bool take_newline(struct csv_reader *reader)
{
    const char *d = reader->data;
    if (reader->pos < reader->n && d[reader->pos] == '\r') {
        reader->pos++;
        if (reader->pos < reader->n && d[reader->pos] == '\n')
            reader->pos++;
        reader->line++;
        return true;
    }
    if (reader->pos < reader->n && d[reader->pos] == '\n') {
        reader->pos++;
        reader->line++;
        return true;
    }
    return false;
}

int csv_next(struct csv_reader *reader, struct csv_record *record, struct error *err)
{
    const char *d = reader->data;
    free_fields(reader);
    while (reader->pos < reader->n && take_newline(reader))
        ;
    if (reader->pos >= reader->n)
        return 0;

    size_t start_line = reader->line;
    strbuf_reset(&reader->field);
    for (;;) {
        /* At the start of a field. */
        if (reader->pos < reader->n && d[reader->pos] == '"') {
            size_t quote_line = reader->line;
            reader->pos++;
            for (;;) {
                if (reader->pos >= reader->n) {
                    error_user(err,
                               "%s:%zu: a quoted field that starts here never ends (a \" is "
                               "missing)",
                               reader->name, quote_line);
                    return -1;
                }
                char c = d[reader->pos];
                if (c == '"') {
                    if (reader->pos + 1 < reader->n && d[reader->pos + 1] == '"') {
                        if (!strbuf_putc(&reader->field, '"'))
                            goto oom;
                        reader->pos += 2;
                        continue;
                    }
                    reader->pos++;
                    break;
                }
                if (c == '\n' ||
                    (c == '\r' && !(reader->pos + 1 < reader->n && d[reader->pos + 1] == '\n')))
                    reader->line++;
                if (!strbuf_putc(&reader->field, c))
                    goto oom;
                reader->pos++;
            }
            if (reader->pos < reader->n && d[reader->pos] != ',' && d[reader->pos] != '\r' &&
                d[reader->pos] != '\n') {
                error_user(err,
                           "%s:%zu: unexpected text after a quoted field (a quote inside a "
                           "field must be doubled: \"\")",
                           reader->name, reader->line);
                return -1;
            }
        } else {
            size_t start = reader->pos;
            while (reader->pos < reader->n && d[reader->pos] != ',' && d[reader->pos] != '\r' &&
                   d[reader->pos] != '\n') {
                if (d[reader->pos] == '"') {
                    error_user(err,
                               "%s:%zu: a field that does not start with a quote contains one; "
                               "put the whole field in quotes and double the quote",
                               reader->name, reader->line);
                    return -1;
                }
                reader->pos++;
            }
            if (!strbuf_append(&reader->field, d + start, reader->pos - start))
                goto oom;
        }
        if (!finish_field(reader))
            goto oom;
        if (reader->pos < reader->n && d[reader->pos] == ',') {
            reader->pos++;
            continue;
        }
        take_newline(reader);
        break;
    }
    record->fields = reader->fields.items;
    record->count = reader->fields.count;
    record->line = start_line;
    return 1;
oom:
    error_internal(err, "out of memory reading %s", reader->name);
    return -1;
}

/* Whether field[0..n) is a plain decimal number with an optional sign ("-2", "+0.25"). */
static bool plain_number(const char *field, size_t n)
{
    size_t i = field[0] == '-' || field[0] == '+' ? 1 : 0;
    size_t digits = 0;
    while (i < n && isdigit((unsigned char)field[i]))
        i++, digits++;
    if (digits > 0 && i < n && field[i] == '.') {
        size_t before = ++i;
        while (i < n && isdigit((unsigned char)field[i]))
            i++;
        digits = i - before;
    }
    return digits > 0 && i == n;
}

/* Whether field[0..n) would be written with an apostrophe in safe mode. */
static bool formula_like(const char *field, size_t n)
{
    return n > 0 && strchr("=+-@\t\r", field[0]) && !plain_number(field, n);
}

bool csv_formula_like(const char *field)
{
    return formula_like(field, strlen(field));
}

bool csv_write_field(FILE *out, const char *field, bool safe)
{
    bool quote = strpbrk(field, ",\"\r\n") != NULL;
    bool formula = safe && csv_formula_like(field);
    if (quote && fputc('"', out) == EOF)
        return false;
    if (formula && fputc('\'', out) == EOF)
        return false;
    for (const char *p = field; *p; p++) {
        if (*p == '"' && fputc('"', out) == EOF)
            return false;
        if (fputc(*p, out) == EOF)
            return false;
    }
    return !quote || fputc('"', out) != EOF;
}

bool csv_end_record(FILE *out)
{
    return fputs("\r\n", out) != EOF;
}

bool csv_write_row(FILE *out, const char *const *fields, size_t count, bool safe)
{
    for (size_t i = 0; i < count; i++) {
        if ((i > 0 && fputc(',', out) == EOF) || !csv_write_field(out, fields[i], safe))
            return false;
    }
    return csv_end_record(out);
}

bool csv_neutralise(const char *data, size_t n, FILE *out)
{
    size_t i = 0;
    while (i < n) {
        /* A field starts here: find its end and its content. */
        size_t start = i;
        bool quoted = data[i] == '"';
        if (quoted) {
            for (i++; i < n; i++) {
                if (data[i] == '"' && (i + 1 >= n || data[i + 1] != '"'))
                    break;
                if (data[i] == '"')
                    i++;
            }
            i = i < n ? i + 1 : n;
        }
        while (i < n && data[i] != ',' && data[i] != '\r' && data[i] != '\n')
            i++;
        const char *content = data + start + (quoted ? 1 : 0);
        size_t length = i - start - (quoted ? 2 : 0);
        if (quoted && i - start < 2)
            length = 0;
        /* A quoted field holding a quote is no number, and its doubled quotes do not matter to
         * formula_like(), which looks at the first character and at numbers only. */
        bool formula = formula_like(content, length);
        if (quoted && fputc('"', out) == EOF)
            return false;
        if (formula && fputc('\'', out) == EOF)
            return false;
        size_t from = start + (quoted ? 1 : 0);
        if (fwrite(data + from, 1, i - from, out) != i - from)
            return false;
        /* The separator or the record's end after it. */
        while (i < n && (data[i] == '\r' || data[i] == '\n')) {
            if (fputc(data[i++], out) == EOF)
                return false;
        }
        if (i < n && data[i] == ',') {
            if (fputc(',', out) == EOF)
                return false;
            i++;
            if (i == n)
                break;
        }
    }
    return true;
}
