/* A question on the message line, answered yes or no. */
#include "bars.h"
#include "draw.h"
#include "internal.h"
#include "theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct question {
    struct pane pane;
    char *text;
    void (*answered)(struct ui *ui, bool yes, int purpose, int64_t id);
    int purpose;
    int64_t id;
};

static struct question *of(struct pane *pane)
{
    return (struct question *)pane;
}

/* The question wraps into the rows above the message line, whole at any width. */
static void question_draw(struct pane *pane, struct ui *ui, struct rect line, bool focused)
{
    ui->line_rows =
        bars_draw_wrapped(&line, of(pane)->text, theme_attr(THEME_ERROR), ui->layout.status.row);
}

static void question_act(struct pane *pane, struct ui *ui, enum action action)
{
    struct question *q = of(pane);
    void (*answered)(struct ui *, bool, int, int64_t) = q->answered;
    int purpose = q->purpose;
    int64_t id = q->id;
    ui_pop(ui);
    answered(ui, action == ACTION_CONFIRM_YES, purpose, id);
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
    free(of(pane)->text);
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
                   void (*answered)(struct ui *ui, bool yes, int purpose, int64_t id), int purpose,
                   int64_t id)
{
    struct question *q = calloc(1, sizeof *q);
    if (!q || !(q->text = strdup(question))) {
        free(q);
        ui_message(ui, true, "out of memory");
        return false;
    }
    q->pane.ops = &question_ops;
    q->answered = answered;
    q->purpose = purpose;
    q->id = id;
    return ui_push(ui, &q->pane);
}
