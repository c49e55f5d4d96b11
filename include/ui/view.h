/* What the screen shows besides the project: which pane has the focus, where each pane is
 * scrolled to, folding and filtering of the codebook, the open popup, the prompt and the
 * message. Handlers change a view; the draw functions read it. Nothing here touches curses. */
#ifndef MARGIN_UI_VIEW_H
#define MARGIN_UI_VIEW_H

#include "core/codetree.h"
#include "core/wrap.h"
#include "model/session.h"
#include "ui/comparison.h"
#include "ui/layout.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The coding screen (transcript and codebook) or the comparison of two coders. */
enum screen_kind {
    SCREEN_CODING,
    SCREEN_COMPARE,
};

enum focus {
    FOCUS_TRANSCRIPT,
    FOCUS_CODEBOOK,
};

enum popup {
    POPUP_NONE,
    POPUP_PICKER,
    POPUP_SOURCES,
    POPUP_HELP,
};

/* What a picker's choice is for. */
enum pick_purpose {
    PICK_CODE,   /* code the selection */
    PICK_RECODE, /* give the chosen coding another code */
    PICK_MERGE,  /* merge the codebook's highlighted code into the choice */
};

/* What the text typed into the prompt is for. */
enum prompt_purpose {
    PROMPT_SEARCH,
    PROMPT_FILTER,
    PROMPT_CODING_MEMO,
    PROMPT_SOURCE_MEMO,
    PROMPT_CODE_MEMO,
    PROMPT_ADD_CODE,
    PROMPT_ADD_CHILD,
    PROMPT_RENAME,
    PROMPT_DESCRIBE,
    PROMPT_COMPARE,
};

/* What a yes/no question is about. */
enum confirm_purpose {
    CONFIRM_DELETE_CODE,
};

#define VIEW_TEXT_MAX 2048

struct prompt {
    bool active;
    enum prompt_purpose purpose;
    char label[64];
    char text[VIEW_TEXT_MAX];
    size_t cursor; /* byte offset into text */
};

struct picker {
    enum pick_purpose purpose;
    char query[128];
    int *matches; /* codebook indexes: recent codes first when the query is empty */
    size_t count;
    size_t recent; /* how many of the first matches are recent codes */
    size_t highlighted;
    size_t top;
};

struct view {
    struct layout layout;
    enum screen_kind screen;
    struct comparison comparison;
    bool settling_by_hand; /* the selection will settle the open disagreement */
    enum focus focus;
    enum popup popup;
    struct prompt prompt;
    struct picker picker;

    bool confirming;
    enum confirm_purpose confirm;
    char question[256];
    int64_t confirm_id;

    char message[512];
    bool message_is_error;

    /* Transcript pane. */
    struct wrap wrap;
    int wrap_source; /* source index the rows are for, -1 for none */
    size_t top;      /* first row shown */
    bool adjusting;  /* the selection is a coding's span being adjusted */
    int64_t adjust_id;
    char search[VIEW_TEXT_MAX];

    /* Codebook pane. */
    int64_t *folded; /* ids of folded codes */
    size_t nfolded, folded_cap;
    char filter[VIEW_TEXT_MAX];
    int64_t highlighted_code; /* id; 0 picks the first row */
    size_t codebook_top;

    /* Source list and help. */
    size_t source_highlighted;
    size_t help_top;
};

/* Sets up an empty view for a screen of rows x cols. */
void view_init(struct view *view, int rows, int cols);

/* Frees what a view holds. */
void view_finish(struct view *view);

/* Lays the view out for a new screen size. */
void view_resize(struct view *view, int rows, int cols);

/* Sets the message line (printf-style); errors are shown as such. */
void view_message(struct view *view, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Re-wraps the transcript when the source or the text width changed. Returns false when
 * memory runs out. */
bool view_wrap(struct view *view, const struct session *session);

/* Scrolls the transcript so that the cursor's row is on screen, keeping a row of context. */
void view_follow_cursor(struct view *view, const struct session *session);

/* The codebook rows on show, as codebook indexes, into `rows` (room for every code): codes not
 * hidden under a folded code, and, when filtering, those that match and their ancestors. */
size_t view_codebook_rows(const struct view *view, const struct codetree *tree, int *rows);

/* Folding of a code (by id). */
bool view_is_folded(const struct view *view, int64_t id);
bool view_set_folded(struct view *view, int64_t id, bool folded);

/* The highlighted code's index among the rows on show (0 when it is not on show), and moving
 * the highlight by `delta` rows (clamped). */
size_t view_codebook_position(const struct view *view, const int *rows, size_t count,
                              const struct codetree *tree);
void view_codebook_move(struct view *view, const int *rows, size_t count,
                        const struct codetree *tree, long delta);

/* Opens the picker for `purpose` and fills its matches. */
bool view_picker_open(struct view *view, const struct session *session, enum pick_purpose purpose);

/* Recomputes the picker's matches for its query: codable codes that match it, and when the
 * query is empty, the recent codes first. */
bool view_picker_update(struct view *view, const struct session *session);

/* The scopes whose keys apply now, highest priority first: the prompt, a question or a popup
 * when one is open, else the focused pane's (with the selecting keys while selecting) and the
 * global ones. Returns how many (at most 3). */
#include "input/actions.h"
size_t view_scopes(const struct view *view, const struct session *session, enum scope *scopes);

/* The scopes the help lists for the focused pane: its own, the global ones and those of the
 * popups and prompts it opens. Returns how many. */
size_t view_help_scopes(const struct view *view, enum scope *scopes);

/* Opens the prompt with a label and starting text. */
void view_prompt(struct view *view, enum prompt_purpose purpose, const char *label,
                 const char *text);

/* Edits the prompt's text: inserts a code point at the cursor, or erases before (-1) or at (1)
 * the cursor. */
void view_prompt_insert(struct view *view, int key);
void view_prompt_erase(struct view *view, int direction);

/* Moves the prompt's cursor by code points (delta), or to the start (INT_MIN) or end
 * (INT_MAX). */
void view_prompt_move(struct view *view, int delta);

#endif
