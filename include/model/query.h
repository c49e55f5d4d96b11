/* Running queries (core/query.h) over a project, and coding what they find. The command
 * line's `margin query` and the screen call these, so that both find the same stretches. */
#ifndef MARGIN_MODEL_QUERY_H
#define MARGIN_MODEL_QUERY_H

#include "core/error.h"
#include "model/project.h"
#include "model/segments.h"

#include <stdbool.h>
#include <stddef.h>

/* A query and where to run it. Lists may be empty (count 0), meaning any. */
struct query_request {
    const char *query;         /* as core/query.h reads it */
    const char *const *coders; /* whose codings the codes stand for */
    size_t ncoders;
    const char *const *cases; /* only the sources of these cases */
    size_t ncases;
    const char *where; /* only the sources of cases that pass this filter, or NULL */
};

/* Runs a query over every source of the chosen cases. Returns a new set of hits (segments with
 * coding_id 0, no coder and code -1), ordered by source and position, text not loaded
 * (segment_set_load); the caller destroys it. A query that cannot be read fails with "column N:
 * ..."; so does a code the codebook lacks. An unknown coder or case, or a bad filter, fails with
 * a message. */
struct segment_set *query_run(struct project *project, const struct query_request *request,
                              struct error *err);

/* How much of the text around a hit coding it takes. */
enum query_unit {
    QUERY_UNIT_MATCH,     /* the hit itself */
    QUERY_UNIT_SENTENCE,  /* the sentences it touches */
    QUERY_UNIT_TURN,      /* the speaker turns it touches (what was said, without the label) */
    QUERY_UNIT_PARAGRAPH, /* the paragraphs it touches */
};

/* Reads "match", "sentence", "turn" or "paragraph"; false for anything else. */
bool query_unit_parse(const char *name, enum query_unit *unit);

/* Codes every hit of `hits`, widened to `unit` (a hit in no turn stays as it is), at `code` (as
 * codetree_resolve() reads it; not a heading) for `coder` (added when new), as one batch of the
 * coder's history: one undo takes it all back. Stretches that overlap after widening are coded
 * once. Sets *added to the new codings and *present to those the coder already had. Fails
 * without changing anything when the project cannot be written. */
bool query_code_hits(struct project *project, struct segment_set *hits, const char *code,
                     const char *coder, enum query_unit unit, size_t *added, size_t *present,
                     struct error *err);

#endif
