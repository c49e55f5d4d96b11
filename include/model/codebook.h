/* Changing the codebook's structure: each function is one undoable batch for coder_id that
 * keeps the numbering consistent (siblings never share a number; a code inserted or removed
 * moves the later siblings' numbers by one; other gaps are left as they are). Codes are given
 * by id. On failure nothing is changed and err says why. */
#ifndef MARGIN_MODEL_CODEBOOK_H
#define MARGIN_MODEL_CODEBOOK_H

#include "core/error.h"
#include "model/project.h"

#include <stddef.h>
#include <stdint.h>

/* Adds a codable code named `name` under parent_id (0 for the top level) at `position`, moving
 * the siblings at that position and after down by one. position 0 means after the last sibling.
 * Sets *id to the new code. */
bool codebook_add(struct project *project, int64_t coder_id, int64_t parent_id, int position,
                  const char *name, int64_t *id, struct error *err);

/* Renames a code (a name may not be empty). */
bool codebook_rename(struct project *project, int64_t coder_id, int64_t id, const char *name,
                     struct error *err);

/* Sets a code's description (NULL or "" removes it). */
bool codebook_describe(struct project *project, int64_t coder_id, int64_t id,
                       const char *description, struct error *err);

/* Makes a code a heading that cannot be coded (codable false) or codable again. A code with
 * codings cannot become a heading. */
bool codebook_set_codable(struct project *project, int64_t coder_id, int64_t id, bool codable,
                          struct error *err);

/* Swaps a code with the sibling before (delta -1) or after (delta 1) it. */
bool codebook_move(struct project *project, int64_t coder_id, int64_t id, int delta,
                   struct error *err);

/* Makes a code the last sub-code of the sibling before it. */
bool codebook_indent(struct project *project, int64_t coder_id, int64_t id, struct error *err);

/* Moves a code out of its parent, to just after the parent. */
bool codebook_outdent(struct project *project, int64_t coder_id, int64_t id, struct error *err);

/* Merges a code into another: its codings (every coder's) move to `into` (a coding `into`
 * already has on the same span is dropped), its sub-codes become the last sub-codes of `into`,
 * its memo is added to `into`'s, and the code is removed. `into` may not be the code or one of
 * its sub-codes, nor a heading. */
bool codebook_merge(struct project *project, int64_t coder_id, int64_t id, int64_t into,
                    struct error *err);

/* A code's memo: *text is NULL when it has none (the caller frees it). */
bool codebook_memo(struct project *project, int64_t id, char **text, struct error *err);

/* Writes a code's memo (NULL or "" removes it). */
bool codebook_set_memo(struct project *project, int64_t coder_id, int64_t id, const char *text,
                       struct error *err);

/* What deleting a code would take with it: its sub-codes (at any depth) and the codings of it
 * and them, every coder's. */
bool codebook_reach(struct project *project, int64_t id, size_t *descendants, size_t *codings,
                    struct error *err);

/* Deletes a code, its sub-codes, their codings and memos. */
bool codebook_delete(struct project *project, int64_t coder_id, int64_t id, struct error *err);

#endif
