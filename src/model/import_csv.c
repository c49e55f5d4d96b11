/* The CSV reading that the importers of cases and codings share. */

#include "internal.h"

#include "core/list.h"

#include <stdlib.h>
#include <string.h>

bool import_table_open(struct csv_table *table, const char *data, size_t n, const char *name,
                       struct error *err)
{
    table->path = name;
    table->reader = csv_reader_create(data, n, name, err);
    return table->reader != NULL;
}

void import_table_close(struct csv_table *table)
{
    csv_reader_destroy(table->reader);
}

bool import_table_header(struct csv_table *table, const char *expected, struct csv_record *header,
                         struct error *err)
{
    int got = csv_next(table->reader, header, err);
    if (got == 0)
        error_user(err, "%s is empty; expected %s", table->path, expected);
    return got > 0;
}

void import_rows_finish(struct saved_records *records)
{
    for (size_t i = 0; i < records->count; i++)
        free(records->items[i].fields);
    free(records->items);
}

bool import_read_rows(struct csv_table *table, size_t columns, struct saved_records *records,
                      struct error *err)
{
    struct csv_record record;
    int got;
    while ((got = csv_next(table->reader, &record, err)) == 1) {
        if (record.count != columns) {
            return error_user(err, "%s:%zu: this row has %zu fields, but the header has %zu",
                              table->path, record.line, record.count, columns);
        }
        /* One block for a record: its pointers to the fields, then the fields. */
        size_t size = columns * sizeof(char *);
        for (size_t f = 0; f < columns; f++)
            size += strlen(record.fields[f]) + 1;
        struct saved_record saved = {malloc(size), columns, record.line};
        if (saved.fields) {
            char *text = (char *)(saved.fields + columns);
            for (size_t f = 0; f < columns; f++) {
                size_t n = strlen(record.fields[f]) + 1;
                saved.fields[f] = memcpy(text, record.fields[f], n);
                text += n;
            }
        }
        if (!saved.fields || !LIST_PUSH(records, saved)) {
            free(saved.fields);
            return error_internal(err, "out of memory reading %s", table->path);
        }
    }
    return got == 0;
}
