/* The journal as an audit trail: who changed what, when, from which program, readable without
 * SQLite. */
#ifndef MARGIN_MODEL_AUDIT_H
#define MARGIN_MODEL_AUDIT_H

#include "core/error.h"
#include "core/row.h"
#include "model/project.h"

#include <stdbool.h>
#include <stddef.h>

/* Which entries to read; NULL fields mean all. */
struct audit_filter {
    const char *since;  /* a date "YYYY-MM-DD" or a time "YYYY-MM-DDTHH:MM[:SS]" (UTC) */
    const char *coder;  /* a coder's name */
    const char *source; /* a source's name: entries that changed its text, codings or decisions */
};

/* One journal entry with the names it refers to; the strings belong to the log. */
struct audit_entry {
    int64_t id;
    int64_t batch;         /* entries of one batch were one action, undone together */
    const char *at;        /* "YYYY-MM-DDTHH:MM:SSZ" */
    const char *coder;     /* the coder's name, or "" for changes made for no coder */
    const char *program;   /* "screen", "command line", or "" before format 4 */
    const char *operation; /* "coding.insert", "source.text", "project.redact", ... */
    const char *summary;   /* the action, for people */
    const char *change;    /* the change itself (its redo), or "" when not kept */
    const char *state;     /* "done", "undone" or "final" */
    const char *source;    /* the source it changed, or "" when it concerns none or is unknown */
};

struct journal_list;

/* The entries read, oldest first. Initialise with {0}; audit_finish frees it. */
struct audit_log {
    struct audit_entry *items;
    size_t count;
    struct journal_list *journal;
    struct coder_list coders;
    struct source_list sources;
};

/* Reads the journal entries the filter takes. The source of an entry is found from its change:
 * a source's text, a coding's or a decision's source (for a coding named by its id, from the
 * project or from the journal entry that added it); an entry without a change (an import, or one
 * whose change a redaction dropped) concerns the source its summary names as a whole word. Fails
 * with a message for a malformed date or an unknown coder or source. */
bool audit_read(struct project *project, const struct audit_filter *filter, struct audit_log *out,
                struct error *err);

void audit_finish(struct audit_log *log);

#endif
