/* Deleting sources, cases and coders and merging cases and coders, each as changes of one batch
 * whose undo puts back what went with the row: its codings, decisions, memo, values, matrix
 * summaries and links, and the journal entries and memos a coder owned. */
#include "model/manage.h"

#include "core/list.h"
#include "core/strbuf.h"
#include "manage_data.h"
#include "model/change.h"
#include "model/history.h"
#include "store/codings.h"
#include "store/decisions.h"
#include "store/matrix.h"
#include "store/memos.h"
#include "store/people.h"
#include "store/sources.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Deletes a coding or a decision, as a change of the batch that undo puts back. */
static bool drop_coding(struct history_batch *batch, const struct coding_row *row,
                        struct error *err)
{
    struct change forward = {.kind = CHANGE_CODING_DELETE, .coding.id = row->id};
    struct change backward = {.kind = CHANGE_CODING_INSERT, .coding = *row};
    return history_change(batch, &forward, &backward, err);
}

static bool drop_decision(struct history_batch *batch, const struct decision_row *row,
                          struct error *err)
{
    struct change forward = {.kind = CHANGE_DECISION_DELETE, .decision.id = row->id};
    struct change backward = {.kind = CHANGE_DECISION_INSERT, .decision = *row};
    return history_change(batch, &forward, &backward, err);
}

/* What goes with a source: its text, turns, codings, decisions and memo. */
struct source_contents {
    char *text;
    size_t size;
    struct turn_list turns;
    struct coding_list codings;
    struct decision_list decisions;
    char *memo;
};

static void source_contents_finish(struct source_contents *c)
{
    free(c->text);
    row_turn_list_finish(&c->turns);
    row_coding_list_finish(&c->codings);
    decision_list_finish(&c->decisions);
    free(c->memo);
}

/* Deletes the source's codings, decisions and memo and then the source, as changes of the batch
 * that undo puts back. */
static bool remove_source(struct history_batch *batch, const struct source_row *source,
                          const struct source_contents *c, struct error *err)
{
    bool ok = true;
    for (size_t i = 0; ok && i < c->codings.count; i++)
        ok = drop_coding(batch, &c->codings.items[i], err);
    for (size_t i = 0; ok && i < c->decisions.count; i++)
        ok = drop_decision(batch, &c->decisions.items[i], err);
    if (ok && c->memo) {
        struct change forward = {
            .kind = CHANGE_MEMO_SET, .memo_target = MEMO_SOURCE, .memo_id = source->id};
        struct change backward = forward;
        backward.memo_text = c->memo;
        ok = history_change(batch, &forward, &backward, err);
    }
    struct change forward = {.kind = CHANGE_SOURCE_DELETE, .source_id = source->id};
    struct change backward = {
        .kind = CHANGE_SOURCE_INSERT, .source = *source, .text = c->text, .turns = c->turns};
    return ok && history_change(batch, &forward, &backward, err);
}

bool manage_source_holds(struct project *project, const char *name, size_t *codings,
                         size_t *decisions, struct error *err)
{
    struct source_row source;
    if (!manage_find_source(project, name, &source, err))
        return false;
    struct store *store = project_store(project);
    struct coding_list list = {0};
    struct decision_list settled = {0};
    struct coding_filter filter = {.source_id = source.id, .state = CODINGS_ALL};
    bool ok = store_codings_list(store, &filter, &list, err) &&
              store_decisions_of_source(store, source.id, &settled, err);
    *codings = list.count;
    *decisions = settled.count;
    row_coding_list_finish(&list);
    decision_list_finish(&settled);
    free(source.name);
    return ok;
}

bool manage_source_delete(struct project *project, const char *name, bool confirmed,
                          int64_t coder_id, char *message, size_t size, struct error *err)
{
    struct source_row source;
    struct history_batch batch;
    if (!manage_find_source(project, name, &source, err))
        return false;
    if (!history_begin(&batch, project, coder_id, message, err)) {
        free(source.name);
        return false;
    }
    struct store *store = project_store(project);
    struct source_contents c = {0};
    struct coding_filter filter = {.source_id = source.id, .state = CODINGS_ALL};
    bool ok = store_source_text(store, source.id, &c.text, &c.size, err) &&
              store_source_turns(store, source.id, &c.turns, err) &&
              store_codings_list(store, &filter, &c.codings, err) &&
              store_decisions_of_source(store, source.id, &c.decisions, err) &&
              store_memo_get(store, MEMO_SOURCE, source.id, &c.memo, err);
    size_t codings = c.codings.count, decisions = c.decisions.count;
    if (ok && (codings || decisions) && !confirmed)
        ok = error_user(err,
                        "source '%s' has %zu %s and %zu %s, which would be deleted with it; "
                        "nothing was deleted. Run again with --yes to delete them",
                        name, codings, codings == 1 ? "coding" : "codings", decisions,
                        decisions == 1 ? "decision" : "decisions");
    snprintf(message, size, "deleted source %s with its %zu codings and %zu decisions", name,
             codings, decisions);
    ok = ok && remove_source(&batch, &source, &c, err);
    source_contents_finish(&c);
    free(source.name);
    if (!ok) {
        history_abort(&batch);
        return false;
    }
    return history_commit(&batch, err);
}

/* What refers to a case: its sources, attribute values, memo, matrix summaries and links. */
struct case_contents {
    struct store_ids sources;
    struct case_value_list values;
    char *memo;
    struct matrix_cell_list cells;
    struct matrix_link_list links;
};

static void case_contents_finish(struct case_contents *c)
{
    free(c->sources.items);
    row_case_value_list_finish(&c->values);
    free(c->memo);
    matrix_cell_list_finish(&c->cells);
    free(c->links.items);
}

/* Keeps in out the rows of `all` that are the case's, freeing the others, and finishes `all`. */
#define KEEP_ROWS_OF(all, out, case_field, id, free_row, oom)                                      \
    do {                                                                                           \
        for (size_t i_ = 0; i_ < (all).count; i_++) {                                              \
            if ((all).items[i_].case_field != (id) || (oom) || !LIST_PUSH(out, (all).items[i_])) { \
                (oom) |= (all).items[i_].case_field == (id);                                       \
                free_row(&(all).items[i_]);                                                        \
            }                                                                                      \
        }                                                                                          \
        free((all).items);                                                                         \
    } while (0)

static void free_value(struct case_value_row *row)
{
    free(row->value);
}

static void free_cell(struct matrix_cell_row *row)
{
    free(row->summary);
}

/* Reads what refers to case `id`; on success the caller finishes *out. */
static bool read_case(struct store *store, int64_t id, struct case_contents *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    struct source_list sources = {0};
    struct case_value_list values = {0};
    struct matrix_cell_list cells = {0};
    bool oom = false;
    bool ok = store_sources_list(store, &sources, err);
    for (size_t i = 0; ok && i < sources.count; i++)
        oom |= sources.items[i].case_id == id && !LIST_PUSH(&out->sources, sources.items[i].id);
    row_source_list_finish(&sources);
    ok = ok && store_case_values_list(store, &values, err);
    KEEP_ROWS_OF(values, &out->values, case_id, id, free_value, oom);
    ok = ok && store_matrix_list(store, &cells, err);
    KEEP_ROWS_OF(cells, &out->cells, case_id, id, free_cell, oom);
    ok = ok && store_memo_get(store, MEMO_CASE, id, &out->memo, err) &&
         store_matrix_links_of_case(store, id, &out->links, err);
    if (ok && oom)
        ok = error_internal(err, "out of memory reading a case");
    if (!ok)
        case_contents_finish(out);
    return ok;
}

/* Relinks the case's sources to case `to` (0 for none), as changes of the batch. */
static bool relink_sources(struct history_batch *batch, int64_t id, const struct case_contents *c,
                           int64_t to, struct error *err)
{
    for (size_t i = 0; i < c->sources.count; i++) {
        struct change forward = {
            .kind = CHANGE_SOURCE_RELINK, .source_id = c->sources.items[i], .target_id = to};
        struct change backward = forward;
        backward.target_id = id;
        if (!history_change(batch, &forward, &backward, err))
            return false;
    }
    return true;
}

/* Takes away, as changes of the batch, the case's values, memo, matrix links and summaries,
 * and then its row, so that undoing the batch brings each back. Its sources are relinked
 * first, by the caller. */
static bool remove_case(struct history_batch *batch, int64_t id, const char *name,
                        const struct case_contents *c, struct error *err)
{
    bool ok = true;
    for (size_t i = 0; ok && i < c->values.count; i++) {
        struct change forward = {.kind = CHANGE_CASE_VALUE,
                                 .target_id = id,
                                 .attribute_id = c->values.items[i].attribute_id};
        struct change backward = forward;
        backward.text = c->values.items[i].value;
        ok = history_change(batch, &forward, &backward, err);
    }
    if (ok && c->memo) {
        struct change forward = {.kind = CHANGE_MEMO_SET, .memo_target = MEMO_CASE, .memo_id = id};
        struct change backward = forward;
        backward.memo_text = c->memo;
        ok = history_change(batch, &forward, &backward, err);
    }
    for (size_t i = 0; ok && i < c->links.count; i++) {
        const struct matrix_link_row *l = &c->links.items[i];
        struct change forward = {.kind = CHANGE_MATRIX_UNLINK,
                                 .cell_case_id = id,
                                 .cell_code_id = l->code_id,
                                 .target_id = l->coding_id};
        struct change backward = forward;
        backward.kind = CHANGE_MATRIX_RESTORE;
        ok = history_change(batch, &forward, &backward, err);
    }
    for (size_t i = 0; ok && i < c->cells.count; i++) {
        struct change forward = {.kind = CHANGE_MATRIX_SET,
                                 .cell_case_id = id,
                                 .cell_code_id = c->cells.items[i].code_id};
        struct change backward = forward;
        backward.cell_text = c->cells.items[i].summary;
        ok = history_change(batch, &forward, &backward, err);
    }
    struct change forward = {.kind = CHANGE_CASE_DELETE, .target_id = id};
    struct change backward = {.kind = CHANGE_CASE_INSERT, .target_id = id, .text = (char *)name};
    return ok && history_change(batch, &forward, &backward, err);
}

bool manage_case_delete(struct project *project, const char *name, int64_t coder_id, char *message,
                        size_t size, struct error *err)
{
    int64_t id;
    struct history_batch batch;
    struct case_contents c;
    if (!manage_find_case(project, name, &id, err) ||
        !history_begin(&batch, project, coder_id, message, err))
        return false;
    if (!read_case(project_store(project), id, &c, err)) {
        history_abort(&batch);
        return false;
    }
    snprintf(message, size, "deleted case %s; %zu %s now belong to no case", name, c.sources.count,
             c.sources.count == 1 ? "source" : "sources");
    bool ok = relink_sources(&batch, id, &c, 0, err) && remove_case(&batch, id, name, &c, err);
    case_contents_finish(&c);
    if (!ok) {
        history_abort(&batch);
        return false;
    }
    return history_commit(&batch, err);
}

/* The value `c` has for an attribute, or NULL. */
static const char *value_of(const struct case_contents *c, int64_t attribute_id)
{
    for (size_t i = 0; i < c->values.count; i++) {
        if (c->values.items[i].attribute_id == attribute_id)
            return c->values.items[i].value;
    }
    return NULL;
}

/* Gives case `into` the values of `from` it lacks, and from's memo after its own, as changes of
 * the batch. */
static bool merge_into(struct history_batch *batch, int64_t into_id,
                       const struct case_contents *from, const struct case_contents *into,
                       struct error *err)
{
    bool ok = true;
    for (size_t i = 0; ok && i < from->values.count; i++) {
        const struct case_value_row *v = &from->values.items[i];
        if (value_of(into, v->attribute_id))
            continue;
        struct change forward = {.kind = CHANGE_CASE_VALUE,
                                 .target_id = into_id,
                                 .attribute_id = v->attribute_id,
                                 .text = v->value};
        struct change backward = forward;
        backward.text = NULL;
        ok = history_change(batch, &forward, &backward, err);
    }
    if (!ok || !from->memo)
        return ok;
    struct strbuf memo = STRBUF_INIT;
    if ((into->memo && !strbuf_printf(&memo, "%s\n\n", into->memo)) ||
        !strbuf_puts(&memo, from->memo)) {
        strbuf_finish(&memo);
        return error_internal(err, "out of memory merging memos");
    }
    struct change forward = {.kind = CHANGE_MEMO_SET,
                             .memo_target = MEMO_CASE,
                             .memo_id = into_id,
                             .memo_text = (char *)strbuf_str(&memo)};
    struct change backward = forward;
    backward.memo_text = into->memo;
    ok = history_change(batch, &forward, &backward, err);
    strbuf_finish(&memo);
    return ok;
}

bool manage_case_merge(struct project *project, const char *name, const char *into,
                       int64_t coder_id, char *message, size_t size, struct error *err)
{
    int64_t from_id, into_id;
    if (!manage_find_case(project, name, &from_id, err) ||
        !manage_find_case(project, into, &into_id, err))
        return false;
    if (from_id == into_id)
        return error_user(err, "a case cannot be merged into itself");
    struct history_batch batch;
    struct case_contents from = {0}, to = {0};
    if (!history_begin(&batch, project, coder_id, message, err))
        return false;
    bool ok = read_case(project_store(project), from_id, &from, err);
    if (ok && !read_case(project_store(project), into_id, &to, err)) {
        case_contents_finish(&from);
        ok = false;
    }
    if (!ok) {
        history_abort(&batch);
        return false;
    }
    size_t conflicts = 0;
    for (size_t i = 0; i < from.values.count; i++) {
        const char *kept = value_of(&to, from.values.items[i].attribute_id);
        conflicts += kept && strcmp(kept, from.values.items[i].value) != 0;
    }
    int n = snprintf(message, size, "merged case %s into %s: %zu %s relinked", name, into,
                     from.sources.count, from.sources.count == 1 ? "source" : "sources");
    if (conflicts && n > 0 && (size_t)n < size)
        snprintf(message + n, size - (size_t)n,
                 "; %zu %s had another value in %s, whose value was kept", conflicts,
                 conflicts == 1 ? "attribute" : "attributes", into);
    ok = relink_sources(&batch, from_id, &from, into_id, err) &&
         merge_into(&batch, into_id, &from, &to, err) &&
         remove_case(&batch, from_id, name, &from, err);
    case_contents_finish(&from);
    case_contents_finish(&to);
    if (!ok) {
        history_abort(&batch);
        return false;
    }
    return history_commit(&batch, err);
}

/* Writes ids in order as ranges ("1-5,9") to *out, or NULL for none; the caller frees it. */
static bool ranges_of(const struct store_ids *ids, char **out, struct error *err)
{
    *out = NULL;
    struct strbuf text = STRBUF_INIT;
    bool ok = true;
    for (size_t i = 0, j; ok && i < ids->count; i = j + 1) {
        for (j = i; j + 1 < ids->count && ids->items[j + 1] == ids->items[j] + 1;)
            j++;
        ok = strbuf_printf(&text, "%s%" PRId64, i ? "," : "", ids->items[i]) &&
             (j == i || strbuf_printf(&text, "-%" PRId64, ids->items[j]));
    }
    if (!ok) {
        strbuf_finish(&text);
        return error_internal(err, "out of memory");
    }
    *out = ids->count ? strbuf_detach(&text) : NULL;
    strbuf_finish(&text);
    return true;
}

/* Gives the journal entries and memos coder `from` owns to `to` (0: no one), as a change of the
 * batch. */
static bool hand_over(struct history_batch *batch, int64_t from, int64_t to, struct error *err)
{
    struct store *store = project_store(batch->project);
    struct store_ids journal = {0}, memos = {0};
    char *journal_ids = NULL, *memo_ids = NULL;
    bool ok = store_owned_ids(store, STORE_OWNED_JOURNAL, from, &journal, err) &&
              store_owned_ids(store, STORE_OWNED_MEMOS, from, &memos, err) &&
              ranges_of(&journal, &journal_ids, err) && ranges_of(&memos, &memo_ids, err);
    if (ok && (journal_ids || memo_ids)) {
        struct change forward = {.kind = CHANGE_CODER_OWNS,
                                 .target_id = to,
                                 .journal_ids = journal_ids,
                                 .memo_ids = memo_ids};
        struct change backward = forward;
        backward.target_id = from;
        ok = history_change(batch, &forward, &backward, err);
    }
    free(journal.items);
    free(memos.items);
    free(journal_ids);
    free(memo_ids);
    return ok;
}

/* Deletes the coder's row once nothing refers to it, as a change of the batch. */
static bool drop_coder(struct history_batch *batch, int64_t id, const char *name, struct error *err)
{
    struct change forward = {.kind = CHANGE_CODER_DELETE, .target_id = id};
    struct change backward = {.kind = CHANGE_CODER_INSERT, .target_id = id, .text = (char *)name};
    return hand_over(batch, id, 0, err) && history_change(batch, &forward, &backward, err);
}

/* Refuses a change by the coder it deletes: its own journal entries would be no one's. */
static bool not_self(int64_t id, int64_t coder_id, const char *name, struct error *err)
{
    return id != coder_id ||
           error_user(err,
                      "coder '%s' cannot delete or merge away its own name; name another "
                      "coder with --coder",
                      name);
}

bool manage_coder_delete(struct project *project, const char *name, bool drop_codings,
                         int64_t coder_id, char *message, size_t size, struct error *err)
{
    int64_t id;
    struct history_batch batch;
    if (!manage_find_coder(project, name, &id, err) || !not_self(id, coder_id, name, err) ||
        !history_begin(&batch, project, coder_id, message, err))
        return false;
    struct store *store = project_store(project);
    struct coding_list codings = {0};
    struct decision_list decisions = {0};
    struct coding_filter filter = {.coder_id = id, .state = CODINGS_ALL};
    bool ok = store_codings_list(store, &filter, &codings, err) &&
              store_decisions_of_coder(store, id, &decisions, err);
    if (ok && codings.count && !drop_codings)
        ok = error_user(err,
                        "coder '%s' has %zu %s; nothing was deleted. Merge the coder into "
                        "another (margin coder merge), or delete the codings too with "
                        "--drop-codings",
                        name, codings.count, codings.count == 1 ? "coding" : "codings");
    snprintf(message, size, "deleted coder %s with %zu %s", name, codings.count,
             codings.count == 1 ? "coding" : "codings");
    for (size_t i = 0; ok && i < codings.count; i++)
        ok = drop_coding(&batch, &codings.items[i], err);
    for (size_t i = 0; ok && i < decisions.count; i++)
        ok = drop_decision(&batch, &decisions.items[i], err);
    ok = ok && drop_coder(&batch, id, name, err);
    row_coding_list_finish(&codings);
    decision_list_finish(&decisions);
    if (!ok) {
        history_abort(&batch);
        return false;
    }
    return history_commit(&batch, err);
}

/* The attached coding of `list` with row's source, code and span, or NULL. */
static const struct coding_row *twin(const struct coding_list *list, const struct coding_row *row)
{
    for (size_t i = 0; !row->detached && i < list->count; i++) {
        const struct coding_row *t = &list->items[i];
        if (!t->detached && t->source_id == row->source_id && t->code_id == row->code_id &&
            t->start == row->start && t->end == row->end)
            return t;
    }
    return NULL;
}

/* Moves coder `from`'s codings to `into`, as changes of the batch: a coding both have is kept
 * once, into's, with from's memo when into's had none. */
static bool move_codings(struct history_batch *batch, int64_t into_id,
                         const struct coding_list *from, const struct coding_list *into,
                         struct error *err)
{
    bool ok = true;
    for (size_t i = 0; ok && i < from->count; i++) {
        const struct coding_row *f = &from->items[i];
        const struct coding_row *t = twin(into, f);
        if (!t) {
            struct change forward = {.kind = CHANGE_CODING_CODER, .coding = {.id = f->id}};
            forward.coding.coder_id = into_id;
            struct change backward = forward;
            backward.coding.coder_id = f->coder_id;
            ok = history_change(batch, &forward, &backward, err);
            continue;
        }
        if (!t->memo && f->memo) {
            struct change forward = {.kind = CHANGE_CODING_SET, .coding = *t};
            forward.coding.memo = f->memo;
            struct change backward = {.kind = CHANGE_CODING_SET, .coding = *t};
            ok = history_change(batch, &forward, &backward, err);
        }
        ok = ok && drop_coding(batch, f, err);
    }
    return ok;
}

static bool same_decision(const struct decision_row *a, const struct decision_row *b)
{
    return a->source_id == b->source_id && a->code_id == b->code_id &&
           a->consensus_id == b->consensus_id && a->first_id == b->first_id &&
           a->second_id == b->second_id && a->start == b->start && a->end == b->end;
}

/* Gives coder `from`'s decisions to `into`, as changes of the batch; one into has already is
 * dropped. `kept` holds into's decisions. */
static bool move_decisions(struct history_batch *batch, int64_t from_id, int64_t into_id,
                           const struct decision_list *from, struct decision_list *kept,
                           struct error *err)
{
    bool ok = true;
    for (size_t i = 0; ok && i < from->count; i++) {
        struct decision_row moved = from->items[i];
        moved.consensus_id = moved.consensus_id == from_id ? into_id : moved.consensus_id;
        moved.first_id = moved.first_id == from_id ? into_id : moved.first_id;
        moved.second_id = moved.second_id == from_id ? into_id : moved.second_id;
        bool there = false;
        for (size_t k = 0; k < kept->count; k++)
            there |= kept->items[k].id != moved.id && same_decision(&kept->items[k], &moved);
        ok = drop_decision(batch, &from->items[i], err);
        if (ok && !there) {
            struct change forward = {.kind = CHANGE_DECISION_INSERT, .decision = moved};
            struct change backward = {.kind = CHANGE_DECISION_DELETE, .decision.id = moved.id};
            ok = history_change(batch, &forward, &backward, err);
            if (ok && !LIST_PUSH(kept, moved))
                ok = error_internal(err, "out of memory merging coders");
        }
    }
    return ok;
}

bool manage_coder_merge(struct project *project, const char *name, const char *into,
                        int64_t coder_id, char *message, size_t size, struct error *err)
{
    int64_t from_id, into_id;
    if (!manage_find_coder(project, name, &from_id, err) ||
        !manage_find_coder(project, into, &into_id, err))
        return false;
    if (from_id == into_id)
        return error_user(err, "a coder cannot be merged into itself");
    struct history_batch batch;
    if (!not_self(from_id, coder_id, name, err) ||
        !history_begin(&batch, project, coder_id, message, err))
        return false;
    struct store *store = project_store(project);
    struct coding_list from = {0}, to = {0};
    struct decision_list decisions = {0}, kept = {0};
    struct coding_filter filter = {.coder_id = from_id, .state = CODINGS_ALL};
    bool ok = store_codings_list(store, &filter, &from, err);
    filter.coder_id = into_id;
    ok = ok && store_codings_list(store, &filter, &to, err) &&
         store_decisions_of_coder(store, from_id, &decisions, err) &&
         store_decisions_of_coder(store, into_id, &kept, err);
    size_t duplicates = 0;
    for (size_t i = 0; ok && i < from.count; i++)
        duplicates += twin(&to, &from.items[i]) != NULL;
    snprintf(message, size,
             "merged coder %s into %s: %zu %s moved, %zu that %s had already kept once", name, into,
             from.count - duplicates, from.count - duplicates == 1 ? "coding" : "codings",
             duplicates, into);
    ok = ok && move_codings(&batch, into_id, &from, &to, err) &&
         move_decisions(&batch, from_id, into_id, &decisions, &kept, err) &&
         hand_over(&batch, from_id, into_id, err) && drop_coder(&batch, from_id, name, err);
    row_coding_list_finish(&from);
    row_coding_list_finish(&to);
    decision_list_finish(&decisions);
    decision_list_finish(&kept);
    if (!ok) {
        history_abort(&batch);
        return false;
    }
    return history_commit(&batch, err);
}
