/* Writing memos and descriptions: the editor opened on what the project holds, saved back as an
 * undoable change, and kept as a draft when margin is stopped (a dropped SSH connection) while
 * the editor is open, to be offered back the next time the same coder opens the project.
 * Private to src/ui. */
#ifndef MARGIN_UI_WRITING_H
#define MARGIN_UI_WRITING_H

#include "internal.h"

/* What is being written, about the item with an id. A draft keeps the number: new kinds go at
 * the end. */
enum writing {
    WRITING_CODING_MEMO,
    WRITING_SOURCE_MEMO,
    WRITING_CODE_MEMO,
    WRITING_CODE_DESCRIPTION,
    WRITING_MATRIX_SUMMARY, /* the id: writing_cell() */
    WRITING_PROJECT_MEMO,   /* the id is unused */
    WRITING_CASE_MEMO,
};

/* The id of the framework matrix's cell of a case and a code (both ids below 2^31), or -1 when
 * either is too large to be written so. */
int64_t writing_cell(int64_t case_id, int64_t code_id);

/* Opens the editor on the text of `what` for item `id`, as the project holds it. */
void writing_open(struct ui *ui, enum writing what, int64_t id);

/* Keeps the text of an open editor as this coder's draft in the project. */
void writing_keep_draft(struct ui *ui);

/* Opens the editor on this coder's draft, if one was kept, and takes the draft out of the
 * project: the editor has it now. */
void writing_offer_draft(struct ui *ui);

#endif
