#include "core/diff.h"

#include "core/list.h"
#include "core/utf8.h"
#include "diff_anchors.h"

#include <stdlib.h>

/* A diagonal no path has reached yet: below every x for the forward search, above every x for
 * the backward one. */
#define NONE_FORWARD  (-1)
#define NONE_BACKWARD INT64_MAX

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

/* Queues the region a[x0..x1), b[y0..y1) cut at its anchors: the gaps to compare and the
 * anchored runs to keep. Overlapping anchors on one diagonal join into one kept run; an anchor
 * overlapping a kept run on another diagonal is left out. */
static bool push_anchored(struct differ *df, int64_t x0, int64_t x1, int64_t y0, int64_t y1)
{
    struct match *chain = NULL;
    size_t n = 0;
    if (!diff_find_anchors(df->a, x0, x1, df->b, y0, y1, &chain, &n))
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
