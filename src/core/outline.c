#include "core/outline.h"

#include <stdio.h>

static size_t outline_read(const char *s, size_t n, struct outline *out)
{
    struct outline o = {0};
    size_t i = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        int value = 0;
        size_t digits = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            if (++digits > 4)
                return 0;
            value = value * 10 + (s[i] - '0');
            i++;
        }
        if (value < 1 || o.depth == OUTLINE_DEPTH_MAX)
            return 0;
        o.part[o.depth++] = value;
        if (i < n && s[i] == '.')
            i++;
        else
            break;
    }
    if (o.depth == 0)
        return 0;
    *out = o;
    return i;
}

bool outline_parse(const char *s, size_t n, struct outline *out)
{
    return n > 0 && outline_read(s, n, out) == n;
}

size_t outline_scan(const char *s, size_t n, struct outline *out)
{
    size_t used = outline_read(s, n, out);
    if (used == 0 || (used < n && s[used] != ' ' && s[used] != '\t'))
        return 0;
    return used;
}

size_t outline_format(const struct outline *o, char *buf, size_t size)
{
    size_t len = 0;
    if (size == 0)
        return 0;
    buf[0] = '\0';
    for (int i = 0; i < o->depth; i++) {
        int wrote = snprintf(buf + len, size - len, "%s%02d", i ? "." : "", o->part[i]);
        if (wrote < 0 || (size_t)wrote >= size - len)
            return len;
        len += (size_t)wrote;
    }
    return len;
}

int outline_compare(const struct outline *a, const struct outline *b)
{
    for (int i = 0; i < a->depth && i < b->depth; i++) {
        if (a->part[i] != b->part[i])
            return a->part[i] < b->part[i] ? -1 : 1;
    }
    return (a->depth > b->depth) - (a->depth < b->depth);
}

bool outline_has_prefix(const struct outline *o, const struct outline *prefix)
{
    if (prefix->depth > o->depth)
        return false;
    for (int i = 0; i < prefix->depth; i++) {
        if (o->part[i] != prefix->part[i])
            return false;
    }
    return true;
}
