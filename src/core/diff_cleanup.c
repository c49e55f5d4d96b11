/* Cleaning up a diff script: chance matches inside replacements become part of them. */
#include "core/diff.h"

#include "core/utf8.h"
#include "core/wordmatch.h"

#include <stdlib.h>

/* A kept run and the change after it. */
struct group {
    int64_t kept;
    bool words;      /* the kept run holds only letters and digits */
    int64_t deleted; /* the change after it */
    int64_t inserted;
};

static int64_t larger(int64_t x, int64_t y)
{
    return x > y ? x : y;
}

/* The old text, read once from start to end: code points, or UTF-8 bytes. */
struct reader {
    const uint32_t *cps;
    const char *bytes;
    size_t size;
    size_t byte;
    int64_t at;
};

/* Reads `n` code points; returns true when all are letters or digits. Skips them when
 * `look` is false. */
static bool read_old(struct reader *rd, int64_t n, bool look)
{
    bool words = true;
    if (rd->cps) {
        for (int64_t i = 0; i < n && look && words; i++)
            words = wordmatch_word_char(rd->cps[rd->at + i]);
        rd->at += n;
        return words;
    }
    for (int64_t i = 0; i < n && rd->byte < rd->size; i++) {
        uint32_t c = 0;
        rd->byte += utf8_decode_or_replace(rd->bytes + rd->byte, rd->size - rd->byte, &c);
        words = words && wordmatch_word_char(c);
    }
    rd->at += n;
    return words;
}

/* The kept run of g[t], between the change of g[t - 1] and (deleted, inserted), is a chance
 * match to merge. */
static bool chance_match(const struct group *g, size_t t, int64_t deleted, int64_t inserted)
{
    int64_t len = g[t].kept;
    return g[t].words && len <= larger(g[t - 1].deleted, g[t - 1].inserted) &&
           len <= larger(deleted, inserted);
}

static bool cleanup(struct diff_script *script, struct reader *rd)
{
    /* The script as groups: a kept run (maybe empty), then a change (maybe empty). A stack:
     * each new change may merge the kept run before it, which may let the one before that go,
     * and so on back. */
    struct group *g = malloc((script->count + 1) * sizeof *g);
    if (!g)
        return false;
    size_t top = 0; /* groups on the stack: g[0..top] */
    g[0] = (struct group){0, true, 0, 0};
    bool merged = false;
    for (size_t i = 0; i < script->count; i++) {
        const struct diff_run *r = &script->items[i];
        if (r->length <= 0)
            continue;
        if (r->op == DIFF_EQUAL) {
            if (g[top].deleted > 0 || g[top].inserted > 0)
                g[++top] = (struct group){0, true, 0, 0};
            g[top].words = read_old(rd, r->length, g[top].words) && g[top].words;
            g[top].kept += r->length;
            continue;
        }
        int64_t deleted = r->op == DIFF_DELETE ? r->length : 0;
        int64_t inserted = r->op == DIFF_INSERT ? r->length : 0;
        if (deleted > 0)
            read_old(rd, deleted, false);
        /* Add to the change of the top group; then, while its kept run is a chance match
         * between the change before it and this one, merge the two changes around it. */
        deleted += g[top].deleted;
        inserted += g[top].inserted;
        while (top > 0 && chance_match(g, top, deleted, inserted)) {
            deleted += g[top - 1].deleted + g[top].kept;
            inserted += g[top - 1].inserted + g[top].kept;
            top--;
            merged = true;
        }
        g[top].deleted = deleted;
        g[top].inserted = inserted;
    }
    bool ok = true;
    if (merged) {
        struct diff_script out = {0};
        for (size_t t = 0; t <= top && ok; t++)
            ok = diff_script_push(&out, DIFF_EQUAL, g[t].kept) &&
                 diff_script_push(&out, DIFF_DELETE, g[t].deleted) &&
                 diff_script_push(&out, DIFF_INSERT, g[t].inserted);
        if (ok) {
            free(script->items);
            script->items = out.items;
            script->count = out.count;
            script->cap = out.cap;
            script->minimal = false;
        } else {
            free(out.items);
        }
    }
    free(g);
    return ok;
}

bool diff_cleanup(struct diff_script *script, const uint32_t *a)
{
    struct reader rd = {.cps = a};
    return cleanup(script, &rd);
}

bool diff_cleanup_utf8(struct diff_script *script, const char *a, size_t na)
{
    struct reader rd = {.bytes = a, .size = na};
    return cleanup(script, &rd);
}
