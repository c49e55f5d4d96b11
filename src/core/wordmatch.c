#include "core/wordmatch.h"

#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>

#define BUCKETS 256

struct pattern {
    uint32_t *cps; /* folded when the set folds */
    size_t length;
    char *replacement;
    size_t replacement_length; /* in code points */
    size_t next;               /* the next pattern in its bucket, longest first; SIZE_MAX: none */
};

struct wordmatch {
    bool fold;
    struct pattern *items;
    size_t count, cap;
    size_t buckets[BUCKETS]; /* by the first code point: the longest pattern; SIZE_MAX: none */
};

struct wordmatch *wordmatch_create(bool fold)
{
    struct wordmatch *set = calloc(1, sizeof *set);
    if (!set)
        return NULL;
    set->fold = fold;
    for (size_t i = 0; i < BUCKETS; i++)
        set->buckets[i] = SIZE_MAX;
    return set;
}

void wordmatch_destroy(struct wordmatch *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->count; i++) {
        free(set->items[i].cps);
        free(set->items[i].replacement);
    }
    free(set->items);
    free(set);
}

size_t wordmatch_count(const struct wordmatch *set)
{
    return set->count;
}

bool wordmatch_word_char(uint32_t c)
{
    if (c < 0x80)
        return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    if (c <= 0xBF || c == 0xD7 || c == 0xF7)
        return false;
    if (c == 0x1680 || (c >= 0x2000 && c <= 0x2E7F) || (c >= 0x3000 && c <= 0x303F))
        return false;
    if ((c >= 0xFE10 && c <= 0xFE6F) || c == 0xFEFF || (c >= 0xFF00 && c <= 0xFF0F))
        return false;
    return c < 0x1F000;
}

static uint32_t fold(const struct wordmatch *set, uint32_t c)
{
    if (!set->fold)
        return c;
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7))
        return c + 0x20;
    return c;
}

/* Decodes valid UTF-8 into a new array of code points; NULL when memory runs out. */
static uint32_t *decode(const char *s, size_t n, size_t *length)
{
    uint32_t *cps = malloc((n + 1) * sizeof *cps);
    size_t k = 0;
    for (size_t i = 0; cps && i < n;)
        i += utf8_decode_or_replace(s + i, n - i, &cps[k++]);
    *length = k;
    return cps;
}

long wordmatch_add(struct wordmatch *set, const char *pattern, const char *replacement)
{
    if (set->count == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 16;
        struct pattern *items = realloc(set->items, cap * sizeof *items);
        if (!items)
            return -1;
        set->items = items;
        set->cap = cap;
    }
    struct pattern p = {0};
    p.cps = decode(pattern, strlen(pattern), &p.length);
    p.replacement = strdup(replacement);
    if (!p.cps || !p.replacement || p.length == 0) {
        free(p.cps);
        free(p.replacement);
        return -1;
    }
    p.replacement_length = utf8_length(replacement, strlen(replacement));
    for (size_t i = 0; i < p.length; i++)
        p.cps[i] = fold(set, p.cps[i]);
    size_t index = set->count++;
    set->items[index] = p;
    /* Insert into its bucket's list, longest first. */
    size_t *link = &set->buckets[p.cps[0] % BUCKETS];
    while (*link != SIZE_MAX && set->items[*link].length >= p.length)
        link = &set->items[*link].next;
    set->items[index].next = *link;
    *link = index;
    return (long)index;
}

/* The pattern matching whole at cps[i..n), or SIZE_MAX. */
static size_t match_at(const struct wordmatch *set, const uint32_t *cps, size_t n, size_t i)
{
    if (i > 0 && wordmatch_word_char(cps[i - 1]))
        return SIZE_MAX;
    uint32_t first = fold(set, cps[i]);
    for (size_t k = set->buckets[first % BUCKETS]; k != SIZE_MAX; k = set->items[k].next) {
        const struct pattern *p = &set->items[k];
        if (p->length > n - i || p->cps[0] != first)
            continue;
        size_t j = 1;
        while (j < p->length && fold(set, cps[i + j]) == p->cps[j])
            j++;
        if (j == p->length && (i + j == n || !wordmatch_word_char(cps[i + j])))
            return k;
    }
    return SIZE_MAX;
}

long wordmatch_replace(const struct wordmatch *set, const char *text, size_t n, struct strbuf *out,
                       struct diff_script *script, size_t *hits)
{
    size_t length;
    uint32_t *cps = decode(text, n, &length);
    if (!cps)
        return -1;
    long count = 0;
    size_t kept_from = 0; /* code point where the current kept run starts */
    size_t byte = 0, kept_byte = 0;
    bool ok = true;
    for (size_t i = 0; ok && i < length;) {
        size_t k = match_at(set, cps, length, i);
        if (k == SIZE_MAX) {
            uint32_t ignored;
            byte += utf8_decode_or_replace(text + byte, n - byte, &ignored);
            i++;
            continue;
        }
        const struct pattern *p = &set->items[k];
        size_t end_byte = byte;
        for (size_t j = 0; j < p->length; j++) {
            uint32_t ignored;
            end_byte += utf8_decode_or_replace(text + end_byte, n - end_byte, &ignored);
        }
        ok = (!out || (strbuf_append(out, text + kept_byte, byte - kept_byte) &&
                       strbuf_puts(out, p->replacement))) &&
             (!script || (diff_script_push(script, DIFF_EQUAL, (int64_t)(i - kept_from)) &&
                          diff_script_push(script, DIFF_DELETE, (int64_t)p->length) &&
                          diff_script_push(script, DIFF_INSERT, (int64_t)p->replacement_length)));
        if (hits)
            hits[k]++;
        count++;
        i += p->length;
        byte = kept_byte = end_byte;
        kept_from = i;
    }
    ok = ok && (!out || strbuf_append(out, text + kept_byte, n - kept_byte)) &&
         (!script || diff_script_push(script, DIFF_EQUAL, (int64_t)(length - kept_from)));
    free(cps);
    return ok ? count : -1;
}

long wordmatch_find(const struct wordmatch *set, const char *text, size_t n, size_t *hits)
{
    return wordmatch_replace(set, text, n, NULL, NULL, hits);
}
