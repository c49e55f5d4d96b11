/* What a project holds, for people: counts and listings of its sources, codes, coders and cases.
 *
 * The command line prints them (margin info, margin list) and the screen may show them; both get
 * the same answer because both ask here. */
#ifndef MARGIN_MODEL_REPORT_H
#define MARGIN_MODEL_REPORT_H

#include "core/error.h"
#include "core/row.h"
#include "model/project.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How many of each thing a project holds. */
struct report_summary {
    int64_t sources;
    size_t kinds[3]; /* sources of each enum source_kind */
    int64_t cases;
    int64_t codes;
    size_t headings; /* codes that cannot be coded */
    int64_t coders;
    struct coder_list coder_names; /* every coder, by name */
    int64_t codings;
    int64_t detached; /* of the codings, those whose text was deleted (margin detached) */
    int64_t memos;    /* memos on codings included */
};

/* Counts what the project holds. On success the caller finishes *out; on failure *out is empty
 * and err says why. */
bool report_summarise(struct project *project, struct report_summary *out, struct error *err);

/* Frees the names of a summary; accepts an empty one. */
void report_summary_finish(struct report_summary *summary);

/* What report_list() lists. */
enum report_listing {
    REPORT_SOURCES, /* source, kind, case, characters */
    REPORT_CODES,   /* number, name, sources, references, "heading" for a heading */
    REPORT_CODERS,  /* coder, codings */
    REPORT_CASES,   /* case, then one column per attribute in the order they were added */
};

/* Reads "sources", "codes", "coders" or "cases"; false for anything else. */
bool report_listing_parse(const char *name, enum report_listing *out);

/* A listing as text cells: `rows` rows (the first the header) of `columns` cells, row by row.
 * Every cell is a string of its own, "" when empty; names are as the project holds them. */
struct report_table {
    size_t rows;
    size_t columns;
    char **cells;
};

/* Lists the project's sources (by name, with kind, case and length in characters), codes (in
 * outline order, with the sources and references coded at each, as NVivo counts them), coders
 * (by name, with their number of codings) or cases (by name, with their attributes). On success
 * the caller finishes *out; on failure *out is empty and err says why. */
bool report_list(struct project *project, enum report_listing what, struct report_table *out,
                 struct error *err);

/* Frees a table's cells and empties it; accepts an empty one. */
void report_table_finish(struct report_table *table);

#endif
