/* Breaking a text into screen rows of a given width.
 *
 * Each line of the text (up to a line feed) becomes one or more rows. A row breaks after the
 * last space that fits; a word longer than the row is broken where the row is full. Spaces at
 * a break stay at the end of the row they follow, where they may hang past the width (they are
 * not drawn). A character of width 0 stays with the character before it. Widths come from
 * width_drawn(). */
#ifndef MARGIN_CORE_WRAP_H
#define MARGIN_CORE_WRAP_H

#include "core/text.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One screen row: code points [start, end) of the text, excluding any line feed. */
struct wrap_row {
    int64_t start;
    int64_t end;
};

struct wrap {
    struct wrap_row *items;
    size_t count, cap;
    int width;
};

/* Fills `out` (emptied first) with the rows of the whole text at `width` columns (at least 1).
 * Costs one pass over the text. Returns false when memory runs out. */
bool wrap_text(const struct text *text, int width, struct wrap *out);

/* Frees the rows. */
void wrap_finish(struct wrap *wrap);

/* The index of the row that holds code point `offset`; an offset at the end of a row that ends
 * a line (the line feed, or the end of the text) belongs to that row. */
size_t wrap_row_of(const struct wrap *wrap, int64_t offset);

#endif
