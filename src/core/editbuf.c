#include "core/editbuf.h"

#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>

void editbuf_finish(struct editbuf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

size_t editbuf_size(const struct editbuf *b)
{
    return b->cap - (b->gap_end - b->gap_start);
}

size_t editbuf_cursor(const struct editbuf *b)
{
    return b->gap_start;
}

/* Makes the gap at least `n` bytes wide, doubling the buffer. */
static bool reserve(struct editbuf *b, size_t n)
{
    if (b->gap_end - b->gap_start >= n)
        return true;
    size_t after = b->cap - b->gap_end;
    size_t need = editbuf_size(b) + n;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *data = realloc(b->data, cap);
    if (!data)
        return false;
    memmove(data + cap - after, data + b->gap_end, after);
    b->data = data;
    b->gap_end = cap - after;
    b->cap = cap;
    return true;
}

bool editbuf_set(struct editbuf *b, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    struct editbuf fresh = {0};
    if (!reserve(&fresh, n + 1))
        return false;
    if (n)
        memcpy(fresh.data, s, n);
    fresh.gap_start = n;
    editbuf_finish(b);
    *b = fresh;
    return true;
}

bool editbuf_insert(struct editbuf *b, const char *bytes, size_t n)
{
    if (!reserve(b, n))
        return false;
    memcpy(b->data + b->gap_start, bytes, n);
    b->gap_start += n;
    return true;
}

void editbuf_erase(struct editbuf *b, int direction)
{
    if (direction < 0) {
        while (b->gap_start > 0 && !utf8_is_lead((unsigned char)b->data[--b->gap_start]))
            ;
    } else if (b->gap_end < b->cap) {
        b->gap_end++;
        while (b->gap_end < b->cap && !utf8_is_lead((unsigned char)b->data[b->gap_end]))
            b->gap_end++;
    }
}

void editbuf_clear(struct editbuf *b)
{
    b->gap_start = 0;
    b->gap_end = b->cap;
}

/* Moves one byte across the gap, forwards or backwards. */
static void shift(struct editbuf *b, bool forward)
{
    if (forward)
        b->data[b->gap_start++] = b->data[b->gap_end++];
    else
        b->data[--b->gap_end] = b->data[--b->gap_start];
}

void editbuf_move(struct editbuf *b, long delta)
{
    for (; delta < 0 && b->gap_start > 0; delta++) {
        do
            shift(b, false);
        while (b->gap_start > 0 && !utf8_is_lead((unsigned char)b->data[b->gap_end]));
    }
    for (; delta > 0 && b->gap_end < b->cap; delta--) {
        do
            shift(b, true);
        while (b->gap_end < b->cap && !utf8_is_lead((unsigned char)b->data[b->gap_end]));
    }
}

void editbuf_move_to(struct editbuf *b, size_t offset)
{
    size_t size = editbuf_size(b);
    if (offset > size)
        offset = size;
    while (b->gap_start > offset)
        shift(b, false);
    while (b->gap_start < offset)
        shift(b, true);
    while (b->gap_start > 0 && b->gap_end < b->cap &&
           !utf8_is_lead((unsigned char)b->data[b->gap_end]))
        shift(b, false);
}

const char *editbuf_before(const struct editbuf *b, size_t *n)
{
    *n = b->gap_start;
    return b->data ? b->data : "";
}

const char *editbuf_after(const struct editbuf *b, size_t *n)
{
    *n = b->cap - b->gap_end;
    return b->data ? b->data + b->gap_end : "";
}

char *editbuf_text(const struct editbuf *b)
{
    size_t before, after;
    const char *head = editbuf_before(b, &before);
    const char *tail = editbuf_after(b, &after);
    char *s = malloc(before + after + 1);
    if (!s)
        return NULL;
    memcpy(s, head, before);
    memcpy(s + before, tail, after);
    s[before + after] = '\0';
    return s;
}
