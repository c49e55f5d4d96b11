/* Settling two coders' disagreements about a code into a consensus coder's codings.
 *
 * For one code, the two coders' own codings of it in each source are gathered into stretches:
 * runs of text where either coder's spans overlap or touch. A stretch where both coded exactly
 * the same characters is agreed; any other is a disagreement. Settling one replaces the consensus
 * coder's codings of the code inside the stretch with the first coder's spans, the second's,
 * their union, their intersection, none, or a span chosen by hand, and records the decision, so
 * that a stretch settled by coding nothing still counts as settled. Each settlement is one
 * undoable batch of the person deciding. */
#ifndef MARGIN_MODEL_ADJUDICATION_H
#define MARGIN_MODEL_ADJUDICATION_H

#include "core/error.h"
#include "core/row.h"
#include "core/span.h"
#include "model/project.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct stretch {
    int64_t source_id;
    int64_t start;
    int64_t end;
    struct span *first; /* the first coder's spans in it, merged, in order */
    size_t nfirst;
    struct span *second;
    size_t nsecond;
    bool agreed;  /* both coded the same characters */
    bool settled; /* a decision about exactly this stretch exists */
    enum decision_choice choice;
    int64_t decision_id;
};

struct adjudication;

/* Gathers the stretches of code_id (its own codings, not its sub-codes') between two coders,
 * with the decisions consensus_id has made about them, in source name and text order. */
struct adjudication *adjudication_open(struct project *project, int64_t code_id, int64_t first_id,
                                       int64_t second_id, int64_t consensus_id, struct error *err);

/* How many disagreements two coders have at a code, and how many of them are settled. */
struct adjudication_count {
    int64_t code_id;
    size_t disagreements;
    size_t settled;
};

/* Counts, for every code that either coder used itself, what adjudication_open() would count
 * for it, in one pass over the two coders' codings: sets *out (which the caller frees) to the
 * counts in code id order and *count to how many. Costs O(n log n) in the codings and
 * decisions. */
bool adjudication_tally(struct project *project, int64_t first_id, int64_t second_id,
                        int64_t consensus_id, struct adjudication_count **out, size_t *count,
                        struct error *err);

/* Frees it; accepts NULL. */
void adjudication_destroy(struct adjudication *adjudication);

/* Gathers again, after a change. */
bool adjudication_reload(struct adjudication *adjudication, struct error *err);

/* The disagreements (agreed stretches left out), and how many of them are settled. */
size_t adjudication_count(const struct adjudication *adjudication);
const struct stretch *adjudication_get(const struct adjudication *adjudication, size_t index);
size_t adjudication_settled(const struct adjudication *adjudication);

/* How many stretches the coders agree on. */
size_t adjudication_agreed(const struct adjudication *adjudication);

/* Settles the disagreement at `index` with `choice` (`edited` is the span for DECISION_EDITED,
 * anywhere in the source), as one batch of actor_id, and reloads. Writes what was done into
 * `message`. */
bool adjudication_settle(struct adjudication *adjudication, size_t index,
                         enum decision_choice choice, struct span edited, int64_t actor_id,
                         char *message, size_t size, struct error *err);

/* Gives the consensus coder every agreed stretch it does not have yet, as one batch of actor_id,
 * and reloads. Sets *taken to how many were given. */
bool adjudication_take_agreed(struct adjudication *adjudication, int64_t actor_id, size_t *taken,
                              struct error *err);

#endif
