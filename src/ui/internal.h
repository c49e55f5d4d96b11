/* What the screen's modules share; nothing outside src/ui includes this.
 *
 * The screen is panes. A pane is one file: its state (a struct whose first member is a
 * struct pane) and the functions of its struct pane_ops. The panes that need nothing to be
 * opened are listed in PANES below, one line each; the modal ones that are opened with
 * something to ask (a prompt, the code picker, a question) have an opening function of their
 * own, declared at the end.
 *
 * The mode is one value, the pane that has the focus; above it is a stack of layers. Keys go to
 * the top layer, or, when there is none, to the focused pane and the global keys. */
#ifndef MARGIN_UI_INTERNAL_H
#define MARGIN_UI_INTERNAL_H

#include "core/span.h"
#include "core/strbuf.h"
#include "input/actions.h"
#include "input/keys.h"
#include "model/project.h"
#include "model/session.h"
#include "ui/layout.h"
#include "ui/ui.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct ui;
struct pane;
struct review;

/* Where a pane is drawn. */
enum pane_place {
    PLACE_TEXT,     /* the coding screen's transcript side (with the codebook beside it) */
    PLACE_CODEBOOK, /* the coding screen's codebook side */
    PLACE_WHOLE,    /* everything above the status line */
    PLACE_POPUP,    /* a box over the panes */
    PLACE_LINE,     /* the message line, and rows above it when it needs them */
};

/* What every pane does. Only `draw` touches curses. */
struct pane_ops {
    const char *name; /* "transcript", for @state */
    enum pane_place place;
    /* The scopes whose keys it takes, highest priority first, into scopes (room for
     * SCOPE_COUNT); returns how many. A pane under the layers gets the global keys after them. */
    size_t (*scopes)(const struct pane *pane, const struct ui *ui, enum scope *scopes);
    /* The scopes its help lists, ending with SCOPE_COUNT. */
    const enum scope *help;
    /* Draws the pane into `area`; `focused` when its keys are the ones that apply. */
    void (*draw)(struct pane *pane, struct ui *ui, struct rect area, bool focused);
    /* Performs an action of one of its scopes. */
    void (*act)(struct pane *pane, struct ui *ui, enum action action);
    /* Takes a key that is no action of its scopes: text typed, and every key of a paste. NULL:
     * it takes none. */
    void (*type)(struct pane *pane, struct ui *ui, int key);
    /* A mouse event inside `area`. NULL: it takes none. */
    void (*mouse)(struct pane *pane, struct ui *ui, const struct input_event *event,
                  struct rect area);
    /* The project changed (by this screen or another program): what it shows must be read
     * again before it is next drawn or used. NULL: it reads the project whenever it draws. */
    void (*reread)(struct pane *pane, struct ui *ui);
    /* Appends its state as lines of "name: value". */
    void (*dump)(struct pane *pane, struct ui *ui, struct strbuf *out);
    /* A word for the status line while it has the focus ("COMPARE"), or NULL. */
    const char *(*badge)(const struct pane *pane, const struct ui *ui);
    /* Frees it. */
    void (*destroy)(struct pane *pane);
};

struct pane {
    const struct pane_ops *ops;
};

/* The panes opened by name: X(ID, name), where name_pane_create(ui, err) makes one. */
#define PANES(X)                                                                                   \
    X(TRANSCRIPT, transcript)                                                                      \
    X(CODEBOOK, codebook)                                                                          \
    X(COMPARE, compare)                                                                            \
    X(DISAGREEMENTS, disagreements)                                                                \
    X(SOURCES, sources)                                                                            \
    X(SEGMENTS, segments)                                                                          \
    X(MATRIX, matrix)                                                                              \
    X(COUNTS, counts)                                                                              \
    X(LOG, log)                                                                                    \
    X(MEMOS, memos)                                                                                \
    X(HELP, help)

enum pane_id {
#define PANE_ID(id, name) PANE_##id,
    PANES(PANE_ID)
#undef PANE_ID
        PANE_COUNT
};

#define PANE_CREATE(id, name) struct pane *name##_pane_create(struct ui *ui, struct error *err);
PANES(PANE_CREATE)
#undef PANE_CREATE

#define UI_LAYERS_MAX 8

struct ui {
    struct project *project;
    struct session *session;
    struct screen *screen;
    const char *consensus;
    FILE *action_log;
    struct layout layout;
    struct keymap_state keys;
    struct pane *panes[PANE_COUNT]; /* the ones not on the layer stack, made when first shown */
    enum pane_id focus;             /* the mode */
    struct pane *layers[UI_LAYERS_MAX];
    size_t nlayers;
    bool pasting; /* between the two ends of a bracketed paste */
    int key;      /* the key that brought the action being done (a digit can start a search) */
    bool quit;
    char message[1024];
    bool message_is_error;
    int line_rows;       /* the rows a prompt or question on the message line took, as last drawn */
    int clear_first;     /* the screen rows of the selection as last drawn, which a popup keeps */
    int clear_last;      /* clear of where it can; clear_first > clear_last when there are none */
    uint64_t generation; /* project_generation() when the panes were last told of changes */
};

/* The pane `id`, made when first asked for (NULL, with a message shown, when it cannot be). */
struct pane *ui_pane(struct ui *ui, enum pane_id id);

/* Gives pane `id` the focus: the mode. */
void ui_focus(struct ui *ui, enum pane_id id);

/* Puts a layer on top of the stack, which takes it over (and frees it when it is popped).
 * Returns false, freeing it, when the stack is full. */
bool ui_push(struct ui *ui, struct pane *layer);

/* Opens pane `id` (one the table makes) as a layer. */
bool ui_push_pane(struct ui *ui, enum pane_id id);

/* Takes the top layer off and frees it. */
void ui_pop(struct ui *ui);

/* The top layer, or NULL. */
struct pane *ui_top(const struct ui *ui);

/* Shows err's message as an error. */
void ui_fail(struct ui *ui, const struct error *err);

/* After the model changed the project, or failed to and changed nothing (ok false, err says
 * why): reads the project again into the session and shows `done`, or the error. */
void ui_after_change(struct ui *ui, bool ok, const struct error *err, const char *done);

/* The id of the coder the screen codes as. */
int64_t ui_coder(const struct ui *ui);

/* Whether `needle` is in `haystack`, ignoring the case of ASCII letters, as the lists' filters
 * match what is typed; an empty needle is in everything. */
bool ui_contains(const char *haystack, const char *needle);

/* Shows "KEY what" with the first key of `action`, as a hint: "v starts a selection". */
void ui_hint(struct ui *ui, bool error, const char *before, enum action action, const char *what);

/* Writes the first key of an action as messages name it ("v", "Enter", "Ctrl-R", "<") into
 * buf. */
void ui_key_name(enum action action, char *buf, size_t size);

/* Appends text to a state dump on one line: a line feed as "\n", a backslash as "\\". */
void ui_dump_text(struct strbuf *out, const char *s, size_t n);

/* Tells every pane that the project changed, so that each reads it again. */
void ui_changed(struct ui *ui);

/* --- Opening layers that ask for something ---------------------------------------------------- */

/* A prompt on the message line: what it asks and what becomes of the answer. `id` is handed back
 * to the callbacks (a code's id, say). */
struct prompt_request {
    const char *label;
    const char *text; /* to start with, or NULL */
    void (*accepted)(struct ui *ui, const char *text, int64_t id);
    void (*changed)(struct ui *ui, const char *text, int64_t id); /* after every edit, or NULL */
    void (*cancelled)(struct ui *ui, int64_t id);                 /* or NULL */
    int64_t id;
};
bool prompt_open(struct ui *ui, const struct prompt_request *request);

/* The code picker: type a number or words, Enter picks. `picked` gets the code's index in the
 * codebook. */
bool picker_open(struct ui *ui, const char *title,
                 void (*picked)(struct ui *ui, int code_index, int64_t id), int64_t id);

/* A yes/no question on the message line; `purpose` and `id` are handed back to the answer. */
bool question_open(struct ui *ui, const char *question,
                   void (*answered)(struct ui *ui, bool yes, int purpose, int64_t id), int purpose,
                   int64_t id);

/* The editor: several lines of text in a box, for memos and descriptions; `purpose` and `id` say
 * what the text is, for keeping it as a draft (see writing.h). */
struct editor_request {
    const char *title;
    const char *text; /* to start with, or NULL */
    void (*saved)(struct ui *ui, const char *text, int purpose, int64_t id);
    int purpose;
    int64_t id;
};
bool editor_open(struct ui *ui, const struct editor_request *request);

/* When `pane` is an editor: sets *purpose and *id to what it writes and *text (which the caller
 * frees) to its text, and returns true. */
bool editor_draft(struct pane *pane, int *purpose, int64_t *id, char **text);

/* --- What panes ask of each other ------------------------------------------------------------ */

/* The transcript: opens source `index` with `span` selected for choosing a consensus span, and
 * gives it the focus; Enter settles with the span (disagreements_settle), Esc goes back
 * (disagreements_settle_cancelled). */
void transcript_settle(struct ui *ui, int index, struct span span);

/* The transcript's redaction or correction under way (ui/text_edit.h), for the prompts and
 * questions that carry it on. */
struct text_edit *transcript_text_edit(struct ui *ui);

/* The comparison: asks which coders to compare, then shows their agreement. */
void compare_pane_start(struct ui *ui);

/* The comparison's review, brought up to date with the project; NULL when none is open. */
struct review *compare_review(struct ui *ui);

/* The disagreements: shows the list of the review's open code, from its first one. */
void disagreements_show(struct ui *ui);

/* The disagreements: settles the highlighted one with a span chosen by hand, or goes back to it
 * unsettled; either gives the disagreements the focus again. */
void disagreements_settle(struct ui *ui, struct span span);
void disagreements_settle_cancelled(struct ui *ui);

/* The segment list: every segment coded at code `code_index`, with its sub-codes' when
 * `subcodes` (in case `case_name` only, unless it is NULL); what a query finds, given or asked
 * for on the message line; or, back from the transcript, the list last shown. Each gives the
 * list the focus, or says why it cannot. */
void segments_pane_retrieve(struct ui *ui, int code_index, const char *case_name, bool subcodes);
void segments_pane_find(struct ui *ui, const char *query);

/* The segment list of the framework matrix's cell of case `case_id` (named `case_name`) and code
 * `code_index`: its segments, those linked to the cell marked, and a key to link or unlink. */
void segments_pane_of_cell(struct ui *ui, int code_index, int64_t case_id, const char *case_name);
void segments_pane_query(struct ui *ui);
void segments_back(struct ui *ui);

/* The project's log, newest change first. */
void log_open(struct ui *ui);

/* The counts, as last shown (at first, per code). */
void counts_pane_open(struct ui *ui);

/* The framework matrix of the code `code_index`'s sub-codes (or of the code itself when it has
 * none), a row per case. */
void matrix_pane_open(struct ui *ui, int code_index);

/* Marks the coding with this id as a quote, or takes the mark off, saying which. */
void ui_toggle_quote(struct ui *ui, int64_t coding_id);

/* The codebook: highlights a code (by its index in the codebook), unfolding its ancestors. */
void codebook_pane_reveal(struct ui *ui, int code_index);

/* The memo list: gives it the focus, where it was left. */
void memos_pane_show(struct ui *ui);

#endif
