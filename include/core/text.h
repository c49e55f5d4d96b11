/* An immutable UTF-8 text indexed for code point offsets.
 *
 * Sources are stored and addressed in code points; drawing and export need bytes. A text keeps
 * one byte offset for every TEXT_STRIDE code points, so converting an offset costs one lookup
 * and a scan of at most TEXT_STRIDE - 1 code points, whatever the text's size. */
#ifndef MARGIN_CORE_TEXT_H
#define MARGIN_CORE_TEXT_H

#include <stddef.h>
#include <stdint.h>

#define TEXT_STRIDE 64

struct text;

/* Copies n bytes of valid UTF-8 (the caller has validated them) and indexes them.
 * Returns NULL when memory runs out. */
struct text *text_create(const char *bytes, size_t n);

/* Frees a text; accepts NULL. */
void text_destroy(struct text *text);

/* The bytes (NUL-terminated) and their count; the number of code points. */
const char *text_data(const struct text *text);
size_t text_size(const struct text *text);
size_t text_length(const struct text *text);

/* The byte offset where code point `offset` starts; text_size() for offset >= length. */
size_t text_byte(const struct text *text, size_t offset);

/* The code point offset of the code point containing byte `byte` (clamped to the length). */
size_t text_offset(const struct text *text, size_t byte);

/* The code point at `offset`, or 0 past the end. */
uint32_t text_char(const struct text *text, size_t offset);

/* A freshly allocated copy of code points [start, end), both clamped to the length.
 * Returns NULL when memory runs out. */
char *text_slice(const struct text *text, size_t start, size_t end);

#endif
