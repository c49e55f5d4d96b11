#include "model/edit.h"

#include "model/history.h"
#include "store/codings.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool same_memo(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

bool edit_code_span(struct project *project, struct coding_row *row, const char *source_name,
                    const char *memo, enum edit_outcome *outcome, char *message, size_t size,
                    struct error *err)
{
    char label[256];
    if (!project_code_label(project, row->code_id, label, sizeof label, err))
        return false;
    if (!project_code_codable(project, row->code_id))
        return error_user(err, "%s is a heading and cannot be coded", label);
    char summary[512];
    snprintf(summary, sizeof summary, "coded %s %" PRId64 "-%" PRId64 " as %s", source_name,
             row->start, row->end, label);
    struct store *store = project_store(project);
    struct history_batch batch;
    if (!history_begin(&batch, project, row->coder_id, summary, err))
        return false;
    struct coding_row wanted = *row;
    wanted.memo = memo && *memo ? (char *)memo : NULL;
    bool added = false;
    struct coding_row before = {0};
    bool found = false;
    bool ok = store_coding_add(store, &wanted, &added, err);
    if (ok && added) {
        struct change forward = {.kind = CHANGE_CODING_INSERT, .coding = wanted};
        struct change backward = {.kind = CHANGE_CODING_DELETE, .coding = wanted};
        ok = history_record(&batch, &forward, &backward, err);
        *outcome = EDIT_ADDED;
        snprintf(message, size, "%s", summary);
    } else if (ok) {
        ok = store_coding_get(store, wanted.id, &before, &found, err);
        *outcome = memo && found && !same_memo(before.memo, wanted.memo) ? EDIT_MEMO_CHANGED
                                                                         : EDIT_UNCHANGED;
        if (ok && *outcome == EDIT_MEMO_CHANGED) {
            snprintf(summary, sizeof summary,
                     "%s the memo of the coding of %s %" PRId64 "-%" PRId64 " as %s",
                     wanted.memo ? "changed" : "removed", source_name, row->start, row->end, label);
            batch.summary = summary;
            struct change forward = {.kind = CHANGE_CODING_SET, .coding = wanted};
            struct change backward = {.kind = CHANGE_CODING_SET, .coding = before};
            ok = history_change(&batch, &forward, &backward, err);
            snprintf(message, size, "%s", summary);
        } else {
            snprintf(message, size,
                     "already coded: %s %" PRId64 "-%" PRId64 " as %s; nothing changed",
                     source_name, row->start, row->end, label);
        }
    }
    free(before.memo);
    if (!ok || *outcome == EDIT_UNCHANGED) {
        history_abort(&batch);
        if (!ok)
            return false;
    } else if (!history_commit(&batch, err)) {
        return false;
    }
    row->id = wanted.id;
    return true;
}

bool edit_code_request(struct project *project, const struct coding_request *request,
                       enum edit_outcome *outcome, char *message, size_t size, struct error *err)
{
    struct coding_row row;
    return project_resolve_coding(project, request, &row, err) &&
           project_coder(project, request->coder, true, &row.coder_id, err) &&
           edit_code_span(project, &row, request->source, request->memo, outcome, message, size,
                          err);
}
