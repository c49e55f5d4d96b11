/* The character-level diff: hand-written cases for every kind of change and every edge, and
 * properties over random texts and edits (seeded): the script turns the old text into the new
 * one, and it is as short as a brute-force dynamic programme says on small texts. */
#include "check.h"
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
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
