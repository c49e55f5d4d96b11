/* Changing the codebook's structure: each function is one undoable batch for coder_id. Code
 * numbers are the team's shared language, so they stay put: a new code takes the next free
 * number at its level, and removing a code leaves a gap. Only moving a code (up, down, in, out)
 * and renumbering give codes new numbers, and codebook_renumbering() says beforehand how many
 * codes and codings that touches, for the question a screen or command asks first.
 *
 * When the project names its codebook's editors (codebook_set_editors), only they may change
 * it; this guards against accidents, not against a hostile user, since a coder's name is no
 * login. Codes are given by id. On failure nothing is changed and err says why. */
#ifndef MARGIN_MODEL_CODEBOOK_H
#define MARGIN_MODEL_CODEBOOK_H

#include "core/error.h"
#include "model/project.h"

#include <stddef.h>
#include <stdint.h>

/* The setting that names the codebook's editors (names as core/names.h lists them). */
#define CODEBOOK_EDITORS_SETTING "codebook.editors"

/* Adds a codable code named `name` under parent_id (0 for the top level) with the next free
 * number at that level. Sets *id to the new code. */
bool codebook_add(struct project *project, int64_t coder_id, int64_t parent_id, const char *name,
                  int64_t *id, struct error *err);

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

/* Swaps a code's number with the sibling's before (delta -1) or after (delta 1) it. */
bool codebook_move(struct project *project, int64_t coder_id, int64_t id, int delta,
                   struct error *err);

/* Makes a code the last sub-code of the sibling before it (the next free number there). */
bool codebook_indent(struct project *project, int64_t coder_id, int64_t id, struct error *err);

/* Moves a code out of its parent, to the next free number at the parent's level. */
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
 * and them, every coder's, and whose they are, as "A 30, B 15" (empty when there are none;
 * the caller frees it). */
struct codebook_reach {
    size_t descendants;
    size_t codings;
    char *whose;
};
bool codebook_reach(struct project *project, int64_t id, struct codebook_reach *reach,
                    struct error *err);

/* Deletes a code, its sub-codes, their codings and memos. */
bool codebook_delete(struct project *project, int64_t coder_id, int64_t id, struct error *err);

/* What would get new numbers. */
enum codebook_renumbering {
    RENUMBER_MOVE_UP,   /* codebook_move(..., -1) */
    RENUMBER_MOVE_DOWN, /* codebook_move(..., 1) */
    RENUMBER_INDENT,
    RENUMBER_OUTDENT,
    RENUMBER_ALL, /* codebook_renumber(); id is not used */
};

/* Counts the codes that would get a new number (the code, sub-codes and all) and the codings at
 * them, every coder's. */
bool codebook_renumbering(struct project *project, enum codebook_renumbering what, int64_t id,
                          size_t *codes, size_t *codings, struct error *err);

/* Numbers every level's codes 1, 2, 3... in their order, closing the gaps that removed codes
 * left. Sets *renumbered to how many codes got a new number (0: nothing was done). */
bool codebook_renumber(struct project *project, int64_t coder_id, size_t *renumbered,
                       struct error *err);

/* Who may change the codebook: *editors is the list (NULL when anyone may; the caller frees
 * it), and setting it to NULL or "" lets anyone again. */
bool codebook_editors(struct project *project, char **editors, struct error *err);

/* Whether the coder named `coder` (NULL for none) may change the codebook; fails with a message
 * naming who may when not. Every change above checks it; a command asks it before adding a new
 * coder to make a change that would be refused. */
bool codebook_may_edit(struct project *project, const char *coder, struct error *err);
bool codebook_set_editors(struct project *project, const char *editors, struct error *err);

#endif
