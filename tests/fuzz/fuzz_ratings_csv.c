/* Fuzzes the ratings CSV reader, ratings_csv_parse(), and every statistic of `margin agreement`
 * on what it accepts. An accepted table must be consistent with its header and counts, and each
 * statistic must either be defined, finite and within its range, or say why it is not. */
#include "io/ratings_csv.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what)
{
    fprintf(stderr, "fuzz_ratings_csv: invariant broken: %s\n", what);
    abort();
}

/* A defined figure is finite, at most `high`, and at least `low`. */
static void check_figure(struct agree_figure f, double low, double high, const char *what)
{
    if (f.status != AGREE_DEFINED)
        return;
    if (!isfinite(f.value) || f.value > high + 1e-9 || f.value < low - 1e-9 || f.n <= 0)
        fail(what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ratings_csv r;
    struct error err;
    if (!ratings_csv_parse((const char *)data, size, "fuzz.csv", &r, &err)) {
        if (r.table || r.coders || r.categories)
            fail("a refused file left something filled in");
        return 0;
    }
    size_t units = ratings_units(r.table);
    if (r.ncoders < 2 || ratings_coders(r.table) != r.ncoders || units == 0)
        fail("the table does not match its header");
    if (r.values > units * r.ncoders || r.pairable > r.values)
        fail("more values than cells, or more pairable values than values");
    if (!r.numeric && r.ncategories == 0 && r.values > 0)
        fail("nominal values without categories");

    check_figure(ratings_percent(r.table), 0, 1, "percent agreement outside [0, 1]");
    check_figure(ratings_cohen_kappa(r.table), -INFINITY, 1, "Cohen's kappa above 1");
    check_figure(ratings_scott_pi(r.table), -INFINITY, 1, "Scott's pi above 1");
    check_figure(ratings_fleiss_kappa(r.table), -INFINITY, 1, "Fleiss' kappa above 1");
    if (r.ncategories >= 2)
        check_figure(ratings_brennan_prediger(r.table, r.ncategories), -INFINITY, 1,
                     "Brennan-Prediger kappa above 1");
    check_figure(ratings_alpha(r.table, RATINGS_NOMINAL), -INFINITY, 1, "nominal alpha above 1");
    if (r.numeric) {
        check_figure(ratings_alpha(r.table, RATINGS_ORDINAL), -INFINITY, 1,
                     "ordinal alpha above 1");
        check_figure(ratings_alpha(r.table, RATINGS_INTERVAL), -INFINITY, 1,
                     "interval alpha above 1");
        check_figure(ratings_alpha(r.table, RATINGS_RATIO), -INFINITY, 1, "ratio alpha above 1");
    }
    ratings_csv_finish(&r);
    return 0;
}
