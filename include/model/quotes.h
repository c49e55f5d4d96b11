/* Quotes: codings a researcher marks to cite in the write-up, each with a citation label such
 * as "(Int7, GP, site B)" built from the project's label template (core/citation.h) over the
 * fields of its source, case and coding. A quote is its coding: it keeps the coding's span, so
 * it follows the coding when a source is updated or redacted, and goes when the coding goes
 * (coming back if that is undone). Marking and unmarking are journaled and undoable. The
 * command line's `margin quote`, `margin quotes` and `margin matrix --quotes` call these, and
 * so does the screen. */
#ifndef MARGIN_MODEL_QUOTES_H
#define MARGIN_MODEL_QUOTES_H

#include "core/error.h"
#include "model/project.h"
#include "model/segments.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The project setting that holds the label template, and the template used without one. */
#define QUOTES_LABEL_SETTING "quotes.label"
#define QUOTES_LABEL_DEFAULT "({source.name})"

/* The coding to mark: by its number, or by its source and exact span, narrowed by code and
 * coder when several codings share that span. */
struct quote_target {
    int64_t coding_id;    /* 0: find it by the fields below */
    const char *source;   /* by name */
    int64_t start, end;   /* code points, [start, end) */
    const char *code;     /* only a coding at this code (not its sub-codes); NULL: any */
    const char *coded_by; /* only this coder's coding; NULL: any */
};

/* Marks the coding as a quote (on) or takes the mark off, as a change of `coder` (added when
 * new) that one undo takes back. No such coding, several codings for the span (listed, with
 * how to choose), or a detached coding fail with a message. Writes what it did into message
 * ("marked as a quote: int01 120-240, 07.01 Structure, coded by A"; "... nothing changed"
 * when it was so already). */
bool quotes_mark(struct project *project, const struct quote_target *target, bool on,
                 const char *coder, char *message, size_t size, struct error *err);

/* Sets *marked to whether the coding with this id is marked as a quote. */
bool quotes_is_marked(struct project *project, int64_t coding_id, bool *marked, struct error *err);

/* Sets *template (the caller frees it) to the project's label template, or to
 * QUOTES_LABEL_DEFAULT when it has none. */
bool quotes_label_template(struct project *project, char **template, struct error *err);

/* Checks `template` against the project (quotes_check_template) and stores it as the project's;
 * NULL or "" goes back to the default. */
bool quotes_set_label_template(struct project *project, const char *template, struct error *err);

/* Checks that a template can be read and names only fields the project has: source.name,
 * source.number, source.kind, case.name, case.ATTRIBUTE (an attribute of the project's cases),
 * speaker, coder, code.number and code.name. Fails with "column N: unknown field 'X' ..." (the
 * column in characters, from 1) or why it cannot be read. */
bool quotes_check_template(struct project *project, const char *template, struct error *err);

/* Which quotes to collect. Lists may be empty (count 0), meaning any. */
struct quotes_request {
    const char *code; /* only quotes at this code or its sub-codes; NULL: every code */
    const char *const *coders;
    size_t ncoders;
    const char *const *sources;
    size_t nsources;
    const char *const *cases;
    size_t ncases;
    const char *where; /* a case filter (core/where.h), or NULL */
    const char *label; /* the label template; NULL: the project's */
};

struct quote_set;

/* Collects the quotes the request asks for, each with its text, speaker and label, ordered by
 * source, position, code and coder. Quotes of detached codings are left out. An unknown code,
 * coder, source or case, a bad filter, or a template quotes_check_template() refuses fail with
 * a message; for a template, the message starts with "column N:". The caller destroys
 * the set. */
struct quote_set *quotes_collect(struct project *project, const struct quotes_request *request,
                                 struct error *err);

/* Frees a set; accepts NULL. */
void quote_set_destroy(struct quote_set *set);

/* The number of quotes, a quote's segment (its text and speaker loaded), and its label. */
size_t quote_set_count(const struct quote_set *set);
const struct segment *quote_set_get(const struct quote_set *set, size_t index);
const char *quote_set_label(const struct quote_set *set, size_t index);

/* Whether quote `index` belongs to a cell of the framework matrix (model/matrix.h): it is in a
 * source of the case `case_id` and at the code `code` (an index into project_codes()) or one
 * of its sub-codes. */
bool quote_set_in_cell(const struct quote_set *set, size_t index, int64_t case_id, int code);

#endif
