/* Krippendorff's unitizing alphas, against the published worked examples and against direct
 * implementations of the definitions written here afresh: character by character, and pair of
 * sections by pair of sections, with no sweep, no sorting and no sums by suffix. Random cases
 * from a fixed seed compare the two. */
#include "check.h"
#include "core/agree.h"
#include "core/rng.h"
#include "core/unitize.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXACT 1e-12

static void figure_at(struct agree_figure f, double value, double tolerance, int64_t n, int line)
{
    check_str(agree_status_text(f.status), agree_status_text(AGREE_DEFINED), "status", __FILE__,
              line);
    check_near(f.value, value, tolerance, "value", __FILE__, line);
    check_int(f.n, n, "n", __FILE__, line);
}

#define FIGURE_IS(f, value, tol, n) figure_at((f), (value), (tol), (n), __LINE__)
#define UNDEFINED_BECAUSE(f, why)   CHECK_INT((f).status, (why))

/* Krippendorff (2004), Content Analysis, 2nd ed., p. 254: two observers, a continuum from 150
 * to 450, categories c and k. The data as DKPro Statistics' Krippendorff2004Test gives them
 * (offset, length, observer, category), shifted here by -150 to start at 0:
 *   observer i: c 225+70, c 370+30, k 180+60, k 300+50
 *   observer j: c 220+80, c 355+20, c 400+20, k 180+60, k 300+50
 * Published: c: D_o = 0.0144, D_e = 0.0532, uα = 0.7286; k: D_o = 0, D_e = 0.0490, uα = 1;
 * DKPro's test gives 0.8591 for the two together. */
static const struct unitize_unit observer_i[] = {
    {{75, 145}, 0},
    {{220, 250}, 0},
    {{30, 90}, 1},
    {{150, 200}, 1},
};
static const struct unitize_unit observer_j[] = {
    {{70, 150}, 0}, {{205, 225}, 0}, {{250, 270}, 0}, {{30, 90}, 1}, {{150, 200}, 1},
};

static void krippendorff_2004_example(void)
{
    struct unitize *u = unitize_create(2, 2, UNITIZE_JOIN_TOUCHING);
    const struct unitize_unit *coders[] = {observer_i, observer_j};
    size_t counts[] = {4, 5};
    CHECK(unitize_add_source(u, 300, coders, counts));
    struct unitize_details c = unitize_alpha_2004(u, 0);
    FIGURE_IS(c.figure, 0.7286, 0.00005, 600);
    CHECK_NEAR(c.observed, 0.0144, 0.00005);
    CHECK_NEAR(c.expected, 0.0532, 0.00005);
    struct unitize_details k = unitize_alpha_2004(u, 1);
    FIGURE_IS(k.figure, 1.0, 0.00005, 600);
    CHECK_NEAR(k.observed, 0.0, 0.00005);
    CHECK_NEAR(k.expected, 0.0490, 0.00005);
    /* Over both categories, 1 - (D_o,c + D_o,k) / (D_e,c + D_e,k): exactly 0.85867. DKPro's
     * 0.8591 is 1 - 0.0144 / (0.0532 + 0.0490), from the rounded disagreements as printed (its
     * test allows 0.0005). */
    struct unitize_details both = unitize_alpha_2004(u, UNITIZE_ALL);
    FIGURE_IS(both.figure, 0.8591, 0.0005, 600);
    FIGURE_IS(both.figure, 1 - (c.observed + k.observed) / (c.expected + k.expected), EXACT, 600);
    CHECK_NEAR(1 - 0.0144 / (0.0532 + 0.0490), 0.8591, 0.00005);
    /* The units of c and k overlap within each observer: the 2004 coefficient takes one value
     * at a time and does not mind, the 2016 ones over the domain do. */
    UNDEFINED_BECAUSE(unitize_alpha(u).figure, AGREE_OVERLAPPING_VALUES);
    UNDEFINED_BECAUSE(unitize_coding_alpha(u).figure, AGREE_OVERLAPPING_VALUES);
    UNDEFINED_BECAUSE(unitize_binary_alpha(u, UNITIZE_ALL).figure, AGREE_OVERLAPPING_VALUES);
    CHECK_INT(unitize_binary_alpha(u, 0).figure.status, AGREE_DEFINED);
    unitize_destroy(u);
}

/* Krippendorff (2019), Content Analysis, 4th ed., Figure 12.11 (p. 340): three observers, a
 * continuum of 60, values 1 to 7, as the R package quallmer transcribes it in its tests
 * (1-based, inclusive positions there; 0-based, half-open here). Alex's units 33-37 and 38-44
 * of value 6 touch, and so do three of Suzan's: they stay apart, as in the book. Published
 * uα = 0.510 and |uα = 0.413. The definitions give 0.50998 and 0.41360: the book's |uα is
 * 1 - 26/44.3, the expected coincidences rounded to one decimal as printed, where exactly they
 * are 44.338; the test holds |uα to the exact value. */
static void krippendorff_2019_example(void)
{
    static const struct unitize_unit alex[] = {
        {{0, 7}, 1}, {{7, 13}, 2}, {{30, 32}, 5}, {{32, 37}, 6}, {{37, 44}, 6}, {{44, 60}, 7},
    };
    static const struct unitize_unit paul[] = {
        {{0, 7}, 1},
        {{7, 13}, 3},
        {{13, 21}, 5},
        {{32, 44}, 6},
    };
    static const struct unitize_unit suzan[] = {
        {{0, 7}, 1}, {{7, 13}, 4}, {{13, 21}, 5}, {{32, 37}, 6}, {{37, 41}, 6}, {{41, 44}, 6},
    };
    const struct unitize_unit *coders[] = {alex, paul, suzan};
    size_t counts[] = {6, 4, 6};
    struct unitize *u = unitize_create(3, 8, UNITIZE_JOIN_OVERLAPPING);
    CHECK(unitize_add_source(u, 60, coders, counts));
    FIGURE_IS(unitize_alpha(u).figure, 0.510, 0.0005, 180);
    FIGURE_IS(unitize_binary_alpha(u, UNITIZE_ALL).figure, 0.41360, 0.000005, 180);
    CHECK_NEAR(1 - 26 / 44.3, 0.413, 0.0005);
    /* Joined when they touch, as margin joins codings, the units change and so does uα. */
    struct unitize *joined = unitize_create(3, 8, UNITIZE_JOIN_TOUCHING);
    CHECK(unitize_add_source(joined, 60, coders, counts));
    CHECK(fabs(unitize_alpha(joined).figure.value - unitize_alpha(u).figure.value) > 0.001);
    CHECK_INT(unitize_coded(u, UNITIZE_ALL), unitize_coded(joined, UNITIZE_ALL));
    CHECK_INT(unitize_coded(u, 6), 12 + 12 + 12);
    unitize_destroy(joined);
    unitize_destroy(u);
}

/* Cuα: for one domain it is that domain's cuα; for two it sums their disagreeing observed and
 * expected coincidences before dividing. Alex's and Paul's units of the book's example (values 1
 * to 4 as one domain, 5 to 7 as another; both coders' units overlap in each). */
static void domains_coding_alpha(void)
{
    static const struct unitize_unit alex_a[] = {{{0, 7}, 1}, {{7, 13}, 2}};
    static const struct unitize_unit paul_a[] = {{{0, 7}, 1}, {{7, 13}, 3}};
    static const struct unitize_unit alex_b[] = {
        {{30, 32}, 0}, {{32, 37}, 1}, {{37, 44}, 1}, {{44, 60}, 2}};
    static const struct unitize_unit paul_b[] = {{{13, 21}, 0}, {{32, 44}, 1}, {{44, 50}, 0}};
    const struct unitize_unit *a[] = {alex_a, paul_a};
    const struct unitize_unit *b[] = {alex_b, paul_b};
    size_t counts_a[] = {2, 2};
    size_t counts_b[] = {4, 3};
    struct unitize *da = unitize_create(2, 4, UNITIZE_JOIN_OVERLAPPING);
    struct unitize *db = unitize_create(2, 3, UNITIZE_JOIN_OVERLAPPING);
    CHECK(unitize_add_source(da, 60, a, counts_a));
    CHECK(unitize_add_source(db, 60, b, counts_b));
    struct unitize_details ca = unitize_coding_alpha(da);
    struct unitize_details cb = unitize_coding_alpha(db);
    CHECK_INT(ca.figure.status, AGREE_DEFINED);
    CHECK_INT(cb.figure.status, AGREE_DEFINED);
    const struct unitize *one[] = {da};
    struct unitize_details only = unitize_domains_coding_alpha(one, 1);
    FIGURE_IS(only.figure, ca.figure.value, EXACT, ca.figure.n);
    const struct unitize *both[] = {da, db};
    struct unitize_details pooled = unitize_domains_coding_alpha(both, 2);
    double na = (double)ca.figure.n;
    double nb = (double)cb.figure.n;
    double expect =
        1 - (ca.observed * na + cb.observed * nb) / (ca.expected * na + cb.expected * nb);
    FIGURE_IS(pooled.figure, expect, 1e-12, ca.figure.n + cb.figure.n);
    CHECK(pooled.figure.value != ca.figure.value && pooled.figure.value != cb.figure.value);
    UNDEFINED_BECAUSE(unitize_domains_coding_alpha(both, 0).figure, AGREE_EMPTY);
    struct unitize *three = unitize_create(3, 2, UNITIZE_JOIN_OVERLAPPING);
    const struct unitize_unit *none[] = {NULL, NULL, NULL};
    size_t zero[] = {0, 0, 0};
    CHECK(unitize_add_source(three, 60, none, zero));
    const struct unitize *odd[] = {da, three};
    UNDEFINED_BECAUSE(unitize_domains_coding_alpha(odd, 2).figure, AGREE_NOT_TWO_CODERS);
    unitize_destroy(three);
    unitize_destroy(da);
    unitize_destroy(db);
}

/* --- Direct implementations ------------------------------------------------------------------ */

enum { MAX_CODERS = 4, MAX_VALUES = 3, MAX_SOURCES = 3, MAX_LENGTH = 40, GAP = -1 };

/* A case: per source and coder, each character's value or GAP; units are maximal runs of one
 * value (codings joined where they touch, as UNITIZE_JOIN_TOUCHING does). */
struct chars {
    int m;
    int v;
    int nsources;
    int length[MAX_SOURCES];
    int at[MAX_SOURCES][MAX_CODERS][MAX_LENGTH];
};

/* A segment of one coder's partition: a unit (value >= 0) or a gap run (GAP). */
struct run {
    int start;
    int end;
    int value;
};

/* The runs of coder i in source s; `view` maps a character's value to the category seen
 * (value, or GAP). */
static int runs_of(const struct chars *c, int s, int i, int (*view)(int, int), int arg,
                   struct run *out)
{
    int n = 0;
    for (int x = 0; x < c->length[s];) {
        int cat = view(c->at[s][i][x], arg);
        int y = x + 1;
        while (y < c->length[s] && view(c->at[s][i][y], arg) == cat)
            y++;
        out[n++] = (struct run){x, y, cat};
        x = y;
    }
    return n;
}

static int view_all(int value, int arg)
{
    (void)arg;
    return value;
}

static int view_one(int value, int arg)
{
    return value == arg ? 0 : GAP;
}

static int view_any(int value, int arg)
{
    (void)arg;
    return value == GAP ? GAP : 0;
}

/* The 2016 coefficients by their definitions. cat(c) = c for values, k-1 for the gap. */
struct direct {
    double l[MAX_VALUES + 1][MAX_VALUES + 1];
    double s[MAX_VALUES + 1];
    double s_star[MAX_VALUES + 1];
    int k;
};

static int cat_index(int value, int k)
{
    return value == GAP ? k - 1 : value;
}

/* Fills d for the view; with `units_apart` the binary view of every value keeps each value's
 * runs as units of their own (as the domain's |uα does). */
static void direct_matrix(const struct chars *c, int (*view)(int, int), int arg, int k,
                          struct direct *d)
{
    memset(d, 0, sizeof *d);
    d->k = k;
    int m = c->m;
    for (int s = 0; s < c->nsources; s++) {
        for (int x = 0; x < c->length[s]; x++)
            for (int i = 0; i < m; i++)
                for (int j = 0; j < m; j++)
                    if (i != j)
                        d->l[cat_index(view(c->at[s][i][x], arg), k)]
                            [cat_index(view(c->at[s][j][x], arg), k)] += 1.0 / (m - 1);
        for (int i = 0; i < m; i++) {
            /* Units are the runs of one value in the full view (so the units of different
             * values stay apart even where the view makes them one category). */
            struct run runs[MAX_LENGTH];
            int n = runs_of(c, s, i, view_all, 0, runs);
            for (int r = 0; r < n; r++) {
                int len = runs[r].end - runs[r].start;
                int cat = cat_index(view(runs[r].value, arg), k);
                if (view(runs[r].value, arg) == GAP) {
                    d->s[cat] += len;
                    continue;
                }
                d->s[cat] += (double)len * len;
                for (int j = 0; j < m; j++) {
                    if (j == i)
                        continue;
                    int shared = 0;
                    for (int x = runs[r].start; x < runs[r].end; x++)
                        shared += view(c->at[s][j][x], arg) != GAP;
                    d->s_star[cat] += (double)shared * shared / (m - 1);
                }
            }
        }
    }
}

/* Alpha over categories [0, k) of d with corrections s; NAN where undefined. */
static double direct_alpha(const struct direct *d, int k, const double *s)
{
    double total = 0;
    double agree = 0;
    double sum = 0;
    double rows[MAX_VALUES + 1] = {0};
    for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++)
            rows[a] += d->l[a][b];
        total += rows[a];
        agree += d->l[a][a];
        sum += s[a];
    }
    double expect = 0;
    for (int a = 0; a < k; a++)
        expect += total * (rows[a] * rows[a] - s[a]) / (total * total - sum);
    double de = total - expect;
    if (total == 0 || fabs(de) < 1e-9 * total)
        return NAN;
    return 1 - (total - agree) / de;
}

/* (k)uα of value `value` from the starred matrix; NAN where undefined. */
static double direct_value_alpha(const struct direct *d, int value)
{
    int k = d->k - 1;
    double total = 0;
    double sum = 0;
    double row = 0;
    for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++)
            total += d->l[a][b];
        sum += d->s_star[a];
    }
    for (int b = 0; b < k; b++)
        row += d->l[value][b];
    if (row == 0)
        return NAN;
    double e_row = 0;
    for (int b = 0; b < k; b++) {
        double other = 0;
        for (int a = 0; a < k; a++)
            other += d->l[b][a];
        e_row +=
            total * (row * other - (b == value ? d->s_star[value] : 0)) / (total * total - sum);
    }
    double e_kk = total * (row * row - d->s_star[value]) / (total * total - sum);
    double de = (e_row - e_kk) / e_row;
    if (fabs(de) < 1e-9)
        return NAN;
    return 1 - ((row - d->l[value][value]) / row) / de;
}

/* The 2004 coefficient of one value by its definition: every pair of sections of every pair
 * of coders, and every unit against every gap. Returns D_o and D_e through the pointers. */
static void direct_2004(const struct chars *c, int value, double *observed, double *expected)
{
    int m = c->m;
    int total = 0;
    for (int s = 0; s < c->nsources; s++)
        total += c->length[s];
    double pairs = 0;
    double units[MAX_SOURCES * MAX_CODERS * MAX_LENGTH];
    double gaps[MAX_SOURCES * MAX_CODERS * MAX_LENGTH];
    int nu = 0;
    int ng = 0;
    for (int s = 0; s < c->nsources; s++) {
        struct run runs[MAX_CODERS][MAX_LENGTH];
        int n[MAX_CODERS];
        for (int i = 0; i < m; i++) {
            n[i] = runs_of(c, s, i, view_one, value, runs[i]);
            for (int r = 0; r < n[i]; r++) {
                double len = runs[i][r].end - runs[i][r].start;
                if (runs[i][r].value == GAP)
                    gaps[ng++] = len;
                else
                    units[nu++] = len;
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                for (int g = 0; g < n[i]; g++) {
                    for (int h = 0; h < n[j]; h++) {
                        struct run a = runs[i][g];
                        struct run b = runs[j][h];
                        if (!(a.start < b.end && b.start < a.end))
                            continue;
                        bool au = a.value != GAP;
                        bool bu = b.value != GAP;
                        double la = a.end - a.start;
                        double lb = b.end - b.start;
                        if (au && bu)
                            pairs += (double)(a.start - b.start) * (a.start - b.start) +
                                     (double)(a.end - b.end) * (a.end - b.end);
                        else if (au && b.start <= a.start && a.end <= b.end)
                            pairs += la * la;
                        else if (bu && a.start <= b.start && b.end <= a.end)
                            pairs += lb * lb;
                    }
                }
            }
        }
    }
    *observed = total ? 2 * pairs / ((double)m * (m - 1) * total * total) : 0;
    double sum = 0;
    double squares = 0;
    for (int g = 0; g < nu; g++) {
        double l = units[g];
        double fit = 0;
        for (int h = 0; h < ng; h++)
            if (gaps[h] >= l)
                fit += gaps[h] - l + 1;
        sum += (nu - 1) * (2 * l * l * l - 3 * l * l + l) / 3 + l * l * fit;
        squares += l * (l - 1);
    }
    double den = (double)m * total * ((double)m * total - 1) - squares;
    *expected = den > 0 && total ? 2.0 / total * sum / den : 0;
}

/* A random case: each coder's characters, in runs of random values and gaps. */
static void random_chars(struct rng *r, struct chars *c)
{
    c->m = 2 + (int)rng_below(r, 3);
    c->v = 1 + (int)rng_below(r, MAX_VALUES);
    c->nsources = 1 + (int)rng_below(r, MAX_SOURCES);
    int style = (int)rng_below(r, 4);
    for (int s = 0; s < c->nsources; s++) {
        c->length[s] = (int)rng_below(r, MAX_LENGTH + 1);
        for (int i = 0; i < c->m; i++) {
            for (int x = 0; x < c->length[s];) {
                int len = 1 + (int)rng_below(r, style == 0 ? 3 : 12);
                int value = rng_below(r, 2) ? GAP : (int)rng_below(r, (uint64_t)c->v);
                if (style == 3 && i > 0 && rng_below(r, 3) > 0) {
                    /* Mostly copy the first coder. */
                    c->at[s][i][x] = c->at[s][0][x];
                    x++;
                    continue;
                }
                for (int y = x; y < x + len && y < c->length[s]; y++)
                    c->at[s][i][y] = value;
                x += len;
            }
        }
    }
}

/* The case as codings: each run of a value, sometimes cut in two touching or overlapping
 * pieces (joined again as runs), sometimes reaching past the source. */
static struct unitize *as_codings(struct rng *r, const struct chars *c)
{
    struct unitize *u = unitize_create((size_t)c->m, (size_t)c->v, UNITIZE_JOIN_TOUCHING);
    for (int s = 0; s < c->nsources; s++) {
        struct unitize_unit codings[MAX_CODERS][2 * MAX_LENGTH];
        const struct unitize_unit *coders[MAX_CODERS];
        size_t counts[MAX_CODERS];
        for (int i = 0; i < c->m; i++) {
            struct run runs[MAX_LENGTH];
            int n = runs_of(c, s, i, view_all, 0, runs);
            size_t k = 0;
            for (int q = 0; q < n; q++) {
                if (runs[q].value == GAP)
                    continue;
                int64_t a = runs[q].start;
                int64_t b = runs[q].end;
                uint32_t v = (uint32_t)runs[q].value;
                if (b == c->length[s] && rng_below(r, 2))
                    b += 5;
                if (b - a >= 2 && rng_below(r, 2)) {
                    int64_t cut = a + 1 + (int64_t)rng_below(r, (uint64_t)(b - a - 1));
                    int64_t overlap = (int64_t)rng_below(r, 2);
                    codings[i][k++] = (struct unitize_unit){{cut - overlap, b}, v};
                    b = cut;
                }
                codings[i][k++] = (struct unitize_unit){{a, b}, v};
            }
            coders[i] = codings[i];
            counts[i] = k;
        }
        CHECK(unitize_add_source(u, c->length[s], coders, counts));
    }
    return u;
}

/* Figures that came out zero (any figure whose exact value is zero must be +0.0). */
static int zeros;

static void same_at(struct agree_figure f, double want, const char *what, int line)
{
    if (f.status == AGREE_DEFINED && fabs(f.value) < 1e-12) {
        check_true(f.value == 0 && !signbit(f.value), "zero is +0.0", __FILE__, line);
        zeros++;
        if (getenv("SHOW_ZEROS"))
            printf("# zero: %s\n", what);
    }
    if (isnan(want)) {
        check_true(f.status != AGREE_DEFINED, what, __FILE__, line);
        return;
    }
    check_str(agree_status_text(f.status), agree_status_text(AGREE_DEFINED), what, __FILE__, line);
    check_near(f.value, want, 1e-9, what, __FILE__, line);
}

#define SAME(f, want, what) same_at((f), (want), (what), __LINE__)

static void random_cases_match_the_definitions(void)
{
    struct rng r;
    rng_seed(&r, 20240611);
    int defined = 0;
    for (int t = 0; t < 1500; t++) {
        struct chars c;
        random_chars(&r, &c);
        struct unitize *u = as_codings(&r, &c);
        int total = 0;
        for (int s = 0; s < c.nsources; s++)
            total += c.length[s];

        struct direct d;
        direct_matrix(&c, view_all, 0, c.v + 1, &d);
        struct unitize_details alpha = unitize_alpha(u);
        SAME(alpha.figure, direct_alpha(&d, c.v + 1, d.s), "alpha");
        if (c.m == 2)
            SAME(unitize_coding_alpha(u).figure, direct_alpha(&d, c.v, d.s_star), "coding alpha");
        else if (total > 0)
            UNDEFINED_BECAUSE(unitize_coding_alpha(u).figure, AGREE_NOT_TWO_CODERS);
        for (int v = 0; v < c.v; v++) {
            if (c.m == 2)
                SAME(unitize_value_alpha(u, (size_t)v).figure, direct_value_alpha(&d, v),
                     "value alpha");
            struct direct one;
            direct_matrix(&c, view_one, v, 2, &one);
            SAME(unitize_binary_alpha(u, (size_t)v).figure, direct_alpha(&one, 2, one.s),
                 "binary alpha of a value");
            double o;
            double e;
            direct_2004(&c, v, &o, &e);
            struct unitize_details old = unitize_alpha_2004(u, (size_t)v);
            SAME(old.figure, e > 1e-12 ? 1 - o / e : NAN, "2004 alpha");
            if (old.figure.status == AGREE_DEFINED) {
                CHECK_NEAR(old.observed, o, 1e-12);
                CHECK_NEAR(old.expected, e, 1e-12);
            }
        }
        struct direct any;
        direct_matrix(&c, view_any, 0, 2, &any);
        SAME(unitize_binary_alpha(u, UNITIZE_ALL).figure, direct_alpha(&any, 2, any.s),
             "binary alpha of the domain");
        if (alpha.figure.status == AGREE_DEFINED) {
            CHECK_INT(alpha.figure.n, c.m * total);
            defined++;
        }
        unitize_destroy(u);
    }
    /* Most cases must have said something, and some of them zero. */
    CHECK(defined > 1000);
    CHECK(zeros > 10);
}

/* Units of one character, each apart from the next: then |uα of a value is binary alpha over
 * characters (Krippendorff 2011, as core/agree.h computes it and nltk confirms), since
 * l^2 = l for every unit and the correction is the usual n_c. */
static void single_characters_are_binary_alpha(void)
{
    struct rng r;
    rng_seed(&r, 3);
    for (int t = 0; t < 200; t++) {
        int m = 2 + (int)rng_below(&r, 3);
        int length = 2 + (int)rng_below(&r, 30);
        struct unitize_unit units[MAX_CODERS][MAX_LENGTH];
        struct span spans[MAX_CODERS][MAX_LENGTH];
        const struct unitize_unit *coders[MAX_CODERS];
        struct span *span_coders[MAX_CODERS];
        size_t counts[MAX_CODERS];
        for (int i = 0; i < m; i++) {
            size_t k = 0;
            for (int x = 0; x < length; x += 1 + (int)rng_below(&r, 3)) {
                if (rng_below(&r, 2)) {
                    units[i][k] = (struct unitize_unit){{x, x + 1}, 0};
                    spans[i][k++] = (struct span){x, x + 1};
                    x++; /* keep a gap after it, so that no two units touch */
                }
            }
            coders[i] = units[i];
            span_coders[i] = spans[i];
            counts[i] = k;
        }
        struct unitize *u = unitize_create((size_t)m, 1, UNITIZE_JOIN_TOUCHING);
        CHECK(unitize_add_source(u, length, coders, counts));
        struct agree_coincidence c = {0, 0, 0};
        CHECK(agree_coincidence_add(&c, span_coders, counts, (size_t)m, length));
        struct agree_figure want = agree_alpha_binary(&c);
        struct agree_figure got = unitize_binary_alpha(u, 0).figure;
        CHECK_INT(got.status == AGREE_DEFINED, want.status == AGREE_DEFINED);
        if (want.status == AGREE_DEFINED)
            CHECK_NEAR(got.value, want.value, 1e-9);
        /* With one value the domain's uα is the value's |uα. */
        struct agree_figure all = unitize_alpha(u).figure;
        if (all.status == AGREE_DEFINED)
            CHECK_NEAR(all.value, got.value, 1e-9);
        unitize_destroy(u);
    }
}

/* Identical coding agrees perfectly; the statuses say why a figure is undefined. */
static void identical_and_undefined(void)
{
    static const struct unitize_unit a[] = {{{2, 9}, 0}, {{12, 20}, 1}};
    const struct unitize_unit *same[] = {a, a, a};
    size_t counts[] = {2, 2, 2};
    struct unitize *u = unitize_create(3, 2, UNITIZE_JOIN_TOUCHING);
    CHECK(unitize_add_source(u, 30, same, counts));
    FIGURE_IS(unitize_alpha(u).figure, 1.0, EXACT, 90);
    FIGURE_IS(unitize_binary_alpha(u, UNITIZE_ALL).figure, 1.0, EXACT, 90);
    UNDEFINED_BECAUSE(unitize_coding_alpha(u).figure, AGREE_NOT_TWO_CODERS);
    UNDEFINED_BECAUSE(unitize_value_alpha(u, 1).figure, AGREE_NOT_TWO_CODERS);
    FIGURE_IS(unitize_alpha_2004(u, UNITIZE_ALL).figure, 1.0, EXACT, 90);
    CHECK_INT(unitize_coded(u, 0), 21);
    unitize_destroy(u);
    u = unitize_create(2, 2, UNITIZE_JOIN_TOUCHING);
    CHECK(unitize_add_source(u, 30, same, counts));
    FIGURE_IS(unitize_coding_alpha(u).figure, 1.0, EXACT, 30);
    FIGURE_IS(unitize_value_alpha(u, 1).figure, 1.0, EXACT, 16);
    UNDEFINED_BECAUSE(unitize_value_alpha(u, 2).figure, AGREE_BAD_CATEGORIES);
    unitize_destroy(u);

    /* Nobody coded anything. */
    const struct unitize_unit *none[] = {NULL, NULL};
    size_t zero[] = {0, 0};
    u = unitize_create(2, 1, UNITIZE_JOIN_TOUCHING);
    CHECK(unitize_add_source(u, 10, none, zero));
    UNDEFINED_BECAUSE(unitize_alpha(u).figure, AGREE_CODE_UNUSED);
    UNDEFINED_BECAUSE(unitize_binary_alpha(u, 0).figure, AGREE_CODE_UNUSED);
    UNDEFINED_BECAUSE(unitize_coding_alpha(u).figure, AGREE_CODE_UNUSED);
    UNDEFINED_BECAUSE(unitize_value_alpha(u, 0).figure, AGREE_CODE_UNUSED);
    UNDEFINED_BECAUSE(unitize_alpha_2004(u, 0).figure, AGREE_CODE_UNUSED);
    unitize_destroy(u);

    /* Units that never meet: no coding alpha. */
    static const struct unitize_unit left[] = {{{0, 4}, 0}};
    static const struct unitize_unit right[] = {{{6, 10}, 0}};
    const struct unitize_unit *apart[] = {left, right};
    size_t one[] = {1, 1};
    u = unitize_create(2, 1, UNITIZE_JOIN_TOUCHING);
    CHECK(unitize_add_source(u, 10, apart, one));
    UNDEFINED_BECAUSE(unitize_coding_alpha(u).figure, AGREE_NO_OVERLAP);
    UNDEFINED_BECAUSE(unitize_value_alpha(u, 0).figure, AGREE_NO_OVERLAP);
    CHECK_INT(unitize_alpha(u).figure.status, AGREE_DEFINED);
    CHECK_STR(agree_status_text(AGREE_NO_OVERLAP), "no two coders' units overlap");
    unitize_destroy(u);

    /* Everything one unit for both: no variation. */
    static const struct unitize_unit whole[] = {{{0, 10}, 0}};
    const struct unitize_unit *all[] = {whole, whole};
    u = unitize_create(2, 1, UNITIZE_JOIN_TOUCHING);
    CHECK(unitize_add_source(u, 10, all, one));
    UNDEFINED_BECAUSE(unitize_alpha(u).figure, AGREE_NO_VARIATION);
    unitize_destroy(u);

    /* No characters, one coder, a value out of range. */
    u = unitize_create(2, 1, UNITIZE_JOIN_TOUCHING);
    UNDEFINED_BECAUSE(unitize_alpha(u).figure, AGREE_EMPTY);
    UNDEFINED_BECAUSE(unitize_alpha_2004(u, 0).figure, AGREE_EMPTY);
    static const struct unitize_unit bad[] = {{{0, 4}, 1}};
    const struct unitize_unit *wrong[] = {bad, bad};
    CHECK(!unitize_add_source(u, 10, wrong, one));
    UNDEFINED_BECAUSE(unitize_alpha(u).figure, AGREE_EMPTY);
    unitize_destroy(u);
    u = unitize_create(1, 1, UNITIZE_JOIN_TOUCHING);
    UNDEFINED_BECAUSE(unitize_alpha(u).figure, AGREE_TOO_FEW_CODERS);
    UNDEFINED_BECAUSE(unitize_alpha_2004(u, 0).figure, AGREE_TOO_FEW_CODERS);
    unitize_destroy(u);
    CHECK(unitize_create(0, 1, UNITIZE_JOIN_TOUCHING) == NULL);
    CHECK(unitize_create(2, 0, UNITIZE_JOIN_TOUCHING) == NULL);
    unitize_destroy(NULL);
}

/* Several sources are summed, never joined across their ends: a unit that ends one source and
 * one that starts the next stay two units, unlike the same units in one source. */
static void sources_do_not_join(void)
{
    static const struct unitize_unit tail[] = {{{5, 10}, 0}};
    static const struct unitize_unit head[] = {{{0, 5}, 0}};
    static const struct unitize_unit other[] = {{{3, 8}, 0}};
    const struct unitize_unit *first[] = {tail, other};
    const struct unitize_unit *second[] = {head, other};
    size_t one[] = {1, 1};
    struct unitize *two = unitize_create(2, 1, UNITIZE_JOIN_TOUCHING);
    CHECK(unitize_add_source(two, 10, first, one));
    CHECK(unitize_add_source(two, 10, second, one));
    static const struct unitize_unit across[] = {{{5, 15}, 0}};
    static const struct unitize_unit others[] = {{{3, 8}, 0}, {{13, 18}, 0}};
    const struct unitize_unit *joined[] = {across, others};
    size_t counts[] = {1, 2};
    struct unitize *one_source = unitize_create(2, 1, UNITIZE_JOIN_TOUCHING);
    CHECK(unitize_add_source(one_source, 20, joined, counts));
    struct agree_figure a = unitize_alpha(two).figure;
    struct agree_figure b = unitize_alpha(one_source).figure;
    CHECK_INT(a.n, 40);
    CHECK_INT(b.n, 40);
    CHECK(fabs(a.value - b.value) > 0.001);
    /* The observed coincidences are the same; only the expected ones differ (5^2 + 5^2 against
     * 10^2 for the first coder's units). */
    CHECK_NEAR(unitize_alpha(two).observed, unitize_alpha(one_source).observed, EXACT);
    unitize_destroy(two);
    unitize_destroy(one_source);
}

/* A figure that is exactly zero is +0.0, never -0.0 or rounding noise (which prints as
 * -0.000). By hand: in a source of 3, A = [0,1) and B = [0,3) give l_11 = 2, l_1φ = l_φ1 = 2,
 * S_1 = 1 + 9, S_φ = 2, so e_11 = 6 (16 - 10) / 24 = 1.5, e_φφ = 0.5 and D_o = D_e = 4: uα = 0.
 * In a source of 6, A = [1,4) and B = [2,5) give D_o = 2 * 2 / (2 * 36) = 1/18 and
 * D_e = 2/6 * 2 * (1 * 30 / 3) / (12 * 11 - 12) = 1/18: the 2004 uα = 0. The random cases
 * above check the same for every zero they meet. */
static void exact_zero_is_positive_zero(void)
{
    static const struct unitize_unit a[] = {{{0, 1}, 0}};
    static const struct unitize_unit b[] = {{{0, 3}, 0}};
    const struct unitize_unit *coders[] = {a, b};
    size_t counts[] = {1, 1};
    struct unitize *u = unitize_create(2, 1, UNITIZE_JOIN_TOUCHING);
    CHECK(unitize_add_source(u, 3, coders, counts));
    struct agree_figure f = unitize_alpha(u).figure;
    FIGURE_IS(f, 0.0, EXACT, 6);
    CHECK(f.value == 0 && !signbit(f.value));
    unitize_destroy(u);

    static const struct unitize_unit c[] = {{{1, 4}, 0}};
    static const struct unitize_unit d[] = {{{2, 5}, 0}};
    const struct unitize_unit *others[] = {c, d};
    u = unitize_create(2, 1, UNITIZE_JOIN_TOUCHING);
    CHECK(unitize_add_source(u, 6, others, counts));
    struct unitize_details old = unitize_alpha_2004(u, 0);
    FIGURE_IS(old.figure, 0.0, EXACT, 12);
    CHECK(old.figure.value == 0 && !signbit(old.figure.value));
    CHECK_NEAR(old.observed, 1.0 / 18, EXACT);
    CHECK_NEAR(old.expected, 1.0 / 18, EXACT);
    unitize_destroy(u);
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"krippendorff_2004_example", krippendorff_2004_example},
        {"krippendorff_2019_example", krippendorff_2019_example},
        {"domains_coding_alpha", domains_coding_alpha},
        {"random_cases_match_the_definitions", random_cases_match_the_definitions},
        {"single_characters_are_binary_alpha", single_characters_are_binary_alpha},
        {"identical_and_undefined", identical_and_undefined},
        {"sources_do_not_join", sources_do_not_join},
        {"exact_zero_is_positive_zero", exact_zero_is_positive_zero},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
