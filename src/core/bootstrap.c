#include "core/bootstrap.h"

#include "core/rng.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct bootstrap {
    struct agree_figure estimate;
    size_t resamples;
    size_t count;
    int64_t draws;
    double values[]; /* count sorted figures */
};

static struct bootstrap *bootstrap_new(struct agree_figure estimate, size_t resamples)
{
    if (resamples > (SIZE_MAX - sizeof(struct bootstrap)) / sizeof(double))
        return NULL;
    struct bootstrap *b = malloc(sizeof *b + resamples * sizeof(double));
    if (b)
        *b = (struct bootstrap){estimate, resamples, 0, 0};
    return b;
}

static int double_compare(const void *x, const void *y)
{
    double p = *(const double *)x;
    double q = *(const double *)y;
    return (p > q) - (p < q);
}

/* +0.0 for any zero, as the figures themselves are. */
static double positive_zero(double x)
{
    return x == 0 ? 0.0 : x;
}

/* --- Drawing from a discrete distribution -------------------------------------------------- */

/* Walker's alias method, built by Vose's algorithm ("A linear algorithm for generating random
 * numbers with a given distribution", IEEE TSE 17(9), 1991): a draw picks a column uniformly,
 * then keeps it with probability keep[i] or takes alias[i]. */
struct alias {
    size_t n;
    double *keep;
    size_t *alias;
};

static void alias_finish(struct alias *a)
{
    free(a->keep);
    free(a->alias);
}

/* Builds the table for weights w[0..n) (n >= 1, all above zero). False when memory runs out. */
static bool alias_init(struct alias *a, const double *w, size_t n)
{
    a->n = n;
    a->keep = malloc(n * sizeof *a->keep);
    a->alias = malloc(n * sizeof *a->alias);
    size_t *work = malloc(n * sizeof *work);
    if (!a->keep || !a->alias || !work) {
        free(work);
        alias_finish(a);
        return false;
    }
    long double total = 0;
    for (size_t i = 0; i < n; i++)
        total += w[i];
    /* work holds the small columns from the front and the large ones from the back. */
    size_t small = 0;
    size_t large = n;
    for (size_t i = 0; i < n; i++) {
        a->keep[i] = (double)(w[i] * (long double)n / total);
        a->alias[i] = i;
        if (a->keep[i] < 1)
            work[small++] = i;
        else
            work[--large] = i;
    }
    while (small > 0 && large < n) {
        size_t s = work[--small];
        size_t l = work[large];
        a->alias[s] = l;
        a->keep[l] -= 1 - a->keep[s];
        if (a->keep[l] < 1) {
            large++;
            work[small++] = l;
        }
    }
    /* What is left is 1 up to rounding. */
    while (small > 0)
        a->keep[work[--small]] = 1;
    while (large < n)
        a->keep[work[large++]] = 1;
    free(work);
    return true;
}

/* A column of the table as a draw of a difference reads it: the share of the column that
 * keeps its own outcome, and the bits of the two differences, its own and its alias's. */
struct column {
    double keep;
    uint64_t own;
    uint64_t other;
};

static uint64_t bits_of(double x)
{
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return b;
}

/* One uniform number in [0, n) makes the draw: its whole part picks the column and its
 * fraction, uniform and with 53 - log2(n) bits, decides between the column and its alias. The
 * choice is a mask, not a branch: a branch taken at random is mispredicted half the time. */
static double column_draw(const struct column *c, size_t n, struct rng *r)
{
    double u = rng_uniform(r) * (double)n;
    size_t i = (size_t)u;
    if (i >= n)
        i = n - 1;
    uint64_t keep = -(uint64_t)(u - (double)i < c[i].keep);
    uint64_t bits = (c[i].own & keep) | (c[i].other & ~keep);
    double x;
    memcpy(&x, &bits, sizeof x);
    return x;
}

/* --- Alpha ------------------------------------------------------------------------------- */

/* The pairs of values within units: sum over units with two or more values of m_u (m_u-1)/2. */
static long double pairs_within_units(const struct ratings *r)
{
    size_t m = ratings_coders(r);
    long double pairs = 0;
    for (size_t run = 0; run < ratings_runs(r); run++) {
        size_t units;
        const double *row = ratings_run(r, run, &units);
        size_t k = 0;
        for (size_t i = 0; i < m; i++)
            k += !isnan(row[i]);
        pairs += (long double)units * ((long double)k * (k - (k > 0)) / 2);
    }
    return pairs;
}

/* The cells' weights merged by difference: a draw needs only the difference of the cell it
 * picks, so cells with equal differences are one outcome (a few hundred at most for the
 * metrics' differences of a few hundred values, where the cells may number many thousands). */
struct outcome {
    double difference;
    double weight;
};

static int outcome_compare(const void *x, const void *y)
{
    const struct outcome *p = x;
    const struct outcome *q = y;
    return (p->difference > q->difference) - (p->difference < q->difference);
}

/* Draws the resamples into b->values (unsorted), as bootstrap_alpha()'s contract says. */
static bool resample_alpha(struct bootstrap *b, const struct ratings *r,
                           const struct ratings_coincidence *cells, size_t ncells, double expected,
                           uint64_t seed)
{
    struct outcome *outcomes = malloc(ncells * sizeof *outcomes);
    double *weight = malloc(ncells * sizeof *weight);
    if (!outcomes || !weight) {
        free(outcomes);
        free(weight);
        return false;
    }
    /* The pairable values, exactly: the counts are sums of fractions. */
    long double n = (long double)b->estimate.n;
    size_t q = 0;
    size_t diagonal = 0;
    for (size_t i = 0; i < ncells; i++) {
        outcomes[i] = (struct outcome){cells[i].difference, cells[i].count};
        bool on_diagonal = cells[i].c == cells[i].k;
        q += on_diagonal ? 1 : 2;
        diagonal += on_diagonal;
    }
    qsort(outcomes, ncells, sizeof *outcomes, outcome_compare);
    size_t noutcomes = 0;
    for (size_t i = 0; i < ncells;) {
        long double sum = 0;
        size_t j = i;
        for (; j < ncells && outcomes[j].difference == outcomes[i].difference; j++)
            sum += outcomes[j].weight;
        outcomes[noutcomes++] = (struct outcome){outcomes[i].difference, (double)sum};
        i = j;
    }
    for (size_t i = 0; i < noutcomes; i++)
        weight[i] = outcomes[i].weight;
    struct alias table;
    bool ok = alias_init(&table, weight, noutcomes);
    free(weight);
    struct column *columns = ok ? malloc(noutcomes * sizeof *columns) : NULL;
    if (columns) {
        for (size_t i = 0; i < noutcomes; i++)
            columns[i] = (struct column){table.keep[i], bits_of(outcomes[i].difference),
                                         bits_of(outcomes[table.alias[i]].difference)};
    }
    if (ok)
        alias_finish(&table);
    free(outcomes);
    if (!columns)
        return false;

    long double by_pairs = floorl(((long double)ratings_coders(r) - 1) * n / 2);
    long double by_cells = 25 * (long double)q;
    long double m = by_pairs < by_cells ? by_pairs : by_cells;
    int64_t draws = m < 1 ? 1 : (int64_t)m;
    b->draws = draws;

    /* KALPHA's number of resamples expected to fall on one diagonal cell throughout. */
    long double pairs = pairs_within_units(r);
    long double lone = 0;
    for (size_t i = 0; i < ncells; i++)
        if (cells[i].c == cells[i].k)
            lone += powl(cells[i].count / n, pairs);
    long double expected_lone = roundl((long double)b->resamples * lone);

    struct rng rng;
    rng_seed(&rng, seed);
    double scale = (double)draws * expected;
    size_t at_one = 0;
    for (size_t x = 0; x < b->resamples; x++) {
        /* Two sums, so that one addition need not wait for the other. */
        double even = 0;
        double odd = 0;
        int64_t d = 0;
        for (; d + 1 < draws; d += 2) {
            even += column_draw(columns, noutcomes, &rng);
            odd += column_draw(columns, noutcomes, &rng);
        }
        if (d < draws)
            even += column_draw(columns, noutcomes, &rng);
        double sum = even + odd;
        double a = 1 - sum / scale;
        if (a < -1)
            a = -1;
        if (sum == 0) {
            if (diagonal == 1)
                a = 0;
            else
                at_one++;
        }
        b->values[x] = positive_zero(a);
    }
    free(columns);
    if (diagonal > 1 && expected_lone > 0) {
        size_t change = (long double)at_one < expected_lone ? at_one : (size_t)expected_lone;
        for (size_t x = 0; x < b->resamples && change > 0; x++) {
            if (b->values[x] == 1) {
                b->values[x] = 0;
                change--;
            }
        }
    }
    b->count = b->resamples;
    return true;
}

struct bootstrap *bootstrap_alpha(const struct ratings *r, enum ratings_metric metric,
                                  size_t resamples, uint64_t seed)
{
    struct ratings_coincidence *cells = NULL;
    size_t ncells = 0;
    struct agree_figure estimate = ratings_coincidences(r, metric, &cells, &ncells);
    if (estimate.status == AGREE_NO_MEMORY) {
        free(cells);
        return NULL;
    }
    struct bootstrap *b = bootstrap_new(estimate, estimate.status == AGREE_DEFINED ? resamples : 0);
    if (b && estimate.status == AGREE_DEFINED) {
        double expected = ratings_explain(r, RATINGS_ALPHA, metric).expected;
        if (!resample_alpha(b, r, cells, ncells, expected, seed)) {
            free(b);
            b = NULL;
        }
    }
    free(cells);
    if (b)
        qsort(b->values, b->count, sizeof *b->values, double_compare);
    return b;
}

/* --- Cohen's kappa ------------------------------------------------------------------------ */

/* The position of x among the sorted distinct values v[0..n). */
static uint32_t index_of(const double *v, size_t n, double x)
{
    const double *at = bsearch(&x, v, n, sizeof x, double_compare);
    return (uint32_t)(at - v);
}

/* Kappa of the units the resample drew, from each coder's counts per value and the agreeing
 * units, as ratings_cohen_kappa() computes it: (N agreed - sum n1k n2k) / (N^2 - sum n1k n2k).
 * False when chance agreement is total. */
static bool kappa_of(const int64_t *first, const int64_t *second, size_t k, int64_t agreed,
                     int64_t units, double *out)
{
    long double chance = 0;
    for (size_t i = 0; i < k; i++)
        chance += (long double)first[i] * second[i];
    long double all = (long double)units * units;
    if (chance == all)
        return false;
    *out = positive_zero((double)(((long double)units * agreed - chance) / (all - chance)));
    return true;
}

static int key_compare(const void *x, const void *y)
{
    uint64_t p = *(const uint64_t *)x;
    uint64_t q = *(const uint64_t *)y;
    return (p > q) - (p < q);
}

/* The units both coders valued, each as the index of its pair of values among the distinct
 * pairs: a draw only counts its pair, and the coders' counts per value follow from the pairs'
 * counts. */
struct coded_units {
    uint32_t *pair;   /* per unit */
    uint32_t *first;  /* per distinct pair: the first coder's value, among the distinct values */
    uint32_t *second; /* per distinct pair: the second coder's */
    size_t units;
    size_t pairs;
    size_t distinct; /* values */
};

static void coded_units_finish(struct coded_units *c)
{
    free(c->pair);
    free(c->first);
    free(c->second);
}

/* The distinct values of values[0..n) into *out (sorted), or false when memory runs out. */
static bool distinct_values(const double *values, size_t n, double **out, size_t *distinct)
{
    double *copy = malloc((n + 1) * sizeof *copy);
    if (!copy)
        return false;
    memcpy(copy, values, n * sizeof *copy);
    qsort(copy, n, sizeof *copy, double_compare);
    size_t d = 0;
    for (size_t i = 0; i < n; i++)
        if (d == 0 || copy[d - 1] != copy[i])
            copy[d++] = copy[i];
    *out = copy;
    *distinct = d;
    return true;
}

/* Works over the runs of identical units: each run both coders valued is one pair of values,
 * and only the units' pair indices are written unit by unit. */
static bool coded_units_init(struct coded_units *c, const struct ratings *r)
{
    *c = (struct coded_units){0};
    size_t runs = ratings_runs(r);
    /* For each run both coders valued: its two values, its units and its pair's key (the
     * first value's index times the values plus the second's); keys + runs receives the keys
     * sorted and merged. */
    double *values = malloc((2 * runs + 1) * sizeof *values);
    size_t *repeat = malloc((runs + 1) * sizeof *repeat);
    uint64_t *keys = malloc((2 * runs + 1) * sizeof *keys);
    double *distinct = NULL;
    bool ok = values && repeat && keys;
    size_t used = 0;
    for (size_t run = 0; ok && run < runs; run++) {
        size_t units;
        const double *row = ratings_run(r, run, &units);
        if (isnan(row[0]) || isnan(row[1]))
            continue;
        values[2 * used] = row[0];
        values[2 * used + 1] = row[1];
        repeat[used++] = units;
        c->units += units;
    }
    ok = ok && distinct_values(values, 2 * used, &distinct, &c->distinct);
    uint64_t *sorted = keys ? keys + runs : NULL;
    for (size_t i = 0; ok && i < used; i++) {
        keys[i] = (uint64_t)index_of(distinct, c->distinct, values[2 * i]) * c->distinct +
                  index_of(distinct, c->distinct, values[2 * i + 1]);
        sorted[i] = keys[i];
    }
    if (ok) {
        qsort(sorted, used, sizeof *sorted, key_compare);
        for (size_t i = 0; i < used; i++)
            if (c->pairs == 0 || sorted[c->pairs - 1] != sorted[i])
                sorted[c->pairs++] = sorted[i];
        c->pair = malloc((c->units + 1) * sizeof *c->pair);
        c->first = malloc((c->pairs + 1) * sizeof *c->first);
        c->second = malloc((c->pairs + 1) * sizeof *c->second);
        ok = c->pair && c->first && c->second;
    }
    for (size_t p = 0; ok && p < c->pairs; p++) {
        c->first[p] = (uint32_t)(sorted[p] / c->distinct);
        c->second[p] = (uint32_t)(sorted[p] % c->distinct);
    }
    for (size_t i = 0, u = 0; ok && i < used; i++) {
        const uint64_t *at = bsearch(&keys[i], sorted, c->pairs, sizeof *sorted, key_compare);
        for (size_t k = 0; k < repeat[i]; k++)
            c->pair[u++] = (uint32_t)(at - sorted);
    }
    free(distinct);
    free(keys);
    free(repeat);
    free(values);
    if (!ok)
        coded_units_finish(c);
    return ok;
}

static bool resample_kappa(struct bootstrap *b, const struct coded_units *c, uint64_t seed)
{
    int64_t *first = calloc(2 * c->distinct + c->pairs + 1, sizeof *first);
    if (!first)
        return false;
    int64_t *second = first + c->distinct;
    int64_t *drawn = second + c->distinct; /* per pair */
    struct rng rng;
    rng_seed(&rng, seed);
    b->draws = (int64_t)c->units;
    for (size_t x = 0; x < b->resamples; x++) {
        for (size_t i = 0; i < 2 * c->distinct + c->pairs; i++)
            first[i] = 0;
        for (size_t d = 0; d < c->units; d++)
            drawn[c->pair[rng_below(&rng, c->units)]]++;
        int64_t agreed = 0;
        for (size_t p = 0; p < c->pairs; p++) {
            first[c->first[p]] += drawn[p];
            second[c->second[p]] += drawn[p];
            agreed += c->first[p] == c->second[p] ? drawn[p] : 0;
        }
        double kappa;
        if (kappa_of(first, second, c->distinct, agreed, (int64_t)c->units, &kappa))
            b->values[b->count++] = kappa;
    }
    free(first);
    return true;
}

struct bootstrap *bootstrap_cohen_kappa(const struct ratings *r, size_t resamples, uint64_t seed)
{
    struct agree_figure estimate = ratings_cohen_kappa(r);
    if (estimate.status == AGREE_NO_MEMORY)
        return NULL;
    bool defined = estimate.status == AGREE_DEFINED;
    struct bootstrap *b = bootstrap_new(estimate, defined ? resamples : 0);
    if (!b || !defined)
        return b;
    struct coded_units c;
    if (!coded_units_init(&c, r)) {
        free(b);
        return NULL;
    }
    bool ok = resample_kappa(b, &c, seed);
    coded_units_finish(&c);
    if (!ok) {
        free(b);
        return NULL;
    }
    qsort(b->values, b->count, sizeof *b->values, double_compare);
    return b;
}

/* --- Reading the distribution ------------------------------------------------------------ */

void bootstrap_destroy(struct bootstrap *b)
{
    free(b);
}

struct agree_figure bootstrap_estimate(const struct bootstrap *b)
{
    return b->estimate;
}

size_t bootstrap_resamples(const struct bootstrap *b)
{
    return b->resamples;
}

size_t bootstrap_count(const struct bootstrap *b)
{
    return b->count;
}

int64_t bootstrap_draws(const struct bootstrap *b)
{
    return b->draws;
}

const double *bootstrap_values(const struct bootstrap *b)
{
    return b->values;
}

/* Why there is nothing to read, when there is nothing. */
static enum agree_status empty_status(const struct bootstrap *b)
{
    if (b->count > 0)
        return AGREE_DEFINED;
    return b->estimate.status != AGREE_DEFINED ? b->estimate.status : AGREE_TOO_FEW_VALUES;
}

/* The figure at 1-based position `rank` (a real number, floored), kept within 1..count. */
static double at_rank(const struct bootstrap *b, double rank)
{
    double floored = floor(rank + 1e-9);
    size_t i = floored < 1 ? 1 : floored > (double)b->count ? b->count : (size_t)floored;
    return b->values[i - 1];
}

struct bootstrap_interval bootstrap_interval(const struct bootstrap *b, double level)
{
    enum agree_status why = empty_status(b);
    if (why != AGREE_DEFINED)
        return (struct bootstrap_interval){0, 0, why};
    double x = (double)b->count;
    return (struct bootstrap_interval){at_rank(b, (1 - level) / 2 * x),
                                       at_rank(b, floor((1 + level) / 2 * x + 1e-9) + 1),
                                       AGREE_DEFINED};
}

struct agree_figure bootstrap_below(const struct bootstrap *b, double minimum)
{
    enum agree_status why = empty_status(b);
    if (why != AGREE_DEFINED)
        return (struct agree_figure){0, 0, why};
    size_t below = 0;
    while (below < b->count && b->values[below] < minimum)
        below++;
    double share = (double)below / (double)b->count;
    return (struct agree_figure){positive_zero(share), (int64_t)b->count, AGREE_DEFINED};
}
