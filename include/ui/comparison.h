/* The comparison screen's state: two coders' agreement code by code, one code's disagreements,
 * and one disagreement's text, with what a consensus coder decided. Nothing here touches curses;
 * ui/compare_pane.c draws it. */
#ifndef MARGIN_UI_COMPARISON_H
#define MARGIN_UI_COMPARISON_H

#include "core/error.h"
#include "core/text.h"
#include "model/adjudication.h"
#include "model/compare.h"
#include "model/project.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum comparison_level {
    LEVEL_CODES,     /* the agreement table */
    LEVEL_STRETCHES, /* one code's disagreements */
    LEVEL_STRETCH,   /* one disagreement's text */
};

enum comparison_sort {
    SORT_NUMBER,
    SORT_KAPPA,        /* lowest first; undefined last */
    SORT_DISAGREEMENT, /* most characters in dispute first */
};

/* A row of the agreement table. */
struct comparison_row {
    size_t code; /* index into result->codes */
    int64_t code_id;
    size_t disagreements; /* stretches in dispute at the code itself */
    size_t settled;
};

struct comparison {
    bool open;
    struct project *project;
    struct compare_result *result;
    int64_t first_id, second_id, consensus_id;
    char first[64], second[64], consensus[64];
    struct comparison_row *rows;
    size_t nrows;
    size_t disagreements, settled; /* over every row */
    enum comparison_sort sort;
    enum comparison_level level;
    size_t row, top;
    struct adjudication *adjudication; /* the open row's code */
    size_t stretch, stretch_top;
    struct text *region;  /* the open disagreement's lines of text */
    int64_t region_start; /* where they start in the source */
};

/* Compares `coders` ("A,B") for the consensus coder `consensus` (added when new): fills the
 * agreement table. Fails with a message for unknown coders or nothing to compare. */
bool comparison_open(struct comparison *c, struct project *project, const char *coders,
                     const char *consensus, struct error *err);

/* Frees everything and closes the screen. */
void comparison_close(struct comparison *c);

/* Computes the table again (after decisions, or others' changes), keeping the place. */
bool comparison_recompute(struct comparison *c, struct error *err);

/* Orders the table. */
void comparison_sort(struct comparison *c, enum comparison_sort sort);

/* Opens the highlighted row's disagreements, and one disagreement's text. */
bool comparison_open_code(struct comparison *c, struct error *err);
bool comparison_open_stretch(struct comparison *c, struct error *err);

/* The open disagreement, or NULL. */
const struct stretch *comparison_stretch(const struct comparison *c);

/* The name of the code of the open row ("07.01.02 Management and governance"). */
void comparison_code_label(const struct comparison *c, char *out, size_t size);

#endif
