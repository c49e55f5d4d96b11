/* Memos on the project, a source, a case or a code (a coding's memo lives on the coding). */
#ifndef MARGIN_STORE_MEMOS_H
#define MARGIN_STORE_MEMOS_H

#include "core/error.h"
#include "store/store.h"

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

#endif
