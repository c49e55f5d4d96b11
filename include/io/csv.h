/* CSV as RFC 4180 describes it: comma-separated, fields optionally in double quotes (which may
 * hold commas, line breaks and doubled quotes), records ending in CRLF or LF. Text is UTF-8;
 * a leading byte order mark is skipped. */
#ifndef MARGIN_IO_CSV_H
#define MARGIN_IO_CSV_H

#include "core/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct csv_record {
    char **fields; /* NUL-terminated copies, owned by the reader until the next call */
    size_t count;
    size_t line; /* 1-based line on which the record starts */
};

struct csv_reader;

/* Reads CSV from data[0..n), which must stay alive while the reader is used. `name` (a file
 * name) starts every error message. Fails when the data is UTF-16 (saying how to convert it),
 * is not valid UTF-8 or holds a NUL byte (naming line and column), or when memory runs out. */
struct csv_reader *csv_reader_create(const char *data, size_t n, const char *name,
                                     struct error *err);

/* Frees a reader; accepts NULL. */
void csv_reader_destroy(struct csv_reader *reader);

/* Reads the next record. Returns 1 with *record filled, 0 at the end of the data, or -1 with a
 * message (an unterminated quoted field, a stray quote) naming the file and line. Blank lines
 * are skipped. */
int csv_next(struct csv_reader *reader, struct csv_record *record, struct error *err);

/* Whether a spreadsheet may run `field` as a formula: it starts with =, +, -, @, a tab or CR
 * and is not a plain decimal number ("-2" and "+0.25" are numbers, "-2+3" is not). */
bool csv_formula_like(const char *field);

/* Writes one field, quoting it when it holds a comma, quote, CR or LF. With `safe`, a field
 * that csv_formula_like() is written with a leading apostrophe (inside the quotes), which a
 * spreadsheet shows as text. Returns false on a write error. */
bool csv_write_field(FILE *out, const char *field, bool safe);

/* Copies data[0..n), CSV as csv_write_field() writes it without `safe`, to `out` as it would
 * have been written with `safe`: an apostrophe before every field that csv_formula_like(),
 * everything else byte for byte. Returns false on a write error. */
bool csv_neutralise(const char *data, size_t n, FILE *out);

/* Ends a record with CRLF, as RFC 4180 says. */
bool csv_end_record(FILE *out);

/* Writes a whole record: the fields, separated by commas, and the record's end. */
bool csv_write_row(FILE *out, const char *const *fields, size_t count, bool safe);

#endif
