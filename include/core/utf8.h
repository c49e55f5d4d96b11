/* UTF-8 decoding, validation and code point offsets.
 *
 * Offsets in margin are Unicode code points, 0-based, half-open. These functions convert between
 * code point counts and byte offsets; the byte strings they take are not NUL-terminated. */
#ifndef MARGIN_CORE_UTF8_H
#define MARGIN_CORE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The position of a problem in a text: 1-based line and column (in code points), and the
 * 0-based byte offset. */
struct text_position {
    size_t line;
    size_t column;
    size_t byte;
};

/* Decodes the code point starting at s[0] (n > 0 bytes available) into *cp.
 * Returns the number of bytes it occupies (1 to 4), or 0 when the bytes there are not valid
 * UTF-8 (truncated sequence, overlong form, surrogate, or beyond U+10FFFF). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* As utf8_decode(), for drawing and measuring text that may not be valid: a byte that does not
 * start valid UTF-8 reads as U+FFFD and is 1 byte long, so the result is never 0. */
size_t utf8_decode_or_replace(const char *s, size_t n, uint32_t *cp);

/* Writes cp as UTF-8 into out and returns its length (1 to 4), or 0 for an invalid cp. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* Checks that s[0..n) is valid UTF-8. On failure returns false and, when bad is not NULL,
 * stores where the first invalid byte is (the column counts the code points before it, plus 1). */
bool utf8_validate(const char *s, size_t n, struct text_position *bad);

/* True for the bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066 to
 * U+2069), which make text read in another order than it is stored: margin shows them rather
 * than obeying them. */
bool utf8_is_bidi_control(uint32_t cp);

/* Counts the code points of valid UTF-8 text. */
size_t utf8_length(const char *s, size_t n);

/* Returns the byte offset at which code point number `index` starts in valid UTF-8 text,
 * or n when index is at or past the end. */
size_t utf8_offset(const char *s, size_t n, size_t index);

/* Returns true when the byte is the first byte of a code point (not a continuation byte). */
static inline bool utf8_is_lead(unsigned char byte)
{
    return (byte & 0xC0) != 0x80;
}

#endif
