/* The codebook: codes with their place in the tree. */
#ifndef MARGIN_STORE_CODES_H
#define MARGIN_STORE_CODES_H

#include "core/codetree.h"
#include "core/error.h"
#include "store/store.h"

/* Reads every code into a new, indexed tree (the caller destroys it). Returns NULL with a
 * message when the stored tree is unreadable or inconsistent. */
struct codetree *store_codes_load(struct store *store, struct error *err);

/* Adds a code: parent_id, position, name, description, colour and codable are taken from
 * `code`; its GUID too, or a new one when code->guid is empty. Sets code->id and code->guid.
 * A position already taken among the siblings fails with a user error. */
bool store_code_add(struct store *store, struct code *code, struct error *err);

/* Puts back a code with its id and GUID (as undo does); sets *taken, inserting nothing, when
 * the id or the GUID is taken. It sets *orphaned instead, inserting nothing, when a row it refers
 * to is gone. */
bool store_code_restore(struct store *store, const struct code *code, bool *taken, bool *orphaned,
                        struct error *err);

/* Writes a code's parent, position, name, description, colour and codable flag; *found says
 * whether the code was there. */
bool store_code_update(struct store *store, const struct code *code, bool *found,
                       struct error *err);

/* Deletes a code, its descendants and every coding at them; *found says whether it was there. */
bool store_code_delete(struct store *store, int64_t id, bool *found, struct error *err);

#endif
