/* The changes a coder makes to codings, whether from the screen or the command line: each is one
 * batch of that coder's history (model/history.h), so that the coder can undo it from either. */
#ifndef MARGIN_MODEL_EDIT_H
#define MARGIN_MODEL_EDIT_H

#include "core/error.h"
#include "core/row.h"
#include "model/project.h"

#include <stdbool.h>
#include <stddef.h>

/* What coding a span did. */
enum edit_outcome {
    EDIT_ADDED,        /* a new coding */
    EDIT_MEMO_CHANGED, /* the coder already had the code there; its memo was replaced */
    EDIT_UNCHANGED,    /* the coder already had the code there, with that memo */
};

/* Codes row->start..row->end of source row->source_id (named `source_name` in messages) with
 * code row->code_id for coder row->coder_id, as one undoable batch. A coder's codings of one code
 * never overlap or touch: when the span overlaps or touches some, they and the span become one
 * coding (the first of them, stretched, keeping every memo), as the comparison already counts
 * them. When one coding of the coder's already covers the span, a `memo` that differs from its
 * memo replaces it (also undoable); a NULL memo leaves it alone, and "" removes it. Sets row->id
 * and row's span to the coding's, *outcome to what happened and `message` to a line that says
 * it ("coded int01 812-1190 as 07.01.02 Management and governance"). Refuses a heading, and fails
 * without changing anything when the project cannot be written. */
bool edit_code_span(struct project *project, struct coding_row *row, const char *source_name,
                    const char *memo, enum edit_outcome *outcome, char *message, size_t size,
                    struct error *err);

/* Codes a span as a user states it (names rather than ids; see project_resolve_coding()), adding
 * the coder when new, as edit_code_span() does with request->memo. */
bool edit_code_request(struct project *project, const struct coding_request *request,
                       enum edit_outcome *outcome, char *message, size_t size, struct error *err);

#endif
