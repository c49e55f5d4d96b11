#include "core/diff.h"

#include "core/list.h"
#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>

/* A diagonal no path has reached yet: below every x for the forward search, above every x for
 * the backward one. */
#define NONE_FORWARD  (-1)
#define NONE_BACKWARD INT64_MAX

/* One anchor sample in 32, chosen by the top bits of its run's hash. */
#define ANCHOR_SAMPLE_SHIFT 59

/* What is left to do, in order: compare a region, or keep a run of equal code points. */
enum task_kind {
    TASK_REGION, /* compare a[x0..x1) with b[y0..y1) */
    TASK_EQUAL,  /* keep x1 code points */
};

struct task {
    enum task_kind kind;
    int64_t x0, x1, y0, y1;
};

struct task_list {
    struct task *items;
    size_t count;
    size_t cap;
};

/* Writes runs in canonical form: deletions and insertions between two kept runs wait in
 * `deleted` and `inserted` until the next kept run (or the end) writes them as one delete run
 * and one insert run. */
struct writer {
    struct diff_script *out;
    int64_t deleted;
    int64_t inserted;
};

struct differ {
    const uint32_t *a;
    const uint32_t *b;
    int64_t search;
    int64_t budget;
    int64_t work;
    int64_t *forward;  /* furthest x on each diagonal, around the forward search's start */
    int64_t *backward; /* least x on each diagonal, around the backward search's start */
    struct task_list tasks;
    struct writer writer;
    bool shaped; /* an anchor or the search limit shaped the script */
};

static bool push_run(struct diff_script *out, enum diff_op op, int64_t length)
{
    if (length <= 0)
        return true;
    if (out->count > 0 && out->items[out->count - 1].op == op) {
        out->items[out->count - 1].length += length;
        return true;
    }
    return LIST_PUSH(out, ((struct diff_run){op, length}));
}

static bool flush(struct writer *w)
{
    bool ok =
        push_run(w->out, DIFF_DELETE, w->deleted) && push_run(w->out, DIFF_INSERT, w->inserted);
    w->deleted = 0;
    w->inserted = 0;
    return ok;
}

static bool write_equal(struct writer *w, int64_t length)
{
    if (length <= 0)
        return true;
    return flush(w) && push_run(w->out, DIFF_EQUAL, length);
}

static bool push_task(struct differ *df, enum task_kind kind, int64_t x0, int64_t x1, int64_t y0,
                      int64_t y1)
{
    return LIST_PUSH(&df->tasks, ((struct task){kind, x0, x1, y0, y1}));
}

enum split {
    SPLIT_EXACT,    /* on a shortest path through the region */
    SPLIT_FURTHEST, /* where the search limit stopped it: the furthest point reached */
    SPLIT_SPENT,    /* the budget ran out */
};

/* Furthest x reached going forward on diagonal k (x - y), and least x reached going backward. */
#define FORWARD(k)  forward[(k)-fmid]
#define BACKWARD(k) backward[(k)-bmid]

/* Finds where to split the region a[x0..x1), b[y0..y1): both sides non-empty, their first code
 * points different and their last ones too. Myers' middle snake: a search forward from the
 * region's start and one backward from its end, one edit step at a time, until their furthest
 * points on one diagonal cross. Diagonals outside the region are never entered; a move that
 * would leave it is not made. */
static enum split find_split(struct differ *df, int64_t x0, int64_t x1, int64_t y0, int64_t y1,
                             int64_t *split_x, int64_t *split_y)
{
    const uint32_t *a = df->a;
    const uint32_t *b = df->b;
    int64_t *forward = df->forward + df->search + 1;
    int64_t *backward = df->backward + df->search + 1;
    int64_t dmin = x0 - y1;
    int64_t dmax = x1 - y0;
    int64_t fmid = x0 - y0;
    int64_t bmid = x1 - y1;
    bool odd = ((fmid - bmid) & 1) != 0;
    int64_t fmin = fmid;
    int64_t fmax = fmid;
    int64_t bmin = bmid;
    int64_t bmax = bmid;
    FORWARD(fmid) = x0;
    BACKWARD(bmid) = x1;
    for (int64_t step = 1; step <= df->search; step++) {
        if (df->work >= df->budget)
            return SPLIT_SPENT;
        /* One more step forward: diagonals of the other parity, one further out each way
         * unless that would leave the region. */
        if (fmin > dmin)
            FORWARD(--fmin - 1) = NONE_FORWARD;
        else
            fmin++;
        if (fmax < dmax)
            FORWARD(++fmax + 1) = NONE_FORWARD;
        else
            fmax--;
        for (int64_t k = fmax; k >= fmin; k -= 2) {
            int64_t left = FORWARD(k - 1); /* a deletion from diagonal k - 1 */
            int64_t up = FORWARD(k + 1);   /* an insertion from diagonal k + 1 */
            int64_t x = NONE_FORWARD;
            if (left != NONE_FORWARD && left < x1)
                x = left + 1;
            if (up != NONE_FORWARD && up - (k + 1) < y1 && up > x)
                x = up;
            df->work++;
            if (x == NONE_FORWARD) {
                FORWARD(k) = NONE_FORWARD;
                continue;
            }
            int64_t y = x - k;
            int64_t from = x;
            while (x < x1 && y < y1 && a[x] == b[y]) {
                x++;
                y++;
            }
            df->work += x - from;
            FORWARD(k) = x;
            if (odd && bmin <= k && k <= bmax && BACKWARD(k) != NONE_BACKWARD && BACKWARD(k) <= x) {
                *split_x = x;
                *split_y = y;
                return SPLIT_EXACT;
            }
        }
        /* One more step backward. */
        if (bmin > dmin)
            BACKWARD(--bmin - 1) = NONE_BACKWARD;
        else
            bmin++;
        if (bmax < dmax)
            BACKWARD(++bmax + 1) = NONE_BACKWARD;
        else
            bmax--;
        for (int64_t k = bmax; k >= bmin; k -= 2) {
            int64_t right = BACKWARD(k + 1); /* a deletion, backwards, from diagonal k + 1 */
            int64_t down = BACKWARD(k - 1);  /* an insertion, backwards, from diagonal k - 1 */
            int64_t x = NONE_BACKWARD;
            if (right != NONE_BACKWARD && right > x0)
                x = right - 1;
            if (down != NONE_BACKWARD && down - (k - 1) > y0 && down < x)
                x = down;
            df->work++;
            if (x == NONE_BACKWARD) {
                BACKWARD(k) = NONE_BACKWARD;
                continue;
            }
            int64_t y = x - k;
            int64_t from = x;
            while (x > x0 && y > y0 && a[x - 1] == b[y - 1]) {
                x--;
                y--;
            }
            df->work += from - x;
            BACKWARD(k) = x;
            if (!odd && fmin <= k && k <= fmax && FORWARD(k) != NONE_FORWARD && x <= FORWARD(k)) {
                *split_x = x;
                *split_y = y;
                return SPLIT_EXACT;
            }
        }
    }
    /* The search limit: split at whichever point, forward or backward, got further from its
     * end of the region (counting x + y). */
    int64_t fbest = -1;
    int64_t fx = 0;
    int64_t fk = 0;
    for (int64_t k = fmax; k >= fmin; k -= 2) {
        int64_t x = FORWARD(k);
        if (x != NONE_FORWARD && 2 * x - k > fbest) {
            fbest = 2 * x - k;
            fx = x;
            fk = k;
        }
    }
    int64_t bbest = INT64_MAX;
    int64_t bx = 0;
    int64_t bk = 0;
    for (int64_t k = bmax; k >= bmin; k -= 2) {
        int64_t x = BACKWARD(k);
        if (x != NONE_BACKWARD && 2 * x - k < bbest) {
            bbest = 2 * x - k;
            bx = x;
            bk = k;
        }
    }
    if (fbest < 0 && bbest == INT64_MAX)
        return SPLIT_SPENT;
    if (bbest == INT64_MAX || (fbest >= 0 && fbest - (x0 + y0) >= (x1 + y1) - bbest)) {
        *split_x = fx;
        *split_y = fx - fk;
    } else {
        *split_x = bx;
        *split_y = bx - bk;
    }
    return SPLIT_FURTHEST;
}

#undef FORWARD
#undef BACKWARD

/* Compares one region: cuts its common prefix and suffix, then writes it when one side is
 * empty or the budget is spent, and otherwise splits it into two regions to do next. */
static bool do_region(struct differ *df, struct task t)
{
    const uint32_t *a = df->a;
    const uint32_t *b = df->b;
    int64_t x0 = t.x0;
    int64_t x1 = t.x1;
    int64_t y0 = t.y0;
    int64_t y1 = t.y1;
    int64_t prefix = 0;
    while (x0 < x1 && y0 < y1 && a[x0] == b[y0]) {
        x0++;
        y0++;
        prefix++;
    }
    int64_t suffix = 0;
    while (x0 < x1 && y0 < y1 && a[x1 - 1] == b[y1 - 1]) {
        x1--;
        y1--;
        suffix++;
    }
    if (!write_equal(&df->writer, prefix))
        return false;
    if (x0 < x1 && y0 < y1) {
        int64_t sx = 0;
        int64_t sy = 0;
        enum split how = find_split(df, x0, x1, y0, y1, &sx, &sy);
        bool inside =
            sx >= x0 && sx <= x1 && sy >= y0 && sy <= y1 && sx + sy > x0 + y0 && sx + sy < x1 + y1;
        if (how != SPLIT_SPENT && inside) {
            df->shaped |= how == SPLIT_FURTHEST;
            /* The suffix, then the right part, then the left part: the left is done first. */
            return (suffix == 0 || push_task(df, TASK_EQUAL, 0, suffix, 0, 0)) &&
                   push_task(df, TASK_REGION, sx, x1, sy, y1) &&
                   push_task(df, TASK_REGION, x0, sx, y0, sy);
        }
        df->writer.out->coarse = true;
    }
    df->writer.deleted += x1 - x0;
    df->writer.inserted += y1 - y0;
    return write_equal(&df->writer, suffix);
}

/* --- Anchors ---------------------------------------------------------------------------- */

struct sample {
    int64_t pos;
    uint64_t key;
    size_t slot;
};

struct slot {
    uint64_t key;
    int64_t pos_b;
    uint8_t count_a; /* 0: the slot is free; 2 means two or more */
    uint8_t count_b;
};

/* A run of code points found once in each text, at a[x..) and b[y..). */
struct match {
    int64_t x;
    int64_t y;
};

static uint64_t mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* Calls back for every sampled run of DIFF_ANCHOR_WIDTH code points in s[from..to): its
 * position and its key (a hash of its code points, mixed). A run is sampled when its key's top
 * bits are zero, so the same run is sampled in both texts wherever it is. */
struct sampler {
    const uint32_t *s;
    int64_t pos;
    int64_t to;
    uint64_t hash;
    uint64_t top; /* the multiplier to the power DIFF_ANCHOR_WIDTH - 1 */
};

#define HASH_MULTIPLIER 0x9E3779B97F4A7C15u

static void sampler_init(struct sampler *sm, const uint32_t *s, int64_t from, int64_t to)
{
    sm->s = s;
    sm->pos = from;
    sm->to = to;
    sm->hash = 0;
    sm->top = 1;
    for (int i = 0; i + 1 < DIFF_ANCHOR_WIDTH; i++)
        sm->top *= HASH_MULTIPLIER;
    if (to - from >= DIFF_ANCHOR_WIDTH)
        for (int i = 0; i < DIFF_ANCHOR_WIDTH; i++)
            sm->hash = sm->hash * HASH_MULTIPLIER + s[from + i];
}

/* The next sample at or after the sampler's position: true and its position and key, or false
 * at the end. */
static bool sampler_next(struct sampler *sm, int64_t *pos, uint64_t *key)
{
    while (sm->pos + DIFF_ANCHOR_WIDTH <= sm->to) {
        uint64_t k = mix(sm->hash);
        int64_t p = sm->pos;
        if (p + DIFF_ANCHOR_WIDTH < sm->to)
            sm->hash =
                (sm->hash - sm->s[p] * sm->top) * HASH_MULTIPLIER + sm->s[p + DIFF_ANCHOR_WIDTH];
        sm->pos++;
        if (k >> ANCHOR_SAMPLE_SHIFT == 0) {
            *pos = p;
            *key = k;
            return true;
        }
    }
    return false;
}

static size_t slot_of(const struct slot *slots, size_t mask, uint64_t key)
{
    size_t i = (size_t)key & mask;
    while (slots[i].count_a > 0 && slots[i].key != key)
        i = (i + 1) & mask;
    return i;
}

/* Finds the anchors of the region a[x0..x1), b[y0..y1): sampled runs that occur once in each
 * side, equal code point by code point, in the longest chain that is in order in both.
 * Returns false when memory runs out; otherwise *out (malloc'd, the caller frees it) holds
 * *count matches in order. */
static bool find_anchors(const uint32_t *a, int64_t x0, int64_t x1, const uint32_t *b, int64_t y0,
                         int64_t y1, struct match **out, size_t *count)
{
    bool ok = false;
    struct sample *samples = NULL;
    struct slot *slots = NULL;
    struct match *matches = NULL;
    size_t *tails = NULL;
    size_t *previous = NULL;
    struct match *chain = NULL;
    *out = NULL;
    *count = 0;

    struct sampler sm;
    int64_t pos = 0;
    uint64_t key = 0;
    size_t nsamples = 0;
    size_t cap = 0;
    sampler_init(&sm, a, x0, x1);
    while (sampler_next(&sm, &pos, &key)) {
        if (!list_reserve((void **)&samples, &cap, nsamples + 1, sizeof *samples))
            goto cleanup;
        samples[nsamples++] = (struct sample){pos, key, 0};
    }
    if (nsamples == 0) {
        ok = true;
        goto cleanup;
    }
    size_t nslots = 16;
    while (nslots < 2 * nsamples)
        nslots *= 2;
    size_t mask = nslots - 1;
    slots = calloc(nslots, sizeof *slots);
    if (!slots)
        goto cleanup;
    for (size_t i = 0; i < nsamples; i++) {
        size_t s = slot_of(slots, mask, samples[i].key);
        slots[s].key = samples[i].key;
        if (slots[s].count_a < 2)
            slots[s].count_a++;
        samples[i].slot = s;
    }
    sampler_init(&sm, b, y0, y1);
    while (sampler_next(&sm, &pos, &key)) {
        size_t s = slot_of(slots, mask, key);
        if (slots[s].count_a == 0)
            continue;
        if (slots[s].count_b < 2)
            slots[s].count_b++;
        slots[s].pos_b = pos;
    }

    /* The runs found once on each side, in a's order, checked code point by code point. */
    matches = malloc(nsamples * sizeof *matches);
    if (!matches)
        goto cleanup;
    size_t nmatches = 0;
    for (size_t i = 0; i < nsamples; i++) {
        const struct slot *s = &slots[samples[i].slot];
        if (s->count_a != 1 || s->count_b != 1)
            continue;
        if (memcmp(a + samples[i].pos, b + s->pos_b, DIFF_ANCHOR_WIDTH * sizeof *a) != 0)
            continue;
        matches[nmatches++] = (struct match){samples[i].pos, s->pos_b};
    }

    /* The longest chain whose b positions increase too (patience sorting): tails[len] is the
     * match ending the best chain of len + 1 matches found so far, by least y. */
    tails = malloc((nmatches + 1) * sizeof *tails);
    previous = malloc((nmatches + 1) * sizeof *previous);
    chain = malloc((nmatches + 1) * sizeof *chain);
    if (!tails || !previous || !chain)
        goto cleanup;
    size_t length = 0;
    for (size_t i = 0; i < nmatches; i++) {
        size_t lo = 0;
        size_t hi = length;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (matches[tails[mid]].y < matches[i].y)
                lo = mid + 1;
            else
                hi = mid;
        }
        previous[i] = lo > 0 ? tails[lo - 1] : SIZE_MAX;
        tails[lo] = i;
        if (lo == length)
            length++;
    }
    size_t k = length;
    for (size_t i = length > 0 ? tails[length - 1] : SIZE_MAX; i != SIZE_MAX; i = previous[i])
        chain[--k] = matches[i];
    *out = chain;
    *count = length;
    chain = NULL;
    ok = true;
cleanup:
    free(samples);
    free(slots);
    free(matches);
    free(tails);
    free(previous);
    free(chain);
    return ok;
}

/* Queues the region a[x0..x1), b[y0..y1) cut at its anchors: the gaps to compare and the
 * anchored runs to keep. Overlapping anchors on one diagonal join into one kept run; an anchor
 * overlapping a kept run on another diagonal is left out. */
static bool push_anchored(struct differ *df, int64_t x0, int64_t x1, int64_t y0, int64_t y1)
{
    struct match *chain = NULL;
    size_t n = 0;
    if (!find_anchors(df->a, x0, x1, df->b, y0, y1, &chain, &n))
        return false;
    /* Kept runs, each (x, y, length), written over the chain. */
    size_t kept = 0;
    int64_t *lengths = n > 0 ? malloc(n * sizeof *lengths) : NULL;
    bool ok = n == 0 || lengths != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        struct match m = chain[i];
        if (kept > 0) {
            struct match *last = &chain[kept - 1];
            int64_t end = last->x + lengths[kept - 1];
            if (m.x - m.y == last->x - last->y && m.x <= end) {
                lengths[kept - 1] = m.x + DIFF_ANCHOR_WIDTH - last->x;
                continue;
            }
            if (m.x < end || m.y < last->y + lengths[kept - 1])
                continue;
        }
        chain[kept] = m;
        lengths[kept] = DIFF_ANCHOR_WIDTH;
        kept++;
    }
    if (ok && kept > 0)
        df->shaped = true;
    /* Pushed last first: the last gap, the last kept run, ..., the first gap. */
    int64_t gap_x1 = x1;
    int64_t gap_y1 = y1;
    for (size_t i = kept; ok && i-- > 0;) {
        int64_t ax = chain[i].x;
        int64_t ay = chain[i].y;
        ok = push_task(df, TASK_REGION, ax + lengths[i], gap_x1, ay + lengths[i], gap_y1) &&
             push_task(df, TASK_EQUAL, 0, lengths[i], 0, 0);
        gap_x1 = ax;
        gap_y1 = ay;
    }
    ok = ok && push_task(df, TASK_REGION, x0, gap_x1, y0, gap_y1);
    free(lengths);
    free(chain);
    return ok;
}

/* --- The diff --------------------------------------------------------------------------- */

struct diff_limits diff_limits_default(size_t na, size_t nb)
{
    int64_t budget = ((int64_t)1 << 22);
    int64_t total = (int64_t)(na / 2 + nb / 2 + 1);
    budget = total < (INT64_MAX - budget) / 64 ? budget + 64 * total : INT64_MAX;
    return (struct diff_limits){.search = 1024, .budget = budget, .anchor_above = 4096};
}

bool diff_code_points_limited(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                              struct diff_limits limits, struct diff_script *out)
{
    struct differ df = {.a = a, .b = b, .budget = limits.budget, .writer = {.out = out}};
    out->count = 0;
    out->minimal = true;
    out->coarse = false;
    /* A search never needs more steps than half the region's two lengths. */
    int64_t most = (int64_t)(na / 2 + nb / 2 + 2);
    df.search = limits.search < 1 ? 1 : limits.search < most ? limits.search : most;
    df.forward = malloc((size_t)(2 * df.search + 3) * sizeof *df.forward);
    df.backward = malloc((size_t)(2 * df.search + 3) * sizeof *df.backward);
    bool ok = df.forward && df.backward;

    int64_t x0 = 0;
    int64_t x1 = (int64_t)na;
    int64_t y0 = 0;
    int64_t y1 = (int64_t)nb;
    while (x0 < x1 && y0 < y1 && a[x0] == b[y0]) {
        x0++;
        y0++;
    }
    int64_t suffix = 0;
    while (x0 < x1 && y0 < y1 && a[x1 - 1] == b[y1 - 1]) {
        x1--;
        y1--;
        suffix++;
    }
    ok = ok && write_equal(&df.writer, x0) &&
         (suffix == 0 || push_task(&df, TASK_EQUAL, 0, suffix, 0, 0));
    if (ok && (uint64_t)(x1 - x0) + (uint64_t)(y1 - y0) >= limits.anchor_above)
        ok = push_anchored(&df, x0, x1, y0, y1);
    else
        ok = ok && push_task(&df, TASK_REGION, x0, x1, y0, y1);
    while (ok && df.tasks.count > 0) {
        struct task t = df.tasks.items[--df.tasks.count];
        if (t.kind == TASK_EQUAL)
            ok = write_equal(&df.writer, t.x1);
        else
            ok = do_region(&df, t);
    }
    ok = ok && flush(&df.writer);
    out->minimal = !df.shaped && !out->coarse;
    free(df.forward);
    free(df.backward);
    free(df.tasks.items);
    if (!ok)
        diff_script_finish(out);
    return ok;
}

bool diff_code_points(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                      struct diff_script *out)
{
    return diff_code_points_limited(a, na, b, nb, diff_limits_default(na, nb), out);
}

/* The code points of n bytes of UTF-8, malloc'd (at least one element); NULL when memory runs
 * out. */
static uint32_t *decode(const char *s, size_t n, size_t *count)
{
    uint32_t *cps = malloc((n > 0 ? n : 1) * sizeof *cps);
    if (!cps)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        i += utf8_decode_or_replace(s + i, n - i, &cps[k]);
        k++;
    }
    *count = k;
    return cps;
}

bool diff_utf8(const char *a, size_t na, const char *b, size_t nb, struct diff_script *out)
{
    size_t ca = 0;
    size_t cb = 0;
    uint32_t *pa = decode(a, na, &ca);
    uint32_t *pb = decode(b, nb, &cb);
    bool ok = pa && pb && diff_code_points(pa, ca, pb, cb, out);
    if (!ok)
        diff_script_finish(out);
    free(pa);
    free(pb);
    return ok;
}

/* --- Cleaning up ------------------------------------------------------------------------- */

/* A letter or a digit, roughly: ASCII letters and digits, and code points above Latin-1's
 * symbols outside the blocks of punctuation, spaces and symbols. */
static bool word_char(uint32_t c)
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
            words = word_char(rd->cps[rd->at + i]);
        rd->at += n;
        return words;
    }
    for (int64_t i = 0; i < n && rd->byte < rd->size; i++) {
        uint32_t c = 0;
        rd->byte += utf8_decode_or_replace(rd->bytes + rd->byte, rd->size - rd->byte, &c);
        words = words && word_char(c);
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

bool diff_script_push(struct diff_script *script, enum diff_op op, int64_t length)
{
    if (length <= 0)
        return true;
    size_t n = script->count;
    if (op == DIFF_DELETE && n > 0 && script->items[n - 1].op == DIFF_INSERT) {
        if (n > 1 && script->items[n - 2].op == DIFF_DELETE) {
            script->items[n - 2].length += length;
            return true;
        }
        if (!LIST_PUSH(script, script->items[n - 1]))
            return false;
        script->items[n - 1] = (struct diff_run){DIFF_DELETE, length};
        return true;
    }
    return push_run(script, op, length);
}

void diff_script_finish(struct diff_script *script)
{
    free(script->items);
    *script = (struct diff_script){0};
}

void diff_script_lengths(const struct diff_script *script, int64_t *old_length, int64_t *new_length)
{
    int64_t old = 0;
    int64_t new = 0;
    for (size_t i = 0; i < script->count; i++) {
        const struct diff_run *r = &script->items[i];
        if (r->op != DIFF_INSERT)
            old += r->length;
        if (r->op != DIFF_DELETE)
            new += r->length;
    }
    if (old_length)
        *old_length = old;
    if (new_length)
        *new_length = new;
}

int64_t diff_script_distance(const struct diff_script *script)
{
    int64_t d = 0;
    for (size_t i = 0; i < script->count; i++)
        if (script->items[i].op != DIFF_EQUAL)
            d += script->items[i].length;
    return d;
}
