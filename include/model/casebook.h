/* The project's cases and their attributes, read once, for filtering and labelling what is
 * retrieved, queried and counted: "(Int7, GP lead)" needs a source's case and its values.
 *
 * A casebook is a snapshot: it does not follow later changes to the project. Those who show
 * one keep project_generation() and load it again when that changes. */
#ifndef MARGIN_MODEL_CASEBOOK_H
#define MARGIN_MODEL_CASEBOOK_H

#include "core/error.h"
#include "core/row.h"
#include "model/project.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct casebook;

/* Reads every case, attribute and value. Returns NULL with a message when the project cannot
 * be read or memory runs out. Every case starts selected. */
struct casebook *casebook_load(struct project *project, struct error *err);

/* Frees a casebook; accepts NULL. */
void casebook_destroy(struct casebook *book);

/* The attributes, in the order they were added. */
size_t casebook_attribute_count(const struct casebook *book);
const struct attribute_row *casebook_attribute(const struct casebook *book, size_t index);

/* The cases, by name. */
size_t casebook_case_count(const struct casebook *book);
const struct case_row *casebook_case(const struct casebook *book, size_t index);

/* The index of the case with this id, or -1 (as for a source without a case, id 0). */
long casebook_find(const struct casebook *book, int64_t case_id);

/* The name of the case with this id; "" when there is none. */
const char *casebook_case_name(const struct casebook *book, int64_t case_id);

/* A case's value for the attribute at `attribute` (an index); "" when it has none. */
const char *casebook_value(const struct casebook *book, int64_t case_id, size_t attribute);

/* Selects the cases that are named in `names` (none: any) and pass the filter `where` (NULL:
 * any; core/where.h). A name the project lacks, or a filter that cannot be read or names an
 * unknown attribute, fails with a message ("case filter, column 8: ...") and selects nothing.
 * With neither names nor filter every case and no case (a source linked to none) is selected. */
bool casebook_select(struct casebook *book, const char *const *names, size_t nnames,
                     const char *where, struct error *err);

/* Whether casebook_select() kept the case with this id (0: sources without a case, kept only
 * when nothing was asked for). */
bool casebook_selected(const struct casebook *book, int64_t case_id);

#endif
