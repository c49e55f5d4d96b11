#include "core/wrap.h"

#include "core/list.h"
#include "core/utf8.h"
#include "core/width.h"

#include <stdlib.h>

static bool add_row(struct wrap *wrap, int64_t start, int64_t end)
{
    struct wrap_row row = {start, end};
    return LIST_PUSH(wrap, row);
}

bool wrap_text(const struct text *text, int width, struct wrap *out)
{
    out->count = 0;
    out->width = width < 1 ? 1 : width;
    const char *s = text_data(text);
    size_t n = text_size(text);
    size_t i = 0;
    int64_t offset = 0;
    int64_t row_start = 0;
    int columns = 0;
    int64_t after_space = -1; /* where a break after the last space of the row would fall */
    while (i < n) {
        uint32_t cp = 0;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (len == 0)
            len = 1;
        if (cp == '\n') {
            if (!add_row(out, row_start, offset))
                return false;
            i += len;
            offset++;
            row_start = offset;
            columns = 0;
            after_space = -1;
            continue;
        }
        int w = width_drawn(cp);
        bool space = cp == ' ' || cp == '\t';
        if (!space && w > 0 && columns + w > out->width && offset > row_start) {
            /* Break after the last space if there is one, else before this character. */
            int64_t at = after_space > row_start ? after_space : offset;
            if (!add_row(out, row_start, at))
                return false;
            row_start = at;
            after_space = -1;
            /* Measure what moved to the new row. */
            columns = 0;
            size_t j = text_byte(text, (size_t)at);
            for (int64_t k = at; k < offset; k++) {
                uint32_t moved = 0;
                size_t mlen = utf8_decode(s + j, n - j, &moved);
                columns += width_drawn(moved);
                j += mlen ? mlen : 1;
            }
        }
        columns += w;
        i += len;
        offset++;
        if (space)
            after_space = offset;
    }
    return add_row(out, row_start, offset);
}

void wrap_finish(struct wrap *wrap)
{
    free(wrap->items);
    wrap->items = NULL;
    wrap->count = 0;
    wrap->cap = 0;
}

size_t wrap_row_of(const struct wrap *wrap, int64_t offset)
{
    if (wrap->count == 0)
        return 0;
    size_t lo = 0;
    size_t hi = wrap->count;
    /* The last row whose start is at or before offset. */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (wrap->items[mid].start <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}
