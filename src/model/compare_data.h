/* What the two files of the comparison share: the steps that choose what compare_run()
 * compares and file the codings (model/filing.h) under the codes chosen. Nothing outside src/model
 * includes this. */
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

/* Files every coding of the compared sources under the selected codes it counts for: the row
 * of a filed coding is its code's index in the tree. */
bool compare_file_codings(const struct codetree *tree, const struct coding_list *codings,
                          const struct source_slot *slots, size_t nslots, const size_t *compared,
                          const bool *selected, const struct compare_result *result,
                          struct filed_codings *entries, struct error *err);

/* Counts the codings each coder made in each source: coded_in[k * ncoders + i] for source k,
 * coder i. */
void compare_count_coded_sources(const struct coding_list *codings, size_t ncoders,
                                 const struct source_slot *slots, size_t nslots, size_t *coded_in);

/* Marks the selected codes that a coder coded directly in a source every coder coded
 * (whether or not it is compared). */
void compare_mark_direct(const struct codetree *tree, const struct coding_list *codings,
                         size_t ncoders, const struct source_slot *slots, size_t nslots,
                         const size_t *coded_in, const bool *selected, bool *direct);

/* Works out the rows: row_of[code] is the code's index among result->codes, or -1. With
 * every_cell, every selected code has a row. */
bool compare_choose_rows(const struct codetree *tree, const struct filed_codings *entries,
                         const bool *selected, const bool *named, bool every_cell,
                         struct compare_result *result, int *row_of, struct error *err);

#endif
