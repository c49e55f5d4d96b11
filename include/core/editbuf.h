/* Text being typed: a UTF-8 buffer with a cursor, kept as a gap buffer so that typing, erasing
 * and pasting at the cursor cost the same however long the text is.
 *
 * The cursor is a byte offset that always falls between code points. The bytes before the
 * cursor and those after it are each contiguous, which is all drawing needs. */
#ifndef MARGIN_CORE_EDITBUF_H
#define MARGIN_CORE_EDITBUF_H

#include <stdbool.h>
#include <stddef.h>

struct editbuf {
    char *data;
    size_t gap_start; /* the cursor: bytes [0, gap_start) come before it */
    size_t gap_end;   /* bytes [gap_end, cap) come after it */
    size_t cap;
};

/* An empty buffer needs no allocation: struct editbuf b = {0}. Frees the memory; accepts an
 * empty buffer. */
void editbuf_finish(struct editbuf *b);

/* Replaces the text with s (NULL for none) and puts the cursor at its end. Returns false,
 * leaving the buffer as it was, when memory runs out. */
bool editbuf_set(struct editbuf *b, const char *s);

/* Inserts bytes[0..n) (whole UTF-8 code points) at the cursor, which ends after them. Costs
 * O(n), amortised. Returns false, inserting nothing, when memory runs out. */
bool editbuf_insert(struct editbuf *b, const char *bytes, size_t n);

/* Erases the code point before (direction < 0) or after (direction > 0) the cursor, if any. */
void editbuf_erase(struct editbuf *b, int direction);

/* Erases everything. */
void editbuf_clear(struct editbuf *b);

/* Moves the cursor by `delta` code points, stopping at either end. */
void editbuf_move(struct editbuf *b, long delta);

/* Moves the cursor to byte `offset` of the text (clamped, and moved back to the start of the code
 * point it falls in). Costs O(distance moved). */
void editbuf_move_to(struct editbuf *b, size_t offset);

/* The text's length in bytes, and the cursor's byte offset. */
size_t editbuf_size(const struct editbuf *b);
size_t editbuf_cursor(const struct editbuf *b);

/* The bytes before the cursor and those after it; *n is set to how many. Valid until the next
 * change. */
const char *editbuf_before(const struct editbuf *b, size_t *n);
const char *editbuf_after(const struct editbuf *b, size_t *n);

/* A NUL-terminated copy of the whole text, which the caller frees; NULL when memory runs out. */
char *editbuf_text(const struct editbuf *b);

#endif
