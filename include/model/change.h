/* One reversible change to a project, as the journal keeps it for undo and redo.
 *
 * Each change has a one-line text form, stored in the journal's undo and redo columns, so that
 * undo works across restarts. Applying a change writes it through the store; the caller holds
 * the transaction. */
#ifndef MARGIN_MODEL_CHANGE_H
#define MARGIN_MODEL_CHANGE_H

#include "core/codetree.h"
#include "core/error.h"
#include "core/row.h"
#include "store/decisions.h"
#include "store/memos.h"
#include "store/store.h"

enum change_kind {
    CHANGE_CODING_INSERT,   /* coding: a whole row, id included */
    CHANGE_CODING_DELETE,   /* coding.id */
    CHANGE_CODING_SET,      /* coding: id, code_id, start, end, memo */
    CHANGE_CODE_INSERT,     /* code: a whole row, id and GUID included */
    CHANGE_CODE_DELETE,     /* code.id */
    CHANGE_CODE_SET,        /* code: id, parent_id, position, codable, name, description, colour */
    CHANGE_MEMO_SET,        /* memo_target, memo_id, memo_text (NULL removes the memo) */
    CHANGE_DECISION_INSERT, /* decision: a whole row, id included */
    CHANGE_DECISION_DELETE, /* decision.id */
    CHANGE_CODING_PLACE,    /* coding: id, start, end, detached */
    CHANGE_SOURCE_TEXT,     /* source_id, text: a source's whole text (its turns found again) */
    CHANGE_SOURCE_RENAME,   /* source_id, text: its name */
    CHANGE_SOURCE_RELINK,   /* source_id, target_id: its case (0 for none) */
    CHANGE_CASE_RENAME,     /* target_id (a case), text: its name */
    CHANGE_CODER_RENAME,    /* target_id (a coder), text: its name */
    CHANGE_MATRIX_SET,      /* cell_case_id, cell_code_id, cell_text (NULL removes the summary) */
    CHANGE_MATRIX_LINK,     /* cell_case_id, cell_code_id, target_id: a coding the cell rests on */
    CHANGE_MATRIX_UNLINK,   /* cell_case_id, cell_code_id, target_id: a coding it no longer does */
    CHANGE_QUOTE_SET,       /* coding.id, quote: whether the coding is marked as a quote */
    CHANGE_CASE_VALUE,      /* target_id (a case), attribute_id, text: its value (NULL: none) */
    CHANGE_CASE_INSERT,     /* target_id, text: a case's row put back under its id and name */
    CHANGE_CASE_DELETE,     /* target_id: a case's row, once what refers to it is taken away */
    CHANGE_MATRIX_RESTORE,  /* cell_case_id, cell_code_id, target_id: a link put back as it was,
                               its coding there or not */
    CHANGE_CODER_INSERT,    /* target_id, text: a coder's row put back under its id and name */
    CHANGE_CODER_DELETE,    /* target_id: a coder's row, once its codings and decisions are gone */
    CHANGE_CODER_OWNS,      /* target_id (a coder, 0 for no one), journal_ids, memo_ids: ranges
                               of ids ("1-5,9") of the journal entries and memos made theirs */
    CHANGE_CODING_CODER,    /* coding: id, coder_id */
    CHANGE_SOURCE_INSERT,   /* source (a whole row, id included), text, turns: a source put back */
    CHANGE_SOURCE_DELETE,   /* source_id: a source, once its codings and decisions are gone */
};

/* A change. Strings are borrowed when a change is built to be applied, and owned (freed by
 * change_finish) when it comes from change_decode. */
struct change {
    enum change_kind kind;
    struct coding_row coding;
    struct code code;
    enum memo_target memo_target;
    int64_t memo_id;
    char *memo_text;
    struct decision_row decision;
    int64_t source_id;
    int64_t target_id;
    int64_t attribute_id;
    char *text;
    char *journal_ids;
    char *memo_ids;
    struct source_row source;
    struct turn_list turns;
    int64_t cell_case_id;
    int64_t cell_code_id;
    char *cell_text;
    bool quote;
};

/* The name of a change's kind: "coding.insert", "code.set", ... */
const char *change_name(enum change_kind kind);

/* The text form of a change ("coding.delete 12"); the caller frees it. NULL when memory runs
 * out. */
char *change_encode(const struct change *change);

/* Reads a text form; on success the caller finishes *out. */
bool change_decode(const char *text, struct change *out, struct error *err);

/* Frees the strings of a decoded change. */
void change_finish(struct change *change);

/* Applies a change through the store, made by coder_id (a memo records it as its author). A
 * change the project no longer fits, because another
 * coder or program changed it meanwhile (the row to delete or change is gone, or the row to put
 * back is there already), changes nothing, sets *stale and fails with a message saying what
 * changed; any other failure leaves *stale false. The caller rolls back what else it did. */
bool change_apply(struct store *store, const struct change *change, int64_t coder_id, bool *stale,
                  struct error *err);

#endif
