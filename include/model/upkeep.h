/* Looking after a project file: checking it for damage and copying it safely.
 *
 * Both work on the file by its path rather than on an open project, so that a project whose
 * codebook or contents are damaged can still be checked and copied. Neither changes the file. */
#ifndef MARGIN_MODEL_UPKEEP_H
#define MARGIN_MODEL_UPKEEP_H

#include "core/error.h"
#include "core/strbuf.h"

#include <stdbool.h>

/* Checks the project at `path` as store_check() does: SQLite's integrity and foreign key checks,
 * every coding and speaker turn inside its source's text, the codebook's numbers and nesting and
 * whether it can be read at all, memos attached to what exists, each source's text against its
 * stored length and SHA-256. Appends one line per problem (at most ten of one kind, then how many
 * more) to `problems` and returns their number, or -1 with a message when the file cannot be
 * opened or the checks cannot run. */
long upkeep_check(const char *path, struct strbuf *problems, struct error *err);

/* Copies the project at `path` to `dest`, which must not exist, with SQLite's online backup:
 * safe while others use the project, and the copy is consistent. dest appears only once the copy
 * is complete. Returns false with a message, dest left absent. */
bool upkeep_backup(const char *path, const char *dest, struct error *err);

#endif
