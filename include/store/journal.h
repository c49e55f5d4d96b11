/* The journal: every change to a project as an operation, for the audit trail and undo. */
#ifndef MARGIN_STORE_JOURNAL_H
#define MARGIN_STORE_JOURNAL_H

#include "core/error.h"
#include "store/store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum journal_state {
    JOURNAL_DONE,   /* in effect, and can be undone */
    JOURNAL_UNDONE, /* undone, and can be redone */
    JOURNAL_FINAL,  /* in effect for good: bulk imports, and undone work a new change replaced */
};

struct journal_entry {
    int64_t id;
    int64_t batch; /* entries of one batch are undone and redone together */
    int64_t coder_id;
    enum journal_state state;
    char *operation; /* "coding.add", "codebook.import", ... */
    char *summary;   /* one line for people */
    char *undo;      /* what reverses it, or NULL */
    char *redo;      /* what repeats it, or NULL */
    char *program;   /* "screen" or "command line"; NULL for changes older than format 4 */
    char at[21];     /* when: "YYYY-MM-DDTHH:MM:SSZ" */
};

struct journal_list {
    struct journal_entry *items;
    size_t count, cap;
};

void journal_list_finish(struct journal_list *list);

/* A batch number not used yet. */
bool store_journal_new_batch(struct store *store, int64_t *batch, struct error *err);

/* Appends an entry; with undo NULL it is JOURNAL_FINAL, otherwise JOURNAL_DONE. */
bool store_journal_add(struct store *store, int64_t batch, int64_t coder_id, const char *operation,
                       const char *summary, const char *undo, const char *redo, struct error *err);

/* Appends to out the entries of the newest batch of `coder_id` in `state` (DONE: what undo
 * would reverse; UNDONE: what redo would repeat, the most recently undone first), in the order
 * they were made. Leaves out empty when there is none. */
bool store_journal_last_batch(struct store *store, int64_t coder_id, enum journal_state state,
                              struct journal_list *out, struct error *err);

/* Sets the state of every entry of a batch. */
bool store_journal_set_state(struct store *store, int64_t batch, enum journal_state state,
                             struct error *err);

/* Makes every UNDONE entry of `coder_id` FINAL: after a new change, it can no longer be redone. */
bool store_journal_drop_redo(struct store *store, int64_t coder_id, struct error *err);

/* Appends the newest `limit` entries, newest first, to out. */
bool store_journal_recent(struct store *store, size_t limit, struct journal_list *out,
                          struct error *err);

/* Appends, oldest first, every entry made at or after `since` (a prefix of a timestamp such as
 * "2026-03-01"; NULL for all) by `coder_id` (0 for anyone). */
bool store_journal_list(struct store *store, const char *since, int64_t coder_id,
                        struct journal_list *out, struct error *err);

#endif
