/* Replacing a source's text without losing a coding: a corrected transcript, or one whose
 * names were redacted. Every coding of the source (its memo with it) and every decision about
 * a stretch of it moves with the text it covers, as core/anchor.h re-maps spans through the
 * edit script from the old text to the new:
 *
 * - a coding whose text was partly deleted shrinks, one with text inserted inside it grows;
 * - a coding whose text was wholly deleted becomes detached: it keeps an empty span where its
 *   text was, is listed by revision_detached(), and is attached again or dropped by hand, never
 *   silently lost;
 * - a coding that would end up on the same span as another of the same coder and code becomes
 *   detached too (it is said so), so that its memo is not lost either;
 * - a decision whose stretch was deleted, or now equals another's, is forgotten.
 *
 * A revision is planned first (nothing written), can be described (a dry run), and is then
 * applied in one transaction: undoable as one batch of the coder's history, or, for a
 * redaction, journaled without undo so that no old text stays in the journal. */
#ifndef MARGIN_MODEL_REVISE_H
#define MARGIN_MODEL_REVISE_H

#include "core/anchor.h"
#include "core/diff.h"
#include "core/error.h"
#include "core/row.h"
#include "core/strbuf.h"
#include "io/transcript.h"
#include "model/project.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct decision_list;

/* What happens to one coding or decision. */
struct revision_move {
    struct anchor_result result; /* its new span and what happened to it */
    bool detached;               /* it is detached afterwards */
    bool duplicate;              /* detached (a decision: forgotten) because another has its span */
};

/* A planned change of one source's text. Initialise with {0}; revision_finish frees it. */
struct revision {
    struct source_row source; /* as it was; owns its name */
    char *old_text;
    size_t old_size;
    struct transcript next; /* the new text and its turns */
    struct diff_script script;
    struct coding_list codings; /* every coding of the source, detached ones too */
    struct revision_move *coding_moves;
    struct decision_list *decisions; /* every decision about a stretch of the source */
    struct revision_move *decision_moves;
    size_t counts[ANCHOR_CHANGES]; /* codings by what happened to them */
    size_t newly_detached;         /* codings attached before and detached after */
    size_t duplicates;
    size_t decisions_moved;
    size_t decisions_dropped;
    char what[400]; /* how revision_commit's summary starts; "" for "replaced the text of ..." */
};

/* Plans replacing the text of the source named `source_name` with the transcript in `path`
 * (read as import reads it). Refuses, with a message naming the file, a file that is not UTF-8
 * text, an empty text, the text the source has already, and the text of another source.
 * On failure *out is left empty. */
bool revision_plan_file(struct project *project, const char *source_name, const char *path,
                        struct revision *out, struct error *err);

/* Plans replacing the text of source `source` (a row the caller read; it is copied) whose text
 * is old[0..old_size) by `next` (taken over: the revision finishes it) through `script`, an
 * edit script from old to new (taken over too). */
bool revision_plan_script(struct project *project, const struct source_row *source, const char *old,
                          size_t old_size, struct transcript *next, struct diff_script *script,
                          struct revision *out, struct error *err);

/* Plans a small correction, as the screen makes one: code points [start, end) of the source
 * named `source_name` replaced by `replacement` (UTF-8; "" deletes them). `was`, when not NULL,
 * is the text the caller saw there: when the source no longer holds it there, the plan is
 * refused as overtaken by another change. Only the replaced words are compared with the
 * replacement, so the rest of the text stays as it is and a coding around the words follows
 * them. Refuses, with a message, a span that is not one of the text, a replacement that is not
 * UTF-8 or holds a carriage return (or, at the very start, a byte order mark), one that changes
 * nothing, and a new text that is empty or another source's. On failure *out is left empty.
 * The plan's `what` quotes the words before and after (clipped). */
bool revision_plan_edit(struct project *project, const char *source_name, int64_t start,
                        int64_t end, const char *was, const char *replacement, struct revision *out,
                        struct error *err);

/* Frees a revision; accepts one never planned. */
void revision_finish(struct revision *revision);

/* Appends what the revision does, for people: one line for the source ("int01: 14 codings: 10
 * unchanged, 2 moved, 1 shrunk, 1 detached"), then one per coding that is not unchanged and
 * per decision moved or forgotten. With `texts`, a detached coding's line quotes the text that
 * was deleted. */
bool revision_describe(struct project *project, const struct revision *revision, bool texts,
                       struct strbuf *out, struct error *err);

/* Applies a revision inside a transaction the caller holds (store_begin), first checking that
 * the source still has the text it was planned from. With `batch` (model/history.h), every
 * change is journaled with its reverse, for undo; with NULL, changes are applied without a
 * journal entry (the caller writes one). */
struct history_batch;
bool revision_apply(struct project *project, const struct revision *revision,
                    struct history_batch *batch, struct error *err);

/* Replaces a source's text as planned, in one undoable batch of `coder_id`'s history, whose
 * summary says what was done ("replaced the text of int01", or a correction's words) and how
 * many codings moved and were detached. */
bool revision_commit(struct project *project, const struct revision *revision, int64_t coder_id,
                     struct error *err);

/* Appends every detached coding (of `source_id`, or of every source for 0) to out. */
bool revision_detached(struct project *project, int64_t source_id, struct coding_list *out,
                       struct error *err);

/* Appends one line per detached coding (of the source named source_name, or of every source
 * for NULL) to out: "coding 12  int01 at 380  A  07.01.02 Management  memo: ...", and sets
 * *count to their number. */
bool revision_list_detached(struct project *project, const char *source_name, struct strbuf *out,
                            size_t *count, struct error *err);

/* Attaches detached coding `id` to [start, end) of its source, as one undoable batch of
 * coder_id's history; the source's name, when not NULL, must be the coding's. Refuses a coding
 * that is not detached, an empty span, one outside the text, and a span on which the coding's
 * coder already has its code. */
bool revision_attach(struct project *project, int64_t id, const char *source_name, int64_t start,
                     int64_t end, int64_t coder_id, char *message, size_t size, struct error *err);

/* Drops detached coding `id` (undoably), as revision_attach() does. */
bool revision_drop(struct project *project, int64_t id, const char *source_name, int64_t coder_id,
                   char *message, size_t size, struct error *err);

#endif
