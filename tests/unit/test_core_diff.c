/* The character-level diff, its clean-up and the re-mapping of spans through it: hand-written
 * cases for every kind of change and every edge, and properties over random texts and edits
 * (seeded): the script turns the old text into the new one, it is as short as a brute-force
 * dynamic programme says on small texts, the clean-up merges only what its rule says, and
 * re-mapped spans follow the contract in core/anchor.h. */
#include "check.h"
#include "core/anchor.h"
#include "core/diff.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- Helpers ---------------------------------------------------------------------------- */

/* Deterministic random numbers (splitmix64), the same on every machine. */
static uint64_t rng_state;

static void rng_seed(uint64_t seed)
{
    rng_state = seed;
}

static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* A number in [0, n), n >= 1. */
static int64_t below(int64_t n)
{
    return (int64_t)(rng_next() % (uint64_t)n);
}

/* A growable array of code points. */
struct cps {
    uint32_t *items;
    size_t count;
    size_t cap;
};

static void cps_push(struct cps *v, uint32_t c)
{
    if (v->count == v->cap) {
        v->cap = v->cap ? 2 * v->cap : 64;
        v->items = realloc(v->items, v->cap * sizeof *v->items);
        if (!v->items)
            abort();
    }
    v->items[v->count++] = c;
}

static void cps_free(struct cps *v)
{
    free(v->items);
    *v = (struct cps){0};
}

/* The code points of a UTF-8 string. */
static struct cps decode(const char *s)
{
    struct cps v = {0};
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t c = 0;
        i += utf8_decode_or_replace(s + i, n - i, &c);
        cps_push(&v, c);
    }
    return v;
}

/* A script as text: "=2 -1 +1 =3". */
static const char *script_text(const struct diff_script *s)
{
    static char buf[4096];
    size_t at = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < s->count && at < sizeof buf - 32; i++) {
        const char *op = s->items[i].op == DIFF_EQUAL    ? "="
                         : s->items[i].op == DIFF_DELETE ? "-"
                                                         : "+";
        at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%s%lld", i ? " " : "", op,
                               (long long)s->items[i].length);
    }
    return buf;
}

/* Diffs two UTF-8 strings and returns the script as text. */
static const char *diff_text(const char *a, const char *b)
{
    struct diff_script s = {0};
    CHECK(diff_utf8(a, strlen(a), b, strlen(b), &s));
    const char *text = script_text(&s);
    diff_script_finish(&s);
    return text;
}

/* Applies a script to a[0..na): true when it fits a exactly and gives b[0..nb). */
static bool applies(const struct diff_script *s, const uint32_t *a, size_t na, const uint32_t *b,
                    size_t nb)
{
    size_t x = 0;
    size_t y = 0;
    for (size_t i = 0; i < s->count; i++) {
        int64_t len = s->items[i].length;
        if (len <= 0)
            return false;
        switch (s->items[i].op) {
        case DIFF_EQUAL:
            if (x + (size_t)len > na || y + (size_t)len > nb ||
                memcmp(a + x, b + y, (size_t)len * sizeof *a) != 0)
                return false;
            x += (size_t)len;
            y += (size_t)len;
            break;
        case DIFF_DELETE:
            x += (size_t)len;
            break;
        case DIFF_INSERT:
            y += (size_t)len;
            break;
        }
    }
    return x == na && y == nb;
}

/* The canonical form of core/diff.h: no empty run, no two neighbours with one op, and no
 * insert run followed by a delete run. */
static bool canonical(const struct diff_script *s)
{
    for (size_t i = 0; i < s->count; i++) {
        if (s->items[i].length <= 0)
            return false;
        if (i > 0 && s->items[i].op == s->items[i - 1].op)
            return false;
        if (i > 0 && s->items[i].op == DIFF_DELETE && s->items[i - 1].op == DIFF_INSERT)
            return false;
    }
    return true;
}

/* The fewest deletions plus insertions from a to b: na + nb - 2 LCS, by dynamic programming. */
static int64_t brute_distance(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t *row = calloc(nb + 1, sizeof *row);
    if (!row)
        abort();
    for (size_t i = 1; i <= na; i++) {
        size_t diagonal = 0; /* the previous row's value at j - 1 */
        for (size_t j = 1; j <= nb; j++) {
            size_t above = row[j];
            if (a[i - 1] == b[j - 1])
                row[j] = diagonal + 1;
            else if (row[j - 1] > row[j])
                row[j] = row[j - 1];
            diagonal = above;
        }
    }
    int64_t lcs = (int64_t)row[nb];
    free(row);
    return (int64_t)(na + nb) - 2 * lcs;
}

/* A random text of n code points over the first `letters` letters of the alphabet. */
static struct cps random_text(size_t n, int letters)
{
    struct cps v = {0};
    for (size_t i = 0; i < n; i++)
        cps_push(&v, (uint32_t)('a' + below(letters)));
    return v;
}

/* A true edit: at `at` in the old text, `deleted` code points are replaced by `inserted` new
 * ones. */
struct edit {
    int64_t at;
    int64_t deleted;
    int64_t inserted;
};

/* Writes into *b the text a[0..na) with about `count` scattered edits of up to `most` code
 * points each (deletions, insertions and replacements); inserted code points come from
 * next_new(). The edits go into edits[0..*nedits) (at most count), in order, never touching
 * each other. Returns the number of code points deleted plus inserted. */
static int64_t scatter_edits(const uint32_t *a, size_t na, size_t count, int64_t most,
                             uint32_t (*next_new)(void), struct cps *b, struct edit *edits,
                             size_t *nedits)
{
    int64_t cost = 0;
    size_t k = 0;
    int64_t x = 0;
    /* Positions spread evenly in expectation: each edit starts a random distance after the
     * previous one ended. */
    int64_t mean_gap = (int64_t)na / (int64_t)(count + 1) + 1;
    b->count = 0;
    while (k < count) {
        int64_t at = x + 1 + below(2 * mean_gap);
        if (at > (int64_t)na)
            break;
        int kind = (int)below(3);
        int64_t del = kind == 1 ? 0 : 1 + below(most);
        int64_t ins = kind == 0 ? 0 : 1 + below(most);
        if (at + del > (int64_t)na)
            del = (int64_t)na - at;
        if (del == 0 && ins == 0)
            break;
        for (int64_t i = x; i < at; i++)
            cps_push(b, a[i]);
        for (int64_t i = 0; i < ins; i++)
            cps_push(b, next_new());
        edits[k++] = (struct edit){at, del, ins};
        cost += del + ins;
        x = at + del;
    }
    for (int64_t i = x; i < (int64_t)na; i++)
        cps_push(b, a[i]);
    *nedits = k;
    return cost;
}

static uint32_t new_letter(void)
{
    return (uint32_t)('a' + below(26));
}

/* Code points found nowhere in the old texts of the tests that use it. */
static uint32_t fresh;

static uint32_t new_fresh(void)
{
    return fresh++;
}

/* --- The diff: hand-written cases ------------------------------------------------------- */

static void diff_of_empty_and_equal_texts(void)
{
    CHECK_STR(diff_text("", ""), "");
    CHECK_STR(diff_text("abc", "abc"), "=3");
    CHECK_STR(diff_text("", "abc"), "+3");
    CHECK_STR(diff_text("abc", ""), "-3");
    struct diff_script s = {0};
    CHECK(diff_code_points(NULL, 0, NULL, 0, &s));
    CHECK_INT(s.count, 0);
    CHECK(s.minimal);
    CHECK(!s.coarse);
    diff_script_finish(&s);
}

static void diff_of_single_changes(void)
{
    CHECK_STR(diff_text("abcdef", "abXdef"), "=2 -1 +1 =3");
    CHECK_STR(diff_text("abcdef", "abdef"), "=2 -1 =3");
    CHECK_STR(diff_text("abcdef", "abcXdef"), "=3 +1 =3");
    CHECK_STR(diff_text("abc", "Xabc"), "+1 =3");
    CHECK_STR(diff_text("abc", "abcX"), "=3 +1");
    CHECK_STR(diff_text("abc", "bc"), "-1 =2");
    CHECK_STR(diff_text("abc", "ab"), "=2 -1");
    /* A replacement is a delete run, then an insert run. */
    CHECK_STR(diff_text("Smith said", "[P07] said"), "-5 +5 =5");
    CHECK_STR(diff_text("abc", "xyz"), "-3 +3");
    /* Two changes, each its own pair of runs. */
    CHECK_STR(diff_text("one two three", "one 2 three!"), "=4 -3 +1 =6 +1");
}

static void diff_of_myers_example(void)
{
    /* Myers (1986), figure 1: ABCABBA to CBABAC takes 5 edits. */
    struct cps a = decode("ABCABBA");
    struct cps b = decode("CBABAC");
    struct diff_script s = {0};
    CHECK(diff_code_points(a.items, a.count, b.items, b.count, &s));
    CHECK_INT(diff_script_distance(&s), 5);
    CHECK(applies(&s, a.items, a.count, b.items, b.count));
    CHECK(canonical(&s));
    CHECK(s.minimal);
    int64_t old_length = 0;
    int64_t new_length = 0;
    diff_script_lengths(&s, &old_length, &new_length);
    CHECK_INT(old_length, 7);
    CHECK_INT(new_length, 6);
    diff_script_lengths(&s, NULL, NULL);
    diff_script_finish(&s);
    CHECK(s.items == NULL && s.count == 0);
    cps_free(&a);
    cps_free(&b);
}

static void diff_counts_code_points_not_bytes(void)
{
    /* é is two bytes, 中 three, 👍 four: each is one code point. */
    CHECK_STR(diff_text("café au lait", "cafe au lait"), "=3 -1 +1 =8");
    CHECK_STR(diff_text("中文 text", "中 text"), "=1 -1 =5");
    CHECK_STR(diff_text("ok 👍", "ok 👍👍"), "=4 +1");
    /* A byte that is not UTF-8 reads as one U+FFFD, as utf8_decode_or_replace reads it. */
    CHECK_STR(diff_text("a\xff"
                        "b",
                        "a\xef\xbf\xbd"
                        "b"),
              "=3");
    CHECK_STR(diff_text("a\xff\xfe"
                        "b",
                        "ab"),
              "=1 -2 =1");
}

/* --- The diff: properties --------------------------------------------------------------- */

/* Random small texts, both related (the new one edited from the old) and unrelated: the script
 * applies, is canonical, and is as short as the dynamic programme's. */
static void diff_is_minimal_on_small_texts(void)
{
    rng_seed(1);
    struct diff_script s = {0};
    struct edit edits[64];
    int failures = 0;
    for (int round = 0; round < 4000 && failures < 5; round++) {
        int letters = 1 + (int)below(round % 3 == 0 ? 3 : 26);
        struct cps a = random_text((size_t)below(61), letters);
        struct cps b = {0};
        if (round % 2 == 0) {
            b = random_text((size_t)below(61), letters);
        } else {
            size_t nedits = 0;
            scatter_edits(a.items, a.count, 1 + (size_t)below(8), 4, new_letter, &b, edits,
                          &nedits);
        }
        bool ok = diff_code_points(a.items, a.count, b.items, b.count, &s);
        int64_t want = brute_distance(a.items, a.count, b.items, b.count);
        if (!CHECK(ok) || !CHECK(applies(&s, a.items, a.count, b.items, b.count)) ||
            !CHECK(canonical(&s)) || !CHECK_INT(diff_script_distance(&s), want) ||
            !CHECK(s.minimal) || !CHECK(!s.coarse))
            failures++;
        cps_free(&a);
        cps_free(&b);
    }
    diff_script_finish(&s);
}

/* A tiny search limit or budget still gives a correct script, never a shorter one than the
 * shortest, and says that it may not be minimal; no budget at all replaces what differs
 * between the common prefix and suffix whole. */
static void diff_limits_keep_the_script_correct(void)
{
    rng_seed(2);
    struct diff_script s = {0};
    struct edit edits[64];
    int failures = 0;
    for (int round = 0; round < 1500 && failures < 5; round++) {
        int letters = 2 + (int)below(25);
        struct cps a = random_text((size_t)below(200), letters);
        struct cps b = {0};
        size_t nedits = 0;
        if (round % 3 == 0)
            b = random_text((size_t)below(200), letters);
        else
            scatter_edits(a.items, a.count, 1 + (size_t)below(20), 6, new_letter, &b, edits,
                          &nedits);
        struct diff_limits limits = diff_limits_default(a.count, b.count);
        limits.search = 1 + below(4);
        if (round % 2 == 0)
            limits.budget = below(300);
        limits.anchor_above = SIZE_MAX;
        bool ok = diff_code_points_limited(a.items, a.count, b.items, b.count, limits, &s);
        int64_t shortest = brute_distance(a.items, a.count, b.items, b.count);
        if (!CHECK(ok) || !CHECK(applies(&s, a.items, a.count, b.items, b.count)) ||
            !CHECK(canonical(&s)) || !CHECK(diff_script_distance(&s) >= shortest))
            failures++;
        if (diff_script_distance(&s) > shortest && !CHECK(!s.minimal))
            failures++;

        /* No budget: the common prefix and suffix kept, the rest replaced whole. */
        limits.budget = 0;
        CHECK(diff_code_points_limited(a.items, a.count, b.items, b.count, limits, &s));
        size_t prefix = 0;
        while (prefix < a.count && prefix < b.count && a.items[prefix] == b.items[prefix])
            prefix++;
        size_t suffix = 0;
        while (suffix < a.count - prefix && suffix < b.count - prefix &&
               a.items[a.count - 1 - suffix] == b.items[b.count - 1 - suffix])
            suffix++;
        bool both = a.count > prefix + suffix && b.count > prefix + suffix;
        if (!CHECK(applies(&s, a.items, a.count, b.items, b.count)) ||
            !CHECK_INT(diff_script_distance(&s),
                       (int64_t)(a.count + b.count - 2 * (prefix + suffix))) ||
            !CHECK(s.coarse == both) || !CHECK(s.minimal == !both))
            failures++;
        cps_free(&a);
        cps_free(&b);
    }
    diff_script_finish(&s);
}

/* Texts of distinct code points, with fresh ones inserted: the shortest script is unique and
 * is the true edit, which the diff must find exactly, with or without anchors. */
static void diff_finds_the_true_edit(void)
{
    static const size_t sizes[] = {50, 1500, 200000};
    static const size_t counts[] = {3, 40, 2000};
    rng_seed(3);
    struct edit *edits = malloc(2000 * sizeof *edits);
    struct diff_script s = {0};
    for (size_t t = 0; t < 3; t++) {
        for (int round = 0; round < (t == 2 ? 2 : 50); round++) {
            struct cps a = {0};
            struct cps b = {0};
            for (size_t i = 0; i < sizes[t]; i++)
                cps_push(&a, (uint32_t)(0x10000 + i));
            fresh = 0x100000;
            size_t nedits = 0;
            int64_t cost =
                scatter_edits(a.items, a.count, counts[t], 5, new_fresh, &b, edits, &nedits);
            CHECK(diff_code_points(a.items, a.count, b.items, b.count, &s));
            CHECK(applies(&s, a.items, a.count, b.items, b.count));
            CHECK_INT(diff_script_distance(&s), cost);
            /* The runs are the edits, in order. */
            int64_t x = 0;
            size_t r = 0;
            bool same = true;
            for (size_t k = 0; k < nedits && same; k++) {
                if (edits[k].at > x)
                    same = r < s.count && s.items[r].op == DIFF_EQUAL &&
                           s.items[r].length == edits[k].at - x && ++r;
                if (same && edits[k].deleted > 0)
                    same = r < s.count && s.items[r].op == DIFF_DELETE &&
                           s.items[r].length == edits[k].deleted && ++r;
                if (same && edits[k].inserted > 0)
                    same = r < s.count && s.items[r].op == DIFF_INSERT &&
                           s.items[r].length == edits[k].inserted && ++r;
                x = edits[k].at + edits[k].deleted;
            }
            if (same && x < (int64_t)a.count)
                same = r < s.count && s.items[r].op == DIFF_EQUAL &&
                       s.items[r].length == (int64_t)a.count - x && ++r;
            CHECK(same && r == s.count);
            /* Anchors were used on the big texts, and only there. */
            CHECK(s.minimal == (sizes[t] < 4096));
            cps_free(&a);
            cps_free(&b);
        }
    }
    free(edits);
    diff_script_finish(&s);
}

/* Long texts of words, with scattered edits: the anchored diff applies and is no longer than
 * the edits made; the same on a text whose lines repeat, where no run is unique. */
static void diff_of_long_texts(void)
{
    static const char *const words[] = {"the ",     "practice ", "network ", "said ", "we ",
                                        "funding ", "and ",      "rota ",    "I ",    "think ",
                                        "\n",       "R: ",       "I: ",      "so ",   "é "};
    rng_seed(4);
    struct edit *edits = malloc(3000 * sizeof *edits);
    struct diff_script s = {0};
    for (int round = 0; round < 6; round++) {
        struct cps a = {0};
        if (round < 4) {
            while (a.count < 150000) {
                const char *w = words[below(15)];
                for (const char *p = w; *p; p++)
                    cps_push(&a, (unsigned char)*p);
            }
        } else {
            /* One line, over and over: no run of 32 code points is found only once. */
            const char *line = "I: Can you tell me more about that?\n";
            while (a.count < 60000)
                for (const char *p = line; *p; p++)
                    cps_push(&a, (unsigned char)*p);
        }
        struct cps b = {0};
        size_t nedits = 0;
        int64_t cost = scatter_edits(a.items, a.count, round < 4 ? 3000 : 300, 4, new_letter, &b,
                                     edits, &nedits);
        CHECK(diff_code_points(a.items, a.count, b.items, b.count, &s));
        CHECK(applies(&s, a.items, a.count, b.items, b.count));
        CHECK(canonical(&s));
        CHECK(diff_script_distance(&s) <= cost);
        CHECK(!s.coarse);
        cps_free(&a);
        cps_free(&b);
    }
    free(edits);
    diff_script_finish(&s);
}

/* Unrelated long texts: a correct script within the budget, however coarse. The texts are
 * long enough that O(nm) memory (4 x 10^10 cells) could not be had. */
static void diff_of_unrelated_texts(void)
{
    rng_seed(5);
    struct cps a = random_text(200000, 26);
    struct cps b = random_text(200000, 26);
    struct diff_script s = {0};
    CHECK(diff_code_points(a.items, a.count, b.items, b.count, &s));
    CHECK(applies(&s, a.items, a.count, b.items, b.count));
    CHECK(canonical(&s));
    CHECK(!s.minimal);
    /* The same with the UTF-8 entry point on a text of two-byte code points. */
    char *ua = malloc(2 * a.count + 1);
    char *ub = malloc(2 * b.count + 1);
    for (size_t i = 0; i < a.count; i++) {
        ua[2 * i] = (char)0xC3;
        ua[2 * i + 1] = (char)(0x80 + (a.items[i] - 'a'));
        ub[2 * i] = (char)0xC3;
        ub[2 * i + 1] = (char)(0x80 + (b.items[i] - 'a'));
    }
    struct diff_script u = {0};
    CHECK(diff_utf8(ua, 2 * a.count, ub, 2 * b.count, &u));
    int64_t old_length = 0;
    int64_t new_length = 0;
    diff_script_lengths(&u, &old_length, &new_length);
    CHECK_INT(old_length, 200000);
    CHECK_INT(new_length, 200000);
    CHECK_STR(script_text(&u), script_text(&s));
    free(ua);
    free(ub);
    diff_script_finish(&u);
    diff_script_finish(&s);
    cps_free(&a);
    cps_free(&b);
}

/* --- Re-mapping: hand-written cases ----------------------------------------------------- */

struct remapped {
    struct anchor_result r;
    char text[256]; /* the new text under the new span */
};

/* Diffs old to new, re-maps [start, end) of old, and returns the result with its text. */
static struct remapped remap_one(const char *old, const char *new, int64_t start, int64_t end)
{
    struct remapped out = {0};
    struct diff_script s = {0};
    CHECK(diff_utf8(old, strlen(old), new, strlen(new), &s));
    struct span span = {start, end};
    CHECK(anchor_remap(&s, &span, 1, &out.r));
    diff_script_finish(&s);
    struct span n = out.r.span;
    size_t len = strlen(new);
    size_t from = utf8_offset(new, len, (size_t)n.start);
    size_t to = utf8_offset(new, len, (size_t)n.end);
    if (n.start >= 0 && n.start <= n.end && to - from < sizeof out.text)
        memcpy(out.text, new + from, to - from);
    return out;
}

/* The code point offset of the first `needle` in `hay`. */
static int64_t at(const char *hay, const char *needle)
{
    const char *p = strstr(hay, needle);
    if (!p)
        abort();
    return (int64_t)utf8_length(hay, (size_t)(p - hay));
}

#define OLD "The practice manager said no."

static void remap_unchanged_and_moved(void)
{
    int64_t s = at(OLD, "manager");
    int64_t e = s + 7;
    struct remapped m = remap_one(OLD, OLD " Then she left.", s, e);
    CHECK_INT(m.r.change, ANCHOR_UNCHANGED);
    CHECK_INT(m.r.span.start, s);
    CHECK_STR(m.text, "manager");
    CHECK_INT(m.r.kept, 7);
    CHECK_INT(m.r.deleted + m.r.inserted, 0);

    m = remap_one(OLD, "Well. " OLD, s, e);
    CHECK_INT(m.r.change, ANCHOR_MOVED);
    CHECK_INT(m.r.span.start, s + 6);
    CHECK_STR(m.text, "manager");

    /* Text deleted before it moves it back. */
    m = remap_one(OLD, "The manager said no.", s, e);
    CHECK_INT(m.r.change, ANCHOR_MOVED);
    CHECK_STR(m.text, "manager");
}

static void remap_insertions_at_the_edges_are_outside(void)
{
    int64_t s = at(OLD, "manager");
    int64_t e = s + 7;
    /* At the start: the coded word stays the same, and moves. */
    struct remapped m = remap_one(OLD, "The practice [acting] manager said no.", s, e);
    CHECK_INT(m.r.change, ANCHOR_MOVED);
    CHECK_STR(m.text, "manager");
    m = remap_one(OLD, "The practice Xmanager said no.", s, e);
    CHECK_INT(m.r.change, ANCHOR_MOVED);
    CHECK_STR(m.text, "manager");
    /* At the end: the same, without moving. */
    m = remap_one(OLD, "The practice managerX said no.", s, e);
    CHECK_INT(m.r.change, ANCHOR_UNCHANGED);
    CHECK_STR(m.text, "manager");
    /* A span at the very start and one at the very end of the text. */
    m = remap_one("abc", "Xabc", 0, 3);
    CHECK_INT(m.r.change, ANCHOR_MOVED);
    CHECK_STR(m.text, "abc");
    m = remap_one("abc", "abcX", 0, 3);
    CHECK_INT(m.r.change, ANCHOR_UNCHANGED);
    CHECK_STR(m.text, "abc");
}

static void remap_insertion_inside_grows(void)
{
    int64_t s = at(OLD, "practice");
    int64_t e = at(OLD, " said");
    struct remapped m = remap_one(OLD, "The practice business manager said no.", s, e);
    CHECK_INT(m.r.change, ANCHOR_GROWN);
    CHECK_STR(m.text, "practice business manager");
    CHECK_INT(m.r.inserted, 9);
    CHECK_INT(m.r.kept, 16);
    /* One code point inside a two-code-point span. */
    m = remap_one("ab", "aXb", 0, 2);
    CHECK_INT(m.r.change, ANCHOR_GROWN);
    CHECK_STR(m.text, "aXb");
}

static void remap_deletion_inside_shrinks(void)
{
    int64_t s = at(OLD, "practice");
    int64_t e = at(OLD, " said");
    /* The diff deletes "manager " after "practice ", so the space before it stays. */
    struct remapped m = remap_one(OLD, "The practice said no.", s, e);
    CHECK_INT(m.r.change, ANCHOR_SHRUNK);
    CHECK_STR(m.text, "practice ");
    CHECK_INT(m.r.deleted, 7);
    CHECK_INT(m.r.kept, 9);
    /* A deletion across its start or its end takes only its own characters with it. */
    m = remap_one("abc def ghi", "abef ghi", at("abc def ghi", "def"), 7);
    CHECK_INT(m.r.change, ANCHOR_SHRUNK);
    CHECK_STR(m.text, "ef");
    CHECK_INT(m.r.deleted, 1);
    m = remap_one("abc def ghi", "abc dehi", 4, 7);
    CHECK_INT(m.r.change, ANCHOR_SHRUNK);
    CHECK_STR(m.text, "de");
}

static void remap_replacement_inside_is_covered(void)
{
    const char *old = "Dr Smith said the rota was fine.";
    const char *new = "Dr [P07] said the rota was fine.";
    struct remapped m = remap_one(old, new, 0, at(old, " the"));
    CHECK_INT(m.r.change, ANCHOR_EDITED);
    CHECK_STR(m.text, "Dr [P07] said");
    CHECK_INT(m.r.deleted, 5);
    CHECK_INT(m.r.inserted, 5);
    CHECK_INT(m.r.kept, 8);
    /* At the start of the span, the replacement is still covered. */
    m = remap_one(old, new, at(old, "Smith"), at(old, " the"));
    CHECK_INT(m.r.change, ANCHOR_EDITED);
    CHECK_STR(m.text, "[P07] said");
}

static void remap_whole_replacement_keeps_the_coding(void)
{
    const char *old = "Dr Smith said the rota was fine.";
    /* The coded name itself, replaced by a placeholder: the coding is on the placeholder. */
    struct remapped m =
        remap_one(old, "Dr [P07] said the rota was fine.", at(old, "Smith"), at(old, " said"));
    CHECK_INT(m.r.change, ANCHOR_REPLACED);
    CHECK_STR(m.text, "[P07]");
    CHECK_INT(m.r.kept, 0);
    CHECK_INT(m.r.deleted, 5);
    CHECK_INT(m.r.inserted, 5);
    /* A replacement wider than the span: it covers all of the replacement. */
    m = remap_one(old, "[P07] said the rota was fine.", at(old, "Smith"), at(old, " said"));
    CHECK_INT(m.r.change, ANCHOR_REPLACED);
    CHECK_STR(m.text, "[P07]");
    /* And one that took some of the span and text before it: the span keeps the rest and
     * covers the replacement. */
    m = remap_one(old, "[P07] said the rota was fine.", at(old, "Smith"), at(old, " the"));
    CHECK_INT(m.r.change, ANCHOR_EDITED);
    CHECK_STR(m.text, "[P07] said");
    CHECK_INT(m.r.deleted, 5);
    CHECK_INT(m.r.kept, 5);
}

static void remap_deleted_text_detaches(void)
{
    int64_t s = at("abc def ghi", "def");
    struct remapped m = remap_one("abc def ghi", "abc ghi", s, s + 3);
    CHECK_INT(m.r.change, ANCHOR_DETACHED);
    CHECK_INT(m.r.span.start, 4); /* where "ghi", which followed it, now starts */
    CHECK_INT(m.r.span.end, 4);
    CHECK_INT(m.r.deleted, 3);
    CHECK_INT(m.r.kept + m.r.inserted, 0);
    /* At the end of the text: still inside the new text. */
    m = remap_one("abc def", "abc ", 4, 7);
    CHECK_INT(m.r.change, ANCHOR_DETACHED);
    CHECK_INT(m.r.span.start, 4);
    CHECK_INT(m.r.span.end, 4);
    /* Everything deleted. */
    m = remap_one("abc", "", 1, 2);
    CHECK_INT(m.r.change, ANCHOR_DETACHED);
    CHECK_INT(m.r.span.start, 0);
    CHECK_INT(m.r.span.end, 0);
}

static void remap_empty_spans_are_places(void)
{
    /* Text inserted at a place comes before it. */
    struct remapped m = remap_one("abc def", "abc Xdef", 4, 4);
    CHECK_INT(m.r.change, ANCHOR_MOVED);
    CHECK_INT(m.r.span.start, 5);
    CHECK_INT(m.r.span.end, 5);
    m = remap_one("abc def", "abc def", 7, 7);
    CHECK_INT(m.r.change, ANCHOR_UNCHANGED);
    CHECK_INT(m.r.span.start, 7);
    m = remap_one("abc def", "abc defX", 7, 7);
    CHECK_INT(m.r.span.start, 8);
    /* A place inside deleted text moves to the next character kept. */
    m = remap_one("abc def ghi", "abc ghi", 5, 5);
    CHECK_INT(m.r.change, ANCHOR_MOVED);
    CHECK_INT(m.r.span.start, 4);
    m = remap_one("abc def", "abc ", 5, 5);
    CHECK_INT(m.r.span.start, 4);
    CHECK_INT(m.r.span.end, 4);
}

static void remap_invalid_spans(void)
{
    static const struct span bad[] = {{-1, 2}, {3, 2}, {0, 8}, {8, 8}};
    for (size_t i = 0; i < 4; i++) {
        struct remapped m = remap_one("abc def", "abc def!", bad[i].start, bad[i].end);
        CHECK_INT(m.r.change, ANCHOR_INVALID);
        CHECK_INT(m.r.span.start, 0);
        CHECK_INT(m.r.span.end, 0);
    }
    struct remapped m = remap_one("abc def", "abc def!", 0, 7);
    CHECK_INT(m.r.change, ANCHOR_UNCHANGED);
    CHECK_STR(anchor_change_name(ANCHOR_UNCHANGED), "unchanged");
    CHECK_STR(anchor_change_name(ANCHOR_EDITED), "edited");
    CHECK_STR(anchor_change_name(ANCHOR_REPLACED), "replaced");
    CHECK_STR(anchor_change_name(ANCHOR_DETACHED), "detached");
    CHECK_STR(anchor_change_name(ANCHOR_INVALID), "invalid");
}

/* A script written by hand in another order, with empty runs, means the same. */
static void remap_takes_any_valid_script(void)
{
    struct diff_run canonical_runs[] = {
        {DIFF_EQUAL, 2}, {DIFF_DELETE, 1}, {DIFF_INSERT, 3}, {DIFF_EQUAL, 4}};
    struct diff_run other_runs[] = {{DIFF_EQUAL, 1}, {DIFF_EQUAL, 1},  {DIFF_INSERT, 2},
                                    {DIFF_EQUAL, 0}, {DIFF_DELETE, 1}, {DIFF_INSERT, 1},
                                    {DIFF_EQUAL, 4}, {DIFF_INSERT, 0}};
    struct diff_script a = {canonical_runs, 4, 4, false, false};
    struct diff_script b = {other_runs, 8, 8, false, false};
    struct anchor_map ma = {0};
    struct anchor_map mb = {0};
    CHECK(anchor_map_init(&ma, &a));
    CHECK(anchor_map_init(&mb, &b));
    CHECK_INT(mb.old_length, 7);
    CHECK_INT(mb.new_length, 9);
    for (int64_t s = 0; s <= 7; s++) {
        for (int64_t e = s; e <= 7; e++) {
            struct anchor_result ra = anchor_map_span(&ma, (struct span){s, e});
            struct anchor_result rb = anchor_map_span(&mb, (struct span){s, e});
            CHECK(ra.span.start == rb.span.start && ra.span.end == rb.span.end &&
                  ra.change == rb.change && ra.kept == rb.kept && ra.deleted == rb.deleted &&
                  ra.inserted == rb.inserted);
        }
    }
    /* Building again over a map replaces it. */
    CHECK(anchor_map_init(&mb, &a));
    CHECK_INT(mb.new_length, 9);
    anchor_map_finish(&ma);
    anchor_map_finish(&mb);
    anchor_map_finish(&mb);
    CHECK(mb.pieces == NULL);
}

/* --- Re-mapping: properties ------------------------------------------------------------- */

/* The contract worked out character by character from the script: the new characters a span
 * covers are the new places of its kept characters, the insertions of every change that
 * deleted one of its characters, and insertions strictly between two of its characters. */
struct reference {
    int64_t old_length;
    int64_t new_length;
    int64_t *new_of;     /* old character -> new place, or -1 when deleted */
    int64_t *change_of;  /* old character -> its change, when deleted */
    int64_t *change_at;  /* old gap (0..old_length) -> the change inserting there, or -1 */
    struct span *insert; /* change -> the new text it inserted */
    bool *covered;       /* scratch, one per new character */
};

static void reference_init(struct reference *ref, const struct diff_script *s)
{
    diff_script_lengths(s, &ref->old_length, &ref->new_length);
    ref->new_of = malloc((size_t)(ref->old_length + 1) * sizeof *ref->new_of);
    ref->change_of = malloc((size_t)(ref->old_length + 1) * sizeof *ref->change_of);
    ref->change_at = malloc((size_t)(ref->old_length + 1) * sizeof *ref->change_at);
    ref->insert = malloc((s->count + 1) * sizeof *ref->insert);
    ref->covered = malloc((size_t)(ref->new_length + 1) * sizeof *ref->covered);
    for (int64_t i = 0; i <= ref->old_length; i++)
        ref->change_at[i] = -1;
    int64_t x = 0;
    int64_t y = 0;
    int64_t change = -1;
    for (size_t r = 0; r < s->count; r++) {
        int64_t len = s->items[r].length;
        if (s->items[r].op == DIFF_EQUAL) {
            for (int64_t i = 0; i < len; i++)
                ref->new_of[x + i] = y + i;
            x += len;
            y += len;
            continue;
        }
        /* A delete run starts a change; an insert run right after it belongs to it. */
        if (s->items[r].op == DIFF_DELETE || r == 0 || s->items[r - 1].op != DIFF_DELETE) {
            change++;
            ref->insert[change] = (struct span){y, y};
            ref->change_at[x] = change;
        }
        if (s->items[r].op == DIFF_DELETE) {
            for (int64_t i = 0; i < len; i++) {
                ref->new_of[x + i] = -1;
                ref->change_of[x + i] = change;
            }
            x += len;
        } else {
            ref->insert[change].end = y + len;
            y += len;
        }
    }
}

static void reference_finish(struct reference *ref)
{
    free(ref->new_of);
    free(ref->change_of);
    free(ref->change_at);
    free(ref->insert);
    free(ref->covered);
}

static void cover(struct reference *ref, struct span n)
{
    for (int64_t j = n.start; j < n.end; j++)
        ref->covered[j] = true;
}

/* The expected result for [s, e), 0 <= s <= e <= old length. */
static struct anchor_result reference_span(struct reference *ref, int64_t s, int64_t e)
{
    struct anchor_result r = {{0, 0}, ANCHOR_UNCHANGED, 0, 0, 0};
    /* The first character kept at or after a place: where a place, or detached text, goes. */
    int64_t next = ref->new_length;
    for (int64_t i = s; i < ref->old_length; i++) {
        if (ref->new_of[i] >= 0) {
            next = ref->new_of[i];
            break;
        }
    }
    if (s == e) {
        r.span = (struct span){next, next};
        r.change = next == s ? ANCHOR_UNCHANGED : ANCHOR_MOVED;
        return r;
    }
    memset(ref->covered, 0, (size_t)(ref->new_length + 1) * sizeof *ref->covered);
    for (int64_t i = s; i < e; i++) {
        if (ref->new_of[i] >= 0) {
            r.kept++;
            ref->covered[ref->new_of[i]] = true;
        } else {
            r.deleted++;
            cover(ref, ref->insert[ref->change_of[i]]);
        }
    }
    for (int64_t g = s + 1; g < e; g++)
        if (ref->change_at[g] >= 0)
            cover(ref, ref->insert[ref->change_at[g]]);
    int64_t lo = -1;
    int64_t hi = -1;
    for (int64_t j = 0; j < ref->new_length; j++) {
        if (ref->covered[j]) {
            if (lo < 0)
                lo = j;
            hi = j + 1;
            r.inserted++;
        }
    }
    r.inserted -= r.kept;
    if (lo < 0) {
        r.span = (struct span){next, next};
        r.change = ANCHOR_DETACHED;
        return r;
    }
    r.span = (struct span){lo, hi};
    if (hi - lo != r.kept + r.inserted)
        r.change = ANCHOR_INVALID; /* not contiguous: the contract would be broken */
    else if (r.kept == 0)
        r.change = ANCHOR_REPLACED;
    else if (r.deleted == 0 && r.inserted == 0)
        r.change = lo == s ? ANCHOR_UNCHANGED : ANCHOR_MOVED;
    else if (r.inserted == 0)
        r.change = ANCHOR_SHRUNK;
    else if (r.deleted == 0)
        r.change = ANCHOR_GROWN;
    else
        r.change = ANCHOR_EDITED;
    return r;
}

static bool same_result(struct anchor_result a, struct anchor_result b)
{
    return a.span.start == b.span.start && a.span.end == b.span.end && a.change == b.change &&
           a.kept == b.kept && a.deleted == b.deleted && a.inserted == b.inserted;
}

/* Every span of random small texts, through their diff (as it comes, cleaned up, or shaped by
 * a search limit of 1): as the reference says; inside the new text; the same characters when
 * unchanged or moved. */
static void remap_agrees_with_the_reference(void)
{
    rng_seed(6);
    struct diff_script s = {0};
    struct edit edits[64];
    int counts[ANCHOR_CHANGES] = {0};
    int failures = 0;
    for (int round = 0; round < 600 && failures < 5; round++) {
        int letters = 1 + (int)below(round % 2 ? 4 : 26);
        struct cps a = random_text((size_t)below(40), letters);
        struct cps b = {0};
        size_t nedits = 0;
        if (round % 5 == 0)
            b = random_text((size_t)below(40), letters);
        else
            scatter_edits(a.items, a.count, 1 + (size_t)below(6), 5, new_letter, &b, edits,
                          &nedits);
        struct diff_limits limits = diff_limits_default(a.count, b.count);
        if (round % 3 == 2)
            limits.search = 1;
        CHECK(diff_code_points_limited(a.items, a.count, b.items, b.count, limits, &s));
        if (round % 3 == 1)
            CHECK(diff_cleanup(&s, a.items));
        CHECK(applies(&s, a.items, a.count, b.items, b.count));
        struct reference ref;
        reference_init(&ref, &s);
        struct anchor_map map = {0};
        CHECK(anchor_map_init(&map, &s));
        for (int64_t st = 0; st <= (int64_t)a.count; st++) {
            for (int64_t e = st; e <= (int64_t)a.count; e++) {
                struct anchor_result got = anchor_map_span(&map, (struct span){st, e});
                struct anchor_result want = reference_span(&ref, st, e);
                bool ok = same_result(got, want) && want.change != ANCHOR_INVALID &&
                          got.span.start >= 0 && got.span.start <= got.span.end &&
                          got.span.end <= (int64_t)b.count;
                if ((got.change == ANCHOR_UNCHANGED || got.change == ANCHOR_MOVED) && st < e)
                    ok = ok && got.span.end - got.span.start == e - st &&
                         memcmp(a.items + st, b.items + got.span.start,
                                (size_t)(e - st) * sizeof *a.items) == 0;
                counts[got.change]++;
                if (!ok && failures++ < 5)
                    CHECK(ok);
            }
        }
        anchor_map_finish(&map);
        reference_finish(&ref);
        cps_free(&a);
        cps_free(&b);
    }
    diff_script_finish(&s);
    /* Every class came up. */
    for (int c = 0; c < ANCHOR_INVALID; c++)
        CHECK(counts[c] > 0);
}

/* Texts of distinct code points (the diff is the true edit) with spans in random order: every
 * span that no edit touched covers exactly the same characters; every other one does not
 * count as unchanged or moved; results come in the caller's order. Small texts, and a long one
 * diffed with anchors. */
static void remap_keeps_untouched_text(void)
{
    static const size_t sizes[] = {300, 100000};
    static const size_t counts[] = {20, 1000};
    rng_seed(7);
    struct edit *edits = malloc(1000 * sizeof *edits);
    struct span *spans = malloc(5000 * sizeof *spans);
    struct anchor_result *out = malloc(5000 * sizeof *out);
    struct diff_script s = {0};
    for (size_t t = 0; t < 2; t++) {
        for (int round = 0; round < (t == 0 ? 40 : 2); round++) {
            struct cps a = {0};
            struct cps b = {0};
            for (size_t i = 0; i < sizes[t]; i++)
                cps_push(&a, (uint32_t)(0x4E00 + i));
            fresh = 0x100000;
            size_t nedits = 0;
            scatter_edits(a.items, a.count, counts[t], 4, new_fresh, &b, edits, &nedits);
            CHECK(diff_code_points(a.items, a.count, b.items, b.count, &s));
            size_t n = 5000;
            for (size_t i = 0; i < n; i++) {
                int64_t st = below((int64_t)a.count);
                int64_t len = 1 + below(i % 2 ? 8 : 60);
                spans[i] =
                    (struct span){st, st + len < (int64_t)a.count ? st + len : (int64_t)a.count};
            }
            CHECK(anchor_remap(&s, spans, n, out));
            struct anchor_map map = {0};
            CHECK(anchor_map_init(&map, &s));
            int failures = 0;
            for (size_t i = 0; i < n && failures < 5; i++) {
                struct span sp = spans[i];
                bool touched = false;
                for (size_t k = 0; k < nedits; k++) {
                    struct edit ed = edits[k];
                    if (ed.deleted > 0 ? ed.at < sp.end && ed.at + ed.deleted > sp.start
                                       : ed.at > sp.start && ed.at < sp.end)
                        touched = true;
                }
                struct anchor_result r = out[i];
                bool same_text = r.span.end - r.span.start == sp.end - sp.start &&
                                 memcmp(a.items + sp.start, b.items + r.span.start,
                                        (size_t)(sp.end - sp.start) * sizeof *a.items) == 0;
                bool ok = same_result(r, anchor_map_span(&map, sp)) && r.span.start >= 0 &&
                          r.span.start <= r.span.end && r.span.end <= (int64_t)b.count;
                if (touched)
                    ok = ok && r.change != ANCHOR_UNCHANGED && r.change != ANCHOR_MOVED;
                else
                    ok = ok && (r.change == ANCHOR_UNCHANGED || r.change == ANCHOR_MOVED) &&
                         same_text;
                if (!CHECK(ok))
                    failures++;
            }
            anchor_map_finish(&map);
            cps_free(&a);
            cps_free(&b);
        }
    }
    free(edits);
    free(spans);
    free(out);
    diff_script_finish(&s);
}

/* --- Cleaning up chance matches ----------------------------------------------------------- */

/* Diffs two UTF-8 strings, cleans the script up, and returns it as text; the same through
 * the UTF-8 functions. */
static const char *cleaned_text(const char *old, const char *new)
{
    struct cps a = decode(old);
    struct cps b = decode(new);
    struct diff_script s = {0};
    CHECK(diff_utf8(old, strlen(old), new, strlen(new), &s));
    CHECK(diff_cleanup_utf8(&s, old, strlen(old)));
    static char via_utf8[4096];
    snprintf(via_utf8, sizeof via_utf8, "%s", script_text(&s));
    CHECK(diff_code_points(a.items, a.count, b.items, b.count, &s));
    CHECK(diff_cleanup(&s, a.items));
    CHECK(applies(&s, a.items, a.count, b.items, b.count));
    const char *text = script_text(&s);
    CHECK_STR(text, via_utf8);
    diff_script_finish(&s);
    cps_free(&a);
    cps_free(&b);
    return text;
}

static void cleanup_merges_chance_matches(void)
{
    /* The minimal script keeps the "r" and the "a" of "rota" inside the placeholder. */
    CHECK_STR(diff_text("the rota was", "the [GP practice 1] was"), "=4 +5 =1 -2 =1 +8 =4");
    CHECK_STR(cleaned_text("the rota was", "the [GP practice 1] was"), "=4 -4 +15 =4");
    CHECK_STR(cleaned_text("Siobhán said", "[participant 3] said"), "-7 +15 =5");
    CHECK_STR(cleaned_text("Zoë Müller said", "[P07] said"), "-10 +5 =5");
    /* A kept run of letters outside ASCII is merged too; one of punctuation is not. */
    CHECK_STR(cleaned_text("xéy", "abécd"), "-3 +5");
    CHECK_STR(cleaned_text("x’y", "ab’cd"), "-1 +2 =1 -1 +2");
    CHECK_STR(cleaned_text("x中y", "ab中cd"), "-3 +5");
    /* Kept text with a space or punctuation is real: two replacements stay two. */
    CHECK_STR(cleaned_text("Smith and Jones said", "[P07] and [P08] said"), "-5 +5 =5 -5 +5 =5");
    CHECK_STR(cleaned_text("Smith Jones", "[P07] [P08]"), "-5 +5 =1 -5 +5");
    CHECK_STR(cleaned_text("Smith-Jones", "[P07]-[P08]"), "-5 +5 =1 -5 +5");
    /* A kept run longer than a change next to it stays; one as long goes. */
    CHECK_STR(cleaned_text("abcd", "xbcy"), "-1 +1 =2 -1 +1");
    CHECK_STR(cleaned_text("abc", "xby"), "-3 +3");
    /* Two kept runs held up by a small change between them both go: "pr" and "a" of
     * "spreadsheet" in "practice". */
    CHECK_STR(diff_text("a spreadsheet b", "a [GP practice 3] b"),
              "=2 -1 +4 =2 -1 =1 -5 +1 =1 +6 =2");
    CHECK_STR(cleaned_text("a spreadsheet b", "a [GP practice 3] b"), "=2 -11 +15 =2");
    /* At the start or the end of the text, nothing is merged. */
    CHECK_STR(cleaned_text("a1234", "aXYZW"), "=1 -4 +4");
    /* A script with nothing to merge stays minimal. */
    struct cps a = decode("abc def");
    struct cps b = decode("abc xdef");
    struct diff_script s = {0};
    CHECK(diff_code_points(a.items, a.count, b.items, b.count, &s));
    CHECK(diff_cleanup(&s, a.items));
    CHECK(s.minimal);
    CHECK_STR(script_text(&s), "=4 +1 =3");
    diff_script_finish(&s);
    cps_free(&a);
    cps_free(&b);
}

static void cleanup_lets_a_coded_name_become_its_placeholder(void)
{
    const char *old = "the rota was";
    const char *new = "the [GP practice 1] was";
    struct cps a = decode(old);
    struct cps b = decode(new);
    struct diff_script s = {0};
    CHECK(diff_code_points(a.items, a.count, b.items, b.count, &s));
    struct span rota = {4, 8};
    struct anchor_result r;
    CHECK(anchor_remap(&s, &rota, 1, &r));
    CHECK_INT(r.change, ANCHOR_SHRUNK); /* "r" and "a" stayed: it covers "ra" of "practice" */
    CHECK_INT(r.span.start, 9);
    CHECK_INT(r.span.end, 11);
    CHECK(diff_cleanup(&s, a.items));
    CHECK(!s.minimal);
    CHECK(anchor_remap(&s, &rota, 1, &r));
    CHECK_INT(r.change, ANCHOR_REPLACED);
    CHECK_INT(r.span.start, 4);
    CHECK_INT(r.span.end, 19);
    diff_script_finish(&s);
    cps_free(&a);
    cps_free(&b);
}

/* Marks in kept[0..na) the old code points a script keeps. */
static void kept_chars(const struct diff_script *s, bool *kept)
{
    int64_t x = 0;
    for (size_t i = 0; i < s->count; i++) {
        for (int64_t k = 0; k < s->items[i].length && s->items[i].op != DIFF_INSERT; k++)
            kept[x + k] = s->items[i].op == DIFF_EQUAL;
        if (s->items[i].op != DIFF_INSERT)
            x += s->items[i].length;
    }
}

static bool all_word_chars(const uint32_t *c, int64_t n)
{
    for (int64_t i = 0; i < n; i++)
        if (!((c[i] >= 'a' && c[i] <= 'z') || (c[i] >= '0' && c[i] <= '9')))
            return false;
    return true;
}

/* Random texts of letters and spaces: the cleaned script still applies and is canonical; no
 * kept run it leaves between two changes is a chance match by the contract's rule; kept runs
 * with a space were never merged; a second clean-up changes nothing. */
static void cleanup_properties(void)
{
    rng_seed(8);
    struct diff_script s = {0};
    struct edit edits[64];
    int failures = 0;
    for (int round = 0; round < 2000 && failures < 5; round++) {
        struct cps a = {0};
        size_t n = (size_t)below(80);
        int letters = 1 + (int)below(8);
        for (size_t i = 0; i < n; i++)
            cps_push(&a, below(5) == 0 ? ' ' : (uint32_t)('a' + below(letters)));
        struct cps b = {0};
        size_t nedits = 0;
        scatter_edits(a.items, a.count, 1 + (size_t)below(10), 6, new_letter, &b, edits, &nedits);
        CHECK(diff_code_points(a.items, a.count, b.items, b.count, &s));
        bool *before = calloc(a.count + 1, sizeof *before);
        bool *after = calloc(a.count + 1, sizeof *after);
        kept_chars(&s, before);
        /* Runs of the minimal script that hold a space. */
        bool *spaced = calloc(a.count + 1, sizeof *spaced);
        int64_t x = 0;
        for (size_t i = 0; i < s.count; i++) {
            if (s.items[i].op == DIFF_INSERT)
                continue;
            bool has_space =
                s.items[i].op == DIFF_EQUAL && !all_word_chars(a.items + x, s.items[i].length);
            for (int64_t k = 0; k < s.items[i].length; k++)
                spaced[x + k] = has_space;
            x += s.items[i].length;
        }
        int64_t distance = diff_script_distance(&s);
        bool ok = diff_cleanup(&s, a.items) && applies(&s, a.items, a.count, b.items, b.count) &&
                  canonical(&s) && diff_script_distance(&s) >= distance;
        kept_chars(&s, after);
        for (size_t i = 0; i < a.count; i++)
            ok = ok && (!spaced[i] || after[i]) && (!after[i] || before[i]);
        /* No kept run between two changes that the rule would merge. */
        x = 0;
        for (size_t i = 0; i < s.count; i++) {
            const struct diff_run *r = &s.items[i];
            if (r->op == DIFF_EQUAL && i > 0 && i + 1 < s.count) {
                int64_t prev = s.items[i - 1].length;
                if (i >= 2 && s.items[i - 2].op != DIFF_EQUAL && s.items[i - 2].length > prev)
                    prev = s.items[i - 2].length;
                int64_t next = s.items[i + 1].length;
                if (i + 2 < s.count && s.items[i + 2].op != DIFF_EQUAL &&
                    s.items[i + 2].length > next)
                    next = s.items[i + 2].length;
                ok = ok && !(r->length <= prev && r->length <= next &&
                             all_word_chars(a.items + x, r->length));
            }
            if (r->op != DIFF_INSERT)
                x += r->length;
        }
        char once[4096];
        snprintf(once, sizeof once, "%s", script_text(&s));
        ok = ok && diff_cleanup(&s, a.items) && strcmp(once, script_text(&s)) == 0;
        if (!CHECK(ok))
            failures++;
        free(before);
        free(after);
        free(spaced);
        cps_free(&a);
        cps_free(&b);
    }
    diff_script_finish(&s);
}

static void script_push_keeps_the_canonical_form(void)
{
    struct diff_script s = {0};
    CHECK(diff_script_push(&s, DIFF_EQUAL, 2));
    CHECK(diff_script_push(&s, DIFF_INSERT, 1));
    CHECK(diff_script_push(&s, DIFF_DELETE, 2));
    CHECK(diff_script_push(&s, DIFF_INSERT, 1));
    CHECK(diff_script_push(&s, DIFF_DELETE, 1));
    CHECK(diff_script_push(&s, DIFF_EQUAL, 0));
    CHECK(diff_script_push(&s, DIFF_EQUAL, 3));
    CHECK(diff_script_push(&s, DIFF_DELETE, -4));
    CHECK(diff_script_push(&s, DIFF_INSERT, 2));
    CHECK_STR(script_text(&s), "=2 -3 +2 =3 +2");
    CHECK(canonical(&s));
    diff_script_finish(&s);
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"diff_of_empty_and_equal_texts", diff_of_empty_and_equal_texts},
        {"diff_of_single_changes", diff_of_single_changes},
        {"diff_of_myers_example", diff_of_myers_example},
        {"diff_counts_code_points_not_bytes", diff_counts_code_points_not_bytes},
        {"diff_is_minimal_on_small_texts", diff_is_minimal_on_small_texts},
        {"diff_limits_keep_the_script_correct", diff_limits_keep_the_script_correct},
        {"diff_finds_the_true_edit", diff_finds_the_true_edit},
        {"diff_of_long_texts", diff_of_long_texts},
        {"diff_of_unrelated_texts", diff_of_unrelated_texts},
        {"cleanup_merges_chance_matches", cleanup_merges_chance_matches},
        {"cleanup_lets_a_coded_name_become_its_placeholder",
         cleanup_lets_a_coded_name_become_its_placeholder},
        {"cleanup_properties", cleanup_properties},
        {"script_push_keeps_the_canonical_form", script_push_keeps_the_canonical_form},
        {"remap_unchanged_and_moved", remap_unchanged_and_moved},
        {"remap_insertions_at_the_edges_are_outside", remap_insertions_at_the_edges_are_outside},
        {"remap_insertion_inside_grows", remap_insertion_inside_grows},
        {"remap_deletion_inside_shrinks", remap_deletion_inside_shrinks},
        {"remap_replacement_inside_is_covered", remap_replacement_inside_is_covered},
        {"remap_whole_replacement_keeps_the_coding", remap_whole_replacement_keeps_the_coding},
        {"remap_deleted_text_detaches", remap_deleted_text_detaches},
        {"remap_empty_spans_are_places", remap_empty_spans_are_places},
        {"remap_invalid_spans", remap_invalid_spans},
        {"remap_takes_any_valid_script", remap_takes_any_valid_script},
        {"remap_agrees_with_the_reference", remap_agrees_with_the_reference},
        {"remap_keeps_untouched_text", remap_keeps_untouched_text},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
