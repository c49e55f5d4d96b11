/* Managing what a project holds: renaming, deleting and relinking sources, renaming, deleting
 * and merging cases and coders, setting a case's attribute values. Each is one transaction and
 * one undoable batch of `coder_id`'s history (0 for none), journaled as the changes it is made
 * of ("case.rename", "source.relink", "coding.delete", "source.delete", ...), which undo puts
 * back under the same ids. (Sources, cases and coders may reuse the highest id after it is
 * deleted: when a new row has taken it, undo refuses, saying so.) Deleting a source or a coder
 * with codings still asks to be told first.
 *
 * Each sets `message` to a line for people saying what it did, and fails with a message, changing
 * nothing, for an unknown name, a name taken or not allowed, or a deletion not confirmed. */
#ifndef MARGIN_MODEL_MANAGE_H
#define MARGIN_MODEL_MANAGE_H

#include "core/error.h"
#include "model/project.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Renames a source. */
bool manage_source_rename(struct project *project, const char *name, const char *new_name,
                          int64_t coder_id, char *message, size_t size, struct error *err);

/* Sets *codings to the number of codings of the source named `name`, detached ones included,
 * and *decisions to the number of settled disagreements in it: what deleting it takes away. */
bool manage_source_holds(struct project *project, const char *name, size_t *codings,
                         size_t *decisions, struct error *err);

/* Deletes a source with its text, turns, codings, decisions and memo. A source with codings or
 * decisions is deleted only when `confirmed`; otherwise the error counts them. Undoing it puts
 * them back with the codings' quote marks and matrix links. */
bool manage_source_delete(struct project *project, const char *name, bool confirmed,
                          int64_t coder_id, char *message, size_t size, struct error *err);

/* Links a source to the case named `case_name` (added when new, in a transaction of its own), or
 * to none for NULL. */
bool manage_source_relink(struct project *project, const char *name, const char *case_name,
                          int64_t coder_id, char *message, size_t size, struct error *err);

/* Renames a case. */
bool manage_case_rename(struct project *project, const char *name, const char *new_name,
                        int64_t coder_id, char *message, size_t size, struct error *err);

/* Sets case `name`'s value of the attribute named `attribute` to `value`, or clears it for NULL
 * or "". The value must fit the attribute's type as cases import checks it
 * (row_attribute_fits()); an unknown attribute fails with a message naming the ones there are.
 * A value that is there already changes nothing, and says so. */
bool manage_case_set(struct project *project, const char *name, const char *attribute,
                     const char *value, int64_t coder_id, char *message, size_t size,
                     struct error *err);

/* Deletes a case with its attribute values, memo and matrix summaries (with their links); its
 * sources then belong to no case. */
bool manage_case_delete(struct project *project, const char *name, int64_t coder_id, char *message,
                        size_t size, struct error *err);

/* Merges case `name` into case `into`: its sources are relinked to `into`, which takes the
 * attribute values it lacks and the memo (after its own); then `name` is deleted as by
 * manage_case_delete(). The message counts the attributes both had with different values
 * (into's kept). */
bool manage_case_merge(struct project *project, const char *name, const char *into,
                       int64_t coder_id, char *message, size_t size, struct error *err);

/* Renames a coder (the name must pass names_check_coder()). */
bool manage_coder_rename(struct project *project, const char *name, const char *new_name,
                         int64_t coder_id, char *message, size_t size, struct error *err);

/* Deletes a coder with the coder's decisions; the coder's journal entries and memos are then no
 * one's. A coder with codings is refused unless `drop_codings`, which deletes them too; the
 * message then counts them. `coder_id` may not be the coder deleted. */
bool manage_coder_delete(struct project *project, const char *name, bool drop_codings,
                         int64_t coder_id, char *message, size_t size, struct error *err);

/* Merges coder `name` into coder `into`, when one person coded under two names: codings,
 * decisions, memos and journal entries become into's. A coding both had (same source, code and
 * span) is kept once, with name's memo when into's had none; so is a decision. `coder_id` may
 * not be the coder merged away. */
bool manage_coder_merge(struct project *project, const char *name, const char *into,
                        int64_t coder_id, char *message, size_t size, struct error *err);

#endif
