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

/* What an import of codings adds to code_usage while the triggers that count each coding are
 * suspended: for each coder's code in a source the import names, whether the project held
 * attached codings of it before (the coder's, and anyone's) and how many the import added. */
struct usage_key {
    int64_t source_id, code_id, coder_id; /* code_id 0: an empty slot */
    bool existed;                         /* the coder had an attached coding of it */
    bool anyone_had;                      /* some coder had one of the code in the source */
    int64_t added;
};

/* A hash table of usage keys; zeroed when empty. */
struct usage_tally {
    struct usage_key *slots;
    size_t count, cap; /* cap: 0 or a power of two */
};

struct coding_row;
struct import_report;
struct store;

/* Puts the key of each of the n codings (their coders' ids set) in the tally and asks the
 * project which it already holds: call it before adding any of them. */
bool usage_tally_prepare(struct usage_tally *t, struct store *store,
                         const struct coding_row *codings, size_t n, struct error *err);

/* Counts one coding added; its key is in the tally. */
void usage_tally_count(struct usage_tally *t, const struct coding_row *row);

/* Adds to code_usage what the triggers would have added for the codings counted, and frees the
 * tally (whose slots it reorders), succeeding or not. */
bool usage_tally_apply(struct usage_tally *t, struct store *store, struct error *err);

/* Frees the tally. */
void usage_tally_finish(struct usage_tally *t);

/* The fewest rows an import of codings adds through import_codings_bulk(). */
#define BULK_MIN_ROWS 1000

/* Adds n resolved codings (their coders' ids set) inside the current transaction, as adding them
 * one by one in order with store_coding_add() would, giving a coding already there the memo of
 * its last row that changes it when `memos`: the same rows, ids, memos and report, each coding
 * counted in the tally (already prepared). For an import at least twice as large as what the
 * project holds: it reads the codings of the sources the rows name and builds two indexes again. */
bool import_codings_bulk(struct project *project, struct coding_row *codings, size_t n, bool memos,
                         struct usage_tally *tally, struct import_report *report,
                         struct error *err);

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
    char **fields; /* one block: the pointers, then the text they point to */
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
