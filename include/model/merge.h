/* Merging another project's codings into this one: coders often code separate copies of a
 * project, and the copies come back together for comparison.
 *
 * Sources are matched by their text (SHA-256), codes by GUID, then by number, then by a name
 * only one code has; coders by name (added when new). Codings whose source or code has no match
 * are skipped and reported. */
#ifndef MARGIN_MODEL_MERGE_H
#define MARGIN_MODEL_MERGE_H

#include "core/error.h"

#include <stdbool.h>
#include <stddef.h>

struct project;

/* Something of the other project that did not match, and the codings skipped with it. */
struct merge_miss {
    char *what; /* a source name, or a code's number and name */
    char *why;  /* why it did not match */
    size_t codings;
};

struct merge_misses {
    struct merge_miss *items;
    size_t count, cap;
};

/* A code that matched by number although its name differs. */
struct merge_renamed {
    char *theirs; /* "07.01.02 Name" in the other project */
    char *ours;   /* "07.01.02 Name" in this one */
};

struct merge_renames {
    struct merge_renamed *items;
    size_t count, cap;
};

struct merge_report {
    size_t codings; /* codings of matched sources and codes */
    size_t added;
    size_t present;  /* already in this project */
    size_t detached; /* of the codings, those detached in the other project, and so here */
    size_t coders_added;
    struct merge_misses sources; /* unmatched sources */
    struct merge_misses codes;   /* unmatched codes */
    struct merge_renames renamed;
};

/* Copies the codings (with their memos) of the project file at other_path into `project`, in
 * one transaction with a journal entry; a detached coding stays detached at its place. Opens the
 * other file read-only; refuses the project's own file (by path or by identity). Codings already
 * present are not added again, so merging the same file twice adds nothing. On failure *report is
 * empty and nothing is written, except when memory runs out listing what did not match after the
 * merge was saved (the message says so). The caller finishes the report either way. */
bool merge_project(struct project *project, const char *other_path, struct merge_report *report,
                   struct error *err);

/* Frees the report's lists; accepts an empty report. */
void merge_report_finish(struct merge_report *report);

#endif
