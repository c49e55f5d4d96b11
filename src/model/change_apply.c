/* Applying a change to the store, and saying why one that no longer fits the project is
 * stale. */
#include "model/change.h"

#include "change_data.h"
#include "io/transcript.h"
#include "model/speakers.h"
#include "store/codes.h"
#include "store/codings.h"
#include "store/matrix.h"
#include "store/people.h"
#include "store/quotes.h"
#include "store/sources.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What makes a change stale: the row it would delete or change is gone, or the row it would put
 * back is there already. */
static const char *const gone[] = {
    [CHANGE_CODING_INSERT] = "that coding is in the project already",
    [CHANGE_CODING_DELETE] = "that coding was removed meanwhile, by another coder or program",
    [CHANGE_CODING_SET] = "that coding was removed meanwhile, by another coder or program",
    [CHANGE_CODE_INSERT] = "that code is in the codebook already",
    [CHANGE_CODE_DELETE] = "that code was deleted meanwhile, by another coder or program",
    [CHANGE_CODE_SET] = "that code was deleted meanwhile, by another coder or program",
    [CHANGE_MEMO_SET] = "",
    [CHANGE_DECISION_INSERT] = "that disagreement is settled already",
    [CHANGE_DECISION_DELETE] = "that decision was taken back meanwhile",
    [CHANGE_CODING_PLACE] = "that coding was removed meanwhile, by another coder or program",
    [CHANGE_SOURCE_TEXT] = "that source was deleted meanwhile, by another coder or program",
    [CHANGE_SOURCE_RENAME] = "that source was deleted meanwhile, by another coder or program",
    [CHANGE_SOURCE_RELINK] = "that source was deleted meanwhile, by another coder or program",
    [CHANGE_CASE_RENAME] = "that case was deleted meanwhile, by another coder or program",
    [CHANGE_CODER_RENAME] = "that coder was deleted meanwhile, by another coder or program",
    [CHANGE_MATRIX_SET] = "",
    [CHANGE_MATRIX_LINK] = "that coding was removed, or linked to the cell, meanwhile",
    [CHANGE_MATRIX_UNLINK] = "that coding's link to the cell was taken away meanwhile",
    [CHANGE_QUOTE_SET] = "that coding was removed meanwhile, by another coder or program",
    [CHANGE_CASE_VALUE] = "",
    [CHANGE_CASE_INSERT] = "a case with that id or name is in the project already",
    [CHANGE_CASE_DELETE] = "that case was deleted meanwhile, by another coder or program",
    [CHANGE_MATRIX_RESTORE] = "that coding is linked to the cell already",
    [CHANGE_CODER_INSERT] = "a coder with that id or name is in the project already",
    [CHANGE_CODER_DELETE] = "that coder was deleted meanwhile, by another coder or program",
    [CHANGE_CODER_OWNS] = "",
    [CHANGE_CODING_CODER] = "that coding was removed meanwhile, by another coder or program",
    [CHANGE_SOURCE_INSERT] = "a source with that id or name is in the project already",
    [CHANGE_SOURCE_DELETE] = "that source was deleted meanwhile, by another coder or program",
};

/* What makes a change that puts a row back stale when what the row refers to is gone. */
static const char *const orphan[] = {
    [CHANGE_CODING_INSERT] = "the code, source or coder of that coding was deleted meanwhile, by "
                             "another coder or program",
    [CHANGE_CODE_INSERT] = "the code that code was under was deleted meanwhile, by another coder "
                           "or program",
    [CHANGE_DECISION_INSERT] = "the source or a coder of that decision was deleted meanwhile, by "
                               "another coder or program",
    [CHANGE_CASE_VALUE] = "that case, or its attribute, was deleted meanwhile, by another coder "
                          "or program",
    [CHANGE_SOURCE_INSERT] = "the case that source belonged to was deleted meanwhile, by another "
                             "coder or program",
    [CHANGE_MATRIX_RESTORE] = "that cell's case or code was deleted meanwhile, by another coder "
                              "or program",
};

/* Why a deletion is stale when the row has gained, since the change was made, what deleting
 * it would lose. */
static const char *referred_message(enum change_kind kind)
{
    switch (kind) {
    case CHANGE_SOURCE_DELETE:
        return "that source was given codings, decisions or a memo meanwhile, which deleting it "
               "would lose";
    case CHANGE_CODER_DELETE:
        return "that coder made codings or decisions meanwhile, which deleting it would lose";
    default:
        return "that case was given sources, values, a memo or matrix summaries meanwhile, which "
               "deleting it would lose";
    }
}

/* Replaces a source's text with c->text, finding its turns again by the project's rule. */
static bool apply_text(struct store *store, const struct change *c, bool *found, struct error *err)
{
    struct transcript t = {0};
    char *pattern = NULL;
    if (!store_setting_get(store, SPEAKERS_SETTING, &pattern, err))
        return false;
    struct turn_rule *rule = pattern ? turns_rule_create(pattern, err) : NULL;
    bool parsed = (!pattern || rule) &&
                  transcript_parse(c->text, strlen(c->text), "the source's text", rule, &t, err);
    turns_rule_destroy(rule);
    free(pattern);
    if (!parsed)
        return false;
    struct source_row row = {.id = c->source_id, .length = (int64_t)t.length};
    snprintf(row.sha256, sizeof row.sha256, "%s", t.sha256);
    bool ok = store_source_replace_text(store, &row, t.text, t.size, &t.turns, found, err);
    transcript_finish(&t);
    return ok;
}

/* Makes the rows of `what` in `ranges` (checked when decoded) coder_id's. */
static bool give(struct store *store, enum store_owned what, const char *ranges, int64_t coder_id,
                 struct error *err)
{
    int64_t first, last;
    while (ranges && *ranges) {
        if (!change_next_range(&ranges, &first, &last) ||
            !store_owned_give(store, what, first, last, coder_id, err))
            return false;
    }
    return true;
}

bool change_apply(struct store *store, const struct change *c, int64_t coder_id, bool *stale,
                  struct error *err)
{
    bool found = true;
    bool taken = false;
    bool orphaned = false;
    bool referred = false; /* a row to delete has gained what the change would lose */
    bool ok = false;
    switch (c->kind) {
    case CHANGE_CODING_INSERT:
        ok = store_coding_restore(store, &c->coding, &taken, &orphaned, err);
        break;
    case CHANGE_CODING_DELETE:
        ok = store_coding_delete(store, c->coding.id, &found, err);
        break;
    case CHANGE_CODING_SET:
        ok = store_coding_update(store, &c->coding, &found, err);
        break;
    case CHANGE_CODE_INSERT:
        ok = store_code_restore(store, &c->code, &taken, &orphaned, err);
        break;
    case CHANGE_CODE_DELETE:
        ok = store_code_delete(store, c->code.id, &found, err);
        break;
    case CHANGE_CODE_SET:
        ok = store_code_update(store, &c->code, &found, err);
        break;
    case CHANGE_MEMO_SET:
        ok = store_memo_set(store, c->memo_target, c->memo_id, c->memo_text, coder_id, err);
        break;
    case CHANGE_DECISION_INSERT:
        ok = store_decision_restore(store, &c->decision, &taken, &orphaned, err);
        break;
    case CHANGE_DECISION_DELETE:
        ok = store_decision_delete(store, c->decision.id, &found, err);
        break;
    case CHANGE_CODING_PLACE:
        ok = store_coding_place(store, c->coding.id, c->coding.start, c->coding.end,
                                c->coding.detached, &found, err);
        break;
    case CHANGE_SOURCE_TEXT:
        ok = apply_text(store, c, &found, err);
        break;
    case CHANGE_SOURCE_RENAME:
        ok = store_source_rename(store, c->source_id, c->text, &found, err);
        break;
    case CHANGE_SOURCE_RELINK:
        ok = store_source_set_case(store, c->source_id, c->target_id, err);
        break;
    case CHANGE_CASE_RENAME:
        ok = store_case_rename(store, c->target_id, c->text, &found, err);
        break;
    case CHANGE_CODER_RENAME:
        ok = store_coder_rename(store, c->target_id, c->text, &found, err);
        break;
    case CHANGE_MATRIX_SET:
        ok = store_matrix_set(store, c->cell_case_id, c->cell_code_id, c->cell_text, err);
        break;
    case CHANGE_MATRIX_LINK:
    case CHANGE_MATRIX_UNLINK:
        ok = store_matrix_link(store, c->cell_case_id, c->cell_code_id, c->target_id,
                               c->kind == CHANGE_MATRIX_LINK, &found, err);
        break;
    case CHANGE_QUOTE_SET:
        ok = store_quote_set(store, c->coding.id, c->quote, &found, err);
        break;
    case CHANGE_CASE_INSERT:
        ok = store_case_restore(store, c->target_id, c->text, &taken, err);
        break;
    case CHANGE_CASE_DELETE:
        ok = store_referred(store, STORE_CASE, c->target_id, &referred, err) &&
             (referred || store_case_remove(store, c->target_id, &found, err));
        break;
    case CHANGE_CODER_INSERT:
        ok = store_coder_restore(store, c->target_id, c->text, &taken, err);
        break;
    case CHANGE_CODER_DELETE:
        ok = store_referred(store, STORE_CODER, c->target_id, &referred, err) &&
             (referred || store_coder_remove(store, c->target_id, &found, err));
        break;
    case CHANGE_CODER_OWNS:
        ok = give(store, STORE_OWNED_JOURNAL, c->journal_ids, c->target_id, err) &&
             give(store, STORE_OWNED_MEMOS, c->memo_ids, c->target_id, err);
        break;
    case CHANGE_SOURCE_INSERT:
        ok = store_source_restore(store, &c->source, c->text, strlen(c->text), &c->turns, &taken,
                                  &orphaned, err);
        break;
    case CHANGE_SOURCE_DELETE:
        ok = store_referred(store, STORE_SOURCE, c->source_id, &referred, err) &&
             (referred || store_source_delete(store, c->source_id, &found, err));
        break;
    case CHANGE_CODING_CODER:
        ok = store_coding_set_coder(store, c->coding.id, c->coding.coder_id, &found, err);
        break;
    case CHANGE_MATRIX_RESTORE: {
        struct matrix_link_row link = {c->cell_case_id, c->cell_code_id, c->target_id};
        ok = store_matrix_link_restore(store, &link, &taken, &orphaned, err);
        break;
    }
    case CHANGE_CASE_VALUE:
        ok =
            store_case_value_restore(store, c->target_id, c->attribute_id, c->text, &orphaned, err);
        break;
    default:
        return error_internal(err, "unknown change");
    }
    *stale = ok && (taken || orphaned || !found || referred);
    if (*stale && referred)
        return error_user(err, "%s", referred_message(c->kind));
    if (*stale && orphaned)
        return error_user(err, "%s", orphan[c->kind]);
    if (*stale)
        return error_user(err, "%s", gone[c->kind]);
    return ok;
}
