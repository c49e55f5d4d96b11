/* Memos, the analyst's notes: on the project, a source, a case, a code or a coding. Reading
 * them all (for `margin memos` and a screen's list) and writing one of the first four, as one
 * undoable batch of the coder who writes it (model/history.h), so that memos written on the
 * command line and on the screen are undone alike. A coding's memo is written with the coding
 * (model/edit.h, model/session.h). */
#ifndef MARGIN_MODEL_MEMOS_H
#define MARGIN_MODEL_MEMOS_H

#include "core/error.h"
#include "model/project.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum memos_kind {
    MEMOS_PROJECT,
    MEMOS_SOURCE,
    MEMOS_CASE,
    MEMOS_CODE,
    MEMOS_CODING,
};

/* "project", "source", "case", "code" or "coding". */
const char *memos_kind_name(enum memos_kind kind);

/* One memo with what it is attached to. Strings are owned by the list; NULL when they do not
 * apply to the memo's kind. */
struct memos_entry {
    enum memos_kind kind;
    int64_t id; /* what it is on: the source's, case's, code's or coding's id; 0 for the project */
    int64_t source_id; /* a source's or coding's source; 0 for other memos */
    char *source;      /* the source's name: a source's or a coding's memo */
    char *case_name;   /* the case's name: a case's memo, or the case of a source's or coding's */
    char *code;        /* the code's number ("07.01.02"): a code's or a coding's memo */
    char *code_name;
    int64_t start, end; /* a coding's span; -1 for other memos */
    char *coder;        /* a coding's coder */
    char *author;       /* who wrote it last; NULL when not known (an imported memo) */
    char *modified;     /* when, in UTC ("2026-01-31T09:30:00Z") */
    char *text;
};

struct memos_list {
    struct memos_entry *items;
    size_t count, cap;
};

/* Lists every memo of the project: the project's, then the sources', cases' and codes', then the
 * codings' by source and position. On failure *out is empty and err says why; the caller
 * finishes *out either way. */
bool memos_list(struct project *project, struct memos_list *out, struct error *err);
void memos_list_finish(struct memos_list *list);

/* The memo of the project (target NULL), or of the source, case or code `target` names (a code
 * as codetree_resolve() reads it): *text is NULL when there is none (the caller frees it). */
bool memos_get(struct project *project, enum memos_kind kind, const char *target, char **text,
               struct error *err);

/* Writes that memo for coder_id, as one undoable batch; NULL or "" removes it. Fails with a
 * message naming what does not exist. Setting a memo to the text it has changes nothing. */
bool memos_set(struct project *project, int64_t coder_id, enum memos_kind kind, const char *target,
               const char *text, struct error *err);

/* As memos_get() and memos_set() for the project (id 0) or the source, case or code with the
 * id `id`, as the screen knows them. Fails with a message when there is none of that id (it was
 * deleted meanwhile). */
bool memos_get_id(struct project *project, enum memos_kind kind, int64_t id, char **text,
                  struct error *err);
bool memos_set_id(struct project *project, int64_t coder_id, enum memos_kind kind, int64_t id,
                  const char *text, struct error *err);

/* Writes what such a memo is on into buf: "the project", "source int01", "case P01", "code
 * 07.01.02". Fails as memos_get_id() does. */
bool memos_describe_id(struct project *project, enum memos_kind kind, int64_t id, char *buf,
                       size_t size, struct error *err);

#endif
