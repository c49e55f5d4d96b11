/* What the two files of managing a project share: finding a source, case or coder by the name
 * a command was given. Nothing outside src/model includes this. */
#ifndef MARGIN_MODEL_MANAGE_DATA_H
#define MARGIN_MODEL_MANAGE_DATA_H

#include "core/error.h"
#include "core/row.h"
#include "model/project.h"

#include <stdbool.h>
#include <stdint.h>

/* Reads the source named `name` into *out (the caller frees out->name); fails naming it when the
 * project has none. */
bool manage_find_source(struct project *project, const char *name, struct source_row *out,
                        struct error *err);

/* Sets *id to the case named `name`; fails naming it when the project has none. */
bool manage_find_case(struct project *project, const char *name, int64_t *id, struct error *err);

/* Sets *id to the coder named `name`; fails naming it when the project has none. */
bool manage_find_coder(struct project *project, const char *name, int64_t *id, struct error *err);

#endif
