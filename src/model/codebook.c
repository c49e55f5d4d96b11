/* The codebook's changes (model/codebook.h). One unit: every change is one undoable batch built
 * with the same few helpers (find_code, describe, may_edit, place, finish), which a split would
 * have to make public to the model for the sake of a few lines. */
#include "model/codebook.h"

#include "core/names.h"
#include "core/strbuf.h"
#include "model/history.h"
#include "store/codes.h"
#include "store/codings.h"
#include "store/memos.h"

#include <stdlib.h>
#include <string.h>

/* The code with this id, or NULL with a message. */
static const struct code *find_code(const struct project *project, int64_t id, int *index,
                                    struct error *err)
{
    const struct codetree *tree = project_codes(project);
    int i = codetree_find_id(tree, id);
    if (i < 0) {
        error_user(err, "the code is no longer in the codebook (removed by another program?)");
        return NULL;
    }
    if (index)
        *index = i;
    return codetree_get(tree, (size_t)i);
}

static void describe(const struct project *project, const struct code *code, char *out, size_t size)
{
    char number[OUTLINE_TEXT_MAX];
    codetree_number_text(project_codes(project), codetree_find_id(project_codes(project), code->id),
                         number);
    snprintf(out, size, "%s '%.60s'", number, code->name);
}

/* Records a change of a code's fields: `after` replaces `before` (both whole rows). */
static bool set_code(struct history_batch *batch, const struct code *before,
                     const struct code *after, struct error *err)
{
    struct change forward = {.kind = CHANGE_CODE_SET, .code = *after};
    struct change backward = {.kind = CHANGE_CODE_SET, .code = *before};
    return history_change(batch, &forward, &backward, err);
}

/* Moves a code to parent_id at position. */
static bool place(struct history_batch *batch, const struct code *code, int64_t parent_id,
                  int position, struct error *err)
{
    struct code after = *code;
    after.parent_id = parent_id;
    after.position = position;
    return set_code(batch, code, &after, err);
}

bool codebook_may_edit(struct project *project, const char *coder, struct error *err)
{
    char *editors = NULL;
    if (!project_setting(project, CODEBOOK_EDITORS_SETTING, &editors, err))
        return false;
    if (!editors)
        return true;
    struct name_list names = {0};
    bool ok = names_split(editors, &names, err);
    bool allowed = false;
    for (size_t i = 0; ok && coder && i < names.count; i++)
        allowed |= strcmp(names.items[i], coder) == 0;
    if (ok && !allowed)
        ok = error_user(err, "only %s may change this project's codebook%s%s", editors,
                        coder ? ", not " : "", coder ? coder : "");
    names_finish(&names);
    free(editors);
    return ok;
}

/* Whether coder_id may change the codebook (codebook_may_edit by the coder's name). */
static bool may_edit(struct project *project, int64_t coder_id, struct error *err)
{
    struct coder_list coders = {0};
    if (!project_coders(project, &coders, err))
        return false;
    const char *name = NULL;
    for (size_t i = 0; i < coders.count; i++) {
        if (coders.items[i].id == coder_id)
            name = coders.items[i].name;
    }
    bool ok = codebook_may_edit(project, name, err);
    row_coder_list_finish(&coders);
    return ok;
}

static bool finish(struct history_batch *batch, bool ok, struct error *err)
{
    if (!ok) {
        history_abort(batch);
        return false;
    }
    return history_commit(batch, err);
}

bool codebook_add(struct project *project, int64_t coder_id, int64_t parent_id, const char *name,
                  int64_t *id, struct error *err)
{
    if (!name || !*name)
        return error_user(err, "a code needs a name");
    if (!may_edit(project, coder_id, err))
        return false;
    char summary[320];
    snprintf(summary, sizeof summary, "added the code '%.100s'", name);
    struct history_batch batch;
    if (!history_begin(&batch, project, coder_id, summary, err))
        return false;
    /* With the write lock held, the codebook as it is now: another program (a second coder's
     * screen) may have added a code at the same place a moment ago, and this one goes after it
     * rather than failing for its number. */
    bool ok = project_reload_codes(project, err) &&
              (!parent_id || find_code(project, parent_id, NULL, err));
    int last = ok ? codetree_last_position(project_codes(project), parent_id) : 0;
    if (ok && last + 1 > OUTLINE_PART_MAX)
        ok = error_user(err, "there are too many codes at this level");
    struct code code = {
        .parent_id = parent_id, .position = last + 1, .name = (char *)name, .codable = true};
    ok = ok && store_code_add(project_store(project), &code, err);
    if (ok) {
        struct change forward = {.kind = CHANGE_CODE_INSERT, .code = code};
        struct change backward = {.kind = CHANGE_CODE_DELETE, .code = code};
        ok = history_record(&batch, &forward, &backward, err);
    }
    if (!finish(&batch, ok, err))
        return false;
    *id = code.id;
    return true;
}

/* Changes one field of a code in a batch of its own. */
static bool change_fields(struct project *project, int64_t coder_id, const struct code *before,
                          const struct code *after, const char *summary, struct error *err)
{
    struct history_batch batch;
    if (!history_begin(&batch, project, coder_id, summary, err))
        return false;
    return finish(&batch, set_code(&batch, before, after, err), err);
}

bool codebook_rename(struct project *project, int64_t coder_id, int64_t id, const char *name,
                     struct error *err)
{
    if (!may_edit(project, coder_id, err))
        return false;
    if (!name || !*name)
        return error_user(err, "a code needs a name");
    const struct code *code = find_code(project, id, NULL, err);
    if (!code)
        return false;
    char summary[320];
    char was[128];
    describe(project, code, was, sizeof was);
    snprintf(summary, sizeof summary, "renamed %s to '%.60s'", was, name);
    struct code after = *code;
    after.name = (char *)name;
    return change_fields(project, coder_id, code, &after, summary, err);
}

bool codebook_describe(struct project *project, int64_t coder_id, int64_t id,
                       const char *description, struct error *err)
{
    if (!may_edit(project, coder_id, err))
        return false;
    const struct code *code = find_code(project, id, NULL, err);
    if (!code)
        return false;
    char summary[320];
    char which[128];
    describe(project, code, which, sizeof which);
    snprintf(summary, sizeof summary, "described %s", which);
    struct code after = *code;
    after.description = description && *description ? (char *)description : NULL;
    return change_fields(project, coder_id, code, &after, summary, err);
}

/* Sums the codings at the codes with indexes [from, to) of the tree. */
static bool count_codings(struct project *project, int from, int to, size_t *codings,
                          struct error *err)
{
    struct code_usage_list usage = {0};
    if (!store_code_usage(project_store(project), 0, &usage, err))
        return false;
    const struct codetree *tree = project_codes(project);
    *codings = 0;
    for (size_t u = 0; u < usage.count; u++) {
        int i = codetree_find_id(tree, usage.items[u].code_id);
        if (i >= from && i < to)
            *codings += (size_t)usage.items[u].references;
    }
    row_code_usage_list_finish(&usage);
    return true;
}

bool codebook_set_codable(struct project *project, int64_t coder_id, int64_t id, bool codable,
                          struct error *err)
{
    if (!may_edit(project, coder_id, err))
        return false;
    int index;
    const struct code *code = find_code(project, id, &index, err);
    if (!code)
        return false;
    char which[128];
    describe(project, code, which, sizeof which);
    if (!codable) {
        size_t codings;
        if (!count_codings(project, index, index + 1, &codings, err))
            return false;
        if (codings > 0) {
            return error_user(err, "%s has %zu coding%s; a heading cannot have any", which, codings,
                              codings == 1 ? "" : "s");
        }
    }
    char summary[320];
    snprintf(summary, sizeof summary, "made %s %s", which, codable ? "codable" : "a heading");
    struct code after = *code;
    after.codable = codable;
    return change_fields(project, coder_id, code, &after, summary, err);
}

/* The sibling just before (delta -1) or after (delta 1) a code, by position, or NULL. */
static const struct code *neighbour(const struct project *project, const struct code *code,
                                    int delta)
{
    const struct codetree *tree = project_codes(project);
    const struct code *best = NULL;
    for (size_t i = 0; i < codetree_count(tree); i++) {
        const struct code *other = codetree_get(tree, i);
        if (other->parent_id != code->parent_id || other->id == code->id)
            continue;
        bool beyond =
            delta < 0 ? other->position < code->position : other->position > code->position;
        bool closer = !best || (delta < 0 ? other->position > best->position
                                          : other->position < best->position);
        if (beyond && closer)
            best = other;
    }
    return best;
}

bool codebook_move(struct project *project, int64_t coder_id, int64_t id, int delta,
                   struct error *err)
{
    if (!may_edit(project, coder_id, err))
        return false;
    const struct code *code = find_code(project, id, NULL, err);
    if (!code)
        return false;
    const struct code *other = neighbour(project, code, delta);
    if (!other)
        return error_user(err,
                          delta < 0 ? "the code is already first" : "the code is already last");
    char which[128];
    describe(project, code, which, sizeof which);
    char summary[320];
    snprintf(summary, sizeof summary, "moved %s %s", which, delta < 0 ? "up" : "down");
    struct history_batch batch;
    if (!history_begin(&batch, project, coder_id, summary, err))
        return false;
    int mine = code->position;
    int theirs = other->position;
    bool ok = place(&batch, code, code->parent_id, theirs, err) &&
              place(&batch, other, other->parent_id, mine, err);
    return finish(&batch, ok, err);
}

bool codebook_indent(struct project *project, int64_t coder_id, int64_t id, struct error *err)
{
    if (!may_edit(project, coder_id, err))
        return false;
    const struct code *code = find_code(project, id, NULL, err);
    if (!code)
        return false;
    const struct code *above = neighbour(project, code, -1);
    if (!above)
        return error_user(err, "there is no code above this one at its level to move it under");
    if (code->number.depth >= OUTLINE_DEPTH_MAX)
        return error_user(err, "codes nest at most %d levels deep", OUTLINE_DEPTH_MAX);
    char which[128];
    describe(project, code, which, sizeof which);
    char summary[320];
    snprintf(summary, sizeof summary, "moved %s under '%.60s'", which, above->name);
    struct history_batch batch;
    if (!history_begin(&batch, project, coder_id, summary, err))
        return false;
    int position = codetree_last_position(project_codes(project), above->id) + 1;
    return finish(&batch, place(&batch, code, above->id, position, err), err);
}

bool codebook_outdent(struct project *project, int64_t coder_id, int64_t id, struct error *err)
{
    if (!may_edit(project, coder_id, err))
        return false;
    const struct code *code = find_code(project, id, NULL, err);
    if (!code)
        return false;
    if (!code->parent_id)
        return error_user(err, "the code is already at the top level");
    const struct code *parent = find_code(project, code->parent_id, NULL, err);
    if (!parent)
        return false;
    char which[128];
    describe(project, code, which, sizeof which);
    char summary[320];
    snprintf(summary, sizeof summary, "moved %s out of '%.60s'", which, parent->name);
    struct history_batch batch;
    if (!history_begin(&batch, project, coder_id, summary, err))
        return false;
    int position = codetree_last_position(project_codes(project), parent->parent_id) + 1;
    if (position > OUTLINE_PART_MAX) {
        history_abort(&batch);
        return error_user(err, "there are too many codes at that level");
    }
    return finish(&batch, place(&batch, code, parent->parent_id, position, err), err);
}

/* Records the removal of one coding, keeping the row for undo. */
static bool remove_coding(struct history_batch *batch, const struct coding_row *coding,
                          struct error *err)
{
    struct change forward = {.kind = CHANGE_CODING_DELETE, .coding = *coding};
    struct change backward = {.kind = CHANGE_CODING_INSERT, .coding = *coding};
    return history_change(batch, &forward, &backward, err);
}

/* Records a memo's change from `before` to `after` (NULL for none). */
static bool set_memo(struct history_batch *batch, int64_t code_id, const char *before,
                     const char *after, struct error *err)
{
    struct change forward = {.kind = CHANGE_MEMO_SET,
                             .memo_target = MEMO_CODE,
                             .memo_id = code_id,
                             .memo_text = (char *)after};
    struct change backward = forward;
    backward.memo_text = (char *)before;
    return history_change(batch, &forward, &backward, err);
}

static bool same_span(const struct coding_row *a, const struct coding_row *b)
{
    return !a->detached && !b->detached && a->source_id == b->source_id &&
           a->coder_id == b->coder_id && a->start == b->start && a->end == b->end;
}

bool codebook_merge(struct project *project, int64_t coder_id, int64_t id, int64_t into,
                    struct error *err)
{
    if (!may_edit(project, coder_id, err))
        return false;
    int index, target_index;
    const struct code *code = find_code(project, id, &index, err);
    const struct code *target = code ? find_code(project, into, &target_index, err) : NULL;
    if (!target)
        return false;
    const struct codetree *tree = project_codes(project);
    if (codetree_within(tree, target_index, index))
        return error_user(err, "a code cannot be merged into itself or one of its sub-codes");
    char which[128], whither[128];
    describe(project, code, which, sizeof which);
    describe(project, target, whither, sizeof whither);
    if (!target->codable)
        return error_user(err, "%s is a heading; codings cannot move to it", whither);

    char summary[320];
    snprintf(summary, sizeof summary, "merged %s into %s", which, whither);
    struct coding_list moving = {0};
    struct coding_list staying = {0};
    char *memo = NULL;
    char *target_memo = NULL;
    struct strbuf joined = STRBUF_INIT;
    struct store *store = project_store(project);
    struct history_batch batch;
    if (!history_begin(&batch, project, coder_id, summary, err))
        return false;
    struct coding_filter from = {.code_id = id, .state = CODINGS_ALL};
    struct coding_filter to = {.code_id = into, .state = CODINGS_ALL};
    bool ok = store_codings_list(store, &from, &moving, err) &&
              store_codings_list(store, &to, &staying, err) &&
              store_memo_get(store, MEMO_CODE, id, &memo, err) &&
              store_memo_get(store, MEMO_CODE, into, &target_memo, err);
    for (size_t i = 0; ok && i < moving.count; i++) {
        const struct coding_row *coding = &moving.items[i];
        bool duplicate = false;
        for (size_t j = 0; j < staying.count && !duplicate; j++)
            duplicate = same_span(coding, &staying.items[j]);
        if (duplicate) {
            ok = remove_coding(&batch, coding, err);
        } else {
            struct change forward = {.kind = CHANGE_CODING_SET, .coding = *coding};
            forward.coding.code_id = into;
            struct change backward = {.kind = CHANGE_CODING_SET, .coding = *coding};
            ok = history_change(&batch, &forward, &backward, err);
        }
    }
    int position = codetree_last_position(tree, into);
    for (size_t i = 0; ok && i < codetree_count(tree); i++) {
        const struct code *child = codetree_get(tree, i);
        if (child->parent_id == id)
            ok = place(&batch, child, into, ++position, err);
    }
    if (ok && memo) {
        if (target_memo)
            strbuf_printf(&joined, "%s\n\n%s", target_memo, memo);
        ok = set_memo(&batch, into, target_memo, target_memo ? strbuf_str(&joined) : memo, err) &&
             set_memo(&batch, id, memo, NULL, err);
    }
    if (ok) {
        struct change forward = {.kind = CHANGE_CODE_DELETE, .code = *code};
        struct change backward = {.kind = CHANGE_CODE_INSERT, .code = *code};
        ok = history_change(&batch, &forward, &backward, err);
    }
    ok = finish(&batch, ok, err);
    row_coding_list_finish(&moving);
    row_coding_list_finish(&staying);
    free(memo);
    free(target_memo);
    strbuf_finish(&joined);
    return ok;
}

bool codebook_memo(struct project *project, int64_t id, char **text, struct error *err)
{
    return store_memo_get(project_store(project), MEMO_CODE, id, text, err);
}

bool codebook_set_memo(struct project *project, int64_t coder_id, int64_t id, const char *text,
                       struct error *err)
{
    const struct code *code = find_code(project, id, NULL, err);
    if (!code)
        return false;
    char *before = NULL;
    if (!codebook_memo(project, id, &before, err))
        return false;
    char which[128];
    describe(project, code, which, sizeof which);
    char summary[320];
    snprintf(summary, sizeof summary, "wrote the memo of %s", which);
    struct history_batch batch;
    bool ok = history_begin(&batch, project, coder_id, summary, err);
    if (ok)
        ok = finish(&batch, set_memo(&batch, id, before, text && *text ? text : NULL, err), err);
    free(before);
    return ok;
}

bool codebook_reach(struct project *project, int64_t id, struct codebook_reach *reach,
                    struct error *err)
{
    int index;
    memset(reach, 0, sizeof *reach);
    const struct code *code = find_code(project, id, &index, err);
    if (!code)
        return false;
    reach->descendants = (size_t)(code->end - index - 1);
    struct coder_list coders = {0};
    struct strbuf whose = STRBUF_INIT;
    bool ok = project_coders(project, &coders, err);
    for (size_t c = 0; ok && c < coders.count; c++) {
        struct code_usage_list usage = {0};
        ok = store_code_usage(project_store(project), coders.items[c].id, &usage, err);
        size_t mine = 0;
        for (size_t u = 0; ok && u < usage.count; u++) {
            int i = codetree_find_id(project_codes(project), usage.items[u].code_id);
            if (i >= index && i < code->end)
                mine += (size_t)usage.items[u].references;
        }
        row_code_usage_list_finish(&usage);
        if (ok && mine) {
            strbuf_printf(&whose, "%s%s %zu", whose.len ? ", " : "", coders.items[c].name, mine);
            reach->codings += mine;
        }
    }
    row_coder_list_finish(&coders);
    if (ok && !(reach->whose = strbuf_detach(&whose)))
        ok = error_internal(err, "out of memory");
    strbuf_finish(&whose);
    return ok;
}

bool codebook_delete(struct project *project, int64_t coder_id, int64_t id, struct error *err)
{
    if (!may_edit(project, coder_id, err))
        return false;
    int index;
    const struct code *code = find_code(project, id, &index, err);
    if (!code)
        return false;
    const struct codetree *tree = project_codes(project);
    struct store *store = project_store(project);
    char which[128];
    describe(project, code, which, sizeof which);
    char summary[320];
    snprintf(summary, sizeof summary, "deleted %s", which);
    struct history_batch batch;
    if (!history_begin(&batch, project, coder_id, summary, err))
        return false;
    bool ok = true;
    /* Codings and memos first, then the codes from the deepest up, so that undo puts back
     * parents before children and codes before their codings. */
    for (int i = index; ok && i < code->end; i++) {
        const struct code *doomed = codetree_get(tree, (size_t)i);
        struct coding_list codings = {0};
        struct coding_filter filter = {.code_id = doomed->id, .state = CODINGS_ALL};
        char *memo = NULL;
        ok = store_codings_list(store, &filter, &codings, err) &&
             store_memo_get(store, MEMO_CODE, doomed->id, &memo, err);
        for (size_t c = 0; ok && c < codings.count; c++)
            ok = remove_coding(&batch, &codings.items[c], err);
        if (ok && memo)
            ok = set_memo(&batch, doomed->id, memo, NULL, err);
        row_coding_list_finish(&codings);
        free(memo);
    }
    for (int i = code->end - 1; ok && i >= index; i--) {
        const struct code *doomed = codetree_get(tree, (size_t)i);
        struct change forward = {.kind = CHANGE_CODE_DELETE, .code = *doomed};
        struct change backward = {.kind = CHANGE_CODE_INSERT, .code = *doomed};
        ok = history_change(&batch, &forward, &backward, err);
    }
    return finish(&batch, ok, err);
}

/* Adds to `marked` the codes of the subtree at `index`. */
static void mark_subtree(const struct codetree *tree, int index, bool *marked)
{
    for (int i = index; i < codetree_get(tree, (size_t)index)->end; i++)
        marked[i] = true;
}

/* Each code's place among its siblings, counted from 1 in outline order. */
static int rank_of(const struct codetree *tree, int index)
{
    const struct code *code = codetree_get(tree, (size_t)index);
    int rank = 1;
    for (int i = 0; i < index; i++) {
        const struct code *other = codetree_get(tree, (size_t)i);
        rank += other->parent_id == code->parent_id;
    }
    return rank;
}

bool codebook_renumbering(struct project *project, enum codebook_renumbering what, int64_t id,
                          size_t *codes, size_t *codings, struct error *err)
{
    const struct codetree *tree = project_codes(project);
    size_t n = codetree_count(tree);
    bool *marked = calloc(n ? n : 1, sizeof *marked);
    if (!marked)
        return error_internal(err, "out of memory");
    int index = -1;
    bool ok = true;
    if (what != RENUMBER_ALL) {
        const struct code *code = find_code(project, id, &index, err);
        ok = code != NULL;
        if (ok && (what == RENUMBER_MOVE_UP || what == RENUMBER_MOVE_DOWN)) {
            const struct code *other = neighbour(project, code, what == RENUMBER_MOVE_UP ? -1 : 1);
            if (other)
                mark_subtree(tree, codetree_find_id(tree, other->id), marked);
        }
        if (ok)
            mark_subtree(tree, index, marked);
    } else {
        for (size_t i = 0; i < n; i++) {
            if (codetree_get(tree, i)->position != rank_of(tree, (int)i))
                mark_subtree(tree, (int)i, marked);
        }
    }
    struct code_usage_list usage = {0};
    ok = ok && store_code_usage(project_store(project), 0, &usage, err);
    *codes = 0;
    *codings = 0;
    for (size_t i = 0; ok && i < n; i++)
        *codes += marked[i];
    for (size_t u = 0; ok && u < usage.count; u++) {
        int i = codetree_find_id(tree, usage.items[u].code_id);
        if (i >= 0 && marked[i])
            *codings += (size_t)usage.items[u].references;
    }
    row_code_usage_list_finish(&usage);
    free(marked);
    return ok;
}

bool codebook_renumber(struct project *project, int64_t coder_id, size_t *renumbered,
                       struct error *err)
{
    if (!may_edit(project, coder_id, err))
        return false;
    struct history_batch batch;
    if (!history_begin(&batch, project, coder_id, "renumbered the codebook", err))
        return false;
    const struct codetree *tree = project_codes(project);
    bool ok = true;
    *renumbered = 0;
    for (size_t i = 0; ok && i < codetree_count(tree); i++) {
        const struct code *code = codetree_get(tree, i);
        int rank = rank_of(tree, (int)i);
        if (code->position != rank) {
            ok = place(&batch, code, code->parent_id, rank, err);
            ++*renumbered;
        }
    }
    if (ok && *renumbered == 0) {
        history_abort(&batch);
        return true;
    }
    return finish(&batch, ok, err);
}

bool codebook_editors(struct project *project, char **editors, struct error *err)
{
    return project_setting(project, CODEBOOK_EDITORS_SETTING, editors, err);
}

bool codebook_set_editors(struct project *project, const char *editors, struct error *err)
{
    struct name_list names;
    if (editors && *editors) {
        if (!names_split(editors, &names, err))
            return false;
        names_finish(&names);
    }
    return project_set_setting(project, CODEBOOK_EDITORS_SETTING,
                               editors && *editors ? editors : NULL, err);
}
