#include "core/citation.h"

#include "core/list.h"
#include "core/strbuf.h"

#include <stdlib.h>
#include <string.h>

void citation_finish(struct citation *citation)
{
    for (size_t i = 0; i < citation->count; i++)
        free(citation->items[i].text);
    free(citation->items);
    citation->items = NULL;
    citation->count = citation->cap = 0;
}

static bool push(struct citation *out, bool field, const char *s, size_t n, size_t column,
                 struct error *err)
{
    struct citation_part part = {field, strndup(s, n), column};
    if (!part.text || !LIST_PUSH(out, part)) {
        free(part.text);
        return error_internal(err, "out of memory");
    }
    return true;
}

/* Whether the byte starts a character (is not a UTF-8 continuation byte). */
static bool starts_character(char c)
{
    return ((unsigned char)c & 0xC0) != 0x80;
}

bool citation_parse(const char *template, struct citation *out, struct error *err)
{
    struct strbuf literal = STRBUF_INIT;
    size_t column = 1, literal_column = 1;
    bool ok = true;
    const char *p = template;
    while (ok && *p) {
        bool brace = (p[0] == '{' || p[0] == '}') && p[1] == p[0];
        if (!brace && p[0] == '}') {
            ok =
                error_user(err, "column %zu: '}' closes no field (write '}}' for a brace)", column);
            break;
        }
        if (!brace && p[0] == '{') {
            size_t len = strcspn(p + 1, "{}");
            if (p[1 + len] != '}') {
                ok = error_user(err, "column %zu: '{' without its '}' (write '{{' for a brace)",
                                column);
                break;
            }
            const char *name = p + 1;
            size_t n = len;
            while (n && name[0] == ' ') {
                name++;
                n--;
            }
            while (n && name[n - 1] == ' ')
                n--;
            if (!n) {
                ok = error_user(err, "column %zu: an empty field '{}'", column);
                break;
            }
            if (literal.len)
                ok = push(out, false, strbuf_str(&literal), literal.len, literal_column, err);
            strbuf_reset(&literal);
            ok = ok && push(out, true, name, n, column, err);
            for (const char *q = p; q < p + len + 2; q++)
                column += starts_character(*q);
            p += len + 2;
            literal_column = column;
            continue;
        }
        size_t take = brace ? 2 : 1;
        if (!literal.len)
            literal_column = column;
        if (!strbuf_putc(&literal, p[0])) {
            ok = error_internal(err, "out of memory");
            break;
        }
        column += starts_character(p[0]) + (brace ? 1 : 0);
        p += take;
    }
    if (ok && literal.len)
        ok = push(out, false, strbuf_str(&literal), literal.len, literal_column, err);
    strbuf_finish(&literal);
    return ok;
}

void citation_number(const char *name, char *out, size_t size)
{
    const char *start = NULL, *end = NULL;
    for (const char *p = name; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (p == name || !(p[-1] >= '0' && p[-1] <= '9'))
                start = p;
            end = p + 1;
        }
    }
    if (!start) {
        if (size)
            out[0] = '\0';
        return;
    }
    while (start + 1 < end && *start == '0')
        start++;
    size_t n = (size_t)(end - start);
    if (size) {
        n = n < size - 1 ? n : size - 1;
        memcpy(out, start, n);
        out[n] = '\0';
    }
}
