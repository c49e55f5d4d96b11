/* The transcript pane: the open source's text wrapped to the pane, with the margin of code
 * numbers beside it, speaker labels, coded text, the selection and the cursor; moving through
 * the text, selecting, coding and memos. Drawing costs the pane's size, not the text's. */
#include "draw.h"
#include "internal.h"
#include "text_edit.h"
#include "text_rows.h"
#include "theme.h"
#include "writing.h"

#include "core/motion.h"
#include "core/sha256.h"
#include "core/utf8.h"
#include "core/width.h"
#include "core/wrap.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What Enter does with the selection. */
enum selection_purpose {
    SELECTING_TO_CODE,   /* pick a code for it */
    SELECTING_TO_ADJUST, /* it becomes the span of coding adjust_id */
    SELECTING_TO_SETTLE, /* it settles the comparison's open disagreement */
};

struct transcript_pane {
    struct pane pane;
    struct wrap wrap;
    int wrap_source;                   /* the source index the rows are for, -1 for none */
    char wrap_sha256[SHA256_HEX_SIZE]; /* and its text's hash: a corrected text wraps again */
    int wrap_width;
    size_t top; /* the first row shown */
    enum selection_purpose purpose;
    int64_t adjust_id;
    char search[1024];
    bool mouse_selecting; /* button 1 went down in the text */
    int64_t mouse_anchor;
    struct text_edit edit; /* a redaction or correction between its prompts */
};

static struct transcript_pane *of(struct pane *pane)
{
    return (struct transcript_pane *)pane;
}

static struct transcript_pane *transcript(struct ui *ui)
{
    return of(ui->panes[PANE_TRANSCRIPT]);
}

/* The text's columns within the pane's area: after the margin of code numbers and a space. */
static struct rect text_area(const struct ui *ui)
{
    return ui->layout.text;
}

/* --- Wrapping and screen columns ------------------------------------------------------------ */

/* Wraps the text again when the source or the width changed. */
static bool rewrap(struct transcript_pane *t, const struct ui *ui)
{
    const struct text *text = session_text(ui->session);
    int source = session_source_index(ui->session);
    int width = text_area(ui).cols;
    if (!text || ui->layout.kind == LAYOUT_TOO_SMALL) {
        t->wrap_source = -1;
        t->wrap.count = 0;
        return true;
    }
    const char *sha256 = session_sources(ui->session)->items[source].sha256;
    if (source == t->wrap_source && strcmp(sha256, t->wrap_sha256) == 0 && width == t->wrap_width &&
        t->wrap.count > 0)
        return true;
    if (source != t->wrap_source)
        t->top = 0;
    t->wrap_source = source;
    snprintf(t->wrap_sha256, sizeof t->wrap_sha256, "%s", sha256);
    t->wrap_width = width;
    return wrap_text(text, width, &t->wrap);
}

/* Scrolls so that the cursor's row is on show, with a row of context. */
static void follow_cursor(struct transcript_pane *t, const struct ui *ui)
{
    if (t->wrap.count == 0)
        return;
    size_t height = (size_t)text_area(ui).rows;
    size_t row = wrap_row_of(&t->wrap, session_cursor(ui->session));
    size_t context = height > 4 ? 1 : 0;
    if (row < t->top + context)
        t->top = row > context ? row - context : 0;
    else if (row + context >= t->top + height)
        t->top = row + context + 1 - height;
    if (t->top + height > t->wrap.count)
        t->top = t->wrap.count > height ? t->wrap.count - height : 0;
}

/* Wraps and scrolls for the current source and cursor. */
static void prepare(struct transcript_pane *t, struct ui *ui)
{
    if (!rewrap(t, ui))
        ui_message(ui, true, "out of memory");
    else
        follow_cursor(t, ui);
}

/* Moves the cursor `delta` screen rows, keeping its column. */
static void move_rows(struct transcript_pane *t, struct ui *ui, long delta)
{
    prepare(t, ui);
    const struct text *text = session_text(ui->session);
    if (t->wrap.count == 0)
        return;
    int64_t cursor = session_cursor(ui->session);
    size_t row = wrap_row_of(&t->wrap, cursor);
    int column = text_rows_column(text, t->wrap.items[row], cursor);
    long target = (long)row + delta;
    if (target < 0)
        target = 0;
    if (target >= (long)t->wrap.count)
        target = (long)t->wrap.count - 1;
    session_set_cursor(ui->session, text_rows_offset_at(text, t->wrap.items[target], column));
}

/* --- Drawing -------------------------------------------------------------------------------- */

static void transcript_draw(struct pane *pane, struct ui *ui, struct rect area, bool focused)
{
    struct transcript_pane *t = of(pane);
    const struct session *session = ui->session;
    const struct text *text = session_text(session);
    prepare(t, ui);
    struct rect words = text_area(ui);
    if (!text || text_length(text) == 0) {
        const char *line = session_sources(session)->count
                               ? "This source is empty."
                               : "No sources yet: margin import adds transcripts.";
        draw_string(words.row, words.col, words.cols, line, theme_attr(THEME_DESCRIPTION));
        return;
    }
    text_rows_draw(&(struct text_rows){session, &t->wrap, t->top, ui->layout.gutter, words, focused,
                                       t->search});
    text_rows_draw_here(session, ui->layout.here);
    if (session_selecting(session) && t->wrap.count > 0) {
        /* Where the selection shows, for the picker to keep clear of it. */
        struct span span = session_selection(session);
        size_t first = wrap_row_of(&t->wrap, span.start);
        size_t last = wrap_row_of(&t->wrap, span.end > span.start ? span.end - 1 : span.start);
        size_t bottom = t->top + (size_t)words.rows;
        if (last >= t->top && first < bottom) {
            ui->clear_first = words.row + (int)((first > t->top ? first : t->top) - t->top);
            ui->clear_last = words.row + (int)((last < bottom ? last : bottom - 1) - t->top);
        }
    }
}

/* --- Coding, and what the prompts and the picker bring back ------------------------------- */

static bool code_selection(struct ui *ui, int code_index)
{
    char message[512];
    struct error err;
    if (!session_code_selection(ui->session, code_index, message, sizeof message, &err)) {
        ui_fail(ui, &err);
        return false;
    }
    transcript(ui)->purpose = SELECTING_TO_CODE;
    ui_message(ui, false, "%s", message);
    codebook_pane_reveal(ui, code_index);
    return true;
}

static void picked_to_code(struct ui *ui, int code_index, int64_t id)
{
    code_selection(ui, code_index);
}

static void picked_to_recode(struct ui *ui, int code_index, int64_t id)
{
    char message[512];
    struct error err;
    if (session_recode(ui->session, code_index, message, sizeof message, &err)) {
        ui_message(ui, false, "%s", message);
        codebook_pane_reveal(ui, code_index);
    } else {
        ui_fail(ui, &err);
    }
}

static void search(struct ui *ui, int direction)
{
    struct transcript_pane *t = transcript(ui);
    const struct text *text = session_text(ui->session);
    if (!t->search[0]) {
        ui_hint(ui, true, "no search yet: ", ACTION_SEARCH, "searches");
        return;
    }
    int64_t found = motion_search(text, t->search, session_cursor(ui->session), direction);
    if (found < 0) {
        ui_message(ui, true, "'%s' is not in this source", t->search);
        return;
    }
    session_set_cursor(ui->session, found);
    ui_message(ui, false, "/%s", t->search);
}

static void searched(struct ui *ui, const char *text, int64_t id)
{
    struct transcript_pane *t = transcript(ui);
    if (text[0])
        snprintf(t->search, sizeof t->search, "%s", text);
    search(ui, 1);
}

/* A sentence or paragraph at the start of a speaker turn begins after its label. */
static struct span without_label(const struct ui *ui, struct span span)
{
    const struct turn_list *turns = session_turns(ui->session);
    int turn = motion_turn_at(turns, session_cursor(ui->session));
    if (turn >= 0) {
        int64_t body = turns->items[turn].body;
        if (span.start < body && body < span.end)
            span.start = body;
    }
    return span;
}

static void select_object(struct ui *ui, struct span span)
{
    if (span.end <= span.start)
        ui_message(ui, true, "nothing to select here");
    else
        session_select_span(ui->session, span);
}

/* Moves the cursor to `target`, or says there is nothing `what` that way. */
static void go(struct ui *ui, int64_t target, int direction, const char *what)
{
    if (target < 0)
        ui_message(ui, true, "no %s %s", direction > 0 ? "later" : "earlier", what);
    else
        session_set_cursor(ui->session, target);
}

static void start_adjusting(struct transcript_pane *t, struct ui *ui)
{
    const struct coding_row *coding = session_chosen_coding(ui->session);
    if (!coding) {
        ui_message(ui, true, "there is no coding at the cursor");
    } else if (coding->coder_id != session_coder_id(ui->session)) {
        ui_message(ui, true, "only your own codings can be adjusted");
    } else {
        t->purpose = SELECTING_TO_ADJUST;
        t->adjust_id = coding->id;
        session_select_span(ui->session, (struct span){coding->start, coding->end});
        char swap[16], accept[16], cancel[16];
        ui_key_name(ACTION_SWAP_ENDS, swap, sizeof swap);
        ui_key_name(ACTION_ACCEPT, accept, sizeof accept);
        ui_key_name(ACTION_CANCEL, cancel, sizeof cancel);
        ui_message(ui, false, "adjusting: move the ends (%s switches end), %s saves, %s cancels",
                   swap, accept, cancel);
    }
}

static void accept_selection(struct transcript_pane *t, struct ui *ui)
{
    char message[512];
    struct error err;
    struct span selection = session_selection(ui->session);
    switch (t->purpose) {
    case SELECTING_TO_SETTLE:
        t->purpose = SELECTING_TO_CODE;
        session_select(ui->session, false);
        disagreements_settle(ui, selection);
        break;
    case SELECTING_TO_ADJUST:
        t->purpose = SELECTING_TO_CODE;
        if (session_move_coding(ui->session, t->adjust_id, selection, message, sizeof message,
                                &err))
            ui_message(ui, false, "%s", message);
        else
            ui_fail(ui, &err);
        break;
    case SELECTING_TO_CODE:
        picker_open(ui, "Code the selection", picked_to_code, 0);
        break;
    }
}

static void cancel_selection(struct transcript_pane *t, struct ui *ui)
{
    session_select(ui->session, false);
    enum selection_purpose was = t->purpose;
    t->purpose = SELECTING_TO_CODE;
    if (was == SELECTING_TO_SETTLE)
        disagreements_settle_cancelled(ui);
    else if (was == SELECTING_TO_ADJUST)
        ui_message(ui, false, "left the coding as it was");
}

/* --- Actions --------------------------------------------------------------------------------- */

/* The actions that select, code and write memos. */
/* Says which coding under the cursor is chosen now, whose it is, and which of how many. */
static void say_chosen(struct ui *ui)
{
    enum { MOST = 64 };
    const struct coding_row *rows[MOST];
    size_t total = session_codings_here(ui->session, rows, MOST);
    const struct coding_row *chosen = session_chosen_coding(ui->session);
    size_t position = 0;
    while (position < total && position < MOST && rows[position] != chosen)
        position++;
    const struct codetree *tree = project_codes(ui->project);
    int index = codetree_find_id(tree, chosen->code_id);
    char number[OUTLINE_TEXT_MAX] = "?";
    if (index >= 0)
        codetree_number_text(tree, index, number);
    ui_message(ui, false, "chose %s %s, %s's coding at %" PRId64 "-%" PRId64 " (%zu of %zu)",
               number, index >= 0 ? codetree_get(tree, (size_t)index)->name : "",
               session_coder_name_of(ui->session, chosen->coder_id), chosen->start, chosen->end,
               position + 1, total);
}

/* Opens the editor on the memo of the open source's case. */
static void memo_case(struct ui *ui)
{
    const struct source_row *source =
        &session_sources(ui->session)->items[session_source_index(ui->session)];
    if (source->case_id == 0)
        ui_message(ui, true, "%s belongs to no case; margin source relink links it to one",
                   source->name);
    else
        writing_open(ui, WRITING_CASE_MEMO, source->case_id);
}

static void coding_action(struct transcript_pane *t, struct ui *ui, enum action action)
{
    struct session *session = ui->session;
    char message[512];
    struct error err;
    const struct coding_row *coding = session_chosen_coding(session);
    switch (action) {
    case ACTION_VISUAL:
        session_select(session, !session_selecting(session));
        t->purpose = SELECTING_TO_CODE;
        break;
    case ACTION_CODE:
        if (!session_selecting(session))
            ui_hint(ui, true, "select some text first: ", ACTION_VISUAL, "starts a selection");
        else
            picker_open(ui, "Code the selection", picked_to_code, 0);
        break;
    case ACTION_CODE_AGAIN: {
        int recent;
        if (session_recent_codes(session, &recent, 1) == 0)
            ui_hint(ui, true, "no code used yet: ", ACTION_CODE, "picks one");
        else
            code_selection(ui, recent);
        break;
    }
    case ACTION_CODING_CYCLE:
        if (session_codings_at_cursor(session) == 0) {
            ui_message(ui, true, "there is no coding at the cursor");
            break;
        }
        session_cycle_coding(session);
        say_chosen(ui);
        break;
    case ACTION_UNCODE:
        if (session_uncode(session, message, sizeof message, &err))
            ui_message(ui, false, "%s", message);
        else
            ui_fail(ui, &err);
        break;
    case ACTION_RECODE:
        if (!coding)
            ui_message(ui, true, "there is no coding at the cursor");
        else
            picker_open(ui, "Give the coding another code", picked_to_recode, 0);
        break;
    case ACTION_ADJUST:
        start_adjusting(t, ui);
        break;
    case ACTION_MEMO_CODING:
        if (!coding)
            ui_message(ui, true, "there is no coding at the cursor");
        else
            writing_open(ui, WRITING_CODING_MEMO, coding->id);
        break;
    case ACTION_QUOTE:
        if (!coding)
            ui_message(ui, true, "there is no coding at the cursor");
        else
            ui_toggle_quote(ui, coding->id);
        break;
    case ACTION_MEMO_SOURCE:
        if (session_source_index(session) < 0)
            ui_message(ui, true, "no source is open");
        else
            writing_open(ui, WRITING_SOURCE_MEMO,
                         session_sources(session)->items[session_source_index(session)].id);
        break;
    case ACTION_MEMO_CASE:
        memo_case(ui);
        break;
    case ACTION_REDACT:
        text_edit_redact(ui, &t->edit);
        break;
    case ACTION_CORRECT:
        if (t->purpose != SELECTING_TO_CODE)
            ui_hint(ui, true,
                    "the words can be corrected once this selection is done with: ", ACTION_CANCEL,
                    "leaves it");
        else
            text_edit_correct(ui, &t->edit);
        break;
    case ACTION_ACCEPT:
        accept_selection(t, ui);
        break;
    case ACTION_CANCEL:
        cancel_selection(t, ui);
        break;
    default:
        break;
    }
}

/* The text objects: what `i` and `a` select. A sentence or paragraph leaves out the speaker's
 * label at the start of a turn. */
static const struct {
    enum action action;
    struct span (*at)(const struct text *text, int64_t offset, bool around);
    bool around;
} text_objects[] = {
    {ACTION_SELECT_WORD, motion_word_at, false},
    {ACTION_SELECT_WORD_AROUND, motion_word_at, true},
    {ACTION_SELECT_SENTENCE, motion_sentence_at, false},
    {ACTION_SELECT_SENTENCE_AROUND, motion_sentence_at, true},
    {ACTION_SELECT_PARAGRAPH, motion_paragraph_at, false},
    {ACTION_SELECT_PARAGRAPH_AROUND, motion_paragraph_at, true},
};

/* Selects a text object; returns false when `action` is not one. */
static bool select_object_of(struct ui *ui, enum action action)
{
    const struct text *text = session_text(ui->session);
    int64_t cursor = session_cursor(ui->session);
    for (size_t i = 0; i < sizeof text_objects / sizeof text_objects[0]; i++) {
        if (text_objects[i].action == action) {
            struct span span = text_objects[i].at(text, cursor, text_objects[i].around);
            select_object(ui,
                          text_objects[i].at == motion_word_at ? span : without_label(ui, span));
            return true;
        }
    }
    if (action != ACTION_SELECT_TURN && action != ACTION_SELECT_TURN_AROUND)
        return false;
    struct span turn =
        motion_turn_span(session_turns(ui->session), cursor, action == ACTION_SELECT_TURN_AROUND);
    if (turn.end <= turn.start)
        ui_message(ui, true, "the cursor is not in a speaker turn");
    else
        select_object(ui, turn);
    return true;
}

/* The motions over the words of the text. */
static const struct {
    enum action action;
    int64_t (*to)(const struct text *text, int64_t offset);
} text_motions[] = {
    {ACTION_WORD_NEXT, motion_word_next},
    {ACTION_WORD_PREV, motion_word_prev},
    {ACTION_WORD_END, motion_word_end},
    {ACTION_SENTENCE_NEXT, motion_sentence_next},
    {ACTION_SENTENCE_PREV, motion_sentence_prev},
    {ACTION_PARAGRAPH_NEXT, motion_paragraph_next},
    {ACTION_PARAGRAPH_PREV, motion_paragraph_prev},
};

static void transcript_act(struct pane *pane, struct ui *ui, enum action action)
{
    struct transcript_pane *t = of(pane);
    struct session *session = ui->session;
    const struct text *text = session_text(session);
    if (!text && action != ACTION_MEMO_SOURCE) {
        ui_hint(ui, true, "no source is open: ", ACTION_SOURCES, "chooses one");
        return;
    }
    int64_t cursor = session_cursor(session);
    int rows = text_area(ui).rows;
    long page = rows > 2 ? rows - 2 : 1;
    prepare(t, ui);
    const struct wrap_row *line =
        t->wrap.count ? &t->wrap.items[wrap_row_of(&t->wrap, cursor)] : NULL;
    int direction = 1;
    for (size_t i = 0; i < sizeof text_motions / sizeof text_motions[0]; i++) {
        if (text_motions[i].action == action) {
            session_set_cursor(session, text_motions[i].to(text, cursor));
            return;
        }
    }
    switch (action) {
    case ACTION_LEFT:
    case ACTION_RIGHT:
        session_set_cursor(session, cursor + (action == ACTION_LEFT ? -1 : 1));
        break;
    case ACTION_UP:
    case ACTION_DOWN:
        move_rows(t, ui, action == ACTION_UP ? -1 : 1);
        break;
    case ACTION_TURN_PREV:
        direction = -1;
        /* fall through */
    case ACTION_TURN_NEXT:
        go(ui,
           direction > 0 ? motion_turn_next(session_turns(session), cursor)
                         : motion_turn_prev(session_turns(session), cursor),
           direction, "speaker turn");
        break;
    case ACTION_CODED_PREV:
        direction = -1;
        /* fall through */
    case ACTION_CODED_NEXT:
        go(ui, motion_coded(session_codings(session), cursor, direction), direction, "coded span");
        break;
    case ACTION_UNCODED_PREV:
        direction = -1;
        /* fall through */
    case ACTION_UNCODED_NEXT:
        go(ui, motion_uncoded(text, session_codings(session), cursor, direction), direction,
           "uncoded text");
        break;
    case ACTION_LINE_START:
        if (line)
            session_set_cursor(session, line->start);
        break;
    case ACTION_LINE_END:
        if (line)
            session_set_cursor(session, line->end > line->start ? line->end - 1 : line->start);
        break;
    case ACTION_TOP:
        session_set_cursor(session, 0);
        break;
    case ACTION_BOTTOM:
        session_set_cursor(session, (int64_t)text_length(text));
        break;
    case ACTION_PAGE_DOWN:
    case ACTION_PAGE_UP:
        move_rows(t, ui, action == ACTION_PAGE_UP ? -page : page);
        break;
    case ACTION_HALF_DOWN:
    case ACTION_HALF_UP:
        move_rows(t, ui, (action == ACTION_HALF_UP ? -1 : 1) * (page + 2) / 2);
        break;
    case ACTION_SEARCH:
        prompt_open(ui, &(struct prompt_request){"/", "", searched, NULL, NULL, 0});
        break;
    case ACTION_SEARCH_NEXT:
    case ACTION_SEARCH_PREV:
        search(ui, action == ACTION_SEARCH_NEXT ? 1 : -1);
        break;
    case ACTION_SWAP_ENDS:
        session_swap_ends(session);
        break;
    default:
        if (!select_object_of(ui, action))
            coding_action(t, ui, action);
        break;
    }
}

/* --- Mouse ----------------------------------------------------------------------------------- */

/* The code point offset under a screen cell of the text, or -1. */
static int64_t offset_at_cell(struct transcript_pane *t, struct ui *ui, int row, int col)
{
    struct rect words = text_area(ui);
    if (!layout_contains(words, row, col) || t->wrap.count == 0)
        return -1;
    size_t r = t->top + (size_t)(row - words.row);
    if (r >= t->wrap.count)
        r = t->wrap.count - 1;
    return text_rows_offset_at(session_text(ui->session), t->wrap.items[r], col - words.col);
}

static void transcript_mouse(struct pane *pane, struct ui *ui, const struct input_event *event,
                             struct rect area)
{
    struct transcript_pane *t = of(pane);
    struct session *session = ui->session;
    if (event->mouse == MOUSE_WHEEL_UP || event->mouse == MOUSE_WHEEL_DOWN) {
        move_rows(t, ui, event->mouse == MOUSE_WHEEL_UP ? -3 : 3);
        return;
    }
    prepare(t, ui);
    int64_t offset = offset_at_cell(t, ui, event->row, event->col);
    if (event->mouse == MOUSE_PRESS) {
        if (offset < 0)
            return;
        ui_focus(ui, PANE_TRANSCRIPT);
        t->purpose = SELECTING_TO_CODE;
        session_select(session, false);
        session_set_cursor(session, offset);
        t->mouse_selecting = true;
        t->mouse_anchor = session_cursor(session);
        return;
    }
    if (!t->mouse_selecting || offset < 0)
        return;
    if (offset != t->mouse_anchor) {
        int64_t lo = offset < t->mouse_anchor ? offset : t->mouse_anchor;
        int64_t hi = offset < t->mouse_anchor ? t->mouse_anchor : offset;
        session_select_span(session, (struct span){lo, hi + 1});
        if (offset < t->mouse_anchor)
            session_swap_ends(session);
    }
    if (event->mouse == MOUSE_RELEASE)
        t->mouse_selecting = false;
}

/* --- The rest of the interface ------------------------------------------------------------ */

static size_t transcript_scopes(const struct pane *pane, const struct ui *ui, enum scope *scopes)
{
    size_t n = 0;
    if (session_selecting(ui->session))
        scopes[n++] = SCOPE_VISUAL;
    scopes[n++] = SCOPE_TRANSCRIPT;
    return n;
}

static const char *transcript_badge(const struct pane *pane, const struct ui *ui)
{
    const struct transcript_pane *t = (const struct transcript_pane *)pane;
    if (!session_selecting(ui->session))
        return NULL;
    return t->purpose == SELECTING_TO_SETTLE   ? "SETTLE"
           : t->purpose == SELECTING_TO_ADJUST ? "ADJUST"
                                               : "VISUAL";
}

static void transcript_dump(struct pane *pane, struct ui *ui, struct strbuf *out)
{
    struct transcript_pane *t = of(pane);
    struct session *session = ui->session;
    prepare(t, ui);
    int source = session_source_index(session);
    if (source >= 0)
        strbuf_printf(out, "source: %s (%d of %zu)\n", session_sources(session)->items[source].name,
                      source + 1, session_sources(session)->count);
    int64_t cursor = session_cursor(session);
    strbuf_printf(out, "cursor: %" PRId64 " (row %zu, first row shown %zu)\n", cursor,
                  t->wrap.count ? wrap_row_of(&t->wrap, cursor) : 0, t->top);
    if (session_selecting(session)) {
        static const char *const purposes[] = {"to code", "to adjust a coding",
                                               "to settle a disagreement"};
        struct span selection = session_selection(session);
        strbuf_printf(out, "selection: %" PRId64 "-%" PRId64 " (%s)\n", selection.start,
                      selection.end, purposes[t->purpose]);
    }
    strbuf_printf(out, "coder: %s (%s)\n", session_coder_name(session),
                  session_show_others(session) ? "every coder's codings shown"
                                               : "only own codings shown");
    strbuf_printf(out, "codings shown: %zu\n", session_codings(session)->count);
    const struct coding_row *chosen = session_chosen_coding(session);
    if (chosen) {
        const struct codetree *tree = project_codes(ui->project);
        int index = codetree_find_id(tree, chosen->code_id);
        char number[OUTLINE_TEXT_MAX] = "?";
        if (index >= 0)
            codetree_number_text(tree, index, number);
        strbuf_printf(out, "chosen coding: %s %" PRId64 "-%" PRId64, number, chosen->start,
                      chosen->end);
        if (chosen->memo) {
            strbuf_puts(out, " memo: ");
            ui_dump_text(out, chosen->memo, strlen(chosen->memo));
        }
        strbuf_printf(out, " (%zu at the cursor)\n", session_codings_at_cursor(session));
    }
}

static void transcript_destroy(struct pane *pane)
{
    struct transcript_pane *t = of(pane);
    wrap_finish(&t->wrap);
    text_edit_finish(&t->edit);
    free(t);
}

static const enum scope transcript_help[] = {
    SCOPE_TRANSCRIPT, SCOPE_VISUAL, SCOPE_GLOBAL,  SCOPE_PICKER, SCOPE_SOURCES,
    SCOPE_PROMPT,     SCOPE_EDITOR, SCOPE_CONFIRM, SCOPE_HELP,   SCOPE_COUNT};

static const struct pane_ops transcript_ops = {
    .name = "transcript",
    .place = PLACE_TEXT,
    .scopes = transcript_scopes,
    .help = transcript_help,
    .draw = transcript_draw,
    .act = transcript_act,
    .mouse = transcript_mouse,
    .dump = transcript_dump,
    .badge = transcript_badge,
    .destroy = transcript_destroy,
};

struct pane *transcript_pane_create(struct ui *ui, struct error *err)
{
    struct transcript_pane *t = calloc(1, sizeof *t);
    if (!t) {
        error_internal(err, "out of memory");
        return NULL;
    }
    t->pane.ops = &transcript_ops;
    t->wrap_source = -1;
    return &t->pane;
}

void transcript_settle(struct ui *ui, int index, struct span span)
{
    struct transcript_pane *t = transcript(ui);
    struct error err;
    if (!session_open_source(ui->session, index, &err)) {
        ui_fail(ui, &err);
        return;
    }
    session_select_span(ui->session, span);
    t->purpose = SELECTING_TO_SETTLE;
    ui_focus(ui, PANE_TRANSCRIPT);
    char swap[16], accept[16], cancel[16];
    ui_key_name(ACTION_SWAP_ENDS, swap, sizeof swap);
    ui_key_name(ACTION_ACCEPT, accept, sizeof accept);
    ui_key_name(ACTION_CANCEL, cancel, sizeof cancel);
    ui_message(ui, false, "select the consensus span (%s switches end); %s settles, %s goes back",
               swap, accept, cancel);
}

struct text_edit *transcript_text_edit(struct ui *ui)
{
    return &transcript(ui)->edit;
}
