#include "core/names.h"

#include "core/list.h"
#include "core/strbuf.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The name as it can be quoted in a message: its first whole characters, control bytes as ^X,
 * and "..." when it goes on. */
static void shown(const char *name, char *out, size_t size)
{
    size_t used = 0, i = 0, n = strlen(name);
    while (i < n) {
        unsigned char c = (unsigned char)name[i];
        size_t len =
            c < 0x20 || c == 0x7F ? 1 : utf8_decode_or_replace(name + i, n - i, &(uint32_t){0});
        if (used + 2 + 4 > size)
            break;
        if (c < 0x20 || c == 0x7F) {
            out[used++] = '^';
            out[used++] = c == 0x7F ? '?' : (char)(c + '@');
        } else {
            memcpy(out + used, name + i, len);
            used += len;
        }
        i += len;
    }
    out[used] = '\0';
    if (i < n)
        snprintf(out + used, size - used, "...");
}

bool names_check_coder(const char *name, struct error *err)
{
    char quoted[96];
    shown(name, quoted, sizeof quoted);
    size_t n = strlen(name);
    if (n == 0)
        return error_user(err, "a coder needs a name");
    if (!utf8_validate(name, n, NULL))
        return error_user(err, "the coder's name '%s' is not valid UTF-8 text", quoted);
    if (name[0] == ' ' || name[n - 1] == ' ')
        return error_user(err, "the coder's name '%s' starts or ends with a space; leave it out",
                          quoted);
    size_t characters = 0;
    for (size_t i = 0; i < n; characters++) {
        uint32_t cp;
        i += utf8_decode(name + i, n - i, &cp);
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || utf8_is_bidi_control(cp))
            return error_user(err, "the coder's name '%s' holds a control character", quoted);
    }
    if (characters > CODER_NAME_MAX)
        return error_user(err, "the coder's name '%s' has %zu characters; a name has at most %d",
                          quoted, characters, CODER_NAME_MAX);
    return true;
}

bool names_quote(struct strbuf *out, const char *name)
{
    if (!strpbrk(name, ",\""))
        return strbuf_puts(out, name);
    if (!strbuf_putc(out, '"'))
        return false;
    for (const char *p = name; *p; p++) {
        if ((*p == '"' && !strbuf_putc(out, '"')) || !strbuf_putc(out, *p))
            return false;
    }
    return strbuf_putc(out, '"');
}

void names_finish(struct name_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i]);
    free(list->items);
    memset(list, 0, sizeof *list);
}

/* Reads one name at list[*at] into name, leaving *at after its comma (or at the end). */
static bool read_name(const char *list, size_t *at, struct strbuf *name, struct error *err)
{
    size_t i = *at;
    if (list[i] == '"') {
        for (i++;; i++) {
            if (!list[i])
                return error_user(err, "a quote opened at character %zu of '%s' is not closed",
                                  *at + 1, list);
            if (list[i] == '"' && list[i + 1] != '"')
                break;
            if (list[i] == '"')
                i++;
            if (!strbuf_putc(name, list[i]))
                return error_internal(err, "out of memory");
        }
        i++;
        if (list[i] && list[i] != ',')
            return error_user(err,
                              "after the quoted name at character %zu of '%s' comes '%c', "
                              "not a comma",
                              *at + 1, list, list[i]);
    } else {
        size_t n = strcspn(list + i, ",");
        if (memchr(list + i, '"', n))
            return error_user(err,
                              "a name holding a quote is written in quotes, with the quote "
                              "doubled: '%s'",
                              list);
        if (!strbuf_append(name, list + i, n))
            return error_internal(err, "out of memory");
        i += n;
    }
    if (name->len == 0)
        return error_user(err, "an empty name at character %zu of '%s'", *at + 1, list);
    *at = list[i] == ',' ? i + 1 : i;
    return true;
}

bool names_split(const char *list, struct name_list *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    size_t at = 0;
    bool more = true;
    while (more) {
        struct strbuf name = STRBUF_INIT;
        size_t before = at;
        bool ok = read_name(list, &at, &name, err);
        char *copy = ok ? strbuf_detach(&name) : NULL;
        strbuf_finish(&name);
        if (ok && (!copy || !LIST_PUSH(out, copy)))
            ok = error_internal(err, "out of memory");
        if (!ok) {
            free(copy);
            names_finish(out);
            return false;
        }
        more = at > before && list[at - 1] == ',';
    }
    return true;
}
