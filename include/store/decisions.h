/* Decisions: how a consensus coder settled a disagreement between two coders about one code in
 * one stretch of a source. */
#ifndef MARGIN_STORE_DECISIONS_H
#define MARGIN_STORE_DECISIONS_H

#include "core/error.h"
#include "core/row.h"
#include "store/store.h"

#include <stddef.h>
#include <stdint.h>

/* "first", "second", "union", "intersection", "neither", "edited"; and back (false when
 * unknown). */
const char *decision_choice_name(enum decision_choice choice);
bool decision_choice_parse(const char *name, enum decision_choice *choice);

struct decision_row {
    int64_t id;
    int64_t source_id;
    int64_t code_id;
    int64_t consensus_id;
    int64_t first_id;
    int64_t second_id;
    int64_t start;
    int64_t end;
    enum decision_choice choice;
};

struct decision_list {
    struct decision_row *items;
    size_t count, cap;
};

void decision_list_finish(struct decision_list *list);

/* Records a new decision and sets row->id to it. */
bool store_decision_add(struct store *store, struct decision_row *row, struct error *err);

/* Puts a decision back under its id (as undo does); sets *taken, inserting nothing, when the id
 * or the decision's stretch is taken.
 * It sets *orphaned instead, inserting nothing, when a row it refers to is gone. */
bool store_decision_restore(struct store *store, const struct decision_row *row, bool *taken,
                            bool *orphaned, struct error *err);

/* Forgets a decision; *found says whether it was there. */
bool store_decision_delete(struct store *store, int64_t id, bool *found, struct error *err);

/* Appends the decisions of `consensus_id` about code_id between first_id and second_id, by
 * source and start; with code_id 0, about every code, by code, source and start. */
bool store_decisions_list(struct store *store, int64_t code_id, int64_t consensus_id,
                          int64_t first_id, int64_t second_id, struct decision_list *out,
                          struct error *err);

/* Appends every decision `coder_id` took part in (as consensus, first or second coder), by id. */
bool store_decisions_of_coder(struct store *store, int64_t coder_id, struct decision_list *out,
                              struct error *err);

/* Appends every decision about a stretch of one source, by start. */
bool store_decisions_of_source(struct store *store, int64_t source_id, struct decision_list *out,
                               struct error *err);

#endif
