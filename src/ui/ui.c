#include "ui/ui.h"

#include "bars.h"
#include "draw.h"
#include "internal.h"
#include "model/history.h"
#include "model/quotes.h"
#include "ui/screen.h"
#include "writing.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The panes the table makes, by id. */
static struct pane *(*const makers[PANE_COUNT])(struct ui *ui, struct error *err) = {
#define PANE_MAKER(id, name) [PANE_##id] = name##_pane_create,
    PANES(PANE_MAKER)
#undef PANE_MAKER
};

struct ui *ui_create(const struct ui_options *options, struct error *err)
{
    struct ui *ui = calloc(1, sizeof *ui);
    if (!ui) {
        error_internal(err, "out of memory");
        return NULL;
    }
    ui->project = options->project;
    ui->session = options->session;
    ui->screen = options->screen;
    ui->consensus = options->consensus;
    ui->action_log = options->action_log;
    ui->layout = layout_compute(options->rows, options->cols);
    ui->focus = PANE_TRANSCRIPT;
    ui->clear_last = -1;
    ui->generation = project_generation(ui->project);
    if (!(ui->panes[PANE_TRANSCRIPT] = makers[PANE_TRANSCRIPT](ui, err)) ||
        !(ui->panes[PANE_CODEBOOK] = makers[PANE_CODEBOOK](ui, err))) {
        ui_destroy(ui);
        return NULL;
    }
    writing_offer_draft(ui);
    return ui;
}

void ui_destroy(struct ui *ui)
{
    if (!ui)
        return;
    while (ui->nlayers)
        ui_pop(ui);
    for (int i = 0; i < PANE_COUNT; i++) {
        if (ui->panes[i])
            ui->panes[i]->ops->destroy(ui->panes[i]);
    }
    free(ui);
}

void ui_resize(struct ui *ui, int rows, int cols)
{
    ui->layout = layout_compute(rows, cols);
}

void ui_stopped(struct ui *ui)
{
    writing_keep_draft(ui);
}

void ui_greet(struct ui *ui)
{
    if (ui->message[0])
        return; /* the news that a draft was kept comes first */
    char help[32], quit[32];
    ui_key_name(ACTION_HELP, help, sizeof help);
    ui_key_name(ACTION_QUIT, quit, sizeof quit);
    if (project_read_only(session_project(ui->session)))
        ui_message(ui, false,
                   "%s is read-only: it can be read, searched and compared, not changed; "
                   "%s lists the keys, %s quits",
                   project_path(session_project(ui->session)), help, quit);
    else
        ui_message(ui, false, "coding as %s: %s lists the keys, %s quits",
                   session_coder_name(ui->session), help, quit);
}

bool ui_quitting(const struct ui *ui)
{
    return ui->quit;
}

void ui_message(struct ui *ui, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ui->message, sizeof ui->message, fmt, ap);
    va_end(ap);
    ui->message_is_error = error;
}

void ui_fail(struct ui *ui, const struct error *err)
{
    ui_message(ui, true, "%s", err->message);
}

void ui_after_change(struct ui *ui, bool ok, const struct error *err, const char *done)
{
    if (!ok) {
        ui_fail(ui, err);
        return;
    }
    struct error reload;
    bool changed;
    if (!session_reload(ui->session, true, &changed, &reload))
        ui_fail(ui, &reload);
    else
        ui_message(ui, false, "%s", done);
}

int64_t ui_coder(const struct ui *ui)
{
    return session_coder_id(ui->session);
}

bool ui_contains(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *at = haystack; *at; at++)
        if (strncasecmp(at, needle, n) == 0)
            return true;
    return n == 0;
}

void ui_key_name(enum action action, char *buf, size_t size)
{
    const char *keys = actions_info(action)->keys;
    size_t n = strcspn(keys, " ");
    if (n < 3 || keys[0] != '<' || keys[n - 1] != '>')
        snprintf(buf, size, "%.*s", (int)n, keys);
    else if (n == 4 && strncmp(keys, "<lt>", 4) == 0)
        snprintf(buf, size, "<");
    else if (n == 5 && keys[1] == 'C' && keys[2] == '-')
        snprintf(buf, size, "Ctrl-%c", keys[3] >= 'a' && keys[3] <= 'z' ? keys[3] - 32 : keys[3]);
    else
        snprintf(buf, size, "%.*s", (int)n - 2, keys + 1);
}

void ui_hint(struct ui *ui, bool error, const char *before, enum action action, const char *what)
{
    char key[32];
    ui_key_name(action, key, sizeof key);
    ui_message(ui, error, "%s%s %s", before, key, what);
}

struct pane *ui_pane(struct ui *ui, enum pane_id id)
{
    if (!ui->panes[id]) {
        struct error err;
        if (!(ui->panes[id] = makers[id](ui, &err)))
            ui_fail(ui, &err);
    }
    return ui->panes[id];
}

void ui_focus(struct ui *ui, enum pane_id id)
{
    if (ui_pane(ui, id))
        ui->focus = id;
}

bool ui_push(struct ui *ui, struct pane *layer)
{
    if (ui->nlayers == UI_LAYERS_MAX) {
        layer->ops->destroy(layer);
        ui_message(ui, true, "too many windows open; close one first");
        return false;
    }
    ui->layers[ui->nlayers++] = layer;
    return true;
}

bool ui_push_pane(struct ui *ui, enum pane_id id)
{
    struct error err;
    struct pane *layer = makers[id](ui, &err);
    if (!layer) {
        ui_fail(ui, &err);
        return false;
    }
    return ui_push(ui, layer);
}

void ui_pop(struct ui *ui)
{
    if (ui->nlayers == 0)
        return;
    struct pane *layer = ui->layers[--ui->nlayers];
    layer->ops->destroy(layer);
}

struct pane *ui_top(const struct ui *ui)
{
    return ui->nlayers ? ui->layers[ui->nlayers - 1] : NULL;
}

void ui_dump_text(struct strbuf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n')
            strbuf_puts(out, "\\n");
        else if (s[i] == '\\')
            strbuf_puts(out, "\\\\");
        else
            strbuf_putc(out, s[i]);
    }
}

void ui_toggle_quote(struct ui *ui, int64_t coding_id)
{
    bool marked;
    char message[512];
    struct error err;
    if (!quotes_is_marked(ui->project, coding_id, &marked, &err) ||
        !quotes_mark(ui->project, &(struct quote_target){.coding_id = coding_id}, !marked,
                     session_coder_name(ui->session), message, sizeof message, &err))
        ui_fail(ui, &err);
    else
        ui_message(ui, false, "%s", message);
}

void ui_changed(struct ui *ui)
{
    for (int i = 0; i < PANE_COUNT; i++) {
        struct pane *pane = ui->panes[i];
        if (pane && pane->ops->reread)
            pane->ops->reread(pane, ui);
    }
    for (size_t i = 0; i < ui->nlayers; i++) {
        if (ui->layers[i]->ops->reread)
            ui->layers[i]->ops->reread(ui->layers[i], ui);
    }
}

/* Tells the panes when the project changed since they last heard. */
static void notice_changes(struct ui *ui)
{
    uint64_t now = project_generation(ui->project);
    if (now != ui->generation) {
        ui->generation = now;
        ui_changed(ui);
    }
}

/* The pane whose keys apply: the top layer, or the focused pane. */
static struct pane *keyed(struct ui *ui)
{
    struct pane *top = ui_top(ui);
    return top ? top : ui->panes[ui->focus];
}

/* The scopes whose keys apply now, highest priority first. */
static size_t scopes_now(struct ui *ui, enum scope *scopes)
{
    struct pane *pane = keyed(ui);
    size_t n = pane->ops->scopes(pane, ui, scopes);
    if (!ui_top(ui))
        scopes[n++] = SCOPE_GLOBAL;
    return n;
}

/* --- The global keys ---------------------------------------------------------------------- */

static void undo_or_redo(struct ui *ui, bool undo)
{
    char message[512];
    int64_t code_id;
    struct error err;
    if (!(undo ? session_undo : session_redo)(ui->session, message, sizeof message, &code_id,
                                              &err)) {
        ui_fail(ui, &err);
        return;
    }
    ui_message(ui, false, "%s", message);
    int code = codetree_find_id(project_codes(session_project(ui->session)), code_id);
    if (code >= 0)
        codebook_pane_reveal(ui, code);
}

static void global_action(struct ui *ui, enum action action)
{
    switch (action) {
    case ACTION_QUIT:
        ui->quit = true;
        break;
    case ACTION_HELP:
        ui_push_pane(ui, PANE_HELP);
        break;
    case ACTION_FOCUS_NEXT:
        if (ui->focus == PANE_TRANSCRIPT || ui->focus == PANE_CODEBOOK)
            ui_focus(ui, ui->focus == PANE_TRANSCRIPT ? PANE_CODEBOOK : PANE_TRANSCRIPT);
        break;
    case ACTION_SOURCES:
        ui_push_pane(ui, PANE_SOURCES);
        break;
    case ACTION_UNDO:
    case ACTION_REDO:
        undo_or_redo(ui, action == ACTION_UNDO);
        break;
    case ACTION_OTHER_CODERS:
        session_set_show_others(ui->session, !session_show_others(ui->session));
        ui_message(ui, false,
                   session_show_others(ui->session) ? "showing every coder's codings"
                                                    : "showing only your codings (blind coding)");
        break;
    case ACTION_REDRAW:
        screen_invalidate(ui->screen);
        break;
    case ACTION_SUSPEND:
        if (!screen_suspend(ui->screen))
            ui_message(ui, true, "only margin on a terminal can be suspended");
        break;
    case ACTION_COMPARE:
        compare_pane_start(ui);
        break;
    case ACTION_QUERY:
        segments_pane_query(ui);
        break;
    case ACTION_SEGMENTS:
        segments_back(ui);
        break;
    case ACTION_COUNTS:
        counts_pane_open(ui);
        break;
    case ACTION_LOG:
        log_open(ui);
        break;
    case ACTION_MEMO_PROJECT:
        writing_open(ui, WRITING_PROJECT_MEMO, 0);
        break;
    case ACTION_MEMO_LIST:
        memos_pane_show(ui);
        break;
    default:
        break;
    }
}

/* --- Input -------------------------------------------------------------------------------- */

static void act(struct ui *ui, enum action action)
{
    const struct action_info *info = actions_info(action);
    if (ui->action_log)
        fprintf(ui->action_log, "%s\n", info->name);
    struct pane *pane = keyed(ui);
    if (info->scope == SCOPE_GLOBAL)
        global_action(ui, action);
    else
        pane->ops->act(pane, ui, action);
}

/* Whether the focused pane takes the whole screen (else the coding screen is on show). */
static bool panes_whole(const struct ui *ui)
{
    return ui->panes[ui->focus]->ops->place == PLACE_WHOLE;
}

/* The area of a layer: a popup keeps clear of the selection where there is room above or below
 * it for a popup of at least POPUP_ROWS_MIN rows, on the side with more room. */
#define POPUP_ROWS_MIN 6
static struct rect layer_area(const struct ui *ui, enum pane_place place)
{
    struct rect area = draw_area(&ui->layout, place);
    if (place != PLACE_POPUP || ui->clear_first > ui->clear_last || ui->clear_last < area.row ||
        ui->clear_first >= area.row + area.rows)
        return area;
    int above = ui->clear_first, below = ui->layout.status.row - ui->clear_last - 1;
    int room = above > below ? above : below;
    if (room < POPUP_ROWS_MIN)
        return area;
    if (area.rows > room)
        area.rows = room;
    area.row = above > below ? above - area.rows : ui->clear_last + 1;
    return area;
}

/* The pane under a screen cell, and its area; NULL when there is none. */
static struct pane *pane_at(struct ui *ui, int row, int col, struct rect *area)
{
    struct pane *top = ui_top(ui);
    if (top) {
        *area = layer_area(ui, top->ops->place);
        return top;
    }
    if (panes_whole(ui)) {
        *area = draw_area(&ui->layout, PLACE_WHOLE);
        return ui->panes[ui->focus];
    }
    *area = draw_area(&ui->layout, PLACE_TEXT);
    if (layout_contains(*area, row, col))
        return ui->panes[PANE_TRANSCRIPT];
    *area = draw_area(&ui->layout, PLACE_CODEBOOK);
    if (layout_contains(*area, row, col))
        return ui->panes[PANE_CODEBOOK];
    return NULL;
}

static void mouse(struct ui *ui, const struct input_event *event)
{
    struct rect area;
    struct pane *pane = pane_at(ui, event->row, event->col, &area);
    if (pane && pane->ops->mouse)
        pane->ops->mouse(pane, ui, event, area);
}

void ui_input(struct ui *ui, const struct input_event *event)
{
    switch (event->key) {
    case KEYS_RESIZE:
        return;
    case KEYS_MOUSE:
        mouse(ui, event);
        notice_changes(ui);
        return;
    case KEYS_PASTE:
        ui->pasting = true;
        return;
    case KEYS_PASTE_END:
        ui->pasting = false;
        return;
    default:
        break;
    }
    struct pane *top = ui_top(ui);
    if (ui->pasting) {
        /* Pasted text goes to a layer that takes text; elsewhere it is ignored. */
        if (top && top->ops->type)
            top->ops->type(top, ui, event->key);
        return;
    }
    if (!top || top->ops->place != PLACE_LINE)
        ui->message[0] = '\0';
    enum scope scopes[SCOPE_COUNT + 1];
    size_t nscopes = scopes_now(ui, scopes);
    enum action action = keymap_feed(&ui->keys, scopes, nscopes, event->key);
    if (action == ACTION_PENDING)
        return;
    if (action != ACTION_NONE) {
        ui->key = event->key;
        act(ui, action);
    } else if (top) {
        if (keys_is_text(event->key) && top->ops->type)
            top->ops->type(top, ui, event->key);
    } else {
        char name[32], help[32];
        keys_name(event->key, name, sizeof name);
        ui_key_name(ACTION_HELP, help, sizeof help);
        ui_message(ui, true, "%s does nothing here; %s lists the keys", name, help);
    }
    notice_changes(ui);
}

void ui_poll(struct ui *ui)
{
    bool changed;
    struct error err;
    if (!session_reload(ui->session, false, &changed, &err))
        ui_fail(ui, &err);
    else if (changed)
        ui_message(ui, false, "the project was changed by another program; shown");
    notice_changes(ui);
}

/* --- Drawing ------------------------------------------------------------------------------ */

void ui_draw(struct ui *ui)
{
    draw_clear();
    ui->clear_first = 0;
    ui->clear_last = -1; /* until the transcript shows a selection */
    const struct layout *layout = &ui->layout;
    if (layout->kind == LAYOUT_TOO_SMALL) {
        draw_too_small(layout);
        return;
    }
    /* The focused pane shows its highlight unless a box covers the panes (a prompt or question
     * on the message line leaves it in view). */
    bool in_view = true;
    for (size_t i = 0; i < ui->nlayers; i++)
        in_view &= ui->layers[i]->ops->place != PLACE_POPUP;
    if (panes_whole(ui)) {
        struct pane *pane = ui->panes[ui->focus];
        pane->ops->draw(pane, ui, draw_area(layout, PLACE_WHOLE), in_view);
    } else {
        struct pane *text = ui->panes[PANE_TRANSCRIPT];
        struct pane *codebook = ui->panes[PANE_CODEBOOK];
        text->ops->draw(text, ui, draw_area(layout, PLACE_TEXT),
                        in_view && ui->focus == PANE_TRANSCRIPT);
        draw_divider(layout);
        codebook->ops->draw(codebook, ui, draw_area(layout, PLACE_CODEBOOK),
                            in_view && ui->focus == PANE_CODEBOOK);
    }
    bool line_taken = false;
    ui->line_rows = 1;
    for (size_t i = 0; i < ui->nlayers; i++) {
        struct pane *layer = ui->layers[i];
        layer->ops->draw(layer, ui, layer_area(ui, layer->ops->place), i + 1 == ui->nlayers);
        line_taken |= layer->ops->place == PLACE_LINE;
    }
    bars_draw(ui, !line_taken);
}

/* --- State for scripts -------------------------------------------------------------------- */

bool ui_dump_state(struct ui *ui, struct strbuf *out)
{
    notice_changes(ui);
    strbuf_printf(out, "mode: %s\n", ui->panes[ui->focus]->ops->name);
    strbuf_puts(out, "layers:");
    for (size_t i = 0; i < ui->nlayers; i++)
        strbuf_printf(out, "%s%s", i ? " > " : " ", ui->layers[i]->ops->name);
    strbuf_puts(out, ui->nlayers ? "\n" : " none\n");
    for (int i = 0; i < PANE_COUNT; i++) {
        if (ui->panes[i])
            ui->panes[i]->ops->dump(ui->panes[i], ui, out);
    }
    for (size_t i = 0; i < ui->nlayers; i++)
        ui->layers[i]->ops->dump(ui->layers[i], ui, out);
    if (ui->message[0])
        strbuf_printf(out, "message: %s%s\n", ui->message_is_error ? "(error) " : "", ui->message);
    return out->data != NULL;
}
