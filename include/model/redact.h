/* Redaction and pseudonymisation: replacing names, places and organisations across a project
 * with placeholders, so that the project can leave the secure server, and checking that none
 * is left.
 *
 * A map is a CSV file with the columns `original` and `replacement` (in any order, others
 * ignored). Originals are matched as whole words by the rule of core/wordmatch.h: the same
 * case only, unless `ignore_case` (then A-Z and Latin-1 letters in either case); where two
 * overlap, the longer wins. The map itself is never stored in the project. */
#ifndef MARGIN_MODEL_REDACT_H
#define MARGIN_MODEL_REDACT_H

#include "core/error.h"
#include "core/strbuf.h"
#include "model/project.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct redaction;

/* Reads a map. Fails with a message naming the file and line for a file that is not CSV, lacks
 * either column, or has an empty or repeated original, or a replacement that holds an original
 * (which would leave it in the project). */
struct redaction *redaction_read(const char *path, bool ignore_case, struct error *err);

/* A map of one pair, as the screen's "redact as" makes it. Fails with a message for an empty
 * original or a replacement that holds the original. */
struct redaction *redaction_of(const char *original, const char *replacement, bool ignore_case,
                               struct error *err);

/* Frees a map; accepts NULL. */
void redaction_destroy(struct redaction *redaction);

/* Replaces every original in the project by its replacement, in one transaction:
 *
 * - in every source's text, its codings and decisions moving with it (model/revise.h): a
 *   coding of a name covers its placeholder; speaker turns are found again;
 * - in memos (coding memos too), the names of sources, cases, coders, attributes and codes,
 *   code descriptions, case values, settings and the journal's summaries;
 * - the journal's undo history is dropped, since it holds old texts: nothing before the
 *   redaction can be undone, and its journal entry says so;
 * - then the project file is rewritten (VACUUM, with deleted content zeroed), so that no page
 *   of it holds an original.
 *
 * Appends what it did (or, with dry_run, would do, changing nothing) to out: per source, the
 * number of replacements and what happened to its codings; then the other texts changed. The
 * change is journaled as `coder_id`'s (0 for none) with the command line or screen as the
 * program. */
bool redaction_run(struct project *project, struct redaction *redaction, bool dry_run,
                   int64_t coder_id, struct strbuf *out, struct error *err);

/* Writes the map with how often each original was replaced (the last run's counts) as CSV with
 * the header original,replacement,replaced to `path`, a file outside the project; "-" is
 * standard output. With `safe`, cells a spreadsheet may run as formulas get an apostrophe
 * (csv_write_field()). */
bool redaction_keep_map(const struct redaction *redaction, const char *path, bool safe,
                        struct error *err);

/* Looks for identifiers in the project at `path`: the `original` column of a map (a CSV whose
 * first line names it), or else one identifier a line. Matches whole words, in any case (A-Z
 * and Latin-1), in everything store_texts_scan() reads (the journal's undo and redo decoded) and
 * in the raw bytes of the project file and of any rollback journal or WAL file beside it.
 * Appends one line per place an identifier was found to out and returns their number, or -1
 * with a message. */
long redaction_check(const char *path, const char *identifiers, struct strbuf *out,
                     struct error *err);

#endif
