/* Retrieval: every segment coded at a code, for the framework method's reading of a code
 * across cases. The command line's `margin retrieve` and the screen's retrieval view call this,
 * so that both list the same segments. */
#ifndef MARGIN_MODEL_RETRIEVE_H
#define MARGIN_MODEL_RETRIEVE_H

#include "core/error.h"
#include "model/project.h"
#include "model/segments.h"

#include <stdbool.h>
#include <stddef.h>

/* What to retrieve. Lists may be empty (count 0), meaning any. */
struct retrieval_request {
    const char *code; /* as codetree_resolve() reads it; NULL for every code */
    bool subcodes;    /* the code's sub-codes too */
    const char *const *coders;
    size_t ncoders;
    bool consensus; /* only consensus coders' codings (those who settled disagreements) */
    const char *const *sources;
    size_t nsources;
    const char *const *cases;
    size_t ncases;
    const char *where; /* a case filter (core/where.h), or NULL */
    /* Only the codings keep(keep_context, coding) is true for, when keep is not NULL. */
    bool (*keep)(const void *keep_context, const struct coding_row *coding);
    const void *keep_context;
};

/* Checks the request (an unknown code, coder, source or case, a bad filter, coders and
 * consensus together, or consensus when nobody has settled a disagreement fail with a message)
 * and collects the matching codings into a new set, ordered by source, position, code and
 * coder, with no text loaded yet (segment_set_load). The caller destroys the set. */
struct segment_set *retrieve_segments(struct project *project,
                                      const struct retrieval_request *request, struct error *err);

/* Selects the cases of `names` and `where` in the set's casebook (casebook_select). */
bool retrieve_select_cases(struct segment_set *set, const char *const *names, size_t nnames,
                           const char *where, struct error *err);

#endif
