/* The project file: one SQLite database per project.
 *
 * A store is an open project file. Opening checks that the file is a margin project
 * (application_id), refuses one written by a newer margin, and brings an older one up to date
 * inside a transaction. Nothing is written to a file that fails these checks. */
#ifndef MARGIN_STORE_STORE_H
#define MARGIN_STORE_STORE_H

#include "core/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The format version this margin writes; files carry it in PRAGMA user_version. */
#define STORE_FORMAT_VERSION 9

/* PRAGMA application_id of every margin project: "MRGN". */
#define STORE_APPLICATION_ID 0x4D52474E

enum store_mode {
    STORE_READ_WRITE,
    STORE_READ_ONLY,
};

struct store;

/* Creates a new, empty project at `path`, which must not exist yet. The file appears whole or
 * not at all. Returns the open store, or NULL with a message. */
struct store *store_create(const char *path, struct error *err);

/* Opens an existing project. A project in an older format is upgraded first, in one transaction,
 * even to be read. Returns NULL with a message when the file is missing, not a margin project,
 * from a newer margin, damaged, or cannot be written when it must be (for STORE_READ_WRITE, or to
 * upgrade it). */
struct store *store_open(const char *path, enum store_mode mode, struct error *err);

/* Opens a new project held in memory, for tests. */
struct store *store_open_memory(struct error *err);

/* Closes the store and frees it; accepts NULL. An open transaction is rolled back. */
void store_close(struct store *store);

/* The path the store was opened with (":memory:" for memory stores). */
const char *store_path(const struct store *store);

/* True when no change can be saved: the file was opened read-only (its permissions, a read-only
 * mount) or its folder, where the journal goes while a change is made, could not be written,
 * as found when the store was opened (the status line asks on every draw). */
bool store_read_only(const struct store *store);

/* Transactions nest: only the outermost store_begin() and store_commit() reach the file.
 * store_begin() takes the write lock at once (waiting up to the busy timeout) so that a
 * transaction never fails half-way for lack of it. After a store_rollback() at any depth, the
 * whole transaction is rolled back and inner commits report failure. */
bool store_begin(struct store *store, struct error *err);
bool store_commit(struct store *store, struct error *err);
void store_rollback(struct store *store);

/* Names the program that makes this connection's changes ("screen", "command line"), as the
 * journal records it; a string literal. Until set, changes are recorded as the command line's. */
void store_set_program(struct store *store, const char *program);

/* How many transactions this connection has committed. */
uint64_t store_commits(const struct store *store);

/* A number that changes whenever another connection commits a change to the file
 * (PRAGMA data_version), so a long-running view can notice and reload. */
int64_t store_data_version(struct store *store);

/* Copies the project to `dest` with SQLite's online backup; safe while others use the file.
 * The copy is written next to dest and renamed into place when complete. */
bool store_backup(struct store *store, const char *dest, struct error *err);

/* Runs SQLite's integrity and foreign key checks and margin's own (every coding inside its
 * source's text, the codes' kept counts equal to their codings, ...). Appends one line per
 * problem to `problems` (a strbuf) and returns their number, or -1 with a message if the checks
 * could not run. */
struct strbuf;
long store_check(struct store *store, struct strbuf *problems, struct error *err);

/* How many of each thing a project holds. */
struct store_counts {
    int64_t sources;
    int64_t cases;
    int64_t codes;
    int64_t coders;
    int64_t codings;
    int64_t detached; /* of the codings, those whose text was deleted */
    int64_t memos;
};

/* Counts the project's sources, cases, codes, coders, codings (and how many are detached) and
 * memos (coding memos included). */
bool store_counts(struct store *store, struct store_counts *out, struct error *err);

/* Sets *value (the caller frees it) to a project setting, or NULL when it is not set. */
bool store_setting_get(struct store *store, const char *key, char **value, struct error *err);

/* Stores a project setting, replacing its earlier value; a NULL value removes the setting. */
bool store_setting_set(struct store *store, const char *key, const char *value, struct error *err);

/* Calls visit() with every text people wrote or that quotes them: sources' texts, speaker labels
 * and names, the
 * names of cases, coders, attributes and codes, case values, code descriptions, memos (coding
 * memos too), the journal's summaries and its undo and redo (as stored: percent-encoded), and
 * settings. `where` says which ("the text of source", "memo") and `row` which row of it. Stops
 * when visit() returns false (memory ran out), failing with a message. */
bool store_texts_scan(struct store *store,
                      bool (*visit)(void *context, const char *where, int64_t row, const char *text,
                                    size_t n),
                      void *context, struct error *err);

/* Rewrites every text store_texts_scan() visits except sources' texts and the journal's undo
 * and redo: rewrite() returns the new text (which the store frees) or NULL to keep it, setting
 * *failed when memory runs out. Sets *changed to the number of texts changed. Call it inside a
 * transaction; a name made to clash with another fails as a constraint. */
bool store_texts_rewrite(struct store *store,
                         char *(*rewrite)(void *context, const char *text, size_t n, bool *failed),
                         void *context, size_t *changed, struct error *err);

/* Empties the undo and redo of every journal entry and makes it final: nothing before can be
 * undone or redone. The entries and their summaries stay. */
bool store_journal_forget_history(struct store *store, struct error *err);

/* Makes SQLite overwrite deleted content with zeros on this connection from now on. */
bool store_set_secure_delete(struct store *store, struct error *err);

/* Sets the connection up for one transaction of many small changes (an import) or a check that
 * reads the whole file, or back as it was. For bulk: SQLite's temporary files (statement journals)
 * in memory, so that each change's statement journal writes no file (a large sort then costs twice
 * as much), and a page cache of 64 MB rather than SQLite's 2 MB, so that the pages of the indexes
 * being written stay in memory instead of being read back from the file for every row. */
bool store_set_bulk(struct store *store, bool bulk, struct error *err);

/* Rewrites the whole project file (VACUUM), leaving no free pages; outside any transaction. */
bool store_vacuum(struct store *store, struct error *err);

/* The time now as stored in the file: "YYYY-MM-DDTHH:MM:SSZ" (UTC). */
void store_timestamp(char out[21]);

#endif
