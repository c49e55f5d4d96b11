/* Agreement on unit-level data, against the published worked examples of Krippendorff (2011)
 * and Fleiss (1971), and against sklearn 1.2.1 and nltk 3.8 as shipped by Debian 12. */
#include "check.h"
#include "core/ratings.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>

#define EXACT 1e-12

/* Builds a table from rows of `ncoders` values (NAN = missing). */
static struct ratings *table(size_t ncoders, const double *rows, size_t nunits)
{
    struct ratings *r = ratings_create(ncoders);
    CHECK(r != NULL);
    for (size_t u = 0; r && u < nunits; u++)
        CHECK(ratings_add_unit(r, rows + u * ncoders));
    return r;
}

/* Reports the caller's line. */
static void figure_at(struct agree_figure f, double value, double tolerance, int64_t n, int line)
{
    check_str(agree_status_text(f.status), agree_status_text(AGREE_DEFINED), "status", __FILE__,
              line);
    check_near(f.value, value, tolerance, "value", __FILE__, line);
    check_int(f.n, n, "n", __FILE__, line);
}

#define FIGURE_IS(f, value, tol, n) figure_at((f), (value), (tol), (n), __LINE__)
#define UNDEFINED_BECAUSE(f, why)   CHECK_INT((f).status, (why))

/* Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section B: nominal data,
 * two observers, 12 units, no missing data. Values a..e are 1..5 here.
 *   observer 1: a a b b d c c c e d d a
 *   observer 2: b a b b b c c c e d d d
 * Published alpha 0.692; exactly 155/224 (nltk: 0.6919642857142858). For the same data
 * sklearn's cohen_kappa_score gives 13/19, nltk's pi 19/28 and avg_Ao 0.75. */
static const double two_observers[] = {
    1, 2, 1, 1, 2, 2, 2, 2, 4, 2, 3, 3, 3, 3, 3, 3, 5, 5, 4, 4, 4, 4, 1, 4,
};

static void krippendorff_2011_two_observers(void)
{
    struct ratings *r = table(2, two_observers, 12);
    FIGURE_IS(ratings_alpha(r, RATINGS_NOMINAL), 0.692, 0.0005, 24);
    FIGURE_IS(ratings_alpha(r, RATINGS_NOMINAL), 155.0 / 224.0, EXACT, 24);
    FIGURE_IS(ratings_cohen_kappa(r), 13.0 / 19.0, EXACT, 12);
    FIGURE_IS(ratings_scott_pi(r), 19.0 / 28.0, EXACT, 12);
    FIGURE_IS(ratings_percent(r), 0.75, EXACT, 12);
    /* Fleiss' kappa for two coders is Scott's pi. */
    FIGURE_IS(ratings_fleiss_kappa(r), 19.0 / 28.0, EXACT, 12);
    /* Brennan-Prediger with q = 5: (0.75 - 0.2) / 0.8 = 0.6875. */
    FIGURE_IS(ratings_brennan_prediger(r, 5), 0.6875, EXACT, 12);
    /* Conger's kappa for two coders is Cohen's. */
    FIGURE_IS(ratings_conger_kappa(r), 13.0 / 19.0, EXACT, 12);
    /* What the figures are made of, counted by hand: the values a..e occur 4, 6, 6, 6, 2
     * times; 3 of 12 units disagree. Cohen: p_o = 9/12, p_e = (3*1 + 2*4 + 3*3 + 3*3 + 1*1)/144
     * = 30/144. Scott: p_e = (16 + 36 + 36 + 36 + 4)/576 = 128/576. Alpha: D_o = 6/24 (six
     * off-diagonal coincidences), D_e = (24^2 - 128) / (24 * 23) = 56/69. */
    struct ratings_details d = ratings_explain(r, RATINGS_COHEN_KAPPA, RATINGS_NOMINAL);
    FIGURE_IS(d.figure, 13.0 / 19.0, EXACT, 12);
    CHECK_NEAR(d.observed, 0.75, EXACT);
    CHECK_NEAR(d.expected, 30.0 / 144.0, EXACT);
    d = ratings_explain(r, RATINGS_SCOTT_PI, RATINGS_NOMINAL);
    FIGURE_IS(d.figure, 19.0 / 28.0, EXACT, 12);
    CHECK_NEAR(d.expected, 128.0 / 576.0, EXACT);
    d = ratings_explain(r, RATINGS_CONGER_KAPPA, RATINGS_NOMINAL);
    CHECK_NEAR(d.observed, 0.75, EXACT);
    CHECK_NEAR(d.expected, 30.0 / 144.0, EXACT);
    d = ratings_explain(r, RATINGS_ALPHA, RATINGS_NOMINAL);
    FIGURE_IS(d.figure, 155.0 / 224.0, EXACT, 24);
    CHECK_NEAR(d.observed, 0.25, EXACT);
    CHECK_NEAR(d.expected, 56.0 / 69.0, EXACT);
    CHECK_NEAR(1 - d.observed / d.expected, d.figure.value, EXACT);
    ratings_destroy(r);
}

/* Krippendorff (2011), section C: four observers, 12 units, values 1..5 and missing data.
 *   unit:  1 2 3 4 5 6 7 8 9 10 11 12
 *   A:     1 2 3 3 2 1 4 1 2  .  .  .
 *   B:     1 2 3 3 2 2 4 1 2  5  .  3
 *   C:     . 3 3 3 2 3 4 2 2  5  1  .
 *   D:     1 2 3 3 2 4 4 1 2  5  1  .
 * Published: nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797, from 40 pairable
 * values (unit 12 has one value). nltk's AnnotationTask.alpha with the matching difference
 * functions gives 0.743421052631579 (= 113/152), 0.8153875037548813 (ordinal, Krippendorff's
 * rank-based difference over the pairable values), 0.8491071428571428 (= 951/1120) and
 * 0.797402774711612. */
#define M NAN
static const double four_observers[] = {
    1, 1, M, 1, 2, 2, 3, 2, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 1, 2, 3, 4,
    4, 4, 4, 4, 1, 1, 2, 1, 2, 2, 2, 2, M, 5, 5, 5, M, M, 1, 1, M, 3, M, M,
};

static void krippendorff_2011_four_observers_missing_data(void)
{
    struct ratings *r = table(4, four_observers, 12);
    FIGURE_IS(ratings_alpha(r, RATINGS_NOMINAL), 0.743, 0.0005, 40);
    FIGURE_IS(ratings_alpha(r, RATINGS_ORDINAL), 0.815, 0.0005, 40);
    FIGURE_IS(ratings_alpha(r, RATINGS_INTERVAL), 0.849, 0.0005, 40);
    FIGURE_IS(ratings_alpha(r, RATINGS_RATIO), 0.797, 0.0005, 40);
    FIGURE_IS(ratings_alpha(r, RATINGS_NOMINAL), 113.0 / 152.0, EXACT, 40);
    FIGURE_IS(ratings_alpha(r, RATINGS_ORDINAL), 0.8153875037548813, 1e-9, 40);
    FIGURE_IS(ratings_alpha(r, RATINGS_INTERVAL), 951.0 / 1120.0, EXACT, 40);
    FIGURE_IS(ratings_alpha(r, RATINGS_RATIO), 0.797402774711612, 1e-9, 40);
    UNDEFINED_BECAUSE(ratings_fleiss_kappa(r), AGREE_INCOMPLETE_DATA);
    UNDEFINED_BECAUSE(ratings_cohen_kappa(r), AGREE_NOT_TWO_CODERS);
    UNDEFINED_BECAUSE(ratings_scott_pi(r), AGREE_NOT_TWO_CODERS);
    ratings_destroy(r);
}
#undef M

/* Fleiss (1971), "Measuring nominal scale agreement among many raters", Table 1: 30 patients,
 * each diagnosed by 6 psychiatrists into 5 categories (depression, personality disorder,
 * schizophrenia, neurosis, other); the same data as R's irr::diagnoses. Rows are the counts per
 * category, as transcribed in the quadagree R package (data_raw/fleiss1971.csv). Published
 * kappa 0.430 (P = 0.556, P_e = 0.220); exactly 5437/12637 = 0.43024452006014086, which nltk's
 * multi-pi (AnnotationTask.pi) reproduces. */
static const int fleiss_counts[30][5] = {
    {0, 0, 0, 6, 0}, {0, 3, 0, 0, 3}, {0, 1, 4, 0, 1}, {0, 0, 0, 0, 6}, {0, 3, 0, 3, 0},
    {2, 0, 4, 0, 0}, {0, 0, 4, 0, 2}, {2, 0, 3, 1, 0}, {2, 0, 0, 4, 0}, {0, 0, 0, 0, 6},
    {1, 0, 0, 5, 0}, {1, 1, 0, 4, 0}, {0, 3, 3, 0, 0}, {1, 0, 0, 5, 0}, {0, 2, 0, 3, 1},
    {0, 0, 5, 0, 1}, {3, 0, 0, 1, 2}, {5, 1, 0, 0, 0}, {0, 2, 0, 4, 0}, {1, 0, 2, 0, 3},
    {0, 0, 0, 0, 6}, {0, 1, 0, 5, 0}, {0, 2, 0, 1, 3}, {2, 0, 0, 4, 0}, {1, 0, 0, 4, 1},
    {0, 5, 0, 1, 0}, {4, 0, 0, 0, 2}, {0, 2, 0, 4, 0}, {1, 0, 5, 0, 0}, {0, 0, 0, 0, 6},
};

static void fleiss_1971(void)
{
    struct ratings *r = ratings_create(6);
    for (int u = 0; u < 30; u++) {
        double row[6];
        int k = 0;
        for (int category = 0; category < 5; category++)
            for (int i = 0; i < fleiss_counts[u][category]; i++)
                row[k++] = category + 1;
        CHECK_INT(k, 6);
        CHECK(ratings_add_unit(r, row));
    }
    CHECK_INT(ratings_units(r), 30);
    CHECK_INT(ratings_coders(r), 6);
    FIGURE_IS(ratings_fleiss_kappa(r), 0.430, 0.0005, 30);
    FIGURE_IS(ratings_fleiss_kappa(r), 5437.0 / 12637.0, EXACT, 30);
    /* The published P = 0.556 and P_e = 0.220. */
    struct ratings_details d = ratings_explain(r, RATINGS_FLEISS_KAPPA, RATINGS_NOMINAL);
    CHECK_NEAR(d.observed, 0.556, 0.0005);
    CHECK_NEAR(d.expected, 0.220, 0.0005);
    ratings_destroy(r);
}

/* Three coders, missing values. Units with two or more values: (1,1) (2,2,2) (1,2,1) (4,4)
 * (2,2,3); (3) alone is left out. Percent agreement 3/5 by hand. nltk alpha: nominal
 * 0.5714285714285714, interval 0.8571428571428571. Brennan-Prediger, q = 4, by hand: the
 * shares of agreeing pairs are 1, 1, 1/3, 1, 1/3, mean 11/15, kappa (11/15 - 1/4) / (3/4)
 * = 29/45. */
#define M NAN
static const double three_coders[] = {
    1, 1, M, 2, 2, 2, 1, 2, 1, 3, M, M, M, 4, 4, 2, 2, 3,
};
#undef M

static void three_coders_with_missing_values(void)
{
    struct ratings *r = table(3, three_coders, 6);
    FIGURE_IS(ratings_percent(r), 0.6, EXACT, 5);
    FIGURE_IS(ratings_alpha(r, RATINGS_NOMINAL), 0.5714285714285714, EXACT, 13);
    FIGURE_IS(ratings_alpha(r, RATINGS_INTERVAL), 0.8571428571428571, EXACT, 13);
    FIGURE_IS(ratings_brennan_prediger(r, 4), 29.0 / 45.0, EXACT, 5);
    UNDEFINED_BECAUSE(ratings_brennan_prediger(r, 3), AGREE_BAD_CATEGORIES);
    UNDEFINED_BECAUSE(ratings_brennan_prediger(r, 1), AGREE_BAD_CATEGORIES);
    UNDEFINED_BECAUSE(ratings_fleiss_kappa(r), AGREE_INCOMPLETE_DATA);
    ratings_destroy(r);
}

/* Conger (1980) for three coders, six units, computed from the paper's definition in exact
 * fractions: P = mean share of agreeing pairs = 11/18; P_e = mean over the three pairs of
 * coders of sum_k p_rk p_sk = 17/54; kappa = (11/18 - 17/54) / (1 - 17/54) = 16/37. Fleiss'
 * kappa differs (it pools the coders' distributions). */
static void conger_three_coders(void)
{
    static const double rows[] = {1, 1, 2, 2, 2, 2, 1, 2, 3, 3, 3, 3, 1, 1, 1, 2, 3, 3};
    struct ratings *r = table(3, rows, 6);
    FIGURE_IS(ratings_conger_kappa(r), 16.0 / 37.0, EXACT, 6);
    struct ratings_details d = ratings_explain(r, RATINGS_CONGER_KAPPA, RATINGS_NOMINAL);
    CHECK_NEAR(d.observed, 11.0 / 18.0, EXACT);
    CHECK_NEAR(d.expected, 17.0 / 54.0, EXACT);
    CHECK(fabs(ratings_fleiss_kappa(r).value - 16.0 / 37.0) > 0.001);
    ratings_destroy(r);

    static const double missing[] = {1, NAN, 2, 2, 2, 2};
    r = table(3, missing, 2);
    UNDEFINED_BECAUSE(ratings_conger_kappa(r), AGREE_INCOMPLETE_DATA);
    ratings_destroy(r);
    static const double same[] = {4, 4, 4, 4, 4, 4};
    r = table(3, same, 2);
    d = ratings_explain(r, RATINGS_CONGER_KAPPA, RATINGS_NOMINAL);
    UNDEFINED_BECAUSE(d.figure, AGREE_NO_VARIATION);
    CHECK_NEAR(d.expected, 1.0, EXACT);
    ratings_destroy(r);
    r = ratings_create(1);
    UNDEFINED_BECAUSE(ratings_conger_kappa(r), AGREE_TOO_FEW_CODERS);
    ratings_destroy(r);
    r = ratings_create(2);
    UNDEFINED_BECAUSE(ratings_conger_kappa(r), AGREE_EMPTY);
    ratings_destroy(r);
}

/* A figure that is exactly zero is +0.0, never -0.0 or a tiny number of either sign: interval
 * alpha over a single unit is 0 (all variation lies within the unit), but summing around the
 * mean used to leave -5.4e-20, which prints as -0.000. */
static void exact_zero_is_positive_zero(void)
{
    static const double rows[][3] = {{1, 2, 2}, {1, 1, 2}, {2, 1, 1}, {1, 2, 3}};
    for (size_t i = 0; i < 4; i++) {
        struct ratings *r = table(3, rows[i], 1);
        for (int metric = RATINGS_NOMINAL; metric <= RATINGS_RATIO; metric++) {
            struct agree_figure f = ratings_alpha(r, (enum ratings_metric)metric);
            CHECK_INT(f.status, AGREE_DEFINED);
            CHECK(f.value == 0);
            CHECK(!signbit(f.value));
        }
        ratings_destroy(r);
    }
    /* Kappa 0 from exact integers: both coders independent of each other. */
    static const double two[] = {1, 1, 1, 2, 2, 1, 2, 2};
    struct ratings *r = table(2, two, 4);
    struct agree_figure f = ratings_cohen_kappa(r);
    CHECK(f.value == 0 && !signbit(f.value));
    f = ratings_brennan_prediger(r, 2);
    CHECK(f.value == 0 && !signbit(f.value));
    ratings_destroy(r);
}

/* The coincidence cells of section C of Krippendorff (2011): their counts add up to the 40
 * pairable values and the nominal differences are 1 off the diagonal. Cell (1,1) holds
 * o_11 = 7, by hand: unit 1 has three 1s, 6 ordered pairs weighted 1/2 = 3; unit 8 has
 * 1,1,2,1, whose three 1s give 6 ordered pairs weighted 1/3 = 2; unit 11 has two 1s, 2 ordered
 * pairs weighted 1 = 2. */
static void coincidence_cells(void)
{
    static const double M = NAN;
    const double rows[] = {
        1, 1, M, 1, 2, 2, 3, 2, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 1, 2, 3, 4,
        4, 4, 4, 4, 1, 1, 2, 1, 2, 2, 2, 2, M, 5, 5, 5, M, M, 1, 1, M, 3, M, M,
    };
    struct ratings *r = table(4, rows, 12);
    struct ratings_coincidence *cells;
    size_t n;
    struct agree_figure f = ratings_coincidences(r, RATINGS_NOMINAL, &cells, &n);
    FIGURE_IS(f, 113.0 / 152.0, EXACT, 40);
    CHECK(cells != NULL);
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        total += cells[i].count;
        CHECK(cells[i].c <= cells[i].k);
        CHECK_NEAR(cells[i].difference, cells[i].c == cells[i].k ? 0 : 1, EXACT);
        if (i > 0)
            CHECK(cells[i - 1].c < cells[i].c ||
                  (cells[i - 1].c == cells[i].c && cells[i - 1].k < cells[i].k));
    }
    CHECK_NEAR(total, 40, 1e-12);
    CHECK(n > 0 && cells[0].c == 1 && cells[0].k == 1);
    CHECK_NEAR(cells[0].count, 7, 1e-12);
    free(cells);
    /* Interval differences are squared distances. */
    f = ratings_coincidences(r, RATINGS_INTERVAL, &cells, &n);
    FIGURE_IS(f, 951.0 / 1120.0, EXACT, 40);
    for (size_t i = 0; i < n; i++)
        CHECK_NEAR(cells[i].difference, (cells[i].k - cells[i].c) * (cells[i].k - cells[i].c),
                   EXACT);
    free(cells);
    ratings_destroy(r);
    static const double negative[] = {-1, 2};
    r = table(2, negative, 1);
    f = ratings_coincidences(r, RATINGS_RATIO, &cells, &n);
    UNDEFINED_BECAUSE(f, AGREE_NEGATIVE_VALUE);
    CHECK(cells == NULL && n == 0);
    ratings_destroy(r);
}

/* Alpha needs two pairable values: units with a single value do not count. */
/* Twenty distinct values, more than are counted rather than sorted: units (i, i) and, for i a
 * multiple of 3, (i, i + 1). Nominal alpha 20/29, interval 0.99561830574488812, both computed
 * from the coincidences by hand (a short script). */
static void many_distinct_values(void)
{
    double rows[40];
    for (int i = 1; i <= 20; i++) {
        rows[2 * (i - 1)] = i;
        rows[2 * (i - 1) + 1] = i + (i % 3 == 0 ? 1 : 0);
    }
    struct ratings *r = table(2, rows, 20);
    FIGURE_IS(ratings_alpha(r, RATINGS_NOMINAL), 20.0 / 29.0, 1e-12, 40);
    FIGURE_IS(ratings_alpha(r, RATINGS_INTERVAL), 0.99561830574488812, 1e-12, 40);
    ratings_destroy(r);
}

static void alpha_with_too_few_values(void)
{
    static const double lonely[] = {1, NAN, NAN, 2};
    struct ratings *r = table(2, lonely, 2);
    UNDEFINED_BECAUSE(ratings_alpha(r, RATINGS_NOMINAL), AGREE_TOO_FEW_VALUES);
    UNDEFINED_BECAUSE(ratings_percent(r), AGREE_EMPTY);
    UNDEFINED_BECAUSE(ratings_cohen_kappa(r), AGREE_EMPTY);
    UNDEFINED_BECAUSE(ratings_brennan_prediger(r, 2), AGREE_EMPTY);
    ratings_destroy(r);
    struct ratings *one = ratings_create(1);
    static const double v[] = {1};
    CHECK(ratings_add_unit(one, v));
    UNDEFINED_BECAUSE(ratings_alpha(one, RATINGS_NOMINAL), AGREE_TOO_FEW_CODERS);
    UNDEFINED_BECAUSE(ratings_fleiss_kappa(one), AGREE_TOO_FEW_CODERS);
    ratings_destroy(one);
}

/* One value throughout: chance agreement is total, so nothing chance-corrected is defined, but
 * percent agreement is 1. */
static void no_variation(void)
{
    static const double same[] = {2, 2, 2, 2, 2, 2};
    struct ratings *r = table(2, same, 3);
    FIGURE_IS(ratings_percent(r), 1.0, EXACT, 3);
    UNDEFINED_BECAUSE(ratings_cohen_kappa(r), AGREE_NO_VARIATION);
    UNDEFINED_BECAUSE(ratings_scott_pi(r), AGREE_NO_VARIATION);
    UNDEFINED_BECAUSE(ratings_fleiss_kappa(r), AGREE_NO_VARIATION);
    UNDEFINED_BECAUSE(ratings_alpha(r, RATINGS_INTERVAL), AGREE_NO_VARIATION);
    CHECK_STR(agree_status_text(AGREE_NO_VARIATION),
              "every value is the same, so chance agreement is total");
    ratings_destroy(r);
}

static void empty_table(void)
{
    struct ratings *r = ratings_create(2);
    CHECK_INT(ratings_units(r), 0);
    UNDEFINED_BECAUSE(ratings_fleiss_kappa(r), AGREE_EMPTY);
    UNDEFINED_BECAUSE(ratings_cohen_kappa(r), AGREE_EMPTY);
    UNDEFINED_BECAUSE(ratings_alpha(r, RATINGS_ORDINAL), AGREE_TOO_FEW_VALUES);
    ratings_destroy(r);
}

static void ratio_rejects_negative_values(void)
{
    static const double v[] = {-1, 2, 3, 3};
    struct ratings *r = table(2, v, 2);
    UNDEFINED_BECAUSE(ratings_alpha(r, RATINGS_RATIO), AGREE_NEGATIVE_VALUE);
    CHECK_INT(ratings_alpha(r, RATINGS_INTERVAL).status, AGREE_DEFINED);
    ratings_destroy(r);
}

static void table_rules(void)
{
    CHECK(ratings_create(0) == NULL);
    ratings_destroy(NULL);
    struct ratings *r = ratings_create(2);
    static const double infinite[] = {1, INFINITY};
    CHECK(!ratings_add_unit(r, infinite));
    CHECK_INT(ratings_units(r), 0);
    /* Enough units to make the table grow several times. */
    for (int u = 0; u < 1000; u++) {
        double row[] = {u % 3, (u % 3 + u % 2) % 3};
        CHECK(ratings_add_unit(r, row));
    }
    CHECK_INT(ratings_units(r), 1000);
    /* Coder 2 differs from coder 1 on the odd units: 500 of 1000 agree. */
    FIGURE_IS(ratings_percent(r), 0.5, EXACT, 1000);
    ratings_destroy(r);
}

/* Consecutive identical units are one run; every figure is what the units one by one give. */
static void runs_of_identical_units(void)
{
    struct ratings *r = ratings_create(3);
    static const double same[] = {1, 1, NAN};
    static const double other[] = {1, 2, 3};
    for (int i = 0; i < 3; i++)
        CHECK(ratings_add_unit(r, same));
    CHECK(ratings_add_unit(r, other));
    CHECK(ratings_add_units(r, same, 4));
    CHECK(ratings_add_units(r, same, 0));
    CHECK(ratings_add_units(r, other, 0));
    static const double infinite[] = {1, -INFINITY, 2};
    CHECK(!ratings_add_units(r, infinite, 5));
    CHECK_INT(ratings_units(r), 8);
    CHECK_INT(ratings_runs(r), 3);
    size_t units = 0;
    const double *row = ratings_run(r, 0, &units);
    CHECK_INT(units, 3);
    CHECK(row[0] == 1 && row[1] == 1 && isnan(row[2]));
    ratings_run(r, 1, &units);
    CHECK_INT(units, 1);
    row = ratings_run(r, 2, &units);
    CHECK_INT(units, 4);
    CHECK(row[1] == 1);
    /* 7 units with two equal values and one with three different: 7 of 8 agree. */
    FIGURE_IS(ratings_percent(r), 7.0 / 8.0, EXACT, 8);
    ratings_destroy(r);

    /* Twenty values, each unit three times: once unit by unit, once as runs. */
    double rows[40];
    for (int i = 1; i <= 20; i++) {
        rows[2 * (i - 1)] = i;
        rows[2 * (i - 1) + 1] = i + (i % 3 == 0 ? 1 : 0);
    }
    struct ratings *one_by_one = ratings_create(2);
    struct ratings *as_runs = ratings_create(2);
    for (int u = 0; u < 20; u++) {
        for (int t = 0; t < 3; t++)
            CHECK(ratings_add_unit(one_by_one, rows + 2 * u));
        CHECK(ratings_add_units(as_runs, rows + 2 * u, 3));
    }
    CHECK_INT(ratings_runs(as_runs), 20);
    CHECK_INT(ratings_units(as_runs), 60);
    static const enum ratings_coefficient all[] = {RATINGS_COHEN_KAPPA, RATINGS_SCOTT_PI,
                                                   RATINGS_FLEISS_KAPPA, RATINGS_CONGER_KAPPA,
                                                   RATINGS_ALPHA};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
        struct ratings_details x = ratings_explain(one_by_one, all[i], RATINGS_INTERVAL);
        struct ratings_details y = ratings_explain(as_runs, all[i], RATINGS_INTERVAL);
        CHECK(x.figure.value == y.figure.value && x.figure.n == y.figure.n);
        CHECK(x.observed == y.observed && x.expected == y.expected);
    }
    /* Kappa depends on the shares of units only: tripling every unit leaves it as it was,
     * 14/20 agreeing with 20 distinct values. */
    struct ratings *once = table(2, rows, 20);
    FIGURE_IS(ratings_cohen_kappa(as_runs), ratings_cohen_kappa(once).value, EXACT, 60);
    FIGURE_IS(ratings_brennan_prediger(as_runs, 21), ratings_brennan_prediger(once, 21).value,
              EXACT, 60);
    ratings_destroy(once);
    ratings_destroy(one_by_one);
    ratings_destroy(as_runs);
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"krippendorff_2011_two_observers", krippendorff_2011_two_observers},
        {"krippendorff_2011_four_observers_missing_data",
         krippendorff_2011_four_observers_missing_data},
        {"fleiss_1971", fleiss_1971},
        {"three_coders_with_missing_values", three_coders_with_missing_values},
        {"many_distinct_values", many_distinct_values},
        {"alpha_with_too_few_values", alpha_with_too_few_values},
        {"no_variation", no_variation},
        {"empty_table", empty_table},
        {"ratio_rejects_negative_values", ratio_rejects_negative_values},
        {"table_rules", table_rules},
        {"conger_three_coders", conger_three_coders},
        {"exact_zero_is_positive_zero", exact_zero_is_positive_zero},
        {"coincidence_cells", coincidence_cells},
        {"runs_of_identical_units", runs_of_identical_units},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
