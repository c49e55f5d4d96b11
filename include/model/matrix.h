/* The framework matrix (Gale et al. 2013): cases as rows, the codes of a theme as columns, and in
 * each cell the researcher's summary of what the case's sources say about the code, beside the
 * number of segments coded there. `margin matrix` and the screen's matrix view call these.
 * Summaries live in the project file; writing one is journaled and undoable like every
 * change. */
#ifndef MARGIN_MODEL_MATRIX_H
#define MARGIN_MODEL_MATRIX_H

#include "core/error.h"
#include "model/project.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Which rows and columns. Lists may be empty (count 0). */
struct matrix_request {
    const char *theme;        /* a code whose children are the columns (itself when it has none) */
    const char *const *codes; /* or these codes, in this order; with neither, the top-level codes */
    size_t ncodes;
    const char *const *cases; /* the rows, by name; none: every case, by name */
    size_t ncases;
    const char *where; /* only the cases that pass this filter (core/where.h), or NULL */
};

struct matrix {
    size_t rows, columns;
    int64_t *case_ids; /* per row */
    char **case_names; /* per row */
    int *codes;        /* per column: an index into project_codes() */
    char **summaries;  /* rows x columns: the summary, or NULL when there is none */
    int64_t *segments; /* rows x columns: codings at the code or a sub-code, by any coder, in the
                          case's sources */
    int64_t *links;    /* rows x columns: codings linked to the cell (matrix_link) */
};

/* Builds the matrix into *out (which the caller finishes, also on failure). An unknown code or
 * case, a theme and codes together, or a bad filter, fails with a message. */
bool matrix_build(struct project *project, const struct matrix_request *request, struct matrix *out,
                  struct error *err);

/* Frees a matrix's contents; accepts one never built. */
void matrix_finish(struct matrix *matrix);

/* Whether a cell has coded segments and no summary yet: work left to do. */
bool matrix_cell_pending(const struct matrix *matrix, size_t row, size_t column);

/* Writes the summary of `case_name` and `code` (as codetree_resolve() reads it); "" removes it.
 * One batch of `coder`'s history (the coder is added when new), so one undo puts back what was
 * there. Writes what it did into message ("wrote the summary of P01 at 07.01 Structure";
 * "nothing changed" when the summary was already that). */
bool matrix_set_summary(struct project *project, const char *case_name, const char *code,
                        const char *summary, const char *coder, char *message, size_t size,
                        struct error *err);

/* As matrix_set_summary, for the cell of the case and code with these ids. */
bool matrix_write_summary(struct project *project, int64_t case_id, int64_t code_id,
                          const char *summary, const char *coder, char *message, size_t size,
                          struct error *err);

/* Links a coding to the cell of the case and code with these ids (one the cell's summary rests
 * on), when `linked`, or takes the link away: one batch of `coder`'s history (the coder is added
 * when new). A link already so, or a coding that is gone, fails with a message and changes
 * nothing. Writes what it did into message. */
bool matrix_link(struct project *project, int64_t case_id, int64_t code_id, int64_t coding_id,
                 bool linked, const char *coder, char *message, size_t size, struct error *err);

/* Sets *ids (the caller frees it) to the ids of the codings linked to the cell, ascending, and
 * *count to how many. */
bool matrix_links(struct project *project, int64_t case_id, int64_t code_id, int64_t **ids,
                  size_t *count, struct error *err);

/* Sets *summary (the caller frees it) to the summary of the case and code with these ids, or to
 * NULL when the cell has none. */
bool matrix_summary(struct project *project, int64_t case_id, int64_t code_id, char **summary,
                    struct error *err);

#endif
