/* Codings: a coder's code on a span of a source, with an optional memo. */
#ifndef MARGIN_STORE_CODINGS_H
#define MARGIN_STORE_CODINGS_H

#include "core/error.h"
#include "core/row.h"
#include "store/store.h"

/* Which codings a filter takes by their state: attached ones unless it says otherwise. */
enum coding_state {
    CODINGS_ATTACHED,
    CODINGS_DETACHED,
    CODINGS_ALL,
};

/* Which codings to list; 0 in an id means any. */
struct coding_filter {
    int64_t source_id;
    int64_t coder_id;
    int64_t code_id;
    enum coding_state state;
};

/* Appends the matching codings to out, ordered by source, start, end, code and coder. Without
 * a filter, the attached ones. */
bool store_codings_list(struct store *store, const struct coding_filter *filter,
                        struct coding_list *out, struct error *err);

/* Appends the attached codings of one source, by `coder_id` or by every coder when it is 0,
 * ordered by start, end, code and coder, as store_codings_list() would. Reads one range of an
 * index (and the codings that have a memo), so that its cost follows the codings appended. */
bool store_source_codings(struct store *store, int64_t source_id, int64_t coder_id,
                          struct coding_list *out, struct error *err);

/* Appends, for every source, code and coder with attached codings, how many there are, ordered
 * by source id, code id and coder id. Reads only the index of attached codings. */
bool store_coding_tallies(struct store *store, struct coding_tally_list *out, struct error *err);

/* Calls visit() with each attached coding of one source, in no particular order, reading only
 * the index of attached codings: its cost follows the source's codings. Stops and fails when
 * visit() returns false, which it does when memory runs out. */
bool store_source_coding_spans(struct store *store, int64_t source_id,
                               bool (*visit)(void *context, const struct coding_span_row *row),
                               void *context, struct error *err);

/* Adds a coding and sets row->id. When the same coder already has the same code on the same
 * span, nothing is added: *added is false and row->id is the existing coding's id.
 * A span outside the source's text fails with a user error. A row marked detached is added
 * detached at row->start (its end is set to its start), unless the coder has a detached coding
 * of the code there already. */
bool store_coding_add(struct store *store, struct coding_row *row, bool *added, struct error *err);

/* Puts back a coding with its id (as undo does); sets *taken, inserting nothing, when the id is
 * taken or the coder has the same code on the same span under another id.
 * It sets *orphaned instead, inserting nothing, when a row it refers to is gone. */
bool store_coding_restore(struct store *store, const struct coding_row *row, bool *taken,
                          bool *orphaned, struct error *err);

/* Reads one coding into *out (the caller frees out->memo); *found is false when there is none. */
bool store_coding_get(struct store *store, int64_t id, struct coding_row *out, bool *found,
                      struct error *err);

/* Writes a coding's code, span and memo; *found says whether the coding was there. */
bool store_coding_update(struct store *store, const struct coding_row *row, bool *found,
                         struct error *err);

/* Moves a coding to [start, end) and sets whether it is detached (an empty span is allowed
 * only then); *found says whether the coding was there. Two attached codings of one coder with
 * one code on one span fail as a constraint. */
bool store_coding_place(struct store *store, int64_t id, int64_t start, int64_t end, bool detached,
                        bool *found, struct error *err);

/* Gives a coding to another coder; *found says whether it was there. */
bool store_coding_set_coder(struct store *store, int64_t id, int64_t coder_id, bool *found,
                            struct error *err);

/* Deletes a coding; *found says whether it was there. */
bool store_coding_delete(struct store *store, int64_t id, bool *found, struct error *err);

/* Sets *exists to whether `source_id` has an attached coding of `code_id` by `coder_id`, or by
 * anyone when coder_id is 0. */
bool store_codings_exist(struct store *store, int64_t source_id, int64_t code_id, int64_t coder_id,
                         bool *exists, struct error *err);

/* The triggers that run for every coding inserted (the counts of code_usage and the check that a
 * span lies inside its source), and for a large import also the indexes that cost most to keep
 * up row by row, taken out inside a transaction and put back, as they were, before it ends. */
struct codings_suspended {
    char *sql[6]; /* the statements that made them, in the order that puts them back */
    size_t count;
};

/* Drops those triggers inside the current transaction, and with `indexes` codings_unique,
 * codings_source and the triggers that read codings_unique, keeping in *out what puts them
 * back. Until store_codings_resume(), which must come before the commit, the caller keeps
 * code_usage right itself (store_code_usage_add), adds only codings inside their sources, and
 * with `indexes` only inserts codings, no two the same (store_coding_insert). */
bool store_codings_suspend(struct store *store, bool indexes, struct codings_suspended *out,
                           struct error *err);

/* Puts back what store_codings_suspend() dropped and empties *s. Creating codings_unique again
 * fails as a constraint if two attached codings are the same. */
bool store_codings_resume(struct store *store, struct codings_suspended *s, struct error *err);

/* Empties *s without putting anything back: when the transaction is rolled back instead. */
void store_codings_suspended_finish(struct codings_suspended *s);

/* Adds `sources` and `codings` to the counts of code_usage for `code_id` by `coder_id` (0 for
 * everyone), as the triggers would have for that many codings added. */
bool store_code_usage_add(struct store *store, int64_t code_id, int64_t coder_id, int64_t sources,
                          int64_t codings, struct error *err);

/* Sets *count to the number of codings, attached or not. */
bool store_codings_count(struct store *store, int64_t *count, struct error *err);

/* Sets *id to the id the next coding added would get. */
bool store_codings_next_id(struct store *store, int64_t *id, struct error *err);

/* Makes the next coding added get an id above `last`, as though codings up to it had been
 * added (store_coding_add uses up an id even for a coding it finds already there). */
bool store_codings_use_ids(struct store *store, int64_t last, struct error *err);

/* Inserts n attached codings, each under its row->id, checking nothing but the table's own
 * constraints: for an import whose rows were checked and told apart beforehand. */
bool store_codings_insert(struct store *store, const struct coding_row *const *rows, size_t n,
                          struct error *err);

/* How many characters of a source a coder's codings cover, each character once. */
struct source_coverage {
    int64_t source_id;
    int64_t characters;
};

struct coverage_list {
    struct source_coverage *items;
    size_t count, cap;
};

/* Appends, for each source the coder has attached codings in, how many of its characters they
 * cover (overlapping codings counted once), by source id. The caller frees out->items. */
bool store_coded_characters(struct store *store, int64_t coder_id, struct coverage_list *out,
                            struct error *err);

/* Appends how much each used code is used: by `coder_id`, or by everyone when it is 0 (rows
 * then carry coder_id 0). Codes nobody used are left out. */
bool store_code_usage(struct store *store, int64_t coder_id, struct code_usage_list *out,
                      struct error *err);

#endif
