#include "core/text.h"

#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>

struct text {
    char *bytes;
    size_t size;
    size_t length;
    size_t *stops; /* stops[k] = byte offset of code point k * TEXT_STRIDE */
    size_t nstops;
};

struct text *text_create(const char *bytes, size_t n)
{
    struct text *text = calloc(1, sizeof *text);
    if (!text)
        return NULL;
    text->bytes = malloc(n + 1);
    if (!text->bytes)
        goto fail;
    memcpy(text->bytes, bytes, n);
    text->bytes[n] = '\0';
    text->size = n;
    text->length = utf8_length(bytes, n);
    text->nstops = text->length / TEXT_STRIDE + 1;
    text->stops = malloc(text->nstops * sizeof *text->stops);
    if (!text->stops)
        goto fail;
    size_t cp = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!utf8_is_lead((unsigned char)bytes[i]))
            continue;
        if (cp % TEXT_STRIDE == 0)
            text->stops[k++] = i;
        cp++;
    }
    if (k < text->nstops)
        text->stops[k] = n;
    return text;
fail:
    text_destroy(text);
    return NULL;
}

void text_destroy(struct text *text)
{
    if (!text)
        return;
    free(text->bytes);
    free(text->stops);
    free(text);
}

const char *text_data(const struct text *text)
{
    return text->bytes;
}

size_t text_size(const struct text *text)
{
    return text->size;
}

size_t text_length(const struct text *text)
{
    return text->length;
}

size_t text_byte(const struct text *text, size_t offset)
{
    if (offset >= text->length)
        return text->size;
    size_t i = text->stops[offset / TEXT_STRIDE];
    for (size_t left = offset % TEXT_STRIDE; left > 0; left--) {
        i++;
        while (i < text->size && !utf8_is_lead((unsigned char)text->bytes[i]))
            i++;
    }
    return i;
}

size_t text_offset(const struct text *text, size_t byte)
{
    if (byte >= text->size)
        return text->length;
    size_t lo = 0;
    size_t hi = text->nstops;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (text->stops[mid] <= byte)
            lo = mid;
        else
            hi = mid;
    }
    size_t offset = lo * TEXT_STRIDE;
    for (size_t i = text->stops[lo] + 1; i <= byte; i++)
        offset += utf8_is_lead((unsigned char)text->bytes[i]);
    return offset;
}

uint32_t text_char(const struct text *text, size_t offset)
{
    size_t i = text_byte(text, offset);
    if (i >= text->size)
        return 0;
    uint32_t cp = 0;
    utf8_decode(text->bytes + i, text->size - i, &cp);
    return cp;
}

char *text_slice(const struct text *text, size_t start, size_t end)
{
    if (end > text->length)
        end = text->length;
    if (start > end)
        start = end;
    size_t from = text_byte(text, start);
    size_t to = text_byte(text, end);
    char *out = malloc(to - from + 1);
    if (!out)
        return NULL;
    memcpy(out, text->bytes + from, to - from);
    out[to - from] = '\0';
    return out;
}
