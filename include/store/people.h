/* Coders, cases and the attributes of cases. */
#ifndef MARGIN_STORE_PEOPLE_H
#define MARGIN_STORE_PEOPLE_H

#include "core/error.h"
#include "core/row.h"
#include "store/store.h"

#include <stddef.h>

/* Sets *id to the coder named `name`, or 0 when there is none. */
bool store_coder_find(struct store *store, const char *name, int64_t *id, struct error *err);

/* Sets *id to the coder named `name`, adding the coder when there is none, which fails with a
 * message when the name breaks the rule of core/names.h (names_check_coder). */
bool store_coder_ensure(struct store *store, const char *name, int64_t *id, struct error *err);

/* Appends every coder, by name, to out (which the caller finishes). */
bool store_coders_list(struct store *store, struct coder_list *out, struct error *err);

/* Appends every coder who has settled a disagreement as a consensus coder (store/decisions.h),
 * by name, to out. */
bool store_consensus_coders(struct store *store, struct coder_list *out, struct error *err);

/* As for coders: find (0 when absent), ensure (add when absent) and list cases by name. */
bool store_case_find(struct store *store, const char *name, int64_t *id, struct error *err);
bool store_case_ensure(struct store *store, const char *name, int64_t *id, struct error *err);
bool store_cases_list(struct store *store, struct case_list *out, struct error *err);

/* Sets *id (and *type) to the attribute named `name`; *id is 0 when there is none. */
bool store_attribute_find(struct store *store, const char *name, int64_t *id,
                          enum attribute_type *type, struct error *err);

/* Adds an attribute and sets *id to it. */
bool store_attribute_add(struct store *store, const char *name, enum attribute_type type,
                         int64_t *id, struct error *err);

/* Changes an attribute's type; the caller has checked that its values fit. */
bool store_attribute_set_type(struct store *store, int64_t id, enum attribute_type type,
                              struct error *err);

/* Appends every value stored for one attribute to out. */
bool store_attribute_values(struct store *store, int64_t id, struct case_value_list *out,
                            struct error *err);

/* Appends every attribute, in the order they were added, to out. */
bool store_attributes_list(struct store *store, struct attribute_list *out, struct error *err);

/* Sets a case's value for an attribute, replacing any earlier value; NULL or "" removes it. */
bool store_case_value_set(struct store *store, int64_t case_id, int64_t attribute_id,
                          const char *value, struct error *err);

/* Sets *value to a copy of a case's value for an attribute (the caller frees it), or to NULL
 * when it has none. */
bool store_case_value_get(struct store *store, int64_t case_id, int64_t attribute_id, char **value,
                          struct error *err);

/* As store_case_value_set, for a change being undone or redone: when the case or the attribute
 * is gone, nothing is set or cleared, *orphaned is set and the result is still true. */
bool store_case_value_restore(struct store *store, int64_t case_id, int64_t attribute_id,
                              const char *value, bool *orphaned, struct error *err);

/* Appends every case's values to out, ordered by case then attribute. */
bool store_case_values_list(struct store *store, struct case_value_list *out, struct error *err);

/* Renames a case or a coder; a name taken fails with a user error. *found says whether it was
 * there. */
bool store_case_rename(struct store *store, int64_t id, const char *name, bool *found,
                       struct error *err);
bool store_coder_rename(struct store *store, int64_t id, const char *name, bool *found,
                        struct error *err);

/* Deletes a case's row; *found says whether it was there. What refers to it goes with it (its
 * values, memo, matrix summaries and links) or refers to no case (its sources): the caller
 * takes those away first when they are to come back with the case (store_case_restore). */
bool store_case_remove(struct store *store, int64_t id, bool *found, struct error *err);

/* Puts a case's row back under its old id and name. When the id or the name is taken, nothing
 * changes and *taken is set. */
bool store_case_restore(struct store *store, int64_t id, const char *name, bool *taken,
                        struct error *err);

/* Deletes a coder's row; *found says whether it was there. The coder's decisions go with it,
 * and the coder's journal entries and memos are then no one's; a coder with codings is refused
 * (a foreign key). The caller takes those away first when they are to come back with the coder
 * (store_coder_restore). */
bool store_coder_remove(struct store *store, int64_t id, bool *found, struct error *err);

/* Puts a coder's row back under its old id and name. When the id or the name is taken, nothing
 * changes and *taken is set. */
bool store_coder_restore(struct store *store, int64_t id, const char *name, bool *taken,
                         struct error *err);

/* Ids of rows; the caller frees items. */
struct store_ids {
    int64_t *items;
    size_t count, cap;
};

/* What a coder can own besides codings and decisions. */
enum store_owned {
    STORE_OWNED_JOURNAL, /* journal entries: who made each change, whose undo it is */
    STORE_OWNED_MEMOS,   /* memos: who wrote each last */
};

/* Appends, by id, the ids of what `coder_id` owns of `what` to out (the caller frees
 * out->items). */
bool store_owned_ids(struct store *store, enum store_owned what, int64_t coder_id,
                     struct store_ids *out, struct error *err);

/* Makes the rows of `what` with ids from `first` to `last` coder_id's (0: no one's). */
bool store_owned_give(struct store *store, enum store_owned what, int64_t first, int64_t last,
                      int64_t coder_id, struct error *err);

/* Rows that others refer to. */
enum store_referred {
    STORE_SOURCE, /* by codings, decisions and a memo */
    STORE_CODER,  /* by codings and decisions */
    STORE_CASE,   /* by sources, values, a memo, matrix summaries and links */
};

/* Sets *referred to whether anything that deleting the source, coder or case with `id` would
 * take along or unlink still refers to it. */
bool store_referred(struct store *store, enum store_referred what, int64_t id, bool *referred,
                    struct error *err);

#endif
