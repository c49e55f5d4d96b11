#include "app.h"

#include "core/motion.h"
#include "core/utf8.h"
#include "core/width.h"
#include "model/adjudication.h"
#include "model/codebook.h"
#include "ui/popups.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- Helpers --------------------------------------------------------------------------------- */

static void fail(struct app *app, const struct error *err)
{
    view_message(&app->view, true, "%s", err->message);
}

static const struct codetree *codes(const struct app *app)
{
    return project_codes(app->project);
}

static int64_t text_length_of(const struct app *app)
{
    const struct text *text = session_text(app->session);
    return text ? (int64_t)text_length(text) : 0;
}

static void move_to(struct app *app, int64_t offset)
{
    session_set_cursor(app->session, offset);
}

/* The screen column of an offset within its row, and the offset at a column of a row. */
static int column_of(const struct app *app, size_t row, int64_t offset)
{
    const struct text *text = session_text(app->session);
    const struct wrap_row *r = &app->view.wrap.items[row];
    int column = 0;
    for (int64_t o = r->start; o < offset && o < r->end; o++)
        column += width_drawn(text_char(text, (size_t)o));
    return column;
}

static int64_t offset_at_column(const struct app *app, size_t row, int column)
{
    const struct text *text = session_text(app->session);
    const struct wrap_row *r = &app->view.wrap.items[row];
    int used = 0;
    for (int64_t o = r->start; o < r->end; o++) {
        int w = width_drawn(text_char(text, (size_t)o));
        if (used + w > column)
            return o;
        used += w;
    }
    return r->end;
}

/* Moves the cursor `delta` screen rows, keeping its column. */
static void move_rows(struct app *app, long delta)
{
    struct view *view = &app->view;
    if (view->wrap.count == 0)
        return;
    int64_t cursor = session_cursor(app->session);
    size_t row = wrap_row_of(&view->wrap, cursor);
    int column = column_of(app, row, cursor);
    long target = (long)row + delta;
    if (target < 0)
        target = 0;
    if (target >= (long)view->wrap.count)
        target = (long)view->wrap.count - 1;
    move_to(app, offset_at_column(app, (size_t)target, column));
}

/* The union of the codings on show, for finding uncoded text. */
static size_t shown_union(const struct app *app, struct span **out)
{
    const struct coding_list *codings = session_codings(app->session);
    *out = malloc((codings->count ? codings->count : 1) * sizeof **out);
    if (!*out)
        return 0;
    for (size_t i = 0; i < codings->count; i++)
        (*out)[i] = (struct span){codings->items[i].start, codings->items[i].end};
    return span_union(*out, codings->count);
}

static bool is_blank_at(const struct text *text, int64_t offset)
{
    uint32_t cp = text_char(text, (size_t)offset);
    return cp == ' ' || cp == '\t' || cp == '\n';
}

/* The start of the next (or previous) stretch of text no coding on show covers. */
static int64_t uncoded_from(const struct app *app, int64_t from, int direction)
{
    const struct text *text = session_text(app->session);
    int64_t length = text_length_of(app);
    struct span *spans;
    size_t n = shown_union(app, &spans);
    int64_t at = from;
    if (direction > 0) {
        /* Leave the stretch the cursor is in, then cross what is coded or blank. */
        while (at < length && !span_union_contains(spans, n, at) && !is_blank_at(text, at))
            at++;
        while (at < length && (span_union_contains(spans, n, at) || is_blank_at(text, at)))
            at++;
    } else {
        while (at > 0 && (span_union_contains(spans, n, at - 1) || is_blank_at(text, at - 1)))
            at--;
        while (at > 0 && !span_union_contains(spans, n, at - 1) && !is_blank_at(text, at - 1))
            at--;
        if (at == from)
            at = -1;
    }
    free(spans);
    return at < length ? at : -1;
}

/* Case-insensitive (ASCII) search for needle from byte `from`, forwards or backwards, wrapping
 * around the text. Returns a code point offset or -1. */
static int64_t search_text(const struct text *text, const char *needle, int64_t from, int direction)
{
    size_t n = strlen(needle);
    const char *bytes = text_data(text);
    size_t size = text_size(text);
    if (n == 0 || n > size)
        return -1;
    size_t start = text_byte(text, (size_t)from);
    for (size_t step = 1; step <= size; step++) {
        size_t i = direction > 0 ? (start + step) % size : (start + size - step) % size;
        if (i + n <= size && strncasecmp(bytes + i, needle, n) == 0 &&
            utf8_is_lead((unsigned char)bytes[i]))
            return (int64_t)text_offset(text, i);
    }
    return -1;
}

static void search(struct app *app, int direction)
{
    const struct text *text = session_text(app->session);
    if (!text || !app->view.search[0]) {
        view_message(&app->view, true, "no search yet: / searches");
        return;
    }
    int64_t found = search_text(text, app->view.search, session_cursor(app->session), direction);
    if (found < 0) {
        view_message(&app->view, true, "'%s' is not in this source", app->view.search);
        return;
    }
    move_to(app, found);
    view_message(&app->view, false, "/%s", app->view.search);
}

/* The codebook rows on show; the caller frees them. */
static size_t codebook_rows(const struct app *app, int **rows)
{
    size_t n = codetree_count(codes(app));
    *rows = malloc((n ? n : 1) * sizeof **rows);
    return *rows ? view_codebook_rows(&app->view, codes(app), *rows) : 0;
}

/* The highlighted code's index in the codebook, or -1. */
static int highlighted(const struct app *app)
{
    int *rows;
    size_t count = codebook_rows(app, &rows);
    int index = count ? rows[view_codebook_position(&app->view, rows, count, codes(app))] : -1;
    free(rows);
    return index;
}

static const struct code *highlighted_code(struct app *app)
{
    int index = highlighted(app);
    if (index < 0) {
        view_message(&app->view, true, "there is no code here");
        return NULL;
    }
    return codetree_get(codes(app), (size_t)index);
}

/* After a change to the codebook: re-read the session's codings and counts. */
static void codebook_changed(struct app *app)
{
    struct error err;
    bool changed;
    if (!session_reload(app->session, true, &changed, &err))
        fail(app, &err);
}

/* --- Comparison ------------------------------------------------------------------------------ */

/* After a decision: the next disagreement's text, or the list when there is none. */
static void after_decision(struct app *app)
{
    struct comparison *c = &app->view.comparison;
    struct error err;
    if (c->stretch + 1 < adjudication_count(c->adjudication))
        c->stretch++;
    if (c->level == LEVEL_STRETCH && !comparison_open_stretch(c, &err))
        fail(app, &err);
}

static void settle(struct app *app, enum decision_choice choice, struct span edited)
{
    struct comparison *c = &app->view.comparison;
    char message[400];
    struct error err;
    if (c->level == LEVEL_CODES || !comparison_stretch(c)) {
        view_message(&app->view, true, "open a code's disagreements first (Enter)");
        return;
    }
    if (!adjudication_settle(c->adjudication, c->stretch, choice, edited,
                             session_coder_id(app->session), message, sizeof message, &err)) {
        fail(app, &err);
        return;
    }
    view_message(&app->view, false, "%s", message);
    after_decision(app);
}

static void settle_by_hand(struct app *app, struct span span)
{
    app->view.settling_by_hand = false;
    app->view.screen = SCREEN_COMPARE;
    session_select(app->session, false);
    settle(app, DECISION_EDITED, span);
}

/* Shows the open disagreement in the transcript, selected, to choose the consensus span. */
static void settle_in_transcript(struct app *app)
{
    struct comparison *c = &app->view.comparison;
    const struct stretch *s = comparison_stretch(c);
    struct error err;
    if (c->level == LEVEL_CODES || !s) {
        view_message(&app->view, true, "open a code's disagreements first (Enter)");
        return;
    }
    const struct source_list *sources = session_sources(app->session);
    int index = -1;
    for (size_t i = 0; i < sources->count; i++) {
        if (sources->items[i].id == s->source_id)
            index = (int)i;
    }
    if (index < 0) {
        view_message(&app->view, true, "the source is no longer in the project");
        return;
    }
    struct span span = {s->start, s->end};
    if (!session_open_source(app->session, index, &err)) {
        fail(app, &err);
        return;
    }
    session_set_show_others(app->session, true);
    session_select_span(app->session, span);
    app->view.screen = SCREEN_CODING;
    app->view.focus = FOCUS_TRANSCRIPT;
    app->view.adjusting = false;
    app->view.settling_by_hand = true;
    view_message(&app->view, false,
                 "select the consensus span (o switches end); Enter settles, Esc goes back");
}

static void compare_action(struct app *app, enum action action)
{
    struct comparison *c = &app->view.comparison;
    struct error err;
    size_t taken;
    size_t count = c->adjudication ? adjudication_count(c->adjudication) : 0;
    switch (action) {
    case ACTION_CMP_DOWN:
    case ACTION_CMP_UP: {
        bool down = action == ACTION_CMP_DOWN;
        if (c->level == LEVEL_CODES) {
            if (down && c->row + 1 < c->nrows)
                c->row++;
            else if (!down && c->row > 0)
                c->row--;
        } else if ((down && c->stretch + 1 < count) || (!down && c->stretch > 0)) {
            c->stretch = down ? c->stretch + 1 : c->stretch - 1;
            if (c->level == LEVEL_STRETCH && !comparison_open_stretch(c, &err))
                fail(app, &err);
        }
        break;
    }
    case ACTION_CMP_OPEN:
        if (c->level == LEVEL_CODES ? !comparison_open_code(c, &err)
                                    : !comparison_open_stretch(c, &err))
            fail(app, &err);
        break;
    case ACTION_CMP_BACK:
        if (c->level == LEVEL_STRETCH) {
            c->level = LEVEL_STRETCHES;
        } else if (c->level == LEVEL_STRETCHES) {
            c->level = LEVEL_CODES;
            if (!comparison_recompute(c, &err))
                fail(app, &err);
        } else {
            app->view.screen = SCREEN_CODING;
            comparison_close(c);
        }
        break;
    case ACTION_CMP_SORT:
        comparison_sort(c, (enum comparison_sort)((c->sort + 1) % 3));
        break;
    case ACTION_CMP_RECOMPUTE:
        if (comparison_recompute(c, &err))
            view_message(&app->view, false, "agreement computed again: %zu of %zu settled",
                         c->settled, c->disagreements);
        else
            fail(app, &err);
        break;
    case ACTION_CMP_FIRST:
        settle(app, DECISION_FIRST, (struct span){0, 0});
        break;
    case ACTION_CMP_SECOND:
        settle(app, DECISION_SECOND, (struct span){0, 0});
        break;
    case ACTION_CMP_UNION:
        settle(app, DECISION_UNION, (struct span){0, 0});
        break;
    case ACTION_CMP_INTERSECTION:
        settle(app, DECISION_INTERSECTION, (struct span){0, 0});
        break;
    case ACTION_CMP_NEITHER:
        settle(app, DECISION_NEITHER, (struct span){0, 0});
        break;
    case ACTION_CMP_EDIT:
        settle_in_transcript(app);
        break;
    case ACTION_CMP_AGREED:
        if (!c->adjudication)
            view_message(&app->view, true, "open a code's disagreements first (Enter)");
        else if (adjudication_take_agreed(c->adjudication, session_coder_id(app->session), &taken,
                                          &err))
            view_message(&app->view, false, "the consensus took %zu agreed stretches", taken);
        else
            fail(app, &err);
        break;
    default:
        break;
    }
}

/* --- Transcript ------------------------------------------------------------------------------ */

/* Shows a code in the codebook pane: highlighted, with its ancestors unfolded. */
static void reveal_code(struct app *app, int code_index)
{
    const struct codetree *tree = codes(app);
    const struct code *code = codetree_get(tree, (size_t)code_index);
    app->view.highlighted_code = code->id;
    for (int k = code->parent; k >= 0; k = codetree_get(tree, (size_t)k)->parent)
        view_set_folded(&app->view, codetree_get(tree, (size_t)k)->id, false);
}

static bool code_selection(struct app *app, int code_index)
{
    char message[512];
    struct error err;
    if (!session_code_selection(app->session, code_index, message, sizeof message, &err)) {
        fail(app, &err);
        return false;
    }
    view_message(&app->view, false, "%s", message);
    reveal_code(app, code_index);
    return true;
}

static void start_picking(struct app *app, enum pick_purpose purpose)
{
    if (!view_picker_open(&app->view, app->session, purpose))
        view_message(&app->view, true, "out of memory");
}

/* A sentence or paragraph at the start of a speaker turn begins after its label. */
static struct span without_label(const struct app *app, struct span span)
{
    const struct turn_list *turns = session_turns(app->session);
    int turn = motion_turn_at(turns, session_cursor(app->session));
    if (turn >= 0) {
        int64_t body = turns->items[turn].body;
        if (span.start < body && body < span.end)
            span.start = body;
    }
    return span;
}

static void select_object(struct app *app, struct span span)
{
    if (span.end <= span.start) {
        view_message(&app->view, true, "nothing to select here");
        return;
    }
    session_select_span(app->session, span);
}

static void transcript_action(struct app *app, enum action action)
{
    struct session *session = app->session;
    const struct text *text = session_text(session);
    if (!text && action != ACTION_MEMO_SOURCE) {
        view_message(&app->view, true, "no source is open: S chooses one");
        return;
    }
    int64_t cursor = session_cursor(session);
    size_t page = app->view.layout.text.rows > 2 ? (size_t)app->view.layout.text.rows - 2 : 1;
    char message[512];
    struct error err;
    int64_t target;
    switch (action) {
    case ACTION_LEFT:
        move_to(app, cursor - 1);
        break;
    case ACTION_RIGHT:
        move_to(app, cursor + 1);
        break;
    case ACTION_DOWN:
        move_rows(app, 1);
        break;
    case ACTION_UP:
        move_rows(app, -1);
        break;
    case ACTION_WORD_NEXT:
        move_to(app, motion_word_next(text, cursor));
        break;
    case ACTION_WORD_PREV:
        move_to(app, motion_word_prev(text, cursor));
        break;
    case ACTION_WORD_END:
        move_to(app, motion_word_end(text, cursor));
        break;
    case ACTION_SENTENCE_NEXT:
        move_to(app, motion_sentence_next(text, cursor));
        break;
    case ACTION_SENTENCE_PREV:
        move_to(app, motion_sentence_prev(text, cursor));
        break;
    case ACTION_PARAGRAPH_NEXT:
        move_to(app, motion_paragraph_next(text, cursor));
        break;
    case ACTION_PARAGRAPH_PREV:
        move_to(app, motion_paragraph_prev(text, cursor));
        break;
    case ACTION_TURN_NEXT:
    case ACTION_TURN_PREV:
        target = action == ACTION_TURN_NEXT ? motion_turn_next(session_turns(session), cursor)
                                            : motion_turn_prev(session_turns(session), cursor);
        if (target < 0)
            view_message(&app->view, true, "no %s speaker turn",
                         action == ACTION_TURN_NEXT ? "later" : "earlier");
        else
            move_to(app, target);
        break;
    case ACTION_CODED_NEXT:
    case ACTION_CODED_PREV: {
        const struct coding_list *codings = session_codings(session);
        target = -1;
        for (size_t i = 0; i < codings->count; i++) {
            int64_t start = codings->items[i].start;
            if (action == ACTION_CODED_NEXT && start > cursor && (target < 0 || start < target))
                target = start;
            if (action == ACTION_CODED_PREV && start < cursor && start > target)
                target = start;
        }
        if (target < 0)
            view_message(&app->view, true, "no %s coded span",
                         action == ACTION_CODED_NEXT ? "later" : "earlier");
        else
            move_to(app, target);
        break;
    }
    case ACTION_UNCODED_NEXT:
    case ACTION_UNCODED_PREV:
        target = uncoded_from(app, cursor, action == ACTION_UNCODED_NEXT ? 1 : -1);
        if (target < 0)
            view_message(&app->view, true, "no %s uncoded text",
                         action == ACTION_UNCODED_NEXT ? "later" : "earlier");
        else
            move_to(app, target);
        break;
    case ACTION_LINE_START:
        if (app->view.wrap.count)
            move_to(app, app->view.wrap.items[wrap_row_of(&app->view.wrap, cursor)].start);
        break;
    case ACTION_LINE_END:
        if (app->view.wrap.count) {
            const struct wrap_row *row =
                &app->view.wrap.items[wrap_row_of(&app->view.wrap, cursor)];
            move_to(app, row->end > row->start ? row->end - 1 : row->start);
        }
        break;
    case ACTION_TOP:
        move_to(app, 0);
        break;
    case ACTION_BOTTOM:
        move_to(app, text_length_of(app));
        break;
    case ACTION_PAGE_DOWN:
        move_rows(app, (long)page);
        break;
    case ACTION_PAGE_UP:
        move_rows(app, -(long)page);
        break;
    case ACTION_HALF_DOWN:
        move_rows(app, (long)(page + 2) / 2);
        break;
    case ACTION_HALF_UP:
        move_rows(app, -(long)(page + 2) / 2);
        break;
    case ACTION_SEARCH:
        view_prompt(&app->view, PROMPT_SEARCH, "/", "");
        break;
    case ACTION_SEARCH_NEXT:
        search(app, 1);
        break;
    case ACTION_SEARCH_PREV:
        search(app, -1);
        break;
    case ACTION_VISUAL:
        session_select(session, !session_selecting(session));
        app->view.adjusting = false;
        break;
    case ACTION_CODE:
        if (!session_selecting(session))
            view_message(&app->view, true, "select some text first: v starts a selection");
        else
            start_picking(app, PICK_CODE);
        break;
    case ACTION_CODE_AGAIN: {
        int recent;
        if (session_recent_codes(session, &recent, 1) == 0)
            view_message(&app->view, true, "no code used yet: c picks one");
        else
            code_selection(app, recent);
        break;
    }
    case ACTION_CODING_CYCLE:
        if (session_codings_at_cursor(session) == 0)
            view_message(&app->view, true, "there is no coding at the cursor");
        session_cycle_coding(session);
        break;
    case ACTION_UNCODE:
        if (session_uncode(session, message, sizeof message, &err))
            view_message(&app->view, false, "%s", message);
        else
            fail(app, &err);
        break;
    case ACTION_RECODE:
        if (!session_chosen_coding(session))
            view_message(&app->view, true, "there is no coding at the cursor");
        else
            start_picking(app, PICK_RECODE);
        break;
    case ACTION_ADJUST: {
        const struct coding_row *coding = session_chosen_coding(session);
        if (!coding) {
            view_message(&app->view, true, "there is no coding at the cursor");
        } else if (coding->coder_id != session_coder_id(session)) {
            view_message(&app->view, true, "only your own codings can be adjusted");
        } else {
            app->view.adjusting = true;
            app->view.adjust_id = coding->id;
            session_select_span(session, (struct span){coding->start, coding->end});
            view_message(&app->view, false,
                         "adjusting: move the ends (o switches end), Enter saves, Esc cancels");
        }
        break;
    }
    case ACTION_MEMO_CODING: {
        const struct coding_row *coding = session_chosen_coding(session);
        if (!coding)
            view_message(&app->view, true, "there is no coding at the cursor");
        else
            view_prompt(&app->view, PROMPT_CODING_MEMO, "Memo on the coding: ", coding->memo);
        break;
    }
    case ACTION_MEMO_SOURCE: {
        char *memo = session_source_memo(session, &err);
        view_prompt(&app->view, PROMPT_SOURCE_MEMO, "Memo on the source: ", memo);
        free(memo);
        break;
    }
    case ACTION_SWAP_ENDS:
        session_swap_ends(session);
        break;
    case ACTION_SELECT_WORD:
    case ACTION_SELECT_WORD_AROUND:
        select_object(app, motion_word_at(text, cursor, action == ACTION_SELECT_WORD_AROUND));
        break;
    case ACTION_SELECT_SENTENCE:
    case ACTION_SELECT_SENTENCE_AROUND:
        select_object(
            app, without_label(app, motion_sentence_at(text, cursor,
                                                       action == ACTION_SELECT_SENTENCE_AROUND)));
        break;
    case ACTION_SELECT_PARAGRAPH:
    case ACTION_SELECT_PARAGRAPH_AROUND:
        select_object(
            app, without_label(app, motion_paragraph_at(text, cursor,
                                                        action == ACTION_SELECT_PARAGRAPH_AROUND)));
        break;
    case ACTION_SELECT_TURN:
    case ACTION_SELECT_TURN_AROUND: {
        struct span turn =
            motion_turn_span(session_turns(session), cursor, action == ACTION_SELECT_TURN_AROUND);
        if (turn.end <= turn.start)
            view_message(&app->view, true, "the cursor is not in a speaker turn");
        else
            select_object(app, turn);
        break;
    }
    case ACTION_ACCEPT:
        if (app->view.settling_by_hand) {
            settle_by_hand(app, session_selection(session));
        } else if (app->view.adjusting) {
            app->view.adjusting = false;
            if (session_move_coding(session, app->view.adjust_id, session_selection(session),
                                    message, sizeof message, &err))
                view_message(&app->view, false, "%s", message);
            else
                fail(app, &err);
        } else {
            start_picking(app, PICK_CODE);
        }
        break;
    case ACTION_CANCEL:
        session_select(session, false);
        if (app->view.settling_by_hand) {
            app->view.settling_by_hand = false;
            app->view.screen = SCREEN_COMPARE;
            view_message(&app->view, false, "the disagreement was left as it was");
        } else if (app->view.adjusting) {
            app->view.adjusting = false;
            view_message(&app->view, false, "left the coding as it was");
        }
        break;
    default:
        break;
    }
}

/* --- Codebook -------------------------------------------------------------------------------- */

static void confirm_delete(struct app *app, const struct code *code)
{
    size_t descendants, codings;
    struct error err;
    if (!codebook_reach(app->project, code->id, &descendants, &codings, &err)) {
        fail(app, &err);
        return;
    }
    char number[OUTLINE_TEXT_MAX];
    codetree_number_text(codes(app), codetree_find_id(codes(app), code->id), number);
    char subcodes[48] = "";
    if (descendants)
        snprintf(subcodes, sizeof subcodes, ", %zu sub-code%s", descendants,
                 descendants == 1 ? "" : "s");
    snprintf(app->view.question, sizeof app->view.question,
             "Delete %s '%.60s'%s and %zu coding%s (every coder's)? y/n", number, code->name,
             subcodes, codings, codings == 1 ? "" : "s");
    app->view.confirming = true;
    app->view.confirm = CONFIRM_DELETE_CODE;
    app->view.confirm_id = code->id;
}

static void codebook_edit_result(struct app *app, bool ok, const struct error *err,
                                 const char *done)
{
    if (!ok) {
        fail(app, err);
        return;
    }
    codebook_changed(app);
    view_message(&app->view, false, "%s", done);
}

static void codebook_action(struct app *app, enum action action)
{
    int *rows;
    size_t count = codebook_rows(app, &rows);
    struct view *view = &app->view;
    long page = view->layout.codebook.rows > 5 ? view->layout.codebook.rows - 5 : 1;
    const struct codetree *tree = codes(app);
    int index = count ? rows[view_codebook_position(view, rows, count, tree)] : -1;
    const struct code *code = index >= 0 ? codetree_get(tree, (size_t)index) : NULL;
    int64_t me = session_coder_id(app->session);
    struct error err;
    switch (action) {
    case ACTION_CB_DOWN:
        view_codebook_move(view, rows, count, tree, 1);
        break;
    case ACTION_CB_UP:
        view_codebook_move(view, rows, count, tree, -1);
        break;
    case ACTION_CB_TOP:
        view_codebook_move(view, rows, count, tree, -(long)count);
        break;
    case ACTION_CB_BOTTOM:
        view_codebook_move(view, rows, count, tree, (long)count);
        break;
    case ACTION_CB_PAGE_DOWN:
        view_codebook_move(view, rows, count, tree, page);
        break;
    case ACTION_CB_PAGE_UP:
        view_codebook_move(view, rows, count, tree, -page);
        break;
    case ACTION_CB_FOLD:
        if (!code)
            break;
        if (code->end > index + 1 && !view_is_folded(view, code->id))
            view_set_folded(view, code->id, true);
        else if (code->parent >= 0)
            view->highlighted_code = codetree_get(tree, (size_t)code->parent)->id;
        break;
    case ACTION_CB_UNFOLD:
        if (code)
            view_set_folded(view, code->id, false);
        break;
    case ACTION_CB_APPLY:
        if (!code)
            break;
        if (session_selecting(app->session)) {
            if (code_selection(app, index))
                view->focus = FOCUS_TRANSCRIPT;
        } else if (code->end > index + 1) {
            view_set_folded(view, code->id, !view_is_folded(view, code->id));
        } else {
            view_message(view, true, "select text in the transcript first, then Enter codes it");
        }
        break;
    case ACTION_CB_FILTER:
        view_prompt(view, PROMPT_FILTER, "Filter codes: ", view->filter);
        break;
    case ACTION_CB_ADD:
        view_prompt(view, PROMPT_ADD_CODE, "New code (after this one): ", "");
        break;
    case ACTION_CB_ADD_CHILD:
        if (code)
            view_prompt(view, PROMPT_ADD_CHILD, "New sub-code: ", "");
        break;
    case ACTION_CB_RENAME:
        if (code)
            view_prompt(view, PROMPT_RENAME, "Rename to: ", code->name);
        break;
    case ACTION_CB_DESCRIBE:
        if (code)
            view_prompt(view, PROMPT_DESCRIBE, "Description: ", code->description);
        break;
    case ACTION_CB_MEMO:
        if (code) {
            char *memo = NULL;
            if (codebook_memo(app->project, code->id, &memo, &err))
                view_prompt(view, PROMPT_CODE_MEMO, "Memo on the code: ", memo);
            else
                fail(app, &err);
            free(memo);
        }
        break;
    case ACTION_CB_HEADING:
        if (code) {
            /* Read before the change, which reloads the codebook and frees `code`. */
            bool codable = code->codable;
            bool ok = codebook_set_codable(app->project, me, code->id, !codable, &err);
            codebook_edit_result(app, ok, &err, codable ? "made a heading" : "made codable");
        }
        break;
    case ACTION_CB_MOVE_UP:
    case ACTION_CB_MOVE_DOWN:
        if (code)
            codebook_edit_result(app,
                                 codebook_move(app->project, me, code->id,
                                               action == ACTION_CB_MOVE_UP ? -1 : 1, &err),
                                 &err, "moved");
        break;
    case ACTION_CB_INDENT:
        if (code)
            codebook_edit_result(app, codebook_indent(app->project, me, code->id, &err), &err,
                                 "moved under the code above");
        break;
    case ACTION_CB_OUTDENT:
        if (code)
            codebook_edit_result(app, codebook_outdent(app->project, me, code->id, &err), &err,
                                 "moved out to its parent's level");
        break;
    case ACTION_CB_MERGE:
        if (code)
            start_picking(app, PICK_MERGE);
        break;
    case ACTION_CB_DELETE:
        if (code)
            confirm_delete(app, code);
        break;
    default:
        break;
    }
    free(rows);
}

/* --- Popups, prompts and questions ----------------------------------------------------------- */

static void pick(struct app *app)
{
    struct picker *picker = &app->view.picker;
    app->view.popup = POPUP_NONE;
    if (picker->count == 0)
        return;
    int index = picker->matches[picker->highlighted];
    char message[512];
    struct error err;
    switch (picker->purpose) {
    case PICK_CODE:
        code_selection(app, index);
        break;
    case PICK_RECODE:
        if (session_recode(app->session, index, message, sizeof message, &err)) {
            view_message(&app->view, false, "%s", message);
            reveal_code(app, index);
        } else {
            fail(app, &err);
        }
        break;
    case PICK_MERGE: {
        const struct code *code = highlighted_code(app);
        int64_t into = codetree_get(codes(app), (size_t)index)->id;
        if (code) {
            bool ok =
                codebook_merge(app->project, session_coder_id(app->session), code->id, into, &err);
            if (ok)
                app->view.highlighted_code = into;
            codebook_edit_result(app, ok, &err, "merged");
        }
        break;
    }
    }
}

static void picker_action(struct app *app, enum action action)
{
    struct picker *picker = &app->view.picker;
    switch (action) {
    case ACTION_PICK_DOWN:
        if (picker->highlighted + 1 < picker->count)
            picker->highlighted++;
        break;
    case ACTION_PICK_UP:
        if (picker->highlighted > 0)
            picker->highlighted--;
        break;
    case ACTION_PICK_ACCEPT:
        pick(app);
        break;
    case ACTION_PICK_CANCEL:
        app->view.popup = POPUP_NONE;
        break;
    case ACTION_PICK_ERASE: {
        size_t n = strlen(picker->query);
        while (n > 0 && !utf8_is_lead((unsigned char)picker->query[--n]))
            ;
        picker->query[n] = '\0';
        view_picker_update(&app->view, app->session);
        break;
    }
    default:
        break;
    }
}

static void picker_type(struct app *app, int key)
{
    struct picker *picker = &app->view.picker;
    char bytes[4];
    size_t n = utf8_encode((uint32_t)key, bytes);
    size_t len = strlen(picker->query);
    if (n == 0 || len + n >= sizeof picker->query)
        return;
    memcpy(picker->query + len, bytes, n);
    picker->query[len + n] = '\0';
    view_picker_update(&app->view, app->session);
}

static void sources_action(struct app *app, enum action action)
{
    struct view *view = &app->view;
    size_t count = session_sources(app->session)->count;
    struct error err;
    switch (action) {
    case ACTION_SRC_DOWN:
        if (view->source_highlighted + 1 < count)
            view->source_highlighted++;
        break;
    case ACTION_SRC_UP:
        if (view->source_highlighted > 0)
            view->source_highlighted--;
        break;
    case ACTION_SRC_FIRST:
        view->source_highlighted = 0;
        break;
    case ACTION_SRC_LAST:
        view->source_highlighted = count ? count - 1 : 0;
        break;
    case ACTION_SRC_OPEN:
        view->popup = POPUP_NONE;
        if (count == 0)
            break;
        view->adjusting = false;
        if (session_open_source(app->session, (int)view->source_highlighted, &err))
            view_message(view, false, "opened %s",
                         session_sources(app->session)->items[view->source_highlighted].name);
        else
            fail(app, &err);
        break;
    case ACTION_SRC_CANCEL:
        view->popup = POPUP_NONE;
        break;
    default:
        break;
    }
}

static void help_action(struct app *app, enum action action)
{
    struct view *view = &app->view;
    if (action == ACTION_HELP_DOWN)
        view->help_top++;
    else if (action == ACTION_HELP_UP && view->help_top > 0)
        view->help_top--;
    else if (action == ACTION_HELP_CLOSE)
        view->popup = POPUP_NONE;
}

/* Acts on the text of an accepted prompt. */
static void prompt_accepted(struct app *app)
{
    struct view *view = &app->view;
    struct prompt *prompt = &view->prompt;
    prompt->active = false;
    const char *text = prompt->text;
    const struct code *code = NULL;
    if (prompt->purpose == PROMPT_ADD_CHILD || prompt->purpose == PROMPT_RENAME ||
        prompt->purpose == PROMPT_DESCRIBE) {
        code = highlighted_code(app);
        if (!code)
            return;
    }
    int64_t me = session_coder_id(app->session);
    int64_t id;
    struct error err;
    switch (prompt->purpose) {
    case PROMPT_SEARCH:
        if (text[0])
            snprintf(view->search, sizeof view->search, "%s", text);
        search(app, 1);
        break;
    case PROMPT_FILTER:
        snprintf(view->filter, sizeof view->filter, "%s", text);
        break;
    case PROMPT_CODING_MEMO:
        if (session_set_coding_memo(app->session, text, &err))
            view_message(view, false, text[0] ? "memo saved" : "memo removed");
        else
            fail(app, &err);
        break;
    case PROMPT_SOURCE_MEMO:
        if (session_set_source_memo(app->session, text, &err))
            view_message(view, false, text[0] ? "memo saved" : "memo removed");
        else
            fail(app, &err);
        break;
    case PROMPT_CODE_MEMO:
        code = highlighted_code(app);
        if (code)
            codebook_edit_result(app, codebook_set_memo(app->project, me, code->id, text, &err),
                                 &err, text[0] ? "memo saved" : "memo removed");
        break;
    case PROMPT_ADD_CODE: {
        const struct code *after = highlighted_code(app);
        bool ok = codebook_add(app->project, me, after ? after->parent_id : 0,
                               after ? after->position + 1 : 0, text, &id, &err);
        if (ok)
            view->highlighted_code = id;
        codebook_edit_result(app, ok, &err, "added the code");
        break;
    }
    case PROMPT_ADD_CHILD: {
        /* The edit reloads the codebook, so keep the parent's id, not the code. */
        int64_t parent_id = code->id;
        bool ok = codebook_add(app->project, me, parent_id, 0, text, &id, &err);
        if (ok) {
            view_set_folded(view, parent_id, false);
            view->highlighted_code = id;
        }
        codebook_edit_result(app, ok, &err, "added the sub-code");
        break;
    }
    case PROMPT_RENAME:
        codebook_edit_result(app, codebook_rename(app->project, me, code->id, text, &err), &err,
                             "renamed");
        break;
    case PROMPT_DESCRIBE:
        codebook_edit_result(app, codebook_describe(app->project, me, code->id, text, &err), &err,
                             "description saved");
        break;
    case PROMPT_COMPARE:
        if (comparison_open(&view->comparison, app->project, text, app->consensus, &err)) {
            view->screen = SCREEN_COMPARE;
            view->popup = POPUP_NONE;
            view_message(view, false, "comparing %s; Enter opens a code, q leaves", text);
        } else {
            fail(app, &err);
        }
        break;
    }
}

static void prompt_action(struct app *app, enum action action)
{
    struct view *view = &app->view;
    switch (action) {
    case ACTION_PROMPT_ACCEPT:
        prompt_accepted(app);
        break;
    case ACTION_PROMPT_CANCEL:
        view->prompt.active = false;
        if (view->prompt.purpose == PROMPT_FILTER)
            view->filter[0] = '\0';
        break;
    case ACTION_PROMPT_ERASE:
        view_prompt_erase(view, -1);
        break;
    case ACTION_PROMPT_DELETE:
        view_prompt_erase(view, 1);
        break;
    case ACTION_PROMPT_LEFT:
        view_prompt_move(view, -1);
        break;
    case ACTION_PROMPT_RIGHT:
        view_prompt_move(view, 1);
        break;
    case ACTION_PROMPT_HOME:
        view_prompt_move(view, INT_MIN);
        break;
    case ACTION_PROMPT_END:
        view_prompt_move(view, INT_MAX);
        break;
    case ACTION_PROMPT_KILL:
        view->prompt.text[0] = '\0';
        view->prompt.cursor = 0;
        break;
    default:
        break;
    }
    /* The codebook filter follows the typing. */
    if (view->prompt.active && view->prompt.purpose == PROMPT_FILTER)
        snprintf(view->filter, sizeof view->filter, "%s", view->prompt.text);
}

static void confirm_action(struct app *app, enum action action)
{
    struct view *view = &app->view;
    view->confirming = false;
    if (action != ACTION_CONFIRM_YES) {
        view_message(view, false, "nothing was deleted");
        return;
    }
    struct error err;
    bool ok = codebook_delete(app->project, session_coder_id(app->session), view->confirm_id, &err);
    if (ok)
        view->highlighted_code = 0;
    codebook_edit_result(app, ok, &err, "deleted (u undoes)");
}

/* --- Global ---------------------------------------------------------------------------------- */

static void global_action(struct app *app, enum action action)
{
    struct view *view = &app->view;
    char message[512];
    struct error err;
    switch (action) {
    case ACTION_QUIT:
        app->quit = true;
        break;
    case ACTION_HELP:
        view->popup = POPUP_HELP;
        view->help_top = 0;
        break;
    case ACTION_FOCUS_NEXT:
        view->focus = view->focus == FOCUS_TRANSCRIPT ? FOCUS_CODEBOOK : FOCUS_TRANSCRIPT;
        break;
    case ACTION_SOURCES:
        view->popup = POPUP_SOURCES;
        view->source_highlighted =
            session_source_index(app->session) > 0 ? (size_t)session_source_index(app->session) : 0;
        break;
    case ACTION_UNDO:
    case ACTION_REDO:
        view->adjusting = false;
        if (action == ACTION_UNDO ? session_undo(app->session, message, sizeof message, &err)
                                  : session_redo(app->session, message, sizeof message, &err))
            view_message(view, false, "%s", message);
        else
            fail(app, &err);
        break;
    case ACTION_OTHER_CODERS:
        session_set_show_others(app->session, !session_show_others(app->session));
        view_message(view, false,
                     session_show_others(app->session)
                         ? "showing every coder's codings"
                         : "showing only your codings (blind coding)");
        break;
    case ACTION_REDRAW:
        screen_invalidate(app->screen);
        break;
    case ACTION_COMPARE: {
        /* Suggest the first two coders other than the consensus. */
        char suggestion[160] = "";
        const struct coder_list *coders = session_coders(app->session);
        size_t named = 0;
        for (size_t i = 0; i < coders->count && named < 2; i++) {
            if (strcmp(coders->items[i].name, app->consensus) == 0)
                continue;
            size_t used = strlen(suggestion);
            snprintf(suggestion + used, sizeof suggestion - used, "%s%.60s", named ? "," : "",
                     coders->items[i].name);
            named++;
        }
        view_prompt(view, PROMPT_COMPARE, "Compare coders: ", suggestion);
        break;
    }
    default:
        break;
    }
}

/* --- Input ----------------------------------------------------------------------------------- */

/* The code point offset under a screen cell of the text pane, or -1. */
static int64_t offset_at_cell(const struct app *app, int row, int col)
{
    const struct view *view = &app->view;
    const struct rect *text = &view->layout.text;
    if (!layout_contains(*text, row, col) || view->wrap.count == 0)
        return -1;
    size_t r = view->top + (size_t)(row - text->row);
    if (r >= view->wrap.count)
        r = view->wrap.count - 1;
    return offset_at_column(app, r, col - text->col);
}

static void mouse(struct app *app, const struct input_event *event)
{
    struct view *view = &app->view;
    struct session *session = app->session;
    if (view->popup != POPUP_NONE || view->prompt.active || view->confirming)
        return;
    if (event->mouse == MOUSE_WHEEL_UP || event->mouse == MOUSE_WHEEL_DOWN) {
        move_rows(app, event->mouse == MOUSE_WHEEL_UP ? -3 : 3);
        return;
    }
    int64_t offset = offset_at_cell(app, event->row, event->col);
    if (event->mouse == MOUSE_PRESS) {
        if (offset >= 0) {
            view->focus = FOCUS_TRANSCRIPT;
            view->adjusting = false;
            session_select(session, false);
            move_to(app, offset);
            app->mouse_selecting = true;
            app->mouse_anchor = session_cursor(session);
        } else if (layout_contains(view->layout.codebook, event->row, event->col) &&
                   event->row > view->layout.codebook.row) {
            int *rows;
            size_t count = codebook_rows(app, &rows);
            size_t k = view->codebook_top + (size_t)(event->row - view->layout.codebook.row - 1);
            if (k < count) {
                view->focus = FOCUS_CODEBOOK;
                view->highlighted_code = codetree_get(codes(app), (size_t)rows[k])->id;
            }
            free(rows);
        }
        return;
    }
    if (!app->mouse_selecting || offset < 0)
        return;
    if (offset != app->mouse_anchor) {
        int64_t lo = offset < app->mouse_anchor ? offset : app->mouse_anchor;
        int64_t hi = offset < app->mouse_anchor ? app->mouse_anchor : offset;
        session_select_span(session, (struct span){lo, hi + 1});
        if (offset < app->mouse_anchor)
            session_swap_ends(session);
    }
    if (event->mouse == MOUSE_RELEASE)
        app->mouse_selecting = false;
}

static void act(struct app *app, enum action action)
{
    const struct action_info *info = actions_info(action);
    if (app->action_log)
        fprintf(app->action_log, "%s\n", info->name);
    switch (info->scope) {
    case SCOPE_GLOBAL:
        global_action(app, action);
        break;
    case SCOPE_TRANSCRIPT:
    case SCOPE_VISUAL:
        transcript_action(app, action);
        break;
    case SCOPE_CODEBOOK:
        codebook_action(app, action);
        break;
    case SCOPE_PICKER:
        picker_action(app, action);
        break;
    case SCOPE_SOURCES:
        sources_action(app, action);
        break;
    case SCOPE_PROMPT:
        prompt_action(app, action);
        break;
    case SCOPE_CONFIRM:
        confirm_action(app, action);
        break;
    case SCOPE_COMPARE:
        compare_action(app, action);
        break;
    case SCOPE_HELP:
        help_action(app, action);
        break;
    case SCOPE_COUNT:
        break;
    }
}

void handlers_input(struct app *app, const struct input_event *event)
{
    struct view *view = &app->view;
    switch (event->key) {
    case KEYS_RESIZE:
        return;
    case KEYS_MOUSE:
        mouse(app, event);
        return;
    case KEYS_PASTE:
        app->pasting = true;
        return;
    case KEYS_PASTE_END:
        app->pasting = false;
        return;
    default:
        break;
    }
    if (app->pasting) {
        /* Pasted text goes into the prompt or the picker, one line; elsewhere it is ignored. */
        int key =
            event->key == KEYS_ENTER || event->key == '\n' || event->key == '\t' ? ' ' : event->key;
        if (view->prompt.active && keys_is_text(key))
            view_prompt_insert(view, key);
        else if (view->popup == POPUP_PICKER && keys_is_text(key))
            picker_type(app, key);
        return;
    }
    if (!view->prompt.active && !view->confirming)
        view->message[0] = '\0';
    enum scope scopes[3];
    size_t nscopes = view_scopes(view, app->session, scopes);
    enum action action = keymap_feed(&app->keys, scopes, nscopes, event->key);
    if (action == ACTION_PENDING)
        return;
    if (action != ACTION_NONE) {
        act(app, action);
    } else if (keys_is_text(event->key) && view->prompt.active) {
        view_prompt_insert(view, event->key);
        if (view->prompt.purpose == PROMPT_FILTER)
            snprintf(view->filter, sizeof view->filter, "%s", view->prompt.text);
    } else if (keys_is_text(event->key) && view->popup == POPUP_PICKER) {
        picker_type(app, event->key);
    } else if (!view->prompt.active && view->popup == POPUP_NONE && !view->confirming) {
        char name[32];
        keys_name(event->key, name, sizeof name);
        view_message(view, true, "%s does nothing here; ? lists the keys", name);
    }
}

void handlers_poll(struct app *app)
{
    bool changed;
    struct error err;
    if (!session_reload(app->session, false, &changed, &err))
        fail(app, &err);
    else if (changed)
        view_message(&app->view, false, "the project was changed by another program; shown");
}

void handlers_prepare(struct app *app)
{
    if (!view_wrap(&app->view, app->session)) {
        view_message(&app->view, true, "out of memory");
        return;
    }
    view_follow_cursor(&app->view, app->session);
}
