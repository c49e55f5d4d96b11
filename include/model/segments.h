/* Sets of segments: stretches of sources that a retrieval (model/retrieve.h) or a query
 * (model/query.h) found, each with its source, case, coder and code, and on demand its text,
 * a few characters of context either side and the speaker of the turn it starts in.
 *
 * Loading text costs what the segments loaded cost, so a screen loads the rows it shows
 * (segment_set_load(set, first, first + rows, ...)) and the command line loads them all. A set
 * is a snapshot: after project_generation() changes, run the retrieval or query again. */
#ifndef MARGIN_MODEL_SEGMENTS_H
#define MARGIN_MODEL_SEGMENTS_H

#include "core/error.h"
#include "model/casebook.h"
#include "model/project.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct segment {
    int64_t coding_id; /* 0 for a stretch no coding marks (a text search hit) */
    int64_t source_id;
    int64_t case_id;    /* 0 when the source belongs to no case */
    int64_t coder_id;   /* 0 when no coding marks it */
    int code;           /* index into project_codes(); -1 for none */
    int64_t start, end; /* code points, [start, end) */
    const char *source; /* names, owned by the set; "" for none */
    const char *case_name;
    const char *coder;
    const char *memo; /* the coding's memo, NULL for none */
    /* Filled by segment_set_load(), NULL until then: */
    char *text;    /* exactly [start, end) */
    char *before;  /* up to `context` characters before start, from the start of a word */
    char *after;   /* up to `context` characters after end, to the end of a word */
    char *speaker; /* the speaker of the turn it starts in; "" when the source has no turns */
};

struct segment_set;

/* An empty set for the project, with its sources, coders and cases read. NULL with a message
 * when the project cannot be read. */
struct segment_set *segment_set_create(struct project *project, struct error *err);

/* Frees a set; accepts NULL. */
void segment_set_destroy(struct segment_set *set);

/* Adds a segment: a coding (coding_id, coder_id, code and memo as the store has them; memo is
 * copied) or, with coding_id 0, a stretch of text. A segment of a source whose case the set's
 * casebook does not select (casebook_select) is left out. Fails when memory runs out or the
 * source is unknown. */
bool segment_set_add(struct segment_set *set, const struct coding_row *coding, int code,
                     struct error *err);

/* Orders the segments by source name, start, end, code number and coder name. */
void segment_set_sort(struct segment_set *set);

/* The number of segments, and one of them. */
size_t segment_set_count(const struct segment_set *set);
const struct segment *segment_set_get(const struct segment_set *set, size_t index);

/* Loads text, context and speaker for segments [from, to) (clamped to the count). */
bool segment_set_load(struct segment_set *set, size_t from, size_t to, size_t context,
                      struct error *err);

/* The cases behind the set's segments, for labels ("(Int7, GP lead)") and filters. */
struct casebook *segment_set_casebook(struct segment_set *set);

/* The id of the source named `name`, or 0. */
int64_t segment_set_source_id(const struct segment_set *set, const char *name);

#endif
