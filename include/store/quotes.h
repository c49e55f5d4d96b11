/* Quotes: codings marked to be cited in the write-up. A mark belongs to its coding's id; the
 * mark of a deleted coding is kept, unseen, so that undoing the deletion brings it back. */
#ifndef MARGIN_STORE_QUOTES_H
#define MARGIN_STORE_QUOTES_H

#include "core/error.h"
#include "store/store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The ids of quoted codings, ascending. */
struct quote_id_list {
    int64_t *items;
    size_t count, cap;
};

void quote_id_list_finish(struct quote_id_list *list);

/* Marks the coding `coding_id` as a quote (on) or takes the mark off. Marking sets *found to
 * whether the coding exists (nothing is marked when it does not); marking a quote again or
 * unmarking a coding that is no quote changes nothing and succeeds. */
bool store_quote_set(struct store *store, int64_t coding_id, bool on, bool *found,
                     struct error *err);

/* Sets *quoted to whether the coding is marked as a quote. */
bool store_quote_get(struct store *store, int64_t coding_id, bool *quoted, struct error *err);

/* Appends the ids of the codings that exist and are marked, ascending, to out. */
bool store_quotes_list(struct store *store, struct quote_id_list *out, struct error *err);

/* Whether the sorted list holds id. */
bool quote_id_list_has(const struct quote_id_list *list, int64_t id);

#endif
