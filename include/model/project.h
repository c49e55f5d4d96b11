/* An open project as the command line and the TUI see it.
 *
 * A project wraps the project file and keeps the codebook in memory. Every change runs in one
 * transaction and is written to the journal: a change is either saved whole or not at all, and
 * when a function returns true the change is on disk. */
#ifndef MARGIN_MODEL_PROJECT_H
#define MARGIN_MODEL_PROJECT_H

#include "core/codetree.h"
#include "core/error.h"
#include "core/row.h"
#include "core/text.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct project;
struct store;

enum project_access {
    PROJECT_READ_WRITE,
    PROJECT_READ_ONLY,
};

/* Creates a new project file at `path` (which must not exist) and opens it. */
struct project *project_create(const char *path, struct error *err);

/* Opens an existing project file. Fails with a message for anything that is not a margin
 * project this version can read, without changing the file. */
struct project *project_open(const char *path, enum project_access access, struct error *err);

/* Opens a new, empty project held in memory (for tests and fuzzing). */
struct project *project_open_memory(struct error *err);

/* Names the program making changes through this project ("screen"), which the journal records
 * with each change; a string literal. The command line is the default. */
void project_set_program(struct project *project, const char *program);

/* Closes the project and frees it; accepts NULL. */
void project_close(struct project *project);

/* The project file's path, and the store underneath (for the model's other modules). */
const char *project_path(const struct project *project);
struct store *project_store(struct project *project);

/* True when the project can be read but no change to it can be saved (see store_read_only). */
bool project_read_only(const struct project *project);

/* Sets *id to the coder named `name`; 0 when there is none, unless `add` asks for the coder to
 * be added (in a transaction of its own). */
bool project_coder(struct project *project, const char *name, bool add, int64_t *id,
                   struct error *err);

/* Appends every coder of the project, by name, to out (which the caller finishes). */
bool project_coders(struct project *project, struct coder_list *out, struct error *err);

/* The codebook, in outline order. Valid until the next change to the codebook. */
const struct codetree *project_codes(const struct project *project);

/* Writes "07.01.02 Management and governance" for the code with id `code_id` into out; fails
 * when the codebook has no such code. */
bool project_code_label(const struct project *project, int64_t code_id, char *out, size_t size,
                        struct error *err);

/* Whether the code with id `code_id` exists and may be coded (it is not a heading). */
bool project_code_codable(const struct project *project, int64_t code_id);

/* Sets *value (which the caller frees) to a project setting, or NULL when it is not set. */
bool project_setting(struct project *project, const char *key, char **value, struct error *err);

/* Stores a project setting, replacing its earlier value (NULL removes it), in a transaction of
 * its own. */
bool project_set_setting(struct project *project, const char *key, const char *value,
                         struct error *err);

/* A number that changes whenever the project's contents change: by this program or another.
 * Those who show the project keep the last one they read it at, and read it again when it
 * differs. */
uint64_t project_generation(struct project *project);

/* Re-reads the codebook after a change made through the store. */
bool project_reload_codes(struct project *project, struct error *err);

/* What an import did, for the user. */
struct import_report {
    size_t added;
    size_t updated;
    size_t unchanged;
    char skipped[512]; /* what the file held that margin did not keep, on one line; "" for none;
                          for sources, those already there with another kind than asked for */
};

/* Imports transcripts as sources named after their files (without directory and extension),
 * linked to `case_name` (created when new; NULL for none) and of the given kind, in one
 * transaction: all are added, or none. Two files that would give the same name are refused
 * before any is read; then each file is read, checked and added in turn, and the first that
 * fails ends the import with its message and rolls back those added before it.
 * A file whose text is already in the project under the same name is skipped (unchanged); when
 * that source is of another kind, report->skipped says so. */
bool project_import_sources(struct project *project, const char *const *paths, size_t count,
                            const char *case_name, enum source_kind kind,
                            struct import_report *report, struct error *err);

/* Imports a codebook file (margin YAML, an NVivo table, or a REFI-QDA .qdc, told apart by
 * content). Codes are matched to the project's by number, or for a .qdc by GUID (the file's
 * numbers are only its order): a match takes the file's name, description, colour and heading
 * flag; the rest are added under their parents (for a .qdc, after the parent's last
 * sub-code). Codes the file does not mention are kept. A file that would make a code with
 * codings a heading is refused. One transaction. What a .qdc holds that margin does not keep
 * (sets of codes) is listed in report->skipped. */
bool project_import_codebook(struct project *project, const char *coder, const char *path,
                             struct import_report *report, struct error *err);

/* How project_merge_codebook() finds the project's code for an incoming one. */
enum codebook_match {
    CODEBOOK_MATCH_NUMBER, /* the same outline number; a GUID held by another code fails */
    CODEBOOK_MATCH_GUID,   /* the same GUID, in any case; new codes go after their siblings */
};

/* Merges `incoming` (an indexed tree) into the project's codebook inside the caller's
 * transaction (store_begin), as project_import_codebook() does, and sets ids[i] to the
 * project's id for incoming code i (ids has codetree_count(incoming) slots). Counts go to
 * report. The caller reloads the codebook (project_reload_codes) before committing, which
 * checks the tree. */
bool project_merge_codebook(struct project *project, const struct codetree *incoming,
                            enum codebook_match match, int64_t *ids, struct import_report *report,
                            struct error *err);

enum codebook_output {
    CODEBOOK_OUTPUT_YAML,
    CODEBOOK_OUTPUT_CSV,
    CODEBOOK_OUTPUT_QDC, /* REFI-QDA 1.5 codebook (XML), valid against Codebook.xsd */
};

/* Writes the codebook in the chosen format. A .qdc of an empty codebook cannot be valid and
 * fails with a message. */
bool project_export_codebook(struct project *project, enum codebook_output format, FILE *out,
                             struct error *err);

/* Imports cases and their attributes from CSV: the first column names the case, the others are
 * attributes whose type ("site:text", "age:integer") is given in the header or inferred from
 * the values, and a type the header gives must be one margin knows. An empty cell clears the
 * case's value. One transaction. A path of "-" reads standard input ("standard input" in
 * messages). */
bool project_import_cases(struct project *project, const char *path, struct import_report *report,
                          struct error *err);

/* As project_import_cases(), from CSV data in memory; `name` starts error messages. */
bool project_import_cases_data(struct project *project, const char *data, size_t n,
                               const char *name, struct import_report *report, struct error *err);

/* Which to trust when a file gives a code by number and name and the two disagree (the code
 * was renamed, or the codebook renumbered, since the file was written). */
enum code_match {
    CODE_MATCH_BOTH,   /* neither: the row is refused, saying the number and both names */
    CODE_MATCH_NUMBER, /* the number; the name is ignored */
    CODE_MATCH_NAME,   /* the name, looked up as codetree_resolve() finds names */
};

/* A coding as a user states it: names rather than ids. */
struct coding_request {
    const char *coder;     /* created when new */
    const char *source;    /* a source name */
    const char *code;      /* a number, "number name", a path or a unique name */
    const char *code_name; /* the code's name given beside its number; NULL or "" for none */
    enum code_match match; /* when code_name (or the name in code) is not the number's name */
    int64_t start;
    int64_t end;
    const char *memo; /* NULL for none */
};

/* Checks a coding as a user states it against the project and turns it into ids: the source
 * by name, the code as codetree_resolve() finds it (not a heading), the span inside the
 * source's text. row->coder_id is the coder's id, or 0 for a coder the project does not have
 * yet; row->memo borrows request->memo (NULL when empty). Fails with a message that says
 * which part does not fit. */
bool project_resolve_coding(struct project *project, const struct coding_request *request,
                            struct coding_row *row, struct error *err);

/* Imports codings from CSV with the columns coder, source, code, start and end, and optionally
 * memo and code_name (other columns, such as those margin export writes, speaker included, are
 * ignored). A row whose code_name (or name after the number in code) is not the name of the
 * project's code of that number is refused unless `match` says which to trust. Every row is checked
 * before anything is written; the first bad row fails the whole file, named by line. A path of "-"
 * reads standard input ("standard input" in messages). */
bool project_import_codings(struct project *project, const char *path, enum code_match match,
                            struct import_report *report, struct error *err);

/* As project_import_codings(), from CSV data in memory; `name` starts error messages. */
bool project_import_codings_data(struct project *project, const char *data, size_t n,
                                 const char *name, enum code_match match,
                                 struct import_report *report, struct error *err);

/* Which coded segments to export; NULL fields and empty lists mean all. */
struct segment_filter {
    const char *coder;
    const char *code;         /* includes its sub-codes */
    const char *const *cases; /* only the sources of these cases */
    size_t ncases;
    const char *where; /* only the sources of cases that pass this filter (core/where.h) */
    bool attributes;   /* add a column for each case attribute */
};

/* Writes coded segments as CSV with the header
 * source,case,coder,code,code_name,start,end,speaker,text,memo (with filter->attributes, then
 * the case attributes by name, in the order they were added), one row per coding, ordered by
 * source and position; speaker is the speaker of the turn where the segment starts ("" when it
 * starts before the first turn or its source has none). An unknown coder, code or case, or a
 * filter that cannot be read (casebook_select), fails with a message before anything is
 * written. `safe` neutralises cells a spreadsheet would take for formulas. */
bool project_export_segments(struct project *project, const struct segment_filter *filter,
                             bool safe, FILE *out, struct error *err);

/* Loads a source's text, indexed for offsets (the caller destroys it). */
struct text *project_source_text(struct project *project, int64_t source_id, struct error *err);

#endif
