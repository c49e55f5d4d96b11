/* The rows of a wrapped transcript as the screen draws them: the margin of code numbers
 * beside each row, a '*' after it where a coding with a memo begins, speaker labels, coded text
 * (the coder's own in a colour per top-level code, other coders' in a colour of their own, bold
 * where codings overlap), search hits, the selection and the cursor; and the screen columns of
 * offsets within a row. Drawing costs the rows drawn, not the length of the text. Private to
 * src/ui. */
#ifndef MARGIN_UI_TEXT_ROWS_H
#define MARGIN_UI_TEXT_ROWS_H

#include "core/wrap.h"
#include "model/session.h"
#include "ui/layout.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a run of rows shows. */
struct text_rows {
    const struct session *session; /* the text, its turns, the codings on show, the selection */
    const struct wrap *wrap;       /* the text wrapped to text.cols */
    size_t top;                    /* the first row drawn */
    struct rect gutter;            /* the margin of code numbers */
    struct rect text;              /* the text's columns; as many rows are drawn as it has */
    bool focused;                  /* the cursor shows as the focused pane's */
    const char *search;            /* what the last search looked for, shown where it is; or NULL */
};

/* Draws the rows. */
void text_rows_draw(const struct text_rows *rows);

/* Draws on the row `here` every coding under the session's cursor, innermost first: number,
 * name, coder and span, the chosen one marked with '>'. Names are cut (with an ellipsis) to fit
 * them all; when even that leaves too little room, the line ends with how many more there are. */
void text_rows_draw_here(const struct session *session, struct rect here);

/* The screen column of `offset` within a row, and the offset at screen column `column` of a row
 * (the row's end when the row is shorter). */
int text_rows_column(const struct text *text, struct wrap_row row, int64_t offset);
int64_t text_rows_offset_at(const struct text *text, struct wrap_row row, int column);

#endif
