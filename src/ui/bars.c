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

/* The status line, `lift` rows above its place (when a long message takes the rows below it). */
static void draw_status(const struct ui *ui, int lift)
{
    const struct session *session = ui->session;
    struct rect moved = ui->layout.status;
    moved.row -= lift;
    const struct rect *bar = &moved;
    attr_t attr = theme_attr(THEME_STATUS);
    draw_blank(bar->row, bar->col, bar->cols, attr);

    /* The long forms when they fit, else the short ones: the source and coder matter most. */
    int source = session_source_index(session);
    const char *source_name =
        source >= 0 ? session_sources(session)->items[source].name : "no source";
    const char *others = session_show_others(session) ? " (+ others)" : "";
    char left[256], left_short[160];
    snprintf(left, sizeof left, " %s · %s · coder %s%s",
             base_name(project_path(session_project(session))), source_name,
             session_coder_name(session), others);
    snprintf(left_short, sizeof left_short, " %s · %s%s", source_name, session_coder_name(session),
             others[0] ? " +" : "");
    const struct pane *focused = ui->panes[ui->focus];
    const char *mode = focused->ops->badge ? focused->ops->badge(focused, ui) : NULL;
    if (!mode)
        mode = "";

    char right[160] = "", right_short[120] = "";
    const struct text *text = session_text(session);
    if (text && text_length(text) > 0) {
        size_t length = text_length(text);
        int64_t cursor = session_cursor(session);
        char number[OUTLINE_TEXT_MAX] = "";
        size_t at = 0;
        const struct coding_row *coding = session_chosen_coding(session);
        if (coding) {
            const struct codetree *tree = project_codes(session_project(session));
            int index = codetree_find_id(tree, coding->code_id);
            if (index >= 0)
                codetree_number_text(tree, index, number);
            at = session_codings_at_cursor(session);
        }
        size_t percent = (size_t)cursor * 100 / length;
        snprintf(right, sizeof right, "%s%s%s%" PRId64 "/%zu %zu%% ", number,
                 at > 1 ? " (; for more)" : "", number[0] ? " · " : "", cursor, length, percent);
        snprintf(right_short, sizeof right_short, "%s%s%zu%% ", number, number[0] ? " " : "",
                 percent);
    }
    int right_width = (int)width_of_text(right, strlen(right));
    int left_width = (int)width_of_text(left, strlen(left));
    if (left_width + right_width + 1 > bar->cols) {
        snprintf(right, sizeof right, "%s", right_short);
        right_width = (int)width_of_text(right, strlen(right));
    }
    if (left_width + right_width + 1 > bar->cols)
        snprintf(left, sizeof left, "%s", left_short);
    int room = bar->cols - right_width - 1;
    int used = draw_string(bar->row, bar->col, room > 0 ? room : 0, left, attr);
    if (mode[0] && used + 2 + (int)strlen(mode) < room)
        draw_string(bar->row, bar->col + used + 2, (int)strlen(mode), mode, attr | A_BOLD);
    if (room > 0)
        draw_string(bar->row, bar->col + bar->cols - right_width, right_width, right, attr);
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
