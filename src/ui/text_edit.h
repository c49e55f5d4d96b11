/* What the transcript's "redact as..." and "correct" keep between their prompts and
 * questions, and the actions themselves (text_edit.c). */
#ifndef MARGIN_UI_TEXT_EDIT_H
#define MARGIN_UI_TEXT_EDIT_H

#include "internal.h"

#include "core/span.h"

struct text_edit {
    char original[256];    /* what "redact as" replaces, between its prompt and question */
    char replacement[256]; /* and what it puts there */
    struct span span;      /* what "correct" replaces, while its prompt is open */
    char *was;             /* the words there when it opened */
};

/* Asks what to put in place of the selected words everywhere in the project, then, after a
 * question (the undo history goes), replaces them as margin redact does. */
void text_edit_redact(struct ui *ui, struct text_edit *e);

/* Opens a prompt holding the selected words (on one line), to be corrected and saved in their
 * place as one undoable change. */
void text_edit_correct(struct ui *ui, struct text_edit *e);

/* Frees what an edit left open; the edit may be used again. */
void text_edit_finish(struct text_edit *e);

#endif
