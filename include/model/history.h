/* Changes as users make them: batches of reversible changes, saved, journaled, and undone or
 * redone together, across restarts.
 *
 * A batch is one user action (coding a span, deleting a code with its codings). Undo takes the
 * coder's newest batch that is in effect; redo the batch that coder undid last; a new batch
 * forgets what could be redone, as in any editor. */
#ifndef MARGIN_MODEL_HISTORY_H
#define MARGIN_MODEL_HISTORY_H

#include "core/error.h"
#include "model/change.h"
#include "model/project.h"

#include <stddef.h>

struct history_batch {
    struct project *project;
    int64_t coder_id;
    int64_t batch;
    const char *summary;
    bool codebook; /* a change touched the codebook: check the tree before committing */
    size_t changes;
};

/* Starts a batch for coder_id described by `summary` (kept until the commit): takes the write
 * lock and opens a transaction. */
bool history_begin(struct history_batch *batch, struct project *project, int64_t coder_id,
                   const char *summary, struct error *err);

/* Applies `forward` and journals it with `backward`, the change that reverses it. */
bool history_change(struct history_batch *batch, const struct change *forward,
                    const struct change *backward, struct error *err);

/* Journals a change that was already applied (an insert whose id the store chose). */
bool history_record(struct history_batch *batch, const struct change *forward,
                    const struct change *backward, struct error *err);

/* Commits the batch. When it touched the codebook, the tree is checked first (no two siblings
 * sharing a number, no cycles) and the project's codebook reloaded. On failure everything in
 * the batch is rolled back. */
bool history_commit(struct history_batch *batch, struct error *err);

/* Rolls back a batch that will not be committed. */
void history_abort(struct history_batch *batch);

/* Where an undone or redone batch changed the project, for the screen to show it: the source
 * and span of its first coding or decision, and the code that coding or decision is at, or the
 * first code the batch changed. Zero where there is none. */
struct history_place {
    int64_t source_id;
    int64_t start;
    int64_t end;
    int64_t code_id;
};

/* Undoes the coder's newest batch in effect, writes its summary into `summary` and sets *place
 * to where it changed the project. Fails with "nothing to undo", or with why the undo no longer
 * fits (the project changed meanwhile), in which case nothing is changed. */
bool history_undo(struct project *project, int64_t coder_id, char *summary, size_t size,
                  struct history_place *place, struct error *err);

/* Redoes the batch the coder undid last; as history_undo otherwise. */
bool history_redo(struct project *project, int64_t coder_id, char *summary, size_t size,
                  struct history_place *place, struct error *err);

#endif
