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

/* Appends every summary to out. */
bool store_matrix_list(struct store *store, struct matrix_cell_list *out, struct error *err);

#endif
