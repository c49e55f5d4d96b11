/* Fuzzes the CSV reader: csv_reader_create() and csv_next() over every record of the input,
 * until the end or an error. Every record must have at least one field, and records must come
 * in line order. */
#include "io/csv.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

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
    }
    csv_reader_destroy(reader);
    return 0;
}
