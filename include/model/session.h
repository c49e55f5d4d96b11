/* A coder at work on a project: the source being read, the cursor and selection in it, the
 * codings on show, and the coding operations, each an undoable batch in the journal.
 *
 * Blind coding is the default: only the coder's own codings are shown until show_others is
 * set, and a coder's choice is kept with their place (session_save_place). Offsets are code points
 * of the current source's text. */
#ifndef MARGIN_MODEL_SESSION_H
#define MARGIN_MODEL_SESSION_H

#include "core/error.h"
#include "core/row.h"
#include "core/span.h"
#include "core/text.h"
#include "model/project.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How many recently used codes a session remembers for the picker. */
#define SESSION_RECENT_MAX 8

struct session;

/* Starts a session for `coder` (added to the project when new) where session_save_place() last
 * left this coder, or else on the project's first source, if it has any. On a read-only project
 * a coder not in it is not added: the session reads as nobody's (coder id 0), every coder's
 * codings shown. The project stays the caller's; it must outlive the session. */
struct session *session_create(struct project *project, const char *coder, struct error *err);

/* Frees a session; accepts NULL. */
void session_destroy(struct session *session);

struct project *session_project(const struct session *session);
int64_t session_coder_id(const struct session *session);
/* The name of the coder the session codes as, as the project calls it since the last reload
 * (a rename, here or by another program, is taken up). */
const char *session_coder_name(const struct session *session);

/* What the source list shows of a source besides its name, kind and length. */
struct source_summary {
    char case_name[96]; /* "" when the source belongs to no case */
    int64_t coded;      /* how many of its characters the session's coder has coded */
};

/* Fills summaries[i] for each source i of session_sources(); summaries has room for them all. */
bool session_source_summaries(struct session *session, struct source_summary *summaries,
                              struct error *err);

/* Every coder of the project, by name. */
const struct coder_list *session_coders(const struct session *session);

/* The project's sources, by name, and which one is open (-1 when none). */
const struct source_list *session_sources(const struct session *session);
int session_source_index(const struct session *session);

/* Remembers in the project which source is open, where the cursor is and whether others'
 * codings are on show, for this coder: the next session_create() for the same coder opens that
 * source there (if it is still there) with the same choice; without it, a session opens the
 * first source at its start, blind. */
bool session_save_place(struct session *session, struct error *err);

/* Opens a source: loads its text, speaker turns and codings, and puts the cursor at its start. */
bool session_open_source(struct session *session, int index, struct error *err);

/* The open source's text (NULL when none) and turns. */
const struct text *session_text(const struct session *session);
const struct turn_list *session_turns(const struct session *session);

/* The codings on show in the open source, ordered by start, then end. */
const struct coding_list *session_codings(const struct session *session);

/* The first index at or after `from` in session_codings() of a coding that may end after
 * offset: none between `from` and it does. Found in logarithmic time, so that drawing and the
 * cursor's lookups cost the same anywhere in a long transcript. */
size_t session_codings_reaching(const struct session *session, size_t from, int64_t offset);

/* Whether other coders' codings are on show. */
bool session_show_others(const struct session *session);
void session_set_show_others(struct session *session, bool show);

/* The cursor, kept within the text (0 to length - 1, or 0 for an empty text). */
int64_t session_cursor(const struct session *session);
void session_set_cursor(struct session *session, int64_t offset);

/* The selection: while selecting it runs from the anchor to the cursor, both included. */
bool session_selecting(const struct session *session);
void session_select(struct session *session, bool on);
struct span session_selection(const struct session *session);
void session_select_span(struct session *session, struct span span);

/* Makes the cursor the other end of the selection. */
void session_swap_ends(struct session *session);

/* The codings on show under the cursor, innermost (shortest) first, and which of them is chosen
 * (for removing, recoding, adjusting and memos). NULL when there is none. */
const struct coding_row *session_chosen_coding(const struct session *session);
size_t session_codings_at_cursor(const struct session *session);

/* Puts the first `max` codings under the cursor, innermost first, into rows and returns how many
 * there are in all. The rows stay valid until the session's codings next change. */
size_t session_codings_here(const struct session *session, const struct coding_row **rows,
                            size_t max);

/* The name of the project's coder with this id, or "another coder" for one the session
 * does not know. */
const char *session_coder_name_of(const struct session *session, int64_t coder_id);

/* Chooses the next coding under the cursor. */
void session_cycle_coding(struct session *session);

/* Codes the selection (or nothing when not selecting) with the code at `code_index` of the
 * project's codebook, ends the selection, makes the coding the chosen one and remembers the
 * code as recent. Writes what was done into `message`. */
bool session_code_selection(struct session *session, int code_index, char *message, size_t size,
                            struct error *err);

/* The most recently used code first, as indexes into the codebook (those still there). */
size_t session_recent_codes(const struct session *session, int *indexes, size_t max);

/* Removes the chosen coding, gives it another code, or moves its span. Only the coder's own
 * codings can be changed. */
bool session_uncode(struct session *session, char *message, size_t size, struct error *err);
bool session_recode(struct session *session, int code_index, char *message, size_t size,
                    struct error *err);
bool session_move_coding(struct session *session, int64_t coding_id, struct span span,
                         char *message, size_t size, struct error *err);

/* Memos on a coding and on a source: *text is set to the memo (NULL when there is none; the
 * caller frees it), and writing one ("" or NULL removes it) is an undoable change. Only a
 * coding of the session's coder takes a memo from it. */
bool session_coding_memo(struct session *session, int64_t coding_id, char **text,
                         struct error *err);
bool session_set_coding_memo(struct session *session, int64_t coding_id, const char *text,
                             struct error *err);
bool session_source_memo(struct session *session, int64_t source_id, char **text,
                         struct error *err);
bool session_set_source_memo(struct session *session, int64_t source_id, const char *text,
                             struct error *err);

/* Undo and redo of the coder's changes; `message` says what was undone or redone, and where.
 * The session goes to what changed: the source of the coding or decision, the cursor at its
 * start. *code_id is set to the code it changed (0 for none), for the codebook to show it. */
bool session_undo(struct session *session, char *message, size_t size, int64_t *code_id,
                  struct error *err);
bool session_redo(struct session *session, char *message, size_t size, int64_t *code_id,
                  struct error *err);

/* Re-reads what changed in the project file since the session last looked: changes by other
 * programs (another coder, an import) or by this one through the codebook. Keeps the open
 * source and the cursor where they can be kept. Sets *changed when anything was re-read. */
bool session_reload(struct session *session, bool force, bool *changed, struct error *err);

/* How often each code is used: by this coder, and by everyone. */
const struct code_usage_list *session_usage(const struct session *session, bool everyone);

#endif
