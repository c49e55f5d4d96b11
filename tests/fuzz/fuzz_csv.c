/* Fuzzes the CSV reader: csv_reader_create() and csv_next() over every record of the input,
 * until the end or an error. Every record must have at least one field, and records must come
 * in line order. Each record is also written back, exactly and in safe mode (--safe-csv): the
 * exact record made safe by csv_neutralise() must be the safe record, byte for byte, and the
 * exact record must read back as the same fields. */
#include "io/csv.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Writes a record to memory with csv_write_row(); the caller frees *out. */
static size_t written(const struct csv_record *record, bool safe, char **out)
{
    size_t n = 0;
    FILE *f = open_memstream(out, &n);
    if (!f || !csv_write_row(f, (const char *const *)record->fields, record->count, safe))
        abort();
    fclose(f);
    return n;
}

/* Checks that csv_neutralise() of the exact record is the safe record, and that the exact record
 * reads back as the same fields. */
static void check_writing(const struct csv_record *record)
{
    char *exact = NULL, *safe = NULL, *neutralised = NULL;
    size_t nexact = written(record, false, &exact);
    size_t nsafe = written(record, true, &safe);
    size_t nneutralised = 0;
    FILE *f = open_memstream(&neutralised, &nneutralised);
    if (!f || !csv_neutralise(exact, nexact, f))
        abort();
    fclose(f);
    if (nneutralised != nsafe || memcmp(neutralised, safe, nsafe) != 0) {
        fprintf(stderr, "neutralised %zu bytes differ from the safe %zu bytes\n", nneutralised,
                nsafe);
        abort();
    }
    struct error err;
    struct csv_reader *again = csv_reader_create(exact, nexact, "again.csv", &err);
    struct csv_record back;
    /* A record of one empty field is written as an empty line, which a reader skips; a first
     * field starting with a byte order mark loses it, as a file's first bytes. margin's files
     * start with their header, so neither happens to them. */
    bool blank = (record->count == 1 && !*record->fields[0]) ||
                 strncmp(record->fields[0], "\xEF\xBB\xBF", 3) == 0;
    if (!again || (!blank && csv_next(again, &back, &err) != 1))
        abort();
    for (size_t i = 0; !blank && i < record->count; i++) {
        if (back.count != record->count || strcmp(back.fields[i], record->fields[i]) != 0) {
            fprintf(stderr, "field %zu does not read back\n", i);
            abort();
        }
    }
    csv_reader_destroy(again);
    free(exact);
    free(safe);
    free(neutralised);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct error err;
    struct csv_reader *reader = csv_reader_create((const char *)data, size, "fuzz.csv", &err);
    if (!reader)
        return 0;
    struct csv_record record;
    size_t last_line = 0;
    int got;
    while ((got = csv_next(reader, &record, &err)) == 1) {
        if (record.count == 0 || record.line <= last_line) {
            fprintf(stderr, "record on line %zu (after line %zu) has %zu fields\n", record.line,
                    last_line, record.count);
            abort();
        }
        for (size_t i = 0; i < record.count; i++) {
            if (!record.fields[i])
                abort();
        }
        last_line = record.line;
        check_writing(&record);
    }
    csv_reader_destroy(reader);
    return 0;
}
