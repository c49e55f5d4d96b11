/* A growable, always NUL-terminated byte string. */
#ifndef MARGIN_CORE_STRBUF_H
#define MARGIN_CORE_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct strbuf {
    char *data; /* NUL-terminated; NULL until the first append */
    size_t len;
    size_t cap;
};

#define STRBUF_INIT                                                                                \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

/* Frees the buffer's memory and empties it. Accepts an empty buffer. */
void strbuf_finish(struct strbuf *sb);

/* Appends n bytes (or a C string, or formatted text). Abort on out-of-memory is not an option
 * here: these return false when memory runs out and leave the buffer as it was. */
bool strbuf_append(struct strbuf *sb, const char *bytes, size_t n);
bool strbuf_puts(struct strbuf *sb, const char *s);
bool strbuf_putc(struct strbuf *sb, char c);
bool strbuf_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* Makes sure there is room for `extra` more bytes plus the terminator. */
bool strbuf_reserve(struct strbuf *sb, size_t extra);

/* Empties the buffer but keeps its memory. */
void strbuf_reset(struct strbuf *sb);

/* Returns the contents ("" for an empty buffer); valid until the next change. */
const char *strbuf_str(const struct strbuf *sb);

/* Hands the contents to the caller (who frees them) and empties the buffer.
 * Returns a freshly allocated "" for an empty buffer, or NULL when memory runs out. */
char *strbuf_detach(struct strbuf *sb);

#endif
