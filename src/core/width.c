#include "core/width.h"

#include "core/utf8.h"

#include <wchar.h>

int width_of(uint32_t cp)
{
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return 0;
    if (cp < 0x7F)
        return 1;
    int w = wcwidth((wchar_t)cp);
    return w < 0 ? 1 : w;
}

int width_drawn(uint32_t cp)
{
    if (cp == '\n')
        return 0;
    if (cp == '\t')
        return 1;
    if (cp < 0x20 || cp == 0x7F)
        return 2;
    if (cp >= 0x80 && cp < 0xA0)
        return 4;
    if (utf8_is_bidi_control(cp))
        return 6;
    return width_of(cp);
}

size_t width_of_text(const char *s, size_t n)
{
    size_t columns = 0;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = utf8_decode_or_replace(s + i, n - i, &cp);
        columns += (size_t)width_of(cp);
        i += len;
    }
    return columns;
}

size_t width_fit(const char *s, size_t n, size_t columns)
{
    size_t used = 0;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = utf8_decode_or_replace(s + i, n - i, &cp);
        size_t w = (size_t)width_of(cp);
        if (used + w > columns)
            break;
        used += w;
        i += len;
    }
    return i;
}
