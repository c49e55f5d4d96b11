/* A question on the message line, answered yes or no. */
#include "draw.h"
#include "internal.h"
#include "theme.h"

#include <stdio.h>
#include <stdlib.h>

struct question {
    struct pane pane;
    char text[512];
    void (*answered)(struct ui *ui, bool yes, int64_t id);
    int64_t id;
};

static struct question *of(struct pane *pane)
{
    return (struct question *)pane;
}

static void question_draw(struct pane *pane, struct ui *ui, struct rect line, bool focused)
{
    draw_string(line.row, line.col, line.cols, of(pane)->text, theme_attr(THEME_ERROR));
}

static void question_act(struct pane *pane, struct ui *ui, enum action action)
{
    struct question *q = of(pane);
    void (*answered)(struct ui *, bool, int64_t) = q->answered;
    int64_t id = q->id;
    ui_pop(ui);
    answered(ui, action == ACTION_CONFIRM_YES, id);
}

static size_t question_scopes(const struct pane *pane, const struct ui *ui, enum scope *scopes)
{
    scopes[0] = SCOPE_CONFIRM;
    return 1;
}

static void question_dump(struct pane *pane, struct ui *ui, struct strbuf *out)
{
    strbuf_printf(out, "question: %s\n", of(pane)->text);
}

static void question_destroy(struct pane *pane)
{
    free(of(pane));
}

static const enum scope question_help[] = {SCOPE_CONFIRM, SCOPE_COUNT};

static const struct pane_ops question_ops = {
    .name = "question",
    .place = PLACE_LINE,
    .scopes = question_scopes,
    .help = question_help,
    .draw = question_draw,
    .act = question_act,
    .dump = question_dump,
    .destroy = question_destroy,
};

bool question_open(struct ui *ui, const char *question,
                   void (*answered)(struct ui *ui, bool yes, int64_t id), int64_t id)
{
    struct question *q = calloc(1, sizeof *q);
    if (!q) {
        ui_message(ui, true, "out of memory");
        return false;
    }
    q->pane.ops = &question_ops;
    snprintf(q->text, sizeof q->text, "%s", question);
    q->answered = answered;
    q->id = id;
    return ui_push(ui, &q->pane);
}
