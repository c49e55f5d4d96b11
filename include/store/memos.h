/* Memos on the project, a source, a case or a code (a coding's memo lives on the coding). */
#ifndef MARGIN_STORE_MEMOS_H
#define MARGIN_STORE_MEMOS_H

#include "core/error.h"
#include "store/store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum memo_target {
    MEMO_PROJECT,
    MEMO_SOURCE,
    MEMO_CASE,
    MEMO_CODE,
};

/* Sets the memo of a target (target_id is ignored for MEMO_PROJECT), written by coder_id
 * (0 for none). NULL or "" deletes it. */
bool store_memo_set(struct store *store, enum memo_target target, int64_t target_id,
                    const char *text, int64_t coder_id, struct error *err);

/* Sets *text to the memo (the caller frees it), or NULL when there is none. */
bool store_memo_get(struct store *store, enum memo_target target, int64_t target_id, char **text,
                    struct error *err);

/* A memo as store_memos_list() gives it: on a project, source, case or code (coding false), or
 * a coding's memo (coding true; target is then unused and target_id is the coding's id). */
struct memo_row {
    bool coding;
    enum memo_target target;
    int64_t target_id;
    char *text;
    char *author;                           /* the coder who wrote it last; NULL when not known */
    char *modified;                         /* when, in UTC: "2026-01-31T09:30:00Z" */
    int64_t source_id, code_id, start, end; /* a coding's */
};

struct memo_list {
    struct memo_row *items;
    size_t count, cap;
};

/* Appends every memo to out: the project's, then sources', cases', codes' (each by id) and
 * codings' (by source, start and end). The caller finishes out with store_memo_list_finish. */
bool store_memos_list(struct store *store, struct memo_list *out, struct error *err);
void store_memo_list_finish(struct memo_list *list);

#endif
