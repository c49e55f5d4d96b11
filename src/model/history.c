#include "model/history.h"

#include "store/codings.h"
#include "store/journal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool history_begin(struct history_batch *batch, struct project *project, int64_t coder_id,
                   const char *summary, struct error *err)
{
    *batch = (struct history_batch){.project = project, .coder_id = coder_id, .summary = summary};
    struct store *store = project_store(project);
    if (!store_begin(store, err))
        return false;
    if (!store_journal_new_batch(store, &batch->batch, err) ||
        !store_journal_drop_redo(store, coder_id, err)) {
        store_rollback(store);
        return false;
    }
    return true;
}

static bool touches_codebook(const struct change *change)
{
    return change->kind == CHANGE_CODE_INSERT || change->kind == CHANGE_CODE_DELETE ||
           change->kind == CHANGE_CODE_SET;
}

bool history_change(struct history_batch *batch, const struct change *forward,
                    const struct change *backward, struct error *err)
{
    bool stale;
    return change_apply(project_store(batch->project), forward, batch->coder_id, &stale, err) &&
           history_record(batch, forward, backward, err);
}

bool history_record(struct history_batch *batch, const struct change *forward,
                    const struct change *backward, struct error *err)
{
    struct store *store = project_store(batch->project);
    char *redo = change_encode(forward);
    char *undo = change_encode(backward);
    bool ok = redo && undo;
    if (!ok)
        error_internal(err, "out of memory recording a change");
    ok = ok && store_journal_add(store, batch->batch, batch->coder_id, change_name(forward->kind),
                                 batch->summary, undo, redo, err);
    free(redo);
    free(undo);
    if (ok) {
        batch->codebook |= touches_codebook(forward) || touches_codebook(backward);
        batch->changes++;
    }
    return ok;
}

/* Checks and reloads the codebook after changes to it, inside the transaction. */
static bool reload_codebook(struct project *project, struct error *err)
{
    if (project_reload_codes(project, err))
        return true;
    error_prefix(err, "the change would break the codebook: ");
    return false;
}

bool history_commit(struct history_batch *batch, struct error *err)
{
    struct store *store = project_store(batch->project);
    if (batch->codebook && !reload_codebook(batch->project, err)) {
        history_abort(batch);
        return false;
    }
    if (!store_commit(store, err)) {
        if (batch->codebook)
            project_reload_codes(batch->project, &(struct error){0});
        return false;
    }
    return true;
}

void history_abort(struct history_batch *batch)
{
    store_rollback(project_store(batch->project));
    if (batch->codebook)
        project_reload_codes(batch->project, &(struct error){0});
}

/* Takes a batch out of undo and redo for good, in a transaction of its own. */
static bool retire(struct store *store, int64_t batch, struct error *err)
{
    if (!store_begin(store, err))
        return false;
    if (!store_journal_set_state(store, batch, JOURNAL_FINAL, err)) {
        store_rollback(store);
        return false;
    }
    return store_commit(store, err);
}

/* Applies a change of a batch being replayed and, while *place is still empty, notes where it
 * lands: a coding is read where it is, before it is deleted or after it is put back or changed. */
static bool apply_noting_place(struct store *store, const struct change *change, int64_t coder_id,
                               struct history_place *place, bool *stale, struct error *err)
{
    bool coding = change->kind == CHANGE_CODING_INSERT || change->kind == CHANGE_CODING_DELETE ||
                  change->kind == CHANGE_CODING_SET || change->kind == CHANGE_QUOTE_SET;
    bool noting = place->source_id == 0 && place->code_id == 0;
    struct coding_row row = {0};
    bool found = false;
    if (noting && change->kind == CHANGE_CODING_DELETE &&
        !store_coding_get(store, change->coding.id, &row, &found, err))
        return false;
    if (!change_apply(store, change, coder_id, stale, err)) {
        free(row.memo);
        return false;
    }
    if (noting && coding && change->kind != CHANGE_CODING_DELETE &&
        !store_coding_get(store, change->coding.id, &row, &found, err))
        return false;
    if (noting && found)
        *place = (struct history_place){row.source_id, row.start, row.end, row.code_id};
    else if (noting && change->kind == CHANGE_DECISION_INSERT)
        *place = (struct history_place){change->decision.source_id, change->decision.start,
                                        change->decision.end, change->decision.code_id};
    else if (noting && touches_codebook(change))
        place->code_id = change->code.id;
    free(row.memo);
    return true;
}

/* Applies the undo (or redo) side of a batch and moves it to its new state. A batch that no
 * longer fits the project (another coder or program changed what it changed) is refused and
 * retired, so that the next undo or redo reaches the batch before it. */
static bool replay(struct project *project, int64_t coder_id, bool undo, char *summary, size_t size,
                   struct history_place *place, struct error *err)
{
    *place = (struct history_place){0};
    struct store *store = project_store(project);
    struct journal_list entries = {0};
    bool codebook = false;
    bool stale = false;
    bool ok = false;
    if (!store_begin(store, err))
        return false;
    if (!store_journal_last_batch(store, coder_id, undo ? JOURNAL_DONE : JOURNAL_UNDONE, &entries,
                                  err))
        goto cleanup;
    if (entries.count == 0) {
        error_user(err, undo ? "nothing to undo" : "nothing to redo");
        goto cleanup;
    }
    for (size_t k = 0; k < entries.count; k++) {
        size_t i = undo ? entries.count - 1 - k : k;
        struct change change;
        if (!change_decode(undo ? entries.items[i].undo : entries.items[i].redo, &change, err))
            goto cleanup;
        codebook |= touches_codebook(&change);
        bool applied = apply_noting_place(store, &change, coder_id, place, &stale, err);
        change_finish(&change);
        if (!applied) {
            error_prefix(err, "cannot %s '%s': ", undo ? "undo" : "redo", entries.items[0].summary);
            goto cleanup;
        }
    }
    if (!store_journal_set_state(store, entries.items[0].batch,
                                 undo ? JOURNAL_UNDONE : JOURNAL_DONE, err))
        goto cleanup;
    if (codebook && !reload_codebook(project, err))
        goto cleanup;
    snprintf(summary, size, "%s", entries.items[0].summary);
    ok = true;
cleanup:
    if (ok) {
        ok = store_commit(store, err);
    } else {
        store_rollback(store);
    }
    if (!ok && codebook)
        project_reload_codes(project, &(struct error){0});
    if (stale) {
        struct error retired;
        if (retire(store, entries.items[0].batch, &retired))
            snprintf(err->message + strlen(err->message),
                     sizeof err->message - strlen(err->message),
                     "; it can no longer be %s, and the next %s goes further back",
                     undo ? "undone" : "redone", undo ? "undo" : "redo");
    }
    journal_list_finish(&entries);
    return ok;
}

bool history_undo(struct project *project, int64_t coder_id, char *summary, size_t size,
                  struct history_place *place, struct error *err)
{
    return replay(project, coder_id, true, summary, size, place, err);
}

bool history_redo(struct project *project, int64_t coder_id, char *summary, size_t size,
                  struct history_place *place, struct error *err)
{
    return replay(project, coder_id, false, summary, size, place, err);
}
