/* The framework matrix: a researcher's summary for each case and code. */
#ifndef MARGIN_STORE_MATRIX_H
#define MARGIN_STORE_MATRIX_H

#include "core/error.h"
#include "store/store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct matrix_cell_row {
    int64_t case_id;
    int64_t code_id;
    char *summary;
};

struct matrix_cell_list {
    struct matrix_cell_row *items;
    size_t count, cap;
};

void matrix_cell_list_finish(struct matrix_cell_list *list);

/* Stores the summary of a case and code, replacing an earlier one; NULL or "" removes it. A
 * case or code the project lacks fails. */
bool store_matrix_set(struct store *store, int64_t case_id, int64_t code_id, const char *summary,
                      struct error *err);

/* Sets *summary (the caller frees it) to the cell's summary, or NULL when it has none. */
bool store_matrix_get(struct store *store, int64_t case_id, int64_t code_id, char **summary,
                      struct error *err);

/* The ids of codings. */
struct coding_id_list {
    int64_t *items;
    size_t count, cap;
};

void coding_id_list_finish(struct coding_id_list *list);

/* Links a coding to the cell of a case and code, when `linked`, or takes the link away. *found
 * is false, and nothing changes, when the link was already so or the coding is gone. */
bool store_matrix_link(struct store *store, int64_t case_id, int64_t code_id, int64_t coding_id,
                       bool linked, bool *found, struct error *err);

/* Appends the ids of the codings linked to the cell of a case and code to out, in order. */
bool store_matrix_links(struct store *store, int64_t case_id, int64_t code_id,
                        struct coding_id_list *out, struct error *err);

/* A link of a coding to a matrix cell, as the project keeps it (its coding there or not). */
struct matrix_link_row {
    int64_t case_id;
    int64_t code_id;
    int64_t coding_id;
};

struct matrix_link_list {
    struct matrix_link_row *items;
    size_t count, cap;
};

/* Appends every link of the case's cells to out, those of codings deleted since too (they come
 * back when the coding does), ordered by code and coding. The caller frees out->items. */
bool store_matrix_links_of_case(struct store *store, int64_t case_id, struct matrix_link_list *out,
                                struct error *err);

/* Puts a link back as it was, whether its coding is there or not. When it is there already,
 * nothing changes and *taken is set; when its case or code is gone, *orphaned. */
bool store_matrix_link_restore(struct store *store, const struct matrix_link_row *link, bool *taken,
                               bool *orphaned, struct error *err);

/* Appends every summary to out. */
bool store_matrix_list(struct store *store, struct matrix_cell_list *out, struct error *err);

#endif
