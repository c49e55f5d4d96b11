#include "model/edit.h"

#include "core/strbuf.h"
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

/* The coder's codings of row's code in row's source that overlap or touch row's span, in the
 * store's order (by start). The caller finishes out. */
static bool neighbours(struct store *store, const struct coding_row *row, struct coding_list *out,
                       struct error *err)
{
    struct coding_filter filter = {
        .source_id = row->source_id, .coder_id = row->coder_id, .code_id = row->code_id};
    if (!store_codings_list(store, &filter, out, err))
        return false;
    size_t kept = 0;
    for (size_t i = 0; i < out->count; i++) {
        struct coding_row *coding = &out->items[i];
        if (coding->start <= row->end && coding->end >= row->start)
            out->items[kept++] = *coding;
        else
            free(coding->memo);
    }
    out->count = kept;
    return true;
}

/* Sets *memo to the memos of the codings being joined, each once and in order, then `given`
 * when it is not among them: NULL when there are none, else a string the caller frees. */
static bool joined_memo(const struct coding_list *joining, const char *given, char **memo,
                        struct error *err)
{
    struct strbuf out = STRBUF_INIT;
    bool ok = true;
    for (size_t i = 0; i <= joining->count; i++) {
        const char *text = i < joining->count ? joining->items[i].memo : given;
        if (!text || !*text || strstr(strbuf_str(&out), text))
            continue;
        ok = ok && (!strbuf_str(&out)[0] || strbuf_puts(&out, "\n\n")) && strbuf_puts(&out, text);
    }
    if (!ok) {
        strbuf_finish(&out);
        return error_internal(err, "out of memory");
    }
    *memo = strbuf_str(&out)[0] ? strbuf_detach(&out) : NULL;
    strbuf_finish(&out);
    return true;
}

/* Adds `wanted` as a new coding and sets its id. */
static bool add_coding(struct history_batch *batch, struct coding_row *wanted, struct error *err)
{
    bool added = false;
    if (!store_coding_add(project_store(batch->project), wanted, &added, err))
        return false;
    struct change forward = {.kind = CHANGE_CODING_INSERT, .coding = *wanted};
    struct change backward = {.kind = CHANGE_CODING_DELETE, .coding = *wanted};
    return history_record(batch, &forward, &backward, err);
}

/* Makes the codings in `joining` one coding that also covers wanted's span: the first of them,
 * stretched over them all and carrying every memo; the others are deleted. Sets wanted's id and
 * span to the joined coding's. */
static bool join_codings(struct history_batch *batch, const struct coding_list *joining,
                         struct coding_row *wanted, const char *memo, struct error *err)
{
    for (size_t i = 0; i < joining->count; i++) {
        if (joining->items[i].start < wanted->start)
            wanted->start = joining->items[i].start;
        if (joining->items[i].end > wanted->end)
            wanted->end = joining->items[i].end;
    }
    /* The others go first, so that the stretched coding never meets one of them on its span. */
    for (size_t i = 1; i < joining->count; i++) {
        struct change forward = {.kind = CHANGE_CODING_DELETE, .coding = joining->items[i]};
        struct change backward = {.kind = CHANGE_CODING_INSERT, .coding = joining->items[i]};
        if (!history_change(batch, &forward, &backward, err))
            return false;
    }
    struct coding_row joined = joining->items[0];
    if (!joined_memo(joining, memo, &joined.memo, err))
        return false;
    joined.start = wanted->start;
    joined.end = wanted->end;
    struct change forward = {.kind = CHANGE_CODING_SET, .coding = joined};
    struct change backward = {.kind = CHANGE_CODING_SET, .coding = joining->items[0]};
    bool ok = history_change(batch, &forward, &backward, err);
    free(joined.memo);
    wanted->id = joined.id;
    return ok;
}

/* Replaces the memo of `coding`, which already covers the span asked for, when `memo` says to
 * (see edit_code_span), journaled under a summary that says so. */
static bool set_memo(struct history_batch *batch, const struct coding_row *coding, const char *memo,
                     const char *source_name, const char *label, enum edit_outcome *outcome,
                     char *summary, size_t size, struct error *err)
{
    struct coding_row wanted = *coding;
    wanted.memo = memo && *memo ? (char *)memo : NULL;
    *outcome = memo && !same_memo(coding->memo, wanted.memo) ? EDIT_MEMO_CHANGED : EDIT_UNCHANGED;
    if (*outcome == EDIT_UNCHANGED)
        return true;
    snprintf(summary, size, "%s the memo of the coding of %s %" PRId64 "-%" PRId64 " as %s",
             wanted.memo ? "changed" : "removed", source_name, coding->start, coding->end, label);
    batch->summary = summary;
    struct change forward = {.kind = CHANGE_CODING_SET, .coding = wanted};
    struct change backward = {.kind = CHANGE_CODING_SET, .coding = *coding};
    return history_change(batch, &forward, &backward, err);
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
    struct history_batch batch;
    if (!history_begin(&batch, project, row->coder_id, summary, err))
        return false;
    struct coding_row wanted = *row;
    wanted.memo = memo && *memo ? (char *)memo : NULL;
    struct coding_list joining = {0};
    bool ok = neighbours(project_store(project), row, &joining, err);
    const struct coding_row *first = joining.count ? &joining.items[0] : NULL;
    if (ok && !first) {
        ok = add_coding(&batch, &wanted, err);
        *outcome = EDIT_ADDED;
        snprintf(message, size, "%s", summary);
    } else if (ok && joining.count == 1 && first->start <= row->start && first->end >= row->end) {
        ok = set_memo(&batch, first, memo, source_name, label, outcome, summary, sizeof summary,
                      err);
        wanted.id = first->id;
        if (*outcome == EDIT_MEMO_CHANGED) {
            snprintf(message, size, "%s", summary);
        } else if (first->start == row->start && first->end == row->end) {
            snprintf(message, size,
                     "already coded: %s %" PRId64 "-%" PRId64 " as %s; nothing changed",
                     source_name, row->start, row->end, label);
        } else {
            snprintf(message, size,
                     "already coded: %s %" PRId64 "-%" PRId64 " lies within the coding %" PRId64
                     "-%" PRId64 " as %s; nothing changed",
                     source_name, row->start, row->end, first->start, first->end, label);
        }
    } else if (ok) {
        ok = join_codings(&batch, &joining, &wanted, memo, err);
        *outcome = EDIT_ADDED;
        snprintf(message, size,
                 "%s, joined with the %zu coding%s of it that it overlaps or touches: now %" PRId64
                 "-%" PRId64,
                 summary, joining.count, joining.count == 1 ? "" : "s", wanted.start, wanted.end);
    }
    row_coding_list_finish(&joining);
    if (!ok || *outcome == EDIT_UNCHANGED) {
        history_abort(&batch);
        if (!ok)
            return false;
    } else if (!history_commit(&batch, err)) {
        return false;
    }
    row->id = wanted.id;
    row->start = wanted.start;
    row->end = wanted.end;
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
