#include "bars.h"

#include "core/text.h"
#include "core/width.h"
#include "core/wrap.h"
#include "draw.h"
#include "theme.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The chosen coding as the status line gives it, in three lengths: "07.01.02 Management and
 * governance (A)", "07.01.02 (A)" and "07.01.02". Empty when no coding is under the cursor. */
#define CHOSEN_MAX 384
static void describe_chosen(const struct session *session, char *full, char *shorter, char *number)
{
    const size_t size = CHOSEN_MAX;
    full[0] = shorter[0] = number[0] = '\0';
    const struct coding_row *coding = session_chosen_coding(session);
    if (!coding)
        return;
    const struct codetree *tree = project_codes(session_project(session));
    int index = codetree_find_id(tree, coding->code_id);
    const char *name = index >= 0 ? codetree_get(tree, (size_t)index)->name : "";
    char text[OUTLINE_TEXT_MAX] = "?";
    if (index >= 0)
        codetree_number_text(tree, index, text);
    const char *coder = session_coder_name_of(session, coding->coder_id);
    snprintf(full, size, "%s %s (%s)", text, name, coder);
    snprintf(shorter, size, "%s (%s)", text, coder);
    snprintf(number, size, "%s", text);
}

static int string_width(const char *s)
{
    return (int)width_of_text(s, strlen(s));
}

/* The status line, `lift` rows above its place (when a long message takes the rows below it):
 * the mode, always; then "read-only" when the project is, the project, source and coder; at the
 * right the chosen coding and the position. Where they do not all fit, the long forms give way
 * to short ones, the coding's name first, then the project's, then the position. */
static void draw_status(const struct ui *ui, int lift)
{
    const struct session *session = ui->session;
    struct rect bar = ui->layout.status;
    bar.row -= lift;
    attr_t attr = theme_attr(THEME_STATUS);
    draw_blank(bar.row, bar.col, bar.cols, attr);

    const struct pane *focused = ui->panes[ui->focus];
    const char *mode = focused->ops->badge ? focused->ops->badge(focused, ui) : NULL;
    int col = bar.col;
    if (mode) {
        char badge[32];
        snprintf(badge, sizeof badge, " %s ", mode);
        col += draw_string(bar.row, col, bar.cols, badge, attr | A_REVERSE | A_BOLD);
    }
    int room = bar.col + bar.cols - col;

    int source = session_source_index(session);
    const char *source_name =
        source >= 0 ? session_sources(session)->items[source].name : "no source";
    const char *others = session_show_others(session) ? " (+ others)" : "";
    const char *read_only = project_read_only(session_project(session)) ? " read-only ·" : "";
    char left[3][256];
    snprintf(left[0], sizeof left[0], "%s %s · %s · coder %s%s", read_only,
             base_name(project_path(session_project(session))), source_name,
             session_coder_name(session), others);
    snprintf(left[1], sizeof left[1], "%s %s · coder %s%s", read_only, source_name,
             session_coder_name(session), others[0] ? " +" : "");
    snprintf(left[2], sizeof left[2], "%s %s", read_only, session_coder_name(session));

    char full[CHOSEN_MAX], shorter[CHOSEN_MAX], number[CHOSEN_MAX];
    describe_chosen(session, full, shorter, number);
    char right[5][512] = {"", "", "", "", ""};
    const struct text *text = session_text(session);
    if (text && text_length(text) > 0) {
        size_t length = text_length(text);
        int64_t cursor = session_cursor(session);
        size_t percent = (size_t)cursor * 100 / length;
        const char *gap = full[0] ? " · " : "";
        snprintf(right[0], sizeof right[0], "%s%s%" PRId64 "/%zu %zu%% ", full, gap, cursor, length,
                 percent);
        snprintf(right[1], sizeof right[1], "%s%s%zu%% ", full, gap, percent);
        snprintf(right[2], sizeof right[2], "%s%s%zu%% ", shorter, gap, percent);
        snprintf(right[3], sizeof right[3], "%s%s%zu%% ", number, number[0] ? " " : "", percent);
        snprintf(right[4], sizeof right[4], "%s ", number);
    }
    /* The longest pair that fits, the coding's name kept longest. */
    static const int order[][2] = {{0, 0}, {0, 1}, {1, 1}, {2, 1}, {0, 2},
                                   {1, 2}, {2, 2}, {2, 3}, {2, 4}};
    size_t pick = 0;
    while (pick + 1 < sizeof order / sizeof order[0] &&
           string_width(left[order[pick][0]]) + string_width(right[order[pick][1]]) + 1 > room)
        pick++;
    const char *l = left[order[pick][0]], *r = right[order[pick][1]];
    int right_width = string_width(r);
    if (right_width > room)
        right_width = room;
    draw_string(bar.row, col, room - right_width, l, attr);
    if (right_width > 0)
        draw_string(bar.row, bar.col + bar.cols - right_width, right_width, r, attr);
}

/* Draws a message ending on its line and returns the rows it took. One too long for the line
 * takes as many rows above it as it needs, at most `most`, until the next key clears it, so that
 * the end of a long message, which often says what to do, is not cut off. */
int bars_draw_wrapped(const struct rect *line, const char *message, attr_t attr, int most)
{
    struct text *text = text_create(message, strlen(message));
    struct wrap wrap = {0};
    size_t rows = 1;
    if (!text || !wrap_text(text, line->cols, &wrap) || wrap.count <= 1) {
        draw_string(line->row, line->col, line->cols, message, attr);
    } else {
        rows = wrap.count < (size_t)most ? wrap.count : (size_t)most;
        int top = line->row - (int)rows + 1;
        for (size_t i = 0; i < rows; i++) {
            size_t from = text_byte(text, (size_t)wrap.items[i].start);
            size_t to = text_byte(text, (size_t)wrap.items[i].end);
            draw_blank(top + (int)i, line->col, line->cols, attr);
            draw_text(top + (int)i, line->col, line->cols, message + from, to - from, attr);
        }
    }
    wrap_finish(&wrap);
    text_destroy(text);
    return (int)rows;
}

void bars_draw(const struct ui *ui, bool message)
{
    const struct rect *line = &ui->layout.message;
    int rows = message ? 1 : ui->line_rows;
    if (message && ui->message[0]) {
        /* Over the panes, leaving the status line whole above the message. */
        rows = bars_draw_wrapped(line, ui->message,
                                 theme_attr(ui->message_is_error ? THEME_ERROR : THEME_MESSAGE),
                                 ui->layout.status.row);
    }
    draw_status(ui, rows - 1);
}

void bars_draw_hints(struct rect line, const struct hint *hints, size_t n)
{
    attr_t attr = theme_attr(THEME_DESCRIPTION);
    draw_blank(line.row, line.col, line.cols, attr);
    int col = line.col + 1;
    int end = line.col + line.cols;
    for (size_t i = 0; i < n; i++) {
        char key[32];
        ui_key_name(hints[i].action, key, sizeof key);
        int width = string_width(key) + 1 + string_width(hints[i].what);
        if (col + width > end)
            break;
        col += draw_string(line.row, col, end - col, key, attr | A_BOLD);
        col += 1 + draw_string(line.row, col + 1, end - col - 1, hints[i].what, attr);
        col += 2;
    }
}
