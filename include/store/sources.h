/* Sources (interviews, observation notes, documents) and their speaker turns. */
#ifndef MARGIN_STORE_SOURCES_H
#define MARGIN_STORE_SOURCES_H

#include "core/error.h"
#include "core/row.h"
#include "store/store.h"

#include <stddef.h>

/* Adds a source whose text is valid, LF-normalised UTF-8 of `row->length` code points, with
 * its turns (may be NULL). row->id is set. A name already taken fails with a user error. The
 * source, its text and its turns are separate rows: call it inside a transaction. */
bool store_source_add(struct store *store, struct source_row *row, const char *text, size_t n,
                      const struct turn_list *turns, struct error *err);

/* Fills *out with the source named `name` (the caller finishes its strings via a list or
 * free(out->name)); out->id is 0 when there is none. */
bool store_source_find(struct store *store, const char *name, struct source_row *out,
                       struct error *err);

/* Appends every source, by name, to out. */
bool store_sources_list(struct store *store, struct source_list *out, struct error *err);

/* Sets *text (the caller frees it) and *n to the source's text; fails if there is no such source.
 */
bool store_source_text(struct store *store, int64_t id, char **text, size_t *n, struct error *err);

/* Appends the source's speaker turns, in text order, to out. */
bool store_source_turns(struct store *store, int64_t id, struct turn_list *out, struct error *err);

/* Replaces the source's speaker turns with `turns`; call it inside a transaction. */
bool store_source_set_turns(struct store *store, int64_t id, const struct turn_list *turns,
                            struct error *err);

/* Links a source to a case (0 unlinks it). */
bool store_source_set_case(struct store *store, int64_t id, int64_t case_id, struct error *err);

/* Replaces a source's text (valid, LF-normalised UTF-8, n bytes) and its turns, and sets its
 * length and hash from row->length and row->sha256; *found says whether the source (row->id)
 * was there. Codings are left where they are: the caller moves them, after this when the text
 * grew shorter. */
bool store_source_replace_text(struct store *store, const struct source_row *row, const char *text,
                               size_t n, const struct turn_list *turns, bool *found,
                               struct error *err);

/* Renames a source; a name taken fails as a constraint. *found says whether it was there. */
bool store_source_rename(struct store *store, int64_t id, const char *name, bool *found,
                         struct error *err);

/* Puts a source back under its old id (row->id), with its text (n bytes) and turns, as undo
 * does. When its id or name is taken, nothing changes and *taken is set; when its case is gone,
 * *orphaned. */
bool store_source_restore(struct store *store, const struct source_row *row, const char *text,
                          size_t n, const struct turn_list *turns, bool *taken, bool *orphaned,
                          struct error *err);

/* Deletes a source with its text, turns, codings, decisions and memo. */
bool store_source_delete(struct store *store, int64_t id, bool *found, struct error *err);

#endif
