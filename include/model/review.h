/* A team lead's review of two coders' work: their agreement code by code, each code's
 * disagreements, and what a consensus coder has settled, kept up to date as decisions are made,
 * undone and redone. The screen shows it; it does no drawing and holds no screen state.
 *
 * Rows are the codes of the comparison over characters (model/compare.h), in the order asked
 * for; each carries the code's id and its counts of disagreements and settled ones, as
 * model/adjudication.h counts them. */
#ifndef MARGIN_MODEL_REVIEW_H
#define MARGIN_MODEL_REVIEW_H

#include "core/error.h"
#include "core/text.h"
#include "model/adjudication.h"
#include "model/compare.h"
#include "model/project.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct review_row {
    const struct compare_code *code; /* its figures; valid until the next refresh */
    size_t disagreements;            /* stretches in dispute at the code itself */
    size_t settled;
};

struct review;

/* Starts a review of `coders` ("A,B": two names and a comma) into the consensus coder
 * `consensus` (added when new). Fails with a message for unknown or equal coders, or nothing to
 * compare. */
struct review *review_open(struct project *project, const char *coders, const char *consensus,
                           struct error *err);

/* Frees a review; accepts NULL. */
void review_destroy(struct review *review);

/* The coders' names and ids. */
const char *review_first(const struct review *review);
const char *review_second(const struct review *review);
const char *review_consensus(const struct review *review);

/* The comparison the rows come from (for its unit, n and sources). */
const struct compare_result *review_result(const struct review *review);

/* The table: rows in the order of review_order(), and disagreements and settled ones over every
 * row. */
size_t review_count(const struct review *review);
const struct review_row *review_row(const struct review *review, size_t index);
size_t review_disagreements(const struct review *review);
size_t review_settled(const struct review *review);

/* The order of the rows, and changing it. */
enum compare_order review_order(const struct review *review);
bool review_sort(struct review *review, enum compare_order order, struct error *err);

/* The row of the code with `code_id`, or -1. */
long review_find(const struct review *review, int64_t code_id);

/* Computes everything again from the project: after a decision, an undo or redo, or another
 * program's change. Rows stay in their order; an open code stays open. */
bool review_refresh(struct review *review, struct error *err);

/* Opens the disagreements of the row at `index`, replacing the open code's. */
bool review_open_code(struct review *review, size_t index, struct error *err);

/* The open code's disagreements, or NULL when none is open. */
struct adjudication *review_code(const struct review *review);

/* "07.01.02 Management and governance" for the open code (or "no code"). */
void review_code_label(const struct review *review, char *out, size_t size);

/* The lines of text around a disagreement (whole lines, at most a few thousand characters),
 * into a new text the caller destroys, and where they start in the source. */
struct text *review_region(const struct review *review, const struct stretch *stretch,
                           int64_t *start, struct error *err);

/* The start of a disagreement's text, at most `most` code points of it, on one line (breaks and
 * runs of spaces become one space), into out; empty when the source cannot be read. Keeps the
 * last source read, so that a list of disagreements in one source reads it once. */
void review_snippet(struct review *review, const struct stretch *stretch, size_t most, char *out,
                    size_t size);

#endif
