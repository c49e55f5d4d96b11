/* The codebook pane: the code tree with outline numbers, folding, counts of sources and
 * references coded (the coder's own, and everyone's when others are on show), headings and the
 * highlighted code's description; filtering, coding the selection with a code, and editing the
 * codebook.
 *
 * One file: drawing, moving, folding and the editing prompts all work on struct codebook_pane
 * (an edit's answer moves the highlight and unfolds the parent) through the same helpers
 * (codebook, codes, set_folded), which a split would have to share across src/ui for the sake
 * of a few lines over 600. */
#include "draw.h"
#include "internal.h"
#include "theme.h"
#include "writing.h"

#include "core/list.h"
#include "core/width.h"
#include "model/codebook.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct codebook_pane {
    struct pane pane;
    int64_t *folded; /* ids of folded codes */
    size_t nfolded, folded_cap;
    char filter[1024];
    int64_t highlighted; /* a code's id; 0 picks the first row */
    size_t top;
};

static struct codebook_pane *of(struct pane *pane)
{
    return (struct codebook_pane *)pane;
}

static struct codebook_pane *codebook(struct ui *ui)
{
    return of(ui->panes[PANE_CODEBOOK]);
}

static const struct codetree *codes(const struct ui *ui)
{
    return project_codes(ui->project);
}

static bool is_folded(const struct codebook_pane *c, int64_t id)
{
    for (size_t i = 0; i < c->nfolded; i++) {
        if (c->folded[i] == id)
            return true;
    }
    return false;
}

static void set_folded(struct codebook_pane *c, int64_t id, bool folded)
{
    for (size_t i = 0; i < c->nfolded; i++) {
        if (c->folded[i] == id) {
            if (!folded)
                c->folded[i] = c->folded[--c->nfolded];
            return;
        }
    }
    if (folded &&
        list_reserve((void **)&c->folded, &c->folded_cap, c->nfolded + 1, sizeof *c->folded))
        c->folded[c->nfolded++] = id;
}

/* The rows on show, as codebook indexes (the caller frees them; NULL when memory runs out):
 * codes not hidden under a folded code, and, when filtering, those that match and their
 * ancestors, so that a match can be read in place. */
static int *rows_on_show(const struct codebook_pane *c, const struct codetree *tree, size_t *count)
{
    size_t n = codetree_count(tree);
    int *rows = malloc((n ? n : 1) * sizeof *rows);
    bool *shown = c->filter[0] ? calloc(n ? n : 1, sizeof *shown) : NULL;
    *count = 0;
    if (!rows || (c->filter[0] && !shown)) {
        free(rows);
        free(shown);
        return NULL;
    }
    if (shown) {
        for (size_t i = 0; i < n; i++) {
            if (!codetree_matches(tree, (int)i, c->filter))
                continue;
            for (int k = (int)i; k >= 0 && !shown[k]; k = codetree_get(tree, (size_t)k)->parent)
                shown[k] = true;
        }
        for (size_t i = 0; i < n; i++) {
            if (shown[i])
                rows[(*count)++] = (int)i;
        }
        free(shown);
        return rows;
    }
    for (size_t i = 0; i < n;) {
        const struct code *code = codetree_get(tree, i);
        rows[(*count)++] = (int)i;
        i = is_folded(c, code->id) ? (size_t)code->end : i + 1;
    }
    return rows;
}

/* The highlighted code's place among the rows on show (0 when it is not on show). */
static size_t position(const struct codebook_pane *c, const int *rows, size_t count,
                       const struct codetree *tree)
{
    for (size_t i = 0; i < count; i++) {
        if (codetree_get(tree, (size_t)rows[i])->id == c->highlighted)
            return i;
    }
    return 0;
}

/* --- Drawing -------------------------------------------------------------------------------- */

/* "3/12": sources and references coded at a code, or "" when it has none. */
static void usage_text(const struct code_usage_list *usage, int64_t code_id, char *out, size_t size)
{
    out[0] = '\0';
    for (size_t i = 0; i < usage->count; i++) {
        if (usage->items[i].code_id == code_id) {
            snprintf(out, size, "%" PRId64 "/%" PRId64, usage->items[i].sources,
                     usage->items[i].references);
            return;
        }
    }
}

static void draw_title(const struct rect *pane, const struct codebook_pane *c,
                       const struct session *session)
{
    attr_t attr = theme_attr(THEME_TITLE);
    draw_blank(pane->row, pane->col, pane->cols, attr);
    char title[200];
    snprintf(title, sizeof title, " Codebook%s%.160s", c->filter[0] ? "  /" : "", c->filter);
    int used = draw_string(pane->row, pane->col, pane->cols, title, attr);
    const char *counts = session_show_others(session) ? "mine (all)" : "sources/refs";
    int width = (int)strlen(counts) + 1;
    if (used + width < pane->cols)
        draw_string(pane->row, pane->col + pane->cols - width, width, counts, attr);
}

/* Draws a code's description in the rows [row, row + rows). */
static void draw_description(const struct rect *pane, int row, int rows, const struct code *code)
{
    attr_t attr = theme_attr(THEME_DESCRIPTION);
    const char *text = code && code->description ? code->description : "(no description)";
    size_t n = strlen(text);
    size_t at = 0;
    for (int y = 0; y < rows && at < n; y++) {
        const char *nl = memchr(text + at, '\n', n - at);
        size_t line = nl ? (size_t)(nl - text) - at : n - at;
        size_t take = width_fit(text + at, line, (size_t)(pane->cols - 1));
        if (take == 0 && line > 0)
            break;
        draw_text(row + y, pane->col + 1, pane->cols - 1, text + at, take, attr);
        at += take == line ? take + 1 : take;
    }
}

/* One row of the list: fold marker, number, name, and the counts at the right. */
static void draw_code(const struct ui *ui, const struct codebook_pane *c, const struct rect *pane,
                      int row, int index, attr_t attr)
{
    const struct codetree *tree = codes(ui);
    const struct code *code = codetree_get(tree, (size_t)index);
    draw_blank(row, pane->col, pane->cols, attr);
    char counts[64], own[24], total[24];
    usage_text(session_usage(ui->session, false), code->id, own, sizeof own);
    usage_text(session_usage(ui->session, true), code->id, total, sizeof total);
    if (session_show_others(ui->session) && total[0])
        snprintf(counts, sizeof counts, "%s (%s)", own[0] ? own : "-", total);
    else
        snprintf(counts, sizeof counts, "%s", own);
    int counts_width = counts[0] ? (int)strlen(counts) + 1 : 0;
    bool parent = code->end > index + 1;
    const char *marker = !parent ? " " : is_folded(c, code->id) ? "+" : "-";
    char label[OUTLINE_TEXT_MAX + 8];
    char number[OUTLINE_TEXT_MAX];
    codetree_number_text(tree, index, number);
    int indent = code->depth < 6 ? code->depth : 6;
    snprintf(label, sizeof label, "%*s%s%s ", indent, "", marker, number);
    int room = pane->cols - counts_width;
    int used = draw_string(row, pane->col, room, label, attr);
    draw_cut(row, pane->col + used, room - used - 1, code->name, attr);
    if (counts_width && counts_width < pane->cols)
        draw_string(row, pane->col + pane->cols - counts_width + 1, counts_width - 1, counts,
                    attr | theme_attr(THEME_COUNT_COLUMN));
}

static void codebook_draw(struct pane *pane, struct ui *ui, struct rect area, bool focused)
{
    struct codebook_pane *c = of(pane);
    if (area.rows < 1)
        return;
    draw_title(&area, c, ui->session);
    const struct codetree *tree = codes(ui);
    size_t count;
    int *rows = rows_on_show(c, tree, &count);
    if (!rows)
        return;
    bool with_description = area.rows >= 9;
    int list_rows = area.rows - 1 - (with_description ? 3 : 0);
    if (count == 0) {
        char add[16], message[64];
        ui_key_name(ACTION_CB_ADD, add, sizeof add);
        snprintf(message, sizeof message, "no codes yet: %s adds one", add);
        draw_string(area.row + 1, area.col + 1, area.cols - 1,
                    codetree_count(tree) ? "no code matches the filter" : message,
                    theme_attr(THEME_DESCRIPTION));
        free(rows);
        return;
    }
    size_t current = position(c, rows, count, tree);
    draw_follow(current, list_rows > 0 ? (size_t)list_rows : 0, &c->top);
    for (int y = 0; y < list_rows && c->top + (size_t)y < count; y++) {
        size_t k = c->top + (size_t)y;
        attr_t attr = codetree_get(tree, (size_t)rows[k])->codable ? theme_attr(THEME_TEXT)
                                                                   : theme_attr(THEME_HEADING);
        if (k == current)
            attr |= focused ? theme_attr(THEME_CURRENT) : A_BOLD;
        draw_code(ui, c, &area, area.row + 1 + y, rows[k], attr);
    }
    if (with_description) {
        int row = area.row + area.rows - 3;
        draw_blank(row, area.col, area.cols, theme_attr(THEME_DIVIDER));
        draw_description(&area, row + 1, 2, codetree_get(tree, (size_t)rows[current]));
    }
    free(rows);
}

/* --- Editing, and what the prompts, picker and question bring back ----------------------- */

static void filter_changed(struct ui *ui, const char *text, int64_t id)
{
    snprintf(codebook(ui)->filter, sizeof codebook(ui)->filter, "%s", text);
}

static void filter_cancelled(struct ui *ui, int64_t id)
{
    codebook(ui)->filter[0] = '\0';
}

static void code_added(struct ui *ui, const char *text, int64_t parent_id)
{
    struct error err;
    int64_t id;
    bool ok = codebook_add(ui->project, ui_coder(ui), parent_id, text, &id, &err);
    if (ok) {
        if (parent_id)
            set_folded(codebook(ui), parent_id, false);
        codebook(ui)->highlighted = id;
    }
    char label[320] = "the code", done[400];
    if (ok)
        project_code_label(ui->project, id, label, sizeof label, &err);
    snprintf(done, sizeof done, "added %s", label);
    ui_after_change(ui, ok, &err, done);
}

static void renamed(struct ui *ui, const char *text, int64_t id)
{
    struct error err;
    ui_after_change(ui, codebook_rename(ui->project, ui_coder(ui), id, text, &err), &err,
                    "renamed");
}

static void merged(struct ui *ui, int code_index, int64_t id)
{
    struct error err;
    int64_t into = codetree_get(codes(ui), (size_t)code_index)->id;
    bool ok = codebook_merge(ui->project, ui_coder(ui), id, into, &err);
    if (ok)
        codebook(ui)->highlighted = into;
    ui_after_change(ui, ok, &err, "merged");
}

static void delete_answered(struct ui *ui, bool yes, int purpose, int64_t id)
{
    if (!yes) {
        ui_message(ui, false, "nothing was deleted");
        return;
    }
    struct error err;
    bool ok = codebook_delete(ui->project, ui_coder(ui), id, &err);
    if (ok)
        codebook(ui)->highlighted = 0;
    char undo[16], done[64];
    ui_key_name(ACTION_UNDO, undo, sizeof undo);
    snprintf(done, sizeof done, "deleted (%s undoes)", undo);
    ui_after_change(ui, ok, &err, done);
}

static void ask_delete(struct ui *ui, const struct code *code)
{
    struct codebook_reach reach;
    struct error err;
    if (!codebook_reach(ui->project, code->id, &reach, &err)) {
        ui_fail(ui, &err);
        return;
    }
    char number[OUTLINE_TEXT_MAX];
    codetree_number_text(codes(ui), codetree_find_id(codes(ui), code->id), number);
    char subcodes[48] = "";
    if (reach.descendants)
        snprintf(subcodes, sizeof subcodes, ", %zu sub-code%s", reach.descendants,
                 reach.descendants == 1 ? "" : "s");
    struct strbuf question = STRBUF_INIT;
    strbuf_printf(&question, "Delete %s '%s'%s and %zu coding%s%s%s%s? y/n", number, code->name,
                  subcodes, reach.codings, reach.codings == 1 ? "" : "s", reach.codings ? " (" : "",
                  reach.whose, reach.codings ? ")" : "");
    question_open(ui, strbuf_str(&question), delete_answered, 0, code->id);
    strbuf_finish(&question);
    free(reach.whose);
}

/* What each renumbering is called in its question ("Swap 07.01 'Name' with the code above")
 * and when done. */
static const struct {
    const char *verb;
    const char *whither;
    const char *done;
} renumberings[] = {
    [RENUMBER_MOVE_UP] = {"Swap", "with the code above", "swapped with the code above"},
    [RENUMBER_MOVE_DOWN] = {"Swap", "with the code below", "swapped with the code below"},
    [RENUMBER_INDENT] = {"Move", "under the code above", "moved under the code above"},
    [RENUMBER_OUTDENT] = {"Move", "out to its parent's level", "moved out to its parent's level"},
    [RENUMBER_ALL] = {"Renumber the codebook,", "closing its gaps", "renumbered the codebook"},
};

static void renumbering_answered(struct ui *ui, bool yes, int purpose, int64_t id)
{
    if (!yes) {
        ui_message(ui, false, "no number was changed");
        return;
    }
    struct error err;
    size_t renumbered = 0;
    bool ok;
    switch ((enum codebook_renumbering)purpose) {
    case RENUMBER_MOVE_UP:
    case RENUMBER_MOVE_DOWN:
        ok = codebook_move(ui->project, ui_coder(ui), id, purpose == RENUMBER_MOVE_UP ? -1 : 1,
                           &err);
        break;
    case RENUMBER_INDENT:
        ok = codebook_indent(ui->project, ui_coder(ui), id, &err);
        break;
    case RENUMBER_OUTDENT:
        ok = codebook_outdent(ui->project, ui_coder(ui), id, &err);
        break;
    default:
        ok = codebook_renumber(ui->project, ui_coder(ui), &renumbered, &err);
        break;
    }
    ui_after_change(ui, ok, &err, renumberings[purpose].done);
}

/* Asks before giving codes new numbers, saying how many codes and codings that touches. */
static void ask_renumbering(struct ui *ui, enum codebook_renumbering what, const struct code *code)
{
    size_t changed, codings;
    struct error err;
    if (!codebook_renumbering(ui->project, what, code ? code->id : 0, &changed, &codings, &err)) {
        ui_fail(ui, &err);
        return;
    }
    if (changed == 0) {
        ui_message(ui, false, "every number is already in order; nothing to renumber");
        return;
    }
    char which[OUTLINE_TEXT_MAX + 80] = "";
    if (code) {
        char number[OUTLINE_TEXT_MAX];
        codetree_number_text(codes(ui), codetree_find_id(codes(ui), code->id), number);
        snprintf(which, sizeof which, " %s '%.60s'", number, code->name);
    }
    char question[512];
    snprintf(question, sizeof question,
             "%s%s %s? %zu code%s and the %zu coding%s at them get new numbers. y/n",
             renumberings[what].verb, which, renumberings[what].whither, changed,
             changed == 1 ? "" : "s", codings, codings == 1 ? "" : "s");
    question_open(ui, question, renumbering_answered, (int)what, code ? code->id : 0);
}

/* Opens a prompt about the highlighted code. */
static void ask(struct ui *ui, const char *label, const char *text,
                void (*accepted)(struct ui *ui, const char *text, int64_t id), int64_t id)
{
    prompt_open(ui, &(struct prompt_request){label, text, accepted, NULL, NULL, id});
}

/* --- Actions --------------------------------------------------------------------------------- */

/* The actions that change the codebook. */
static void edit_action(struct ui *ui, enum action action, const struct code *code)
{
    struct error err;
    switch (action) {
    case ACTION_CB_ADD:
        ask(ui, "New code at this level: ", "", code_added, code ? code->parent_id : 0);
        break;
    case ACTION_CB_ADD_CHILD:
        ask(ui, "New sub-code: ", "", code_added, code->id);
        break;
    case ACTION_CB_RENAME:
        ask(ui, "Rename to: ", code->name, renamed, code->id);
        break;
    case ACTION_CB_DESCRIBE:
        writing_open(ui, WRITING_CODE_DESCRIPTION, code->id);
        break;
    case ACTION_CB_MEMO:
        writing_open(ui, WRITING_CODE_MEMO, code->id);
        break;
    case ACTION_CB_HEADING: {
        /* Read before the change, which reloads the codebook and frees `code`. */
        bool codable = code->codable;
        bool ok = codebook_set_codable(ui->project, ui_coder(ui), code->id, !codable, &err);
        ui_after_change(ui, ok, &err, codable ? "made a heading" : "made codable");
        break;
    }
    case ACTION_CB_MOVE_UP:
        ask_renumbering(ui, RENUMBER_MOVE_UP, code);
        break;
    case ACTION_CB_MOVE_DOWN:
        ask_renumbering(ui, RENUMBER_MOVE_DOWN, code);
        break;
    case ACTION_CB_INDENT:
        ask_renumbering(ui, RENUMBER_INDENT, code);
        break;
    case ACTION_CB_OUTDENT:
        ask_renumbering(ui, RENUMBER_OUTDENT, code);
        break;
    case ACTION_CB_MERGE:
        picker_open(ui, "Merge into", merged, code->id);
        break;
    case ACTION_CB_DELETE:
        ask_delete(ui, code);
        break;
    default:
        break;
    }
}

static void codebook_act(struct pane *pane, struct ui *ui, enum action action)
{
    struct codebook_pane *c = of(pane);
    const struct codetree *tree = codes(ui);
    size_t count;
    int *rows = rows_on_show(c, tree, &count);
    if (!rows) {
        ui_message(ui, true, "out of memory");
        return;
    }
    long page = ui->layout.codebook.rows > 5 ? ui->layout.codebook.rows - 5 : 1;
    size_t at = position(c, rows, count, tree);
    int index = count ? rows[at] : -1;
    const struct code *code = index >= 0 ? codetree_get(tree, (size_t)index) : NULL;
    long move = 0;
    switch (action) {
    case ACTION_CB_DOWN:
    case ACTION_CB_UP:
        move = action == ACTION_CB_DOWN ? 1 : -1;
        break;
    case ACTION_CB_TOP:
    case ACTION_CB_BOTTOM:
        move = action == ACTION_CB_TOP ? -(long)count : (long)count;
        break;
    case ACTION_CB_PAGE_DOWN:
    case ACTION_CB_PAGE_UP:
        move = action == ACTION_CB_PAGE_DOWN ? page : -page;
        break;
    case ACTION_CB_FOLD:
        if (code && code->end > index + 1 && !is_folded(c, code->id))
            set_folded(c, code->id, true);
        else if (code && code->parent >= 0)
            c->highlighted = codetree_get(tree, (size_t)code->parent)->id;
        break;
    case ACTION_CB_UNFOLD:
        if (code)
            set_folded(c, code->id, false);
        break;
    case ACTION_CB_APPLY:
        if (code && session_selecting(ui->session)) {
            char message[512];
            struct error err;
            if (session_code_selection(ui->session, index, message, sizeof message, &err)) {
                ui_message(ui, false, "%s", message);
                ui_focus(ui, PANE_TRANSCRIPT);
            } else {
                ui_fail(ui, &err);
            }
        } else if (code && code->end > index + 1) {
            set_folded(c, code->id, !is_folded(c, code->id));
        } else if (code) {
            segments_pane_retrieve(ui, index, NULL, true);
        }
        break;
    case ACTION_CB_RETRIEVE:
        if (code)
            segments_pane_retrieve(ui, index, NULL, true);
        break;
    case ACTION_CB_MATRIX:
        if (code)
            matrix_pane_open(ui, index);
        break;
    case ACTION_CB_RENUMBER:
        ask_renumbering(ui, RENUMBER_ALL, NULL);
        break;
    case ACTION_CB_FILTER:
        prompt_open(ui, &(struct prompt_request){"Filter codes: ", c->filter, filter_changed,
                                                 filter_changed, filter_cancelled, 0});
        break;
    case ACTION_CB_CLEAR:
        if (c->filter[0]) {
            c->filter[0] = '\0';
            ui_message(ui, false, "every code shown");
        } else {
            ui_focus(ui, PANE_TRANSCRIPT);
        }
        break;
    default:
        if (code || action == ACTION_CB_ADD)
            edit_action(ui, action, code);
        break;
    }
    if (move && count) {
        long target = (long)at + move;
        target = target < 0 ? 0 : target >= (long)count ? (long)count - 1 : target;
        c->highlighted = codetree_get(tree, (size_t)rows[target])->id;
    }
    free(rows);
}

static void codebook_mouse(struct pane *pane, struct ui *ui, const struct input_event *event,
                           struct rect area)
{
    struct codebook_pane *c = of(pane);
    if (event->mouse != MOUSE_PRESS || event->row <= area.row)
        return;
    size_t count;
    int *rows = rows_on_show(c, codes(ui), &count);
    size_t k = c->top + (size_t)(event->row - area.row - 1);
    if (rows && k < count) {
        ui_focus(ui, PANE_CODEBOOK);
        c->highlighted = codetree_get(codes(ui), (size_t)rows[k])->id;
    }
    free(rows);
}

/* --- The rest of the interface ------------------------------------------------------------ */

static size_t codebook_scopes(const struct pane *pane, const struct ui *ui, enum scope *scopes)
{
    scopes[0] = SCOPE_CODEBOOK;
    return 1;
}

static void codebook_dump(struct pane *pane, struct ui *ui, struct strbuf *out)
{
    struct codebook_pane *c = of(pane);
    const struct codetree *tree = codes(ui);
    int index = codetree_find_id(tree, c->highlighted);
    if (index >= 0) {
        char number[OUTLINE_TEXT_MAX];
        codetree_number_text(tree, index, number);
        strbuf_printf(out, "codebook: %s %s\n", number, codetree_get(tree, (size_t)index)->name);
    }
    if (c->filter[0])
        strbuf_printf(out, "filter: %s\n", c->filter);
}

static void codebook_destroy(struct pane *pane)
{
    struct codebook_pane *c = of(pane);
    free(c->folded);
    free(c);
}

static const enum scope codebook_help[] = {SCOPE_CODEBOOK, SCOPE_GLOBAL, SCOPE_PICKER,
                                           SCOPE_SOURCES,  SCOPE_PROMPT, SCOPE_EDITOR,
                                           SCOPE_CONFIRM,  SCOPE_HELP,   SCOPE_COUNT};

static const struct pane_ops codebook_ops = {
    .name = "codebook",
    .place = PLACE_CODEBOOK,
    .scopes = codebook_scopes,
    .help = codebook_help,
    .draw = codebook_draw,
    .act = codebook_act,
    .mouse = codebook_mouse,
    .dump = codebook_dump,
    .destroy = codebook_destroy,
};

struct pane *codebook_pane_create(struct ui *ui, struct error *err)
{
    struct codebook_pane *c = calloc(1, sizeof *c);
    if (!c) {
        error_internal(err, "out of memory");
        return NULL;
    }
    c->pane.ops = &codebook_ops;
    return &c->pane;
}

void codebook_pane_reveal(struct ui *ui, int code_index)
{
    struct codebook_pane *c = codebook(ui);
    const struct codetree *tree = codes(ui);
    c->highlighted = codetree_get(tree, (size_t)code_index)->id;
    for (int k = codetree_get(tree, (size_t)code_index)->parent; k >= 0;
         k = codetree_get(tree, (size_t)k)->parent)
        set_folded(c, codetree_get(tree, (size_t)k)->id, false);
}
