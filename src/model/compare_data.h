/* What the two files of the comparison share: the steps that choose what compare_run()
 * compares and read the coders' codings source by source. Nothing outside src/model includes
 * this. */
#ifndef MARGIN_MODEL_COMPARE_DATA_H
#define MARGIN_MODEL_COMPARE_DATA_H

#include "core/codetree.h"
#include "core/row.h"
#include "core/span.h"
#include "model/compare.h"
#include "model/filing.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Gives counts room for ncoders coders and npairs pairs, all zero; false when memory runs out. */
bool compare_counts_init(struct compare_counts *counts, size_t ncoders, size_t npairs);

/* Resolves the coders' names into result->coders and ids. */
bool compare_resolve_coders(struct project *project, const struct compare_request *request,
                            struct compare_result *result, int64_t *ids, struct error *err);

/* Chooses the sources to compare: those asked for (or all), when every coder coded something
 * in them. compared[k] becomes the index among result->sources of all->items[k], or SIZE_MAX. */
bool compare_choose_sources(const struct compare_request *request, const struct source_list *all,
                            const size_t *coded_in, struct compare_result *result, size_t *compared,
                            struct error *err);

/* Marks the codes of the selection (selected) and those the request names (named). */
bool compare_choose_codes(const struct codetree *tree, const struct compare_request *request,
                          bool *selected, bool *named, struct error *err);

/* The compared coders' tallies of codings (store_coding_tallies()) in the comparison's terms,
 * grouped by source: those of the k-th source listed are items[first[k]..first[k + 1]). */
struct compare_tally {
    int code;     /* index in the code tree, or -1 for a code the tree lacks */
    size_t coder; /* index among the compared coders */
    size_t count;
};
struct compare_tallies {
    struct compare_tally *items;
    size_t count;
    size_t *first; /* one more than the sources */
};

/* Reads the tallies of the coders coder_ids[0..ncoders) in the nsources sources of slots (whose
 * indexes are those sources' places in the list). */
bool compare_read_tallies(struct project *project, const int64_t *coder_ids, size_t ncoders,
                          const struct source_slot *slots, size_t nsources,
                          struct compare_tallies *out, struct error *err);

void compare_tallies_finish(struct compare_tallies *tallies);

/* Counts the codings each coder made in each source: coded_in[k * ncoders + i] for source k,
 * coder i. */
void compare_count_coded_sources(const struct compare_tallies *tallies, size_t nsources,
                                 size_t ncoders, size_t *coded_in);

/* Marks the selected codes that a coder coded directly in a source every coder coded
 * (whether or not it is compared). */
void compare_mark_direct(const struct compare_tallies *tallies, size_t nsources, size_t ncoders,
                         const size_t *coded_in, const bool *selected, bool *direct);

/* Marks, from what the coders coded in the compared sources (compared[k] != SIZE_MAX), the
 * selected codes that some coder used (used: itself or, unless own_only, through a
 * descendant) and those some coder coded itself (coded). */
void compare_mark_used(const struct codetree *tree, const struct compare_tallies *tallies,
                       size_t nsources, const size_t *compared, const bool *selected, bool own_only,
                       bool *used, bool *coded);

/* One source's codings by the compared coders, ordered by coder and then by code in outline
 * order: coder i's codings of the code at index c of the tree are
 * spans[at[i * (ncodes + 1) + c] .. at[i * (ncodes + 1) + c + 1]), so that those of a code and
 * its descendants are one stretch too. */
struct source_block {
    struct span *spans;
    size_t *at;   /* ncoders * (ncodes + 1) */
    size_t *next; /* where the next coding goes while the block is read */
    size_t cap;   /* room in spans */
    size_t ncodes;
};

/* Reads into block the codings of the k-th source listed, whose id is source_id. Fails with a
 * message when they are not those the tallies counted (the project changed meanwhile). */
bool compare_read_block(struct project *project, const struct compare_tallies *tallies, size_t k,
                        int64_t source_id, const int64_t *coder_ids, size_t ncoders,
                        struct source_block *block, struct error *err);

void compare_block_finish(struct source_block *block);

/* Works out the rows: row_of[code] is the code's index among result->codes, or -1. A code has a
 * row when used, when named or, with every_cell, when selected (in segments mode, only a
 * codable code that nobody used). */
bool compare_choose_rows(const struct codetree *tree, const bool *used, const bool *selected,
                         const bool *named, bool every_cell, struct compare_result *result,
                         int *row_of, struct error *err);

#endif
