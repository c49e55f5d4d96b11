#include "core/utf8.h"

#include <string.h>

size_t utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned char b0 = u[0];
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }
    size_t len;
    uint32_t value;
    uint32_t min;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        value = b0 & 0x1F;
        min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        value = b0 & 0x0F;
        min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        value = b0 & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 0;
        value = (value << 6) | (u[i] & 0x3F);
    }
    if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        return 0;
    *cp = value;
    return len;
}

size_t utf8_decode_or_replace(const char *s, size_t n, uint32_t *cp)
{
    size_t len = utf8_decode(s, n, cp);
    if (len > 0)
        return len;
    *cp = 0xFFFD;
    return 1;
}

size_t utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp <= 0x10FFFF) {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        return 4;
    }
    return 0;
}

/* The index of the first byte of s[0..n) where no valid character starts, or n. Runs of ASCII
 * are skipped eight bytes at a time. */
static size_t first_invalid(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint64_t word;
        while (i + sizeof word <= n) {
            memcpy(&word, s + i, sizeof word);
            if (word & UINT64_C(0x8080808080808080))
                break;
            i += sizeof word;
        }
        while (i < n && (unsigned char)s[i] < 0x80)
            i++;
        if (i == n)
            break;
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (len == 0)
            return i;
        i += len;
    }
    return n;
}

bool utf8_validate(const char *s, size_t n, struct text_position *bad)
{
    size_t end = first_invalid(s, n);
    if (end == n)
        return true;
    if (bad) {
        size_t line = 1, line_start = 0;
        for (size_t i = 0; i < end; i++) {
            if (s[i] == '\n') {
                line++;
                line_start = i + 1;
            }
        }
        bad->line = line;
        bad->column = utf8_length(s + line_start, end - line_start) + 1;
        bad->byte = end;
    }
    return false;
}

size_t utf8_length(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += utf8_is_lead((unsigned char)s[i]);
    return count;
}

size_t utf8_offset(const char *s, size_t n, size_t index)
{
    size_t seen = 0;
    for (size_t i = 0; i < n; i++) {
        if (utf8_is_lead((unsigned char)s[i])) {
            if (seen == index)
                return i;
            seen++;
        }
    }
    return n;
}

bool utf8_is_bidi_control(uint32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}
