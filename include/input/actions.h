/* Every action a key can trigger, in one list.
 *
 * The list generates the action enum, the keymap, the help screen and the key table of the
 * manual (margin --keys-doc), so that they cannot disagree. Each entry is
 *     X(ID, SCOPE, "KEYS", "what it does")
 * where KEYS are alternatives separated by spaces, each a key or a sequence of keys written
 * together: "j <Down>" is j or the down arrow, "gg" is g then g, "<C-r>" is Ctrl-R. */
#ifndef MARGIN_INPUT_ACTIONS_H
#define MARGIN_INPUT_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>

/* Where a key means its action. A pane looks up its own scope first, then the global one. */
#define SCOPES(X)                                                                                  \
    X(GLOBAL, "Everywhere")                                                                        \
    X(TRANSCRIPT, "Transcript")                                                                    \
    X(VISUAL, "Transcript, while selecting")                                                       \
    X(CODEBOOK, "Codebook")                                                                        \
    X(PICKER, "Code picker")                                                                       \
    X(SOURCES, "Source list")                                                                      \
    X(MEMOS, "Memo list")                                                                          \
    X(PROMPT, "Typing a line (names, searches)")                                                   \
    X(EDITOR, "Writing a memo or description")                                                     \
    X(CONFIRM, "Questions")                                                                        \
    X(COMPARE, "Comparing coders")                                                                 \
    X(SEGMENTS, "Segments of a code or a query")                                                   \
    X(MATRIX, "Framework matrix")                                                                  \
    X(COUNTS, "Counts")                                                                            \
    X(LOG, "The project's log")                                                                    \
    X(HELP, "Help")

#define ACTIONS(X)                                                                                 \
    X(QUIT, GLOBAL, "q <C-c>", "quit; every change is already saved")                              \
    X(HELP, GLOBAL, "? <F1>", "show the keys of this pane")                                        \
    X(FOCUS_NEXT, GLOBAL, "<Tab> <S-Tab>", "move between the transcript and the codebook")         \
    X(SOURCES, GLOBAL, "S", "choose the source to read")                                           \
    X(UNDO, GLOBAL, "u", "undo the last change (kept across restarts)")                            \
    X(REDO, GLOBAL, "<C-r>", "redo what was undone")                                               \
    X(OTHER_CODERS, GLOBAL, "O", "show or hide other coders' codings (hidden: blind coding)")      \
    X(REDRAW, GLOBAL, "<C-l>", "redraw the screen")                                                \
    X(SUSPEND, GLOBAL, "<C-z>", "suspend margin to the shell; fg brings it back")                  \
    X(COMPARE, GLOBAL, "C", "compare two coders and settle their disagreements")                   \
    X(QUERY, GLOBAL, "Q", "find what a query names in every source (07.01 and 07.02, text(...))")  \
    X(COUNTS, GLOBAL, "=", "count codings per code, by case, by attribute, and codes together")    \
    X(LOG, GLOBAL, "W", "who changed what: the project's log, newest first")                       \
    X(SEGMENTS, GLOBAL, "L", "back to the list of segments last retrieved or found")               \
    X(MEMO_PROJECT, GLOBAL, "P", "write the project's memo")                                       \
    X(MEMO_LIST, GLOBAL, "gm", "list every memo, or go back to the list where it was")             \
                                                                                                   \
    X(LEFT, TRANSCRIPT, "h <Left>", "move left")                                                   \
    X(RIGHT, TRANSCRIPT, "l <Right>", "move right")                                                \
    X(DOWN, TRANSCRIPT, "j <Down>", "move down a row")                                             \
    X(UP, TRANSCRIPT, "k <Up>", "move up a row")                                                   \
    X(WORD_NEXT, TRANSCRIPT, "w", "next word")                                                     \
    X(WORD_PREV, TRANSCRIPT, "b", "previous word")                                                 \
    X(WORD_END, TRANSCRIPT, "e", "end of the word")                                                \
    X(SENTENCE_NEXT, TRANSCRIPT, ")", "next sentence")                                             \
    X(SENTENCE_PREV, TRANSCRIPT, "(", "start of this or the previous sentence")                    \
    X(PARAGRAPH_NEXT, TRANSCRIPT, "}", "next paragraph")                                           \
    X(PARAGRAPH_PREV, TRANSCRIPT, "{", "start of this or the previous paragraph")                  \
    X(TURN_NEXT, TRANSCRIPT, "t", "next speaker turn")                                             \
    X(TURN_PREV, TRANSCRIPT, "T", "start of this or the previous speaker turn")                    \
    X(CODED_NEXT, TRANSCRIPT, "]", "next coded span")                                              \
    X(CODED_PREV, TRANSCRIPT, "[", "previous coded span")                                          \
    X(UNCODED_NEXT, TRANSCRIPT, ">", "next text nobody visible has coded")                         \
    X(UNCODED_PREV, TRANSCRIPT, "<lt>", "previous uncoded text")                                   \
    X(LINE_START, TRANSCRIPT, "0 <Home>", "start of the line")                                     \
    X(LINE_END, TRANSCRIPT, "$ <End>", "end of the line")                                          \
    X(TOP, TRANSCRIPT, "gg", "start of the source")                                                \
    X(BOTTOM, TRANSCRIPT, "G", "end of the source")                                                \
    X(PAGE_DOWN, TRANSCRIPT, "<C-f> <PageDown>", "next page")                                      \
    X(PAGE_UP, TRANSCRIPT, "<C-b> <PageUp>", "previous page")                                      \
    X(HALF_DOWN, TRANSCRIPT, "<C-d>", "half a page down")                                          \
    X(HALF_UP, TRANSCRIPT, "<C-u>", "half a page up")                                              \
    X(SEARCH, TRANSCRIPT, "/", "search the source")                                                \
    X(SEARCH_NEXT, TRANSCRIPT, "n", "next match")                                                  \
    X(SEARCH_PREV, TRANSCRIPT, "N", "previous match")                                              \
    X(VISUAL, TRANSCRIPT, "v", "start selecting at the cursor, or stop")                           \
    X(CODE, TRANSCRIPT, "c", "code the selection: pick a code by number or name")                  \
    X(CODE_AGAIN, TRANSCRIPT, ".", "code the selection with the last code again")                  \
    X(CODING_CYCLE, TRANSCRIPT, ";", "choose among the codings at the cursor")                     \
    X(UNCODE, TRANSCRIPT, "d", "remove the chosen coding at the cursor")                           \
    X(RECODE, TRANSCRIPT, "r", "give the chosen coding another code")                              \
    X(ADJUST, TRANSCRIPT, "E", "adjust the chosen coding's span (then move, o, <Enter>)")          \
    X(MEMO_CODING, TRANSCRIPT, "m", "write the chosen coding's memo")                              \
    X(QUOTE, TRANSCRIPT, "'", "mark the chosen coding as a quote to cite, or take the mark off")   \
    X(MEMO_SOURCE, TRANSCRIPT, "M", "write this source's memo")                                    \
    X(MEMO_CASE, TRANSCRIPT, "gc", "write the memo of this source's case")                         \
                                                                                                   \
    X(SWAP_ENDS, VISUAL, "o", "go to the other end of the selection")                              \
    X(SELECT_WORD, VISUAL, "iw", "select the word")                                                \
    X(SELECT_WORD_AROUND, VISUAL, "aw", "select the word and the spaces after it")                 \
    X(SELECT_SENTENCE, VISUAL, "is", "select the sentence")                                        \
    X(SELECT_SENTENCE_AROUND, VISUAL, "as", "select the sentence and the spaces after it")         \
    X(SELECT_PARAGRAPH, VISUAL, "ip", "select the paragraph")                                      \
    X(SELECT_PARAGRAPH_AROUND, VISUAL, "ap", "select the paragraph and the blank lines after it")  \
    X(SELECT_TURN, VISUAL, "it", "select what was said in the speaker turn")                       \
    X(SELECT_TURN_AROUND, VISUAL, "at", "select the whole speaker turn, label included")           \
    X(REDACT, VISUAL, "X", "redact the selected words everywhere as a placeholder (asks which)")   \
    X(CORRECT, VISUAL, "R", "correct the selected words in the text (edit them, then <Enter>)")    \
    X(ACCEPT, VISUAL, "<Enter>", "save an adjusted span, or code the selection")                   \
    X(CANCEL, VISUAL, "<Esc>", "stop selecting (or adjusting) without a change")                   \
                                                                                                   \
    X(CB_DOWN, CODEBOOK, "j <Down>", "next code")                                                  \
    X(CB_UP, CODEBOOK, "k <Up>", "previous code")                                                  \
    X(CB_TOP, CODEBOOK, "gg <Home>", "first code")                                                 \
    X(CB_BOTTOM, CODEBOOK, "G <End>", "last code")                                                 \
    X(CB_PAGE_DOWN, CODEBOOK, "<C-f> <PageDown>", "next page of codes")                            \
    X(CB_PAGE_UP, CODEBOOK, "<C-b> <PageUp>", "previous page of codes")                            \
    X(CB_FOLD, CODEBOOK, "h <Left>", "fold the code, or go to its parent")                         \
    X(CB_UNFOLD, CODEBOOK, "l <Right>", "unfold the code")                                         \
    X(CB_APPLY, CODEBOOK, "<Enter>",                                                               \
      "code the selection with this code; with none, fold and unfold, or list the segments")       \
    X(CB_RETRIEVE, CODEBOOK, "s", "list every segment coded at the code and its sub-codes")        \
    X(CB_MATRIX, CODEBOOK, "F", "the framework matrix of the code's sub-codes, a row per case")    \
    X(CB_FILTER, CODEBOOK, "/", "show only codes whose number or name matches")                    \
    X(CB_CLEAR, CODEBOOK, "<Esc>", "clear the filter; without one, back to the transcript")        \
    X(CB_ADD, CODEBOOK, "a", "add a code at this one's level, with the next free number")          \
    X(CB_ADD_CHILD, CODEBOOK, "A", "add a sub-code to this one")                                   \
    X(CB_RENAME, CODEBOOK, "r", "rename the code")                                                 \
    X(CB_DESCRIBE, CODEBOOK, "e", "edit the code's description")                                   \
    X(CB_MEMO, CODEBOOK, "m", "write the code's memo")                                             \
    X(CB_HEADING, CODEBOOK, "H", "make the code a heading that cannot be coded, or undo that")     \
    X(CB_MOVE_UP, CODEBOOK, "K", "swap numbers with the code above (asks)")                        \
    X(CB_MOVE_DOWN, CODEBOOK, "J", "swap numbers with the code below (asks)")                      \
    X(CB_INDENT, CODEBOOK, ">", "make the code a sub-code of the one above it (asks)")             \
    X(CB_OUTDENT, CODEBOOK, "<lt>", "move the code out to its parent's level (asks)")              \
    X(CB_RENUMBER, CODEBOOK, "R", "renumber the codebook, closing the gaps (asks)")                \
    X(CB_MERGE, CODEBOOK, "M", "merge the code into another (pick which)")                         \
    X(CB_DELETE, CODEBOOK, "d", "delete the code, its sub-codes and their codings (asks)")         \
                                                                                                   \
    X(PICK_DOWN, PICKER, "<Down> <C-n>", "next match")                                             \
    X(PICK_UP, PICKER, "<Up> <C-p>", "previous match")                                             \
    X(PICK_ACCEPT, PICKER, "<Enter>", "use the highlighted code")                                  \
    X(PICK_CANCEL, PICKER, "<Esc>", "close without coding")                                        \
    X(PICK_ERASE, PICKER, "<BS>", "erase the last character typed")                                \
    X(PICK_CLEAR, PICKER, "<C-u>", "erase everything typed")                                       \
                                                                                                   \
    X(SRC_DOWN, SOURCES, "j <Down>", "next source")                                                \
    X(SRC_UP, SOURCES, "k <Up>", "previous source")                                                \
    X(SRC_FIRST, SOURCES, "gg <Home>", "first source")                                             \
    X(SRC_LAST, SOURCES, "G <End>", "last source")                                                 \
    X(SRC_FILTER, SOURCES, "/", "show only sources whose name or case holds what is typed")        \
    X(SRC_OPEN, SOURCES, "<Enter>", "read the highlighted source")                                 \
    X(SRC_RENAME, SOURCES, "r", "rename the source")                                               \
    X(SRC_DELETE, SOURCES, "d", "delete the source with its text and codings (asks)")              \
    X(SRC_LINK, SOURCES, "l", "link the source to a case (a new name adds one; empty: none)")      \
    X(SRC_CASE_RENAME, SOURCES, "R", "rename the source's case")                                   \
    X(SRC_CASE_MERGE, SOURCES, "M", "merge the source's case into another (type its name)")        \
    X(SRC_CASE_SET, SOURCES, "a", "set an attribute of the source's case (ATTRIBUTE = VALUE)")     \
    X(SRC_CODER_RENAME, SOURCES, "c", "rename a coder (type whose name, then the new name)")       \
    X(SRC_CODER_MERGE, SOURCES, "C", "merge a coder into another, when one person had two names")  \
    X(SRC_CANCEL, SOURCES, "<Esc> q", "close the list")                                            \
                                                                                                   \
    X(MEMOS_DOWN, MEMOS, "j <Down>", "next memo")                                                  \
    X(MEMOS_UP, MEMOS, "k <Up>", "previous memo")                                                  \
    X(MEMOS_FIRST, MEMOS, "gg <Home>", "first memo")                                               \
    X(MEMOS_LAST, MEMOS, "G <End>", "last memo")                                                   \
    X(MEMOS_PAGE_DOWN, MEMOS, "<C-f> <PageDown>", "next page of memos")                            \
    X(MEMOS_PAGE_UP, MEMOS, "<C-b> <PageUp>", "previous page of memos")                            \
    X(MEMOS_GO, MEMOS, "<Enter>", "go to what the memo is on: its coding, source or code")         \
    X(MEMOS_EDIT, MEMOS, "e", "write the highlighted memo")                                        \
    X(MEMOS_CLOSE, MEMOS, "q <Esc>", "back to the coding screen")                                  \
                                                                                                   \
    X(PROMPT_ACCEPT, PROMPT, "<Enter>", "accept the text")                                         \
    X(PROMPT_CANCEL, PROMPT, "<Esc>", "cancel")                                                    \
    X(PROMPT_ERASE, PROMPT, "<BS>", "erase the character before the cursor")                       \
    X(PROMPT_DELETE, PROMPT, "<Delete>", "erase the character at the cursor")                      \
    X(PROMPT_LEFT, PROMPT, "<Left>", "move left")                                                  \
    X(PROMPT_RIGHT, PROMPT, "<Right>", "move right")                                               \
    X(PROMPT_HOME, PROMPT, "<Home> <C-a>", "go to the start")                                      \
    X(PROMPT_END, PROMPT, "<End> <C-e>", "go to the end")                                          \
    X(PROMPT_KILL, PROMPT, "<C-u>", "erase everything")                                            \
                                                                                                   \
    X(EDIT_SAVE, EDITOR, "<C-s>", "save the text and close")                                       \
    X(EDIT_CANCEL, EDITOR, "<Esc>", "close without saving")                                        \
    X(EDIT_NEWLINE, EDITOR, "<Enter>", "start a new line")                                         \
    X(EDIT_ERASE, EDITOR, "<BS>", "erase the character before the cursor")                         \
    X(EDIT_DELETE, EDITOR, "<Delete>", "erase the character at the cursor")                        \
    X(EDIT_LEFT, EDITOR, "<Left>", "move left")                                                    \
    X(EDIT_RIGHT, EDITOR, "<Right>", "move right")                                                 \
    X(EDIT_UP, EDITOR, "<Up>", "move up a row")                                                    \
    X(EDIT_DOWN, EDITOR, "<Down>", "move down a row")                                              \
    X(EDIT_HOME, EDITOR, "<Home> <C-a>", "go to the start of the line")                            \
    X(EDIT_END, EDITOR, "<End> <C-e>", "go to the end of the line")                                \
    X(EDIT_KILL, EDITOR, "<C-u>", "erase everything")                                              \
                                                                                                   \
    X(CMP_DOWN, COMPARE, "j <Down>", "next code, or next disagreement")                            \
    X(CMP_UP, COMPARE, "k <Up>", "previous code, or previous disagreement")                        \
    X(CMP_OPEN, COMPARE, "<Enter>", "open the code's disagreements, or the disagreement's text")   \
    X(CMP_BACK, COMPARE, "q <Esc>", "go back; from the table, leave the comparison")               \
    X(CMP_SORT, COMPARE, "s", "sort the table by number, kappa or disagreement")                   \
    X(CMP_FIND, COMPARE, "/ 0 1 2 3 4 5 6 7 8 9", "find a code in the table by number or name")    \
    X(CMP_RECOMPUTE, COMPARE, "R", "compute the agreement again")                                  \
    X(CMP_FIRST, COMPARE, "a", "settle it: the first coder's coding")                              \
    X(CMP_SECOND, COMPARE, "b", "settle it: the second coder's coding")                            \
    X(CMP_UNION, COMPARE, "o", "settle it: what either coder coded")                               \
    X(CMP_INTERSECTION, COMPARE, "i", "settle it: what both coders coded")                         \
    X(CMP_NEITHER, COMPARE, "n", "settle it: no coding here")                                      \
    X(CMP_EDIT, COMPARE, "e", "settle it with a span chosen in the transcript (then <Enter>)")     \
    X(CMP_AGREED, COMPARE, "=", "give the consensus every stretch both coders coded alike")        \
                                                                                                   \
    X(SEG_DOWN, SEGMENTS, "j <Down>", "next segment")                                              \
    X(SEG_UP, SEGMENTS, "k <Up>", "previous segment")                                              \
    X(SEG_FIRST, SEGMENTS, "gg <Home>", "first segment")                                           \
    X(SEG_LAST, SEGMENTS, "G <End>", "last segment")                                               \
    X(SEG_PAGE_DOWN, SEGMENTS, "<C-f> <PageDown> <Space>", "next page")                            \
    X(SEG_PAGE_UP, SEGMENTS, "<C-b> <PageUp>", "previous page")                                    \
    X(SEG_OPEN, SEGMENTS, "<Enter>", "read the segment in its transcript (L comes back)")          \
    X(SEG_FILTER, SEGMENTS, "/", "only the cases that pass a filter (site = B, age >= 40)")        \
    X(SEG_SUBCODES, SEGMENTS, "+", "take the sub-codes' segments in, or leave them out")           \
    X(SEG_QUOTE, SEGMENTS, "'", "mark the segment as a quote to cite, or take the mark off")       \
    X(SEG_LINK, SEGMENTS, "x", "link the segment to the matrix cell listed, or unlink it")         \
    X(SEG_CODE, SEGMENTS, "c", "code every segment listed (pick a code, then how much of each)")   \
    X(SEG_CLOSE, SEGMENTS, "q <Esc>", "back to the coding screen")                                 \
                                                                                                   \
    X(MX_LEFT, MATRIX, "h <Left>", "the cell to the left")                                         \
    X(MX_RIGHT, MATRIX, "l <Right>", "the cell to the right")                                      \
    X(MX_DOWN, MATRIX, "j <Down>", "the cell below")                                               \
    X(MX_UP, MATRIX, "k <Up>", "the cell above")                                                   \
    X(MX_OPEN, MATRIX, "<Enter>", "read the segments the cell summarises")                         \
    X(MX_WRITE, MATRIX, "e", "write the cell's summary")                                           \
    X(MX_NEXT_PENDING, MATRIX, "n", "the next cell with segments and no summary")                  \
    X(MX_FILTER, MATRIX, "/", "only the cases that pass a filter (site = B, age >= 40)")           \
    X(MX_CLOSE, MATRIX, "q <Esc>", "back to the coding screen")                                    \
                                                                                                   \
    X(CNT_DOWN, COUNTS, "j <Down>", "next row")                                                    \
    X(CNT_UP, COUNTS, "k <Up>", "previous row")                                                    \
    X(CNT_FIRST, COUNTS, "gg <Home>", "first row")                                                 \
    X(CNT_LAST, COUNTS, "G <End>", "last row")                                                     \
    X(CNT_PAGE_DOWN, COUNTS, "<C-f> <PageDown> <Space>", "next page")                              \
    X(CNT_PAGE_UP, COUNTS, "<C-b> <PageUp>", "previous page")                                      \
    X(CNT_RIGHT, COUNTS, "l <Right>", "show the columns further right")                            \
    X(CNT_LEFT, COUNTS, "h <Left>", "show the columns further left")                               \
    X(CNT_BY, COUNTS, "b", "the next table: per code, codes by case, codes that occur together")   \
    X(CNT_ATTRIBUTE, COUNTS, "a", "codes by the values of a case attribute (asks which)")          \
    X(CNT_FILTER, COUNTS, "/", "only the cases that pass a filter (site = B, age >= 40)")          \
    X(CNT_OPEN, COUNTS, "<Enter>", "list the segments the row counts")                             \
    X(CNT_CLOSE, COUNTS, "q <Esc>", "back to the coding screen")                                   \
                                                                                                   \
    X(LOG_DOWN, LOG, "j <Down>", "older change")                                                   \
    X(LOG_UP, LOG, "k <Up>", "newer change")                                                       \
    X(LOG_FIRST, LOG, "gg <Home>", "newest change")                                                \
    X(LOG_LAST, LOG, "G <End>", "oldest change")                                                   \
    X(LOG_PAGE_DOWN, LOG, "<C-f> <PageDown> <Space>", "next page")                                 \
    X(LOG_PAGE_UP, LOG, "<C-b> <PageUp>", "previous page")                                         \
    X(LOG_FILTER, LOG, "/", "only the changes whose coder, source or words hold what is typed")    \
    X(LOG_OPEN, LOG, "<Enter>", "open the source the change concerns")                             \
    X(LOG_CLOSE, LOG, "q <Esc>", "back to the coding screen")                                      \
                                                                                                   \
    X(CONFIRM_YES, CONFIRM, "y", "yes")                                                            \
    X(CONFIRM_NO, CONFIRM, "n <Esc>", "no")                                                        \
                                                                                                   \
    X(HELP_DOWN, HELP, "j <Down>", "scroll down")                                                  \
    X(HELP_UP, HELP, "k <Up>", "scroll up")                                                        \
    X(HELP_PAGE_DOWN, HELP, "<C-f> <PageDown> <Space>", "next page")                               \
    X(HELP_PAGE_UP, HELP, "<C-b> <PageUp>", "previous page")                                       \
    X(HELP_CLOSE, HELP, "q <Esc> ?", "close the help")

enum scope {
#define SCOPE_ENUM(id, title) SCOPE_##id,
    SCOPES(SCOPE_ENUM)
#undef SCOPE_ENUM
        SCOPE_COUNT
};

enum action {
    ACTION_NONE,
    ACTION_PENDING, /* the keys so far begin a longer binding */
#define ACTION_ENUM(id, scope, keys, help) ACTION_##id,
    ACTIONS(ACTION_ENUM)
#undef ACTION_ENUM
        ACTION_COUNT
};

struct action_info {
    const char *name; /* "word_next" */
    enum scope scope;
    const char *keys; /* as written in the list */
    const char *help;
};

/* The entry of an action (not ACTION_NONE or ACTION_PENDING). */
const struct action_info *actions_info(enum action action);

/* Writes an action's keys for people into buf: "j, <Down>" (alternatives joined by commas). */
void actions_keys_text(const struct action_info *info, char *buf, size_t size);

/* A scope's title, such as "Codebook". */
const char *actions_scope_title(enum scope scope);

#define KEYMAP_SEQUENCE_MAX 4

/* Keys typed so far that begin a longer binding ("g" of "gg"). */
struct keymap_state {
    int pending[KEYMAP_SEQUENCE_MAX];
    size_t count;
};

/* Feeds one key to the keymap of `scopes` (highest priority first). Returns the action whose
 * keys are now complete, ACTION_PENDING while the keys so far begin a longer binding, or
 * ACTION_NONE. When pending keys and the new key match nothing, the pending keys are dropped
 * and the new key is tried alone. */
enum action keymap_feed(struct keymap_state *state, const enum scope *scopes, size_t nscopes,
                        int key);

/* Writes the scdoc key table of the manual page (one section per scope) to out. */
struct strbuf;
bool actions_write_manual(struct strbuf *out);

#endif
