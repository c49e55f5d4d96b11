/* Reproducible random numbers and bootstrap distributions. The generator is checked against
 * xoshiro256** and splitmix64 written afresh from Blackman and Vigna's published algorithm (in
 * Python, outside this repository); the bootstraps against what their definitions imply: the
 * KALPHA resampling of pairs has mean alpha and standard deviation sqrt(D_o (1 - D_o) / M) / D_e
 * for nominal data, and the kappa bootstrap equals a direct resampling of the units drawn with
 * the same generator. */
#include "check.h"
#include "core/bootstrap.h"
#include "core/rng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EXACT 1e-12

static void rng_reference_values(void)
{
    struct rng r;
    rng_seed(&r, 0);
    CHECK(rng_next(&r) == 0x99ec5f36cb75f2b4u);
    CHECK(rng_next(&r) == 0xbf6e1f784956452au);
    CHECK(rng_next(&r) == 0x1a5f849d4933e6e0u);
    rng_seed(&r, 20240611);
    CHECK(rng_next(&r) == 0x38a5a8bd217cdba8u);
    CHECK(rng_next(&r) == 0x46e131b551146970u);
    CHECK(rng_next(&r) == 0xfefc73ed31d5155cu);
}

/* rng_below stays below its bound and hits every number about equally often; the counts come
 * from a fixed seed, so the bounds are not a matter of luck from run to run. */
static void rng_below_is_even(void)
{
    struct rng r;
    rng_seed(&r, 7);
    int counts[3] = {0, 0, 0};
    for (int i = 0; i < 30000; i++) {
        uint64_t x = rng_below(&r, 3);
        CHECK(x < 3);
        if (x < 3)
            counts[x]++;
    }
    for (int i = 0; i < 3; i++)
        CHECK(counts[i] > 9700 && counts[i] < 10300);
    CHECK_INT(rng_below(&r, 0), 0);
    CHECK_INT(rng_below(&r, 1), 0);
    uint64_t big = UINT64_C(3) << 62;
    for (int i = 0; i < 1000; i++)
        CHECK(rng_below(&r, big) < big);
    double sum = 0;
    for (int i = 0; i < 10000; i++) {
        double u = rng_uniform(&r);
        CHECK(u >= 0 && u < 1);
        sum += u;
    }
    CHECK_NEAR(sum / 10000, 0.5, 0.01);
}

static struct ratings *table(size_t ncoders, const double *rows, size_t nunits)
{
    struct ratings *r = ratings_create(ncoders);
    for (size_t u = 0; r && u < nunits; u++)
        CHECK(ratings_add_unit(r, rows + u * ncoders));
    return r;
}

/* Krippendorff (2011), section C: four observers, twelve units, missing values. */
#define M NAN
static const double four_observers[] = {
    1, 1, M, 1, 2, 2, 3, 2, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 1, 2, 3, 4,
    4, 4, 4, 4, 1, 1, 2, 1, 2, 2, 2, 2, M, 5, 5, 5, M, M, 1, 1, M, 3, M, M,
};
#undef M

static double mean_of(const double *v, size_t n)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += v[i];
    return sum / (double)n;
}

static double sd_of(const double *v, size_t n)
{
    double mean = mean_of(v, n);
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += (v[i] - mean) * (v[i] - mean);
    return sqrt(sum / (double)(n - 1));
}

/* The resampled pairs: M = min(25 q, (m - 1) n / 2). Here n = 40 pairable values, m = 4, and
 * the nominal coincidence matrix has q = 10 cells above zero (five diagonal ones, and 1-2, 2-3,
 * 3-4 ... counted both ways; see the count below), so M = min(250, 60) = 60. Each draw's
 * difference is 0 or 1 with mean D_o, so alpha* has mean alpha and standard deviation
 * sqrt(D_o (1 - D_o) / M) / D_e; 20000 resamples from a fixed seed must show both. */
static void alpha_resamples_pairs_as_kalpha(void)
{
    struct ratings *r = table(4, four_observers, 12);
    struct ratings_coincidence *cells;
    size_t ncells;
    ratings_coincidences(r, RATINGS_NOMINAL, &cells, &ncells);
    size_t q = 0;
    for (size_t i = 0; i < ncells; i++)
        q += cells[i].c == cells[i].k ? 1 : 2;
    free(cells);
    int64_t want_draws = 25 * (int64_t)q < 60 ? 25 * (int64_t)q : 60;

    struct bootstrap *b = bootstrap_alpha(r, RATINGS_NOMINAL, 20000, 1);
    CHECK(b != NULL);
    struct ratings_details d = ratings_explain(r, RATINGS_ALPHA, RATINGS_NOMINAL);
    CHECK_NEAR(bootstrap_estimate(b).value, 113.0 / 152.0, EXACT);
    CHECK_INT(bootstrap_draws(b), want_draws);
    CHECK_INT(bootstrap_resamples(b), 20000);
    CHECK_INT(bootstrap_count(b), 20000);
    const double *v = bootstrap_values(b);
    double sd = sqrt(d.observed * (1 - d.observed) / (double)want_draws) / d.expected;
    /* Five standard errors of the mean. */
    CHECK_NEAR(mean_of(v, 20000), d.figure.value, 5 * sd / sqrt(20000));
    CHECK_NEAR(sd_of(v, 20000), sd, 0.03 * sd);
    for (size_t i = 1; i < 20000; i++)
        CHECK(v[i - 1] <= v[i]);
    CHECK(v[0] >= -1 && v[19999] <= 1);
    bootstrap_destroy(b);
    ratings_destroy(r);
}

/* The same data and seed give the same distribution; another seed another one. */
static void same_seed_same_distribution(void)
{
    struct ratings *r = table(4, four_observers, 12);
    struct bootstrap *a = bootstrap_alpha(r, RATINGS_INTERVAL, 1000, 42);
    struct bootstrap *b = bootstrap_alpha(r, RATINGS_INTERVAL, 1000, 42);
    struct bootstrap *c = bootstrap_alpha(r, RATINGS_INTERVAL, 1000, 43);
    CHECK(memcmp(bootstrap_values(a), bootstrap_values(b), 1000 * sizeof(double)) == 0);
    CHECK(memcmp(bootstrap_values(a), bootstrap_values(c), 1000 * sizeof(double)) != 0);
    bootstrap_destroy(a);
    bootstrap_destroy(b);
    bootstrap_destroy(c);
    ratings_destroy(r);
}

/* KALPHA's interval of 1000 sorted figures runs from the 25th to the 976th; q is the share
 * below the minimum. */
static void interval_and_probability_below(void)
{
    struct ratings *r = table(4, four_observers, 12);
    struct bootstrap *b = bootstrap_alpha(r, RATINGS_ORDINAL, 1000, 5);
    const double *v = bootstrap_values(b);
    struct bootstrap_interval ci = bootstrap_interval(b, BOOTSTRAP_LEVEL);
    CHECK_INT(ci.status, AGREE_DEFINED);
    CHECK(ci.lower == v[24]);
    CHECK(ci.upper == v[975]);
    ci = bootstrap_interval(b, 0.90);
    CHECK(ci.lower == v[49]);
    CHECK(ci.upper == v[950]);
    ci = bootstrap_interval(b, 0.99999);
    CHECK(ci.lower == v[0]);
    CHECK(ci.upper == v[999]);
    for (int i = 0; i < 3; i++) {
        double minimum = (double[]){0.667, 0.8, v[500]}[i];
        size_t below = 0;
        for (size_t k = 0; k < 1000; k++)
            below += v[k] < minimum;
        struct agree_figure q = bootstrap_below(b, minimum);
        CHECK_NEAR(q.value, (double)below / 1000, EXACT);
        CHECK_INT(q.n, 1000);
    }
    CHECK(!signbit(bootstrap_below(b, -2).value));
    bootstrap_destroy(b);
    ratings_destroy(r);
}

/* No variation: alpha is undefined, and so are its interval and q. */
static void undefined_alpha_has_no_distribution(void)
{
    static const double same[] = {3, 3, 3, 3};
    struct ratings *r = table(2, same, 2);
    struct bootstrap *b = bootstrap_alpha(r, RATINGS_NOMINAL, 1000, 1);
    CHECK(b != NULL);
    CHECK_INT(bootstrap_estimate(b).status, AGREE_NO_VARIATION);
    CHECK_INT(bootstrap_count(b), 0);
    CHECK_INT(bootstrap_interval(b, 0.95).status, AGREE_NO_VARIATION);
    CHECK_INT(bootstrap_below(b, 0.8).status, AGREE_NO_VARIATION);
    bootstrap_destroy(b);
    bootstrap_destroy(NULL);
    ratings_destroy(r);
}

/* One diagonal cell only (one value agreed on, the rest disagreements): a resample that drew
 * that cell every time has no variation and counts as 0, never 1. Two units (1,1) and one
 * (1,2): cells 1-1 (p = 4/6) and 1-2 (p = 2/6), M = min(25 * 3, 3) = 3, D_e = 1/3, so
 * alpha* = 1 - (differences drawn). Without the rule, the (2/3)^3 of resamples that drew 1-1
 * only would be 1; with it they join those that drew 1-2 once: (8 + 12) / 27 of 3000, about
 * 2222, are 0. */
static void a_lone_diagonal_cell_counts_as_zero(void)
{
    static const double rows[] = {1, 1, 1, 1, 1, 2};
    struct ratings *r = table(2, rows, 3);
    struct bootstrap *b = bootstrap_alpha(r, RATINGS_NOMINAL, 3000, 9);
    CHECK_INT(bootstrap_draws(b), 3);
    const double *v = bootstrap_values(b);
    size_t zeros = 0;
    for (size_t i = 0; i < 3000; i++) {
        CHECK(v[i] < 1);
        CHECK(v[i] == 0 || v[i] == -1);
        zeros += v[i] == 0;
    }
    CHECK(zeros > 2100 && zeros < 2350);
    bootstrap_destroy(b);
    ratings_destroy(r);
}

static int double_compare(const void *x, const void *y)
{
    double p = *(const double *)x;
    double q = *(const double *)y;
    return (p > q) - (p < q);
}

/* Kappa over units: the distribution equals kappa of the units a generator with the same seed
 * draws, computed by ratings_cohen_kappa() on a table of its own. */
static void kappa_resamples_units(void)
{
    enum { UNITS = 40, RESAMPLES = 200 };
    double rows[2 * UNITS];
    struct rng g;
    rng_seed(&g, 99);
    for (int u = 0; u < UNITS; u++) {
        rows[2 * u] = (double)rng_below(&g, 3);
        rows[2 * u + 1] = rng_below(&g, 4) == 0 ? (double)rng_below(&g, 3) : rows[2 * u];
    }
    rows[7] = NAN; /* unit 3 lacks the second value: it is not drawn */
    struct ratings *r = table(2, rows, UNITS);
    struct bootstrap *b = bootstrap_cohen_kappa(r, RESAMPLES, 12345);
    CHECK(b != NULL);
    CHECK_INT(bootstrap_draws(b), UNITS - 1);
    CHECK_NEAR(bootstrap_estimate(b).value, ratings_cohen_kappa(r).value, EXACT);

    double expect[RESAMPLES];
    size_t n = 0;
    struct rng d;
    rng_seed(&d, 12345);
    for (int x = 0; x < RESAMPLES; x++) {
        struct ratings *s = ratings_create(2);
        for (int k = 0; k < UNITS - 1; k++) {
            size_t pick = (size_t)rng_below(&d, UNITS - 1);
            size_t unit = pick < 3 ? pick : pick + 1;
            CHECK(ratings_add_unit(s, rows + 2 * unit));
        }
        struct agree_figure f = ratings_cohen_kappa(s);
        if (f.status == AGREE_DEFINED)
            expect[n++] = f.value;
        ratings_destroy(s);
    }
    qsort(expect, n, sizeof *expect, double_compare);
    CHECK_INT(bootstrap_count(b), n);
    CHECK(n > RESAMPLES / 2);
    const double *v = bootstrap_values(b);
    for (size_t i = 0; i < n && i < bootstrap_count(b); i++)
        CHECK_NEAR(v[i], expect[i], EXACT);
    bootstrap_destroy(b);
    ratings_destroy(r);
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"rng_reference_values", rng_reference_values},
        {"rng_below_is_even", rng_below_is_even},
        {"alpha_resamples_pairs_as_kalpha", alpha_resamples_pairs_as_kalpha},
        {"same_seed_same_distribution", same_seed_same_distribution},
        {"interval_and_probability_below", interval_and_probability_below},
        {"undefined_alpha_has_no_distribution", undefined_alpha_has_no_distribution},
        {"a_lone_diagonal_cell_counts_as_zero", a_lone_diagonal_cell_counts_as_zero},
        {"kappa_resamples_units", kappa_resamples_units},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
