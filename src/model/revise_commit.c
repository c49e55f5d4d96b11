/* What is done with a planned revision: describing it, applying it and committing it; and the
 * detached codings a revision leaves, listed, attached again or dropped. */
#include "model/revise.h"

#include "core/utf8.h"
#include "model/change.h"
#include "model/history.h"
#include "store/codings.h"
#include "store/decisions.h"
#include "store/sources.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Appends the code's label, or its id when the codebook has no such code. */
static bool put_code(struct project *project, struct strbuf *out, int64_t code_id)
{
    char label[256];
    struct error ignored;
    if (!project_code_label(project, code_id, label, sizeof label, &ignored))
        snprintf(label, sizeof label, "code %" PRId64, code_id);
    return strbuf_puts(out, label);
}

/* Appends old[start, end) (code points) in quotes, at most 60 of them. */
static bool put_quote(struct strbuf *out, const char *old, size_t size, int64_t start, int64_t end)
{
    bool longer = end - start > 60;
    if (longer)
        end = start + 60;
    size_t from = utf8_offset(old, size, (size_t)start);
    size_t to = utf8_offset(old, size, (size_t)end);
    bool ok = strbuf_puts(out, " \"");
    for (size_t i = from; ok && i < to; i++)
        ok = strbuf_putc(out, old[i] == '\n' || old[i] == '\t' ? ' ' : old[i]);
    return ok && strbuf_puts(out, longer ? "...\"" : "\"");
}

static bool describe_coding(struct project *project, const struct revision *r, size_t i, bool texts,
                            struct strbuf *out)
{
    const struct coding_row *c = &r->codings.items[i];
    const struct revision_move *m = &r->coding_moves[i];
    const char *what = m->duplicate ? "detached" : anchor_change_name(m->result.change);
    if (c->detached)
        what = m->result.change == ANCHOR_UNCHANGED ? "unchanged" : "moved";
    bool ok = strbuf_printf(out, "  %-9s coding %" PRId64 " (", what, c->id) &&
              put_code(project, out, c->code_id) &&
              strbuf_printf(out, ") %" PRId64 "-%" PRId64, c->start, c->end);
    if (m->detached)
        ok = ok && strbuf_printf(out, " -> detached at %" PRId64, m->result.span.start);
    else
        ok = ok && strbuf_printf(out, " -> %" PRId64 "-%" PRId64, m->result.span.start,
                                 m->result.span.end);
    if (m->result.deleted && !c->detached)
        ok = ok && strbuf_printf(out, ", %" PRId64 " of its characters deleted", m->result.deleted);
    if (m->result.inserted && !c->detached)
        ok = ok && strbuf_printf(out, ", %" PRId64 " inserted", m->result.inserted);
    if (m->duplicate)
        ok = ok && strbuf_puts(out, ", now the same text as another coding of its coder and code");
    if (m->detached && !c->detached && texts)
        ok = ok && strbuf_puts(out, ", its text was") &&
             put_quote(out, r->old_text, r->old_size, c->start, c->end);
    return ok && strbuf_putc(out, '\n');
}

bool revision_describe(struct project *project, const struct revision *r, bool texts,
                       struct strbuf *out, struct error *err)
{
    bool ok = strbuf_printf(out, "%s: %zu %s", r->source.name, r->codings.count,
                            r->codings.count == 1 ? "coding" : "codings");
    const char *sep = ": ";
    for (int k = 0; ok && k < ANCHOR_CHANGES; k++) {
        if (r->counts[k]) {
            ok = strbuf_printf(out, "%s%zu %s", sep, r->counts[k],
                               anchor_change_name((enum anchor_change)k));
            sep = ", ";
        }
    }
    if (ok && (r->decisions_moved || r->decisions_dropped))
        ok = strbuf_printf(out, "; decisions: %zu moved, %zu forgotten", r->decisions_moved,
                           r->decisions_dropped);
    ok = ok && strbuf_putc(out, '\n');
    for (size_t i = 0; ok && i < r->codings.count; i++) {
        if (r->coding_moves[i].result.change != ANCHOR_UNCHANGED || r->coding_moves[i].duplicate)
            ok = describe_coding(project, r, i, texts, out);
    }
    for (size_t i = 0; ok && i < r->decisions->count; i++) {
        const struct decision_row *d = &r->decisions->items[i];
        const struct revision_move *m = &r->decision_moves[i];
        if (m->detached)
            ok = strbuf_printf(out, "  forgotten decision %" PRId64 " %" PRId64 "-%" PRId64 "\n",
                               d->id, d->start, d->end);
        else if (m->result.change != ANCHOR_UNCHANGED)
            ok = strbuf_printf(out,
                               "  moved     decision %" PRId64 " %" PRId64 "-%" PRId64
                               " -> %" PRId64 "-%" PRId64 "\n",
                               d->id, d->start, d->end, m->result.span.start, m->result.span.end);
    }
    if (!ok)
        return error_internal(err, "out of memory describing a new text");
    return true;
}

/* Applies forward, and journals it with backward when there is a batch. */
static bool step(struct project *project, struct history_batch *batch, const struct change *forward,
                 const struct change *backward, struct error *err)
{
    if (batch)
        return history_change(batch, forward, backward, err);
    bool stale;
    return change_apply(project_store(project), forward, 0, &stale, err);
}

static bool moves(const struct coding_row *c, const struct revision_move *m)
{
    return c->detached != m->detached || c->start != m->result.span.start ||
           c->end != m->result.span.end;
}

static bool place(struct project *project, struct history_batch *batch, int64_t id, struct span to,
                  bool to_detached, struct span from, bool from_detached, struct error *err)
{
    struct change forward = {
        .kind = CHANGE_CODING_PLACE,
        .coding = {.id = id, .start = to.start, .end = to.end, .detached = to_detached}};
    struct change backward = {
        .kind = CHANGE_CODING_PLACE,
        .coding = {.id = id, .start = from.start, .end = from.end, .detached = from_detached}};
    return step(project, batch, &forward, &backward, err);
}

/* Forgets the decisions that move or go (they come back at their new stretches later). */
static bool lift_decisions(struct project *project, const struct revision *r,
                           struct history_batch *batch, struct error *err)
{
    for (size_t i = 0; i < r->decisions->count; i++) {
        const struct revision_move *m = &r->decision_moves[i];
        if (!m->detached && m->result.change == ANCHOR_UNCHANGED)
            continue;
        struct change forward = {.kind = CHANGE_DECISION_DELETE,
                                 .decision = r->decisions->items[i]};
        struct change backward = {.kind = CHANGE_DECISION_INSERT,
                                  .decision = r->decisions->items[i]};
        if (!step(project, batch, &forward, &backward, err))
            return false;
    }
    return true;
}

static bool set_decisions(struct project *project, const struct revision *r,
                          struct history_batch *batch, struct error *err)
{
    for (size_t i = 0; i < r->decisions->count; i++) {
        const struct revision_move *m = &r->decision_moves[i];
        if (m->detached || m->result.change == ANCHOR_UNCHANGED)
            continue;
        struct decision_row moved = r->decisions->items[i];
        moved.start = m->result.span.start;
        moved.end = m->result.span.end;
        struct change forward = {.kind = CHANGE_DECISION_INSERT, .decision = moved};
        struct change backward = {.kind = CHANGE_DECISION_DELETE, .decision = moved};
        if (!step(project, batch, &forward, &backward, err))
            return false;
    }
    return true;
}

/* Sets *same to whether the source's codings and decisions are still those planned for. */
static bool same_codings(struct project *project, const struct revision *r, bool *same,
                         struct error *err)
{
    struct store *store = project_store(project);
    struct coding_list now = {0};
    struct decision_list decided = {0};
    struct coding_filter filter = {.source_id = r->source.id, .state = CODINGS_ALL};
    bool ok = store_codings_list(store, &filter, &now, err) &&
              store_decisions_of_source(store, r->source.id, &decided, err);
    *same = ok && now.count == r->codings.count && decided.count == r->decisions->count;
    for (size_t i = 0; *same && i < now.count; i++) {
        const struct coding_row *a = &now.items[i], *b = &r->codings.items[i];
        *same = a->id == b->id && a->start == b->start && a->end == b->end &&
                a->detached == b->detached;
    }
    for (size_t i = 0; *same && i < decided.count; i++)
        *same = decided.items[i].id == r->decisions->items[i].id &&
                decided.items[i].start == r->decisions->items[i].start &&
                decided.items[i].end == r->decisions->items[i].end;
    row_coding_list_finish(&now);
    decision_list_finish(&decided);
    return ok;
}

bool revision_apply(struct project *project, const struct revision *r, struct history_batch *batch,
                    struct error *err)
{
    struct store *store = project_store(project);
    struct source_row now = {0};
    if (!store_source_find(store, r->source.name, &now, err))
        return false;
    bool same = now.id == r->source.id && strcmp(now.sha256, r->source.sha256) == 0;
    free(now.name);
    if (same && !same_codings(project, r, &same, err))
        return false;
    if (!same)
        return error_user(err,
                          "source '%s' or its codings were changed by another program meanwhile; "
                          "nothing was changed, try again",
                          r->source.name);
    /* Codings that move are detached first, so that no two attached ones share a span on the
     * way; undo takes the same steps backwards. */
    if (!lift_decisions(project, r, batch, err))
        return false;
    for (size_t i = 0; i < r->codings.count; i++) {
        const struct coding_row *c = &r->codings.items[i];
        struct span old = {c->start, c->end};
        if (!c->detached && moves(c, &r->coding_moves[i]) &&
            !place(project, batch, c->id, old, true, old, false, err))
            return false;
    }
    struct change forward = {
        .kind = CHANGE_SOURCE_TEXT, .source_id = r->source.id, .text = r->next.text};
    struct change backward = {
        .kind = CHANGE_SOURCE_TEXT, .source_id = r->source.id, .text = r->old_text};
    if (!step(project, batch, &forward, &backward, err))
        return false;
    for (size_t i = 0; i < r->codings.count; i++) {
        const struct coding_row *c = &r->codings.items[i];
        const struct revision_move *m = &r->coding_moves[i];
        if (moves(c, m) && !place(project, batch, c->id, m->result.span, m->detached,
                                  (struct span){c->start, c->end}, true, err))
            return false;
    }
    return set_decisions(project, r, batch, err);
}

bool revision_commit(struct project *project, const struct revision *r, int64_t coder_id,
                     struct error *err)
{
    char summary[512];
    char what[sizeof r->what];
    if (r->what[0])
        snprintf(what, sizeof what, "%s", r->what);
    else
        snprintf(what, sizeof what, "replaced the text of %s", r->source.name);
    snprintf(summary, sizeof summary, "%s (%zu codings moved with it, %zu detached)", what,
             r->codings.count - r->counts[ANCHOR_UNCHANGED], r->newly_detached);
    struct history_batch batch;
    if (!history_begin(&batch, project, coder_id, summary, err))
        return false;
    if (!revision_apply(project, r, &batch, err)) {
        history_abort(&batch);
        return false;
    }
    return history_commit(&batch, err);
}

bool revision_detached(struct project *project, int64_t source_id, struct coding_list *out,
                       struct error *err)
{
    struct coding_filter filter = {.source_id = source_id, .state = CODINGS_DETACHED};
    return store_codings_list(project_store(project), &filter, out, err);
}

/* The name of the row with `id` in a list of sources or coders, or "?". */
static const char *source_name_of(const struct source_list *sources, int64_t id)
{
    for (size_t i = 0; i < sources->count; i++) {
        if (sources->items[i].id == id)
            return sources->items[i].name;
    }
    return "?";
}

static const char *coder_name_of(const struct coder_list *coders, int64_t id)
{
    for (size_t i = 0; i < coders->count; i++) {
        if (coders->items[i].id == id)
            return coders->items[i].name;
    }
    return "?";
}

bool revision_list_detached(struct project *project, const char *source_name, struct strbuf *out,
                            size_t *count, struct error *err)
{
    struct source_list sources = {0};
    struct coding_list codings = {0};
    struct coder_list coders = {0};
    bool ok = store_sources_list(project_store(project), &sources, err) &&
              project_coders(project, &coders, err);
    int64_t source_id = 0;
    for (size_t i = 0; ok && source_name && i < sources.count; i++) {
        if (strcmp(sources.items[i].name, source_name) == 0)
            source_id = sources.items[i].id;
    }
    if (ok && source_name && !source_id)
        ok = error_user(err, "the project has no source named '%s'", source_name);
    ok = ok && revision_detached(project, source_id, &codings, err);
    for (size_t i = 0; ok && i < codings.count; i++) {
        const struct coding_row *c = &codings.items[i];
        ok = strbuf_printf(out, "coding %" PRId64 "  %s at %" PRId64 "  %s  ", c->id,
                           source_name_of(&sources, c->source_id), c->start,
                           coder_name_of(&coders, c->coder_id)) &&
             put_code(project, out, c->code_id) &&
             (!c->memo || strbuf_printf(out, "  memo: %s", c->memo)) && strbuf_putc(out, '\n');
        if (!ok)
            error_internal(err, "out of memory listing detached codings");
    }
    *count = codings.count;
    row_source_list_finish(&sources);
    row_coding_list_finish(&codings);
    row_coder_list_finish(&coders);
    return ok;
}

/* Reads detached coding `id` into *row and the name of its source into *source (the caller
 * frees both), checking source_name when given. */
static bool find_detached(struct project *project, int64_t id, const char *source_name,
                          struct coding_row *row, struct source_row *source, struct error *err)
{
    struct store *store = project_store(project);
    bool found = false;
    if (!store_coding_get(store, id, row, &found, err))
        return false;
    if (!found)
        return error_user(err, "the project has no coding %" PRId64, id);
    if (!row->detached)
        return error_user(err, "coding %" PRId64 " is not detached", id);
    struct source_list sources = {0};
    if (!store_sources_list(store, &sources, err))
        return false;
    for (size_t i = 0; i < sources.count; i++) {
        if (sources.items[i].id == row->source_id) {
            *source = sources.items[i];
            sources.items[i].name = NULL;
        }
    }
    row_source_list_finish(&sources);
    if (source_name && (!source->name || strcmp(source->name, source_name) != 0))
        return error_user(err, "coding %" PRId64 " belongs to source '%s', not '%s'", id,
                          source->name ? source->name : "?", source_name);
    return true;
}

/* Runs one change as a batch of its own. */
static bool one_change(struct project *project, int64_t coder_id, const char *summary,
                       const struct change *forward, const struct change *backward,
                       struct error *err)
{
    struct history_batch batch;
    if (!history_begin(&batch, project, coder_id, summary, err))
        return false;
    if (!history_change(&batch, forward, backward, err)) {
        history_abort(&batch);
        return false;
    }
    return history_commit(&batch, err);
}

bool revision_attach(struct project *project, int64_t id, const char *source_name, int64_t start,
                     int64_t end, int64_t coder_id, char *message, size_t size, struct error *err)
{
    struct coding_row row = {0};
    struct source_row source = {0};
    bool ok = find_detached(project, id, source_name, &row, &source, err);
    if (ok && (start < 0 || end <= start || end > source.length))
        ok = error_user(err,
                        "%" PRId64 "-%" PRId64 " is not a span of source '%s', which has %" PRId64
                        " characters; a coding needs at least one",
                        start, end, source.name, source.length);
    if (ok) {
        snprintf(message, size, "attached coding %" PRId64 " to %s %" PRId64 "-%" PRId64, id,
                 source.name, start, end);
        struct change forward = {.kind = CHANGE_CODING_PLACE,
                                 .coding = {.id = id, .start = start, .end = end}};
        struct change backward = {
            .kind = CHANGE_CODING_PLACE,
            .coding = {.id = id, .start = row.start, .end = row.end, .detached = true}};
        ok = one_change(project, coder_id, message, &forward, &backward, err);
        if (!ok && strstr(err->message, "UNIQUE"))
            error_user(err, "its coder already has its code on %s %" PRId64 "-%" PRId64,
                       source.name, start, end);
    }
    free(row.memo);
    free(source.name);
    return ok;
}

bool revision_drop(struct project *project, int64_t id, const char *source_name, int64_t coder_id,
                   char *message, size_t size, struct error *err)
{
    struct coding_row row = {0};
    struct source_row source = {0};
    bool ok = find_detached(project, id, source_name, &row, &source, err);
    if (ok) {
        snprintf(message, size, "dropped detached coding %" PRId64 " of %s", id, source.name);
        struct change forward = {.kind = CHANGE_CODING_DELETE, .coding = row};
        struct change backward = {.kind = CHANGE_CODING_INSERT, .coding = row};
        ok = one_change(project, coder_id, message, &forward, &backward, err);
    }
    free(row.memo);
    free(source.name);
    return ok;
}
