/* What the model's modules share; nothing outside src/model includes this. */
#ifndef MARGIN_MODEL_INTERNAL_H
#define MARGIN_MODEL_INTERNAL_H

#include "core/codetree.h"
#include "core/error.h"
#include "io/csv.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The largest CSV file margin reads (cases, codings). */
#define CSV_MAX_BYTES (256u * 1024 * 1024)

struct project {
    struct store *store;
    struct codetree *codes;
    uint64_t generation;
    uint64_t commits;     /* store_commits() when the generation was last read */
    int64_t data_version; /* store_data_version() then */
};

/* Records a change that cannot be undone (a bulk import) in the journal. */
bool project_journal_final(struct project *project, int64_t coder_id, const char *operation,
                           const char *summary, struct error *err);

/* CSV data being read, with the name its messages give. */
struct csv_table {
    struct csv_reader *reader;
    const char *path;
};

/* Starts reading CSV data named `name` in messages; on failure, returns false with a message
 * and the table needs no closing. */
bool import_table_open(struct csv_table *table, const char *data, size_t n, const char *name,
                       struct error *err);

/* Frees what reading the table holds. */
void import_table_close(struct csv_table *table);

/* Reads the table's header into *header; a table without one fails with "PATH is empty;
 * expected EXPECTED". */
bool import_table_header(struct csv_table *table, const char *expected, struct csv_record *header,
                         struct error *err);

/* A copy of a CSV record's fields, kept while later records are read. */
struct saved_record {
    char **fields;
    size_t count;
    size_t line;
};

struct saved_records {
    struct saved_record *items;
    size_t count, cap;
};

/* Frees the saved records. */
void import_rows_finish(struct saved_records *records);

/* Reads every record after the header into `records`, checking that each has as many fields
 * as the header. */
bool import_read_rows(struct csv_table *table, size_t columns, struct saved_records *records,
                      struct error *err);

#endif
