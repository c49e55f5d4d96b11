#include "core/ratings.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct ratings {
    size_t ncoders;
    size_t nunits;
    size_t cap;     /* units the values array has room for */
    double *values; /* nunits rows of ncoders values; NAN = missing */
};

struct ratings *ratings_create(size_t ncoders)
{
    if (ncoders == 0)
        return NULL;
    struct ratings *r = calloc(1, sizeof *r);
    if (r)
        r->ncoders = ncoders;
    return r;
}

void ratings_destroy(struct ratings *r)
{
    if (!r)
        return;
    free(r->values);
    free(r);
}

/* Gives the table room for `cap` units. */
static bool resize(struct ratings *r, size_t cap)
{
    if (cap > SIZE_MAX / 4 / sizeof(double) / r->ncoders)
        return false;
    double *v = realloc(r->values, cap * r->ncoders * sizeof *v);
    if (!v)
        return false;
    r->values = v;
    r->cap = cap;
    return true;
}

bool ratings_reserve(struct ratings *r, size_t more)
{
    if (more > SIZE_MAX - r->nunits)
        return false;
    return r->nunits + more <= r->cap || resize(r, r->nunits + more);
}

bool ratings_add_unit(struct ratings *r, const double *values)
{
    for (size_t i = 0; i < r->ncoders; i++)
        if (isinf(values[i]))
            return false;
    if (r->nunits == r->cap && !resize(r, r->cap ? r->cap * 2 : 64))
        return false;
    memcpy(r->values + r->nunits * r->ncoders, values, r->ncoders * sizeof *values);
    r->nunits++;
    return true;
}

size_t ratings_coders(const struct ratings *r)
{
    return r->ncoders;
}

size_t ratings_units(const struct ratings *r)
{
    return r->nunits;
}

const double *ratings_row(const struct ratings *r, size_t unit)
{
    return r->values + unit * r->ncoders;
}

/* numerator / denominator, with an exact zero as +0.0 (never -0.0). */
static struct agree_figure defined(long double numerator, long double denominator, size_t n)
{
    double value = (double)(numerator / denominator);
    return (struct agree_figure){value == 0 ? 0.0 : value, (int64_t)n, AGREE_DEFINED};
}

/* x - y, or 0 when the difference is within rounding error of the two sums: a few units in the
 * last place of the larger, in double precision (long double may be no wider, as under
 * valgrind). Numerators that are such a difference, and are exactly zero in exact arithmetic,
 * would otherwise come out as tiny numbers of either sign. */
static long double cancel(long double x, long double y)
{
    long double d = x - y;
    long double scale = fabsl(x) > fabsl(y) ? fabsl(x) : fabsl(y);
    return fabsl(d) <= 64 * DBL_EPSILON * scale ? 0 : d;
}

static struct ratings_details details_of(struct agree_figure f, long double observed,
                                         long double expected)
{
    return (struct ratings_details){f, (double)observed, (double)expected};
}

static struct ratings_details no_details(struct agree_figure f)
{
    return (struct ratings_details){f, 0, 0};
}

static struct agree_figure undefined(enum agree_status status, size_t n)
{
    return (struct agree_figure){0.0, (int64_t)n, status};
}

/* Room for `count` doubles (at least one, so that success is never NULL). ratings_add_unit keeps
 * 4 * nunits * ncoders doubles addressable, so the counts asked for here cannot overflow. */
static double *doubles(size_t count)
{
    return malloc((count ? count : 1) * sizeof(double));
}

/* Copies the values unit `u` has into out (ncoders of room); returns how many. */
static size_t present(const struct ratings *r, size_t u, double *out)
{
    const double *row = r->values + u * r->ncoders;
    size_t k = 0;
    for (size_t i = 0; i < r->ncoders; i++)
        if (!isnan(row[i]))
            out[k++] = row[i];
    return k;
}

static int double_compare(const void *x, const void *y)
{
    double p = *(const double *)x;
    double q = *(const double *)y;
    return (p > q) - (p < q);
}

/* The most distinct values sort_doubles() counts instead of sorting. */
#define FEW_VALUES 16

/* Sorts v[0..n) (no NaN) in ascending order. Unit data mostly hold a few categories: then the
 * values are counted, in O(n), and written back in order; otherwise qsort() sorts them. */
static void sort_doubles(double *v, size_t n)
{
    double seen[FEW_VALUES];
    size_t times[FEW_VALUES];
    size_t distinct = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        while (k < distinct && seen[k] != v[i])
            k++;
        if (k == distinct) {
            if (distinct == FEW_VALUES) {
                qsort(v, n, sizeof *v, double_compare);
                return;
            }
            seen[distinct] = v[i];
            times[distinct++] = 0;
        }
        times[k]++;
    }
    /* Insertion sort of the few values, with their counts. */
    for (size_t i = 1; i < distinct; i++) {
        for (size_t j = i; j > 0 && seen[j - 1] > seen[j]; j--) {
            double x = seen[j];
            size_t t = times[j];
            seen[j] = seen[j - 1];
            times[j] = times[j - 1];
            seen[j - 1] = x;
            times[j - 1] = t;
        }
    }
    size_t at = 0;
    for (size_t k = 0; k < distinct; k++) {
        for (size_t t = 0; t < times[k]; t++)
            v[at++] = seen[k];
    }
}

/* Sorts v[0..n) and returns the sum over its distinct values of (how often the value occurs)^2;
 * *distinct receives the number of distinct values. */
static long double sum_squared_runs(double *v, size_t n, size_t *distinct)
{
    sort_doubles(v, n);
    long double sum = 0;
    size_t runs = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && v[j] == v[i])
            j++;
        sum += (long double)(j - i) * (long double)(j - i);
        runs++;
        i = j;
    }
    *distinct = runs;
    return sum;
}

struct agree_figure ratings_percent(const struct ratings *r)
{
    double *scratch = doubles(r->ncoders);
    if (!scratch)
        return undefined(AGREE_NO_MEMORY, 0);
    size_t n = 0;
    size_t agreed = 0;
    for (size_t u = 0; u < r->nunits; u++) {
        size_t k = present(r, u, scratch);
        if (k < 2)
            continue;
        bool same = true;
        for (size_t i = 1; i < k; i++)
            same = same && scratch[i] == scratch[0];
        agreed += same;
        n++;
    }
    free(scratch);
    if (n == 0)
        return undefined(AGREE_EMPTY, 0);
    return defined(agreed, n, n);
}

/* Cohen's kappa or Scott's pi over the units both coders valued. With n such units, `agreed`
 * of them equal, and n1k, n2k the times each coder used value k:
 *   kappa = (n agreed - sum n1k n2k) / (n^2 - sum n1k n2k)
 *   pi = (4n agreed - sum (n1k + n2k)^2) / (4n^2 - sum (n1k + n2k)^2)
 * which are (p_o - p_e) / (1 - p_e) multiplied through by n^2 (or 4n^2). */
static struct ratings_details two_coders(const struct ratings *r, bool scott)
{
    if (r->ncoders != 2)
        return no_details(undefined(AGREE_NOT_TWO_CODERS, 0));
    double *x = doubles(2 * r->nunits);
    if (!x)
        return no_details(undefined(AGREE_NO_MEMORY, 0));
    double *y = x + r->nunits;
    size_t n = 0;
    size_t agreed = 0;
    for (size_t u = 0; u < r->nunits; u++) {
        double p = r->values[2 * u];
        double q = r->values[2 * u + 1];
        if (isnan(p) || isnan(q))
            continue;
        x[n] = p;
        y[n] = q;
        agreed += p == q;
        n++;
    }
    if (n == 0) {
        free(x);
        return no_details(undefined(AGREE_EMPTY, 0));
    }
    sort_doubles(x, n);
    sort_doubles(y, n);
    long double cross = 0;
    long double pooled = 0;
    size_t i = 0;
    size_t j = 0;
    while (i < n || j < n) {
        double v = i == n ? y[j] : j == n ? x[i] : x[i] < y[j] ? x[i] : y[j];
        size_t c1 = 0;
        size_t c2 = 0;
        for (; i < n && x[i] == v; i++)
            c1++;
        for (; j < n && y[j] == v; j++)
            c2++;
        cross += (long double)c1 * c2;
        pooled += (long double)(c1 + c2) * (c1 + c2);
    }
    free(x);
    long double nn = (long double)n;
    long double chance = scott ? pooled : cross;
    long double scale = scott ? 4 : 1;
    long double all = scale * nn * nn;
    long double p_o = agreed / nn;
    if (chance == all)
        return details_of(undefined(AGREE_NO_VARIATION, n), p_o, 1);
    return details_of(defined(scale * nn * agreed - chance, all - chance, n), p_o, chance / all);
}

struct agree_figure ratings_cohen_kappa(const struct ratings *r)
{
    return two_coders(r, false).figure;
}

struct agree_figure ratings_scott_pi(const struct ratings *r)
{
    return two_coders(r, true).figure;
}

/* Complete data with at least two coders and one unit, or why not. */
static enum agree_status complete(const struct ratings *r)
{
    if (r->ncoders < 2)
        return AGREE_TOO_FEW_CODERS;
    if (r->nunits == 0)
        return AGREE_EMPTY;
    for (size_t i = 0; i < r->nunits * r->ncoders; i++)
        if (isnan(r->values[i]))
            return AGREE_INCOMPLETE_DATA;
    return AGREE_DEFINED;
}

/* The sums Fleiss' and Conger's kappas are made of, over N units and m coders with complete
 * data: within = sum_ik n_ik^2 (n_ik the coders who put unit i in category k), totals =
 * sum_k T_k^2 (T_k all values in category k) and, when `coders` is not NULL, *coders =
 * sum_rk x_rk^2 (x_rk the units coder r put in category k). *distinct receives the number of
 * distinct values. False when memory runs out. */
static bool category_sums(const struct ratings *r, long double *within, long double *totals,
                          long double *coders, size_t *distinct)
{
    size_t m = r->ncoders;
    size_t units = r->nunits;
    double *all = doubles(units * m + m);
    if (!all)
        return false;
    double *scratch = all + units * m;
    size_t ignored;
    *within = 0;
    for (size_t u = 0; u < units; u++) {
        size_t k = present(r, u, scratch);
        *within += sum_squared_runs(scratch, k, &ignored);
    }
    if (coders) {
        *coders = 0;
        for (size_t c = 0; c < m; c++) {
            for (size_t u = 0; u < units; u++)
                all[u] = r->values[u * m + c];
            *coders += sum_squared_runs(all, units, &ignored);
        }
    }
    memcpy(all, r->values, units * m * sizeof *all);
    *totals = sum_squared_runs(all, units * m, distinct);
    free(all);
    return true;
}

/* Fleiss (1971): with N units, m coders, n_ik the number of coders who put unit i in
 * category k and T_k the total in category k,
 *   P = (sum_ik n_ik^2 - N m) / (N m (m-1)),  P_e = sum_k T_k^2 / (N m)^2,
 *   kappa = (P - P_e) / (1 - P_e)
 *         = (N m (sum n_ik^2 - N m) - (m-1) sum T_k^2) / ((m-1) ((N m)^2 - sum T_k^2)). */
static struct ratings_details fleiss(const struct ratings *r)
{
    enum agree_status why = complete(r);
    size_t units = r->nunits;
    if (why != AGREE_DEFINED)
        return no_details(undefined(why, why == AGREE_EMPTY ? 0 : units));
    long double within;
    long double totals;
    size_t distinct;
    if (!category_sums(r, &within, &totals, NULL, &distinct))
        return no_details(undefined(AGREE_NO_MEMORY, units));
    long double nm = (long double)units * r->ncoders;
    long double m1 = (long double)r->ncoders - 1;
    long double p = (within - nm) / (nm * m1);
    if (distinct == 1)
        return details_of(undefined(AGREE_NO_VARIATION, units), p, 1);
    return details_of(defined(nm * (within - nm) - m1 * totals, m1 * (nm * nm - totals), units), p,
                      totals / (nm * nm));
}

struct agree_figure ratings_fleiss_kappa(const struct ratings *r)
{
    return fleiss(r).figure;
}

/* Conger (1980): P as Fleiss', and with x_rk the units coder r put in category k,
 *   P_e = (1 / (m (m-1))) sum_{r != s} sum_k p_rk p_sk
 *       = sum_k (T_k^2 - sum_r x_rk^2) / (N^2 m (m-1)),
 * since sum_{r != s} x_rk x_sk = T_k^2 - sum_r x_rk^2. Multiplying (P - P_e) / (1 - P_e)
 * through by N^2 m (m-1), with E = sum_k T_k^2 - sum_rk x_rk^2:
 *   kappa = (N (sum n_ik^2 - N m) - E) / (N^2 m (m-1) - E). */
static struct ratings_details conger(const struct ratings *r)
{
    enum agree_status why = complete(r);
    size_t units = r->nunits;
    if (why != AGREE_DEFINED)
        return no_details(undefined(why, why == AGREE_EMPTY ? 0 : units));
    long double within;
    long double totals;
    long double coders;
    size_t distinct;
    if (!category_sums(r, &within, &totals, &coders, &distinct))
        return no_details(undefined(AGREE_NO_MEMORY, units));
    long double n = (long double)units;
    long double m = (long double)r->ncoders;
    long double e = totals - coders;
    long double all = n * n * m * (m - 1);
    long double p = (within - n * m) / (n * m * (m - 1));
    if (e == all)
        return details_of(undefined(AGREE_NO_VARIATION, units), p, 1);
    return details_of(defined(n * (within - n * m) - e, all - e, units), p, e / all);
}

struct agree_figure ratings_conger_kappa(const struct ratings *r)
{
    return conger(r).figure;
}

struct agree_figure ratings_brennan_prediger(const struct ratings *r, size_t categories)
{
    if (categories < 2)
        return undefined(AGREE_BAD_CATEGORIES, 0);
    double *all = doubles(r->nunits * r->ncoders + r->ncoders);
    if (!all)
        return undefined(AGREE_NO_MEMORY, 0);
    double *scratch = all + r->nunits * r->ncoders;
    size_t n = 0;
    size_t values = 0;
    size_t distinct;
    long double observed = 0; /* sum over units of the share of agreeing pairs */
    for (size_t u = 0; u < r->nunits; u++) {
        size_t k = present(r, u, scratch);
        if (k < 2)
            continue;
        memcpy(all + values, scratch, k * sizeof *scratch);
        values += k;
        long double pairs = sum_squared_runs(scratch, k, &distinct) - k;
        observed += pairs / ((long double)k * (k - 1));
        n++;
    }
    sum_squared_runs(all, values, &distinct);
    free(all);
    if (n == 0)
        return undefined(AGREE_EMPTY, 0);
    if (distinct > categories)
        return undefined(AGREE_BAD_CATEGORIES, n);
    /* (p_o - 1/q) / (1 - 1/q) with p_o = observed / n, multiplied through by q n. */
    long double q = (long double)categories;
    return defined(cancel(q * observed, n), (q - 1) * n, n);
}

/* --- Krippendorff's alpha ------------------------------------------------------------------ */

/* The pairable values, sorted, as distinct values with their frequencies n_c, and for the
 * ordinal metric each value's position among them. */
struct values {
    double *value;
    size_t *count;
    double *rank;
    size_t distinct;
    size_t n; /* pairable values */
};

/* Krippendorff's (2011) ordinal difference between values c <= k is
 * (sum_{g=c..k} n_g - (n_c + n_k)/2)^2, which is (rank_k - rank_c)^2 with
 * rank_c = sum_{g<c} n_g + n_c / 2: the interval difference between ranks. */
static double rank_of(const struct values *v, double x)
{
    const double *at = bsearch(&x, v->value, v->distinct, sizeof x, double_compare);
    return v->rank[at - v->value];
}

static long double difference(const struct values *v, enum ratings_metric metric, double x,
                              double y)
{
    long double d;
    switch (metric) {
    case RATINGS_NOMINAL:
        return x != y;
    case RATINGS_ORDINAL:
        d = (long double)rank_of(v, x) - rank_of(v, y);
        return d * d;
    case RATINGS_INTERVAL:
        d = (long double)x - y;
        return d * d;
    case RATINGS_RATIO:
        if (x + y == 0)
            return 0;
        d = ((long double)x - y) / ((long double)x + y);
        return d * d;
    }
    return 0;
}

/* sum over all ordered pairs of pairable values of their difference, sum_ck n_c n_k delta_ck. */
static long double expected_sum(const struct values *v, enum ratings_metric metric)
{
    long double n = (long double)v->n;
    long double sum = 0;
    if (metric == RATINGS_NOMINAL) {
        for (size_t c = 0; c < v->distinct; c++)
            sum += (long double)v->count[c] * v->count[c];
        return n * n - sum;
    }
    if (metric == RATINGS_RATIO) {
        for (size_t c = 0; c < v->distinct; c++)
            for (size_t k = c + 1; k < v->distinct; k++)
                sum += 2 * (long double)v->count[c] * v->count[k] *
                       difference(v, metric, v->value[c], v->value[k]);
        return sum;
    }
    /* Squared differences of t (the value, or its rank): sum_ck n_c n_k (t_c - t_k)^2 is
     * 2n sum_c n_c (t_c - mean)^2, summed around the mean for accuracy. */
    const double *t = metric == RATINGS_ORDINAL ? v->rank : v->value;
    long double mean = 0;
    for (size_t c = 0; c < v->distinct; c++)
        mean += (long double)v->count[c] * t[c];
    mean /= n;
    for (size_t c = 0; c < v->distinct; c++)
        sum += (long double)v->count[c] * (t[c] - mean) * (t[c] - mean);
    return 2 * n * sum;
}

/* sum over units u with m_u >= 2 of 1/(m_u - 1) times the sum over ordered pairs of its values
 * of their difference: n D_o in Krippendorff's notation. */
static long double observed_sum(const struct ratings *r, const struct values *v,
                                enum ratings_metric metric, double *scratch)
{
    long double sum = 0;
    for (size_t u = 0; u < r->nunits; u++) {
        size_t k = present(r, u, scratch);
        if (k < 2)
            continue;
        long double unit = 0;
        for (size_t i = 0; i < k; i++)
            for (size_t j = i + 1; j < k; j++)
                unit += difference(v, metric, scratch[i], scratch[j]);
        sum += 2 * unit / (long double)(k - 1);
    }
    return sum;
}

/* Collects the pairable values into v, in caller-provided memory: block holds 2 * cells +
 * ncoders doubles and count holds cells counters, cells being units * coders; *scratch
 * receives the block's last ncoders doubles. Returns AGREE_DEFINED or why alpha is undefined
 * (v.n then holds the pairable values counted). */
static enum agree_status values_collect(const struct ratings *r, enum ratings_metric metric,
                                        double *block, size_t *count, struct values *v,
                                        double **scratch)
{
    size_t cells = r->nunits * r->ncoders;
    *v = (struct values){block, count, block + cells, 0, 0};
    *scratch = block + 2 * cells;
    for (size_t u = 0; u < r->nunits; u++) {
        size_t k = present(r, u, *scratch);
        if (k < 2)
            continue;
        for (size_t i = 0; i < k; i++) {
            if (metric == RATINGS_RATIO && (*scratch)[i] < 0) {
                v->n = 0;
                return AGREE_NEGATIVE_VALUE;
            }
            v->value[v->n++] = (*scratch)[i];
        }
    }
    if (v->n < 2)
        return AGREE_TOO_FEW_VALUES;
    sort_doubles(v->value, v->n);
    for (size_t i = 0; i < v->n; i++) {
        if (v->distinct > 0 && v->value[v->distinct - 1] == v->value[i]) {
            v->count[v->distinct - 1]++;
        } else {
            v->value[v->distinct] = v->value[i];
            v->count[v->distinct++] = 1;
        }
    }
    double below = 0;
    for (size_t c = 0; c < v->distinct; c++) {
        v->rank[c] = below + (double)v->count[c] / 2;
        below += (double)v->count[c];
    }
    return v->distinct == 1 ? AGREE_NO_VARIATION : AGREE_DEFINED;
}

/* Krippendorff's alpha with D_o and D_e, in memory as values_collect() wants it. */
static struct ratings_details alpha_in(const struct ratings *r, enum ratings_metric metric,
                                       double *block, size_t *count)
{
    struct values v;
    double *scratch;
    enum agree_status why = values_collect(r, metric, block, count, &v, &scratch);
    if (why == AGREE_NO_VARIATION)
        return details_of(undefined(why, v.n), 0, 0);
    if (why != AGREE_DEFINED)
        return no_details(undefined(why, v.n));
    /* alpha = 1 - D_o / D_e = 1 - (n - 1) observed_sum / expected_sum, with
     * D_o = observed_sum / n and D_e = expected_sum / (n (n - 1)). */
    long double n = (long double)v.n;
    long double expected = expected_sum(&v, metric);
    long double observed = observed_sum(r, &v, metric, scratch);
    return details_of(defined(cancel(expected, (n - 1) * observed), expected, v.n), observed / n,
                      expected / (n * (n - 1)));
}

/* Runs alpha_in() with memory of its own. */
static struct ratings_details alpha(const struct ratings *r, enum ratings_metric metric)
{
    if (r->ncoders < 2)
        return no_details(undefined(AGREE_TOO_FEW_CODERS, 0));
    size_t cells = r->nunits * r->ncoders;
    double *block = doubles(2 * cells + r->ncoders);
    size_t *count = malloc((cells ? cells : 1) * sizeof *count);
    struct ratings_details result = no_details(undefined(AGREE_NO_MEMORY, 0));
    if (block && count)
        result = alpha_in(r, metric, block, count);
    free(block);
    free(count);
    return result;
}

struct agree_figure ratings_alpha(const struct ratings *r, enum ratings_metric metric)
{
    return alpha(r, metric).figure;
}

struct ratings_details ratings_explain(const struct ratings *r, enum ratings_coefficient which,
                                       enum ratings_metric metric)
{
    switch (which) {
    case RATINGS_COHEN_KAPPA:
        return two_coders(r, false);
    case RATINGS_SCOTT_PI:
        return two_coders(r, true);
    case RATINGS_FLEISS_KAPPA:
        return fleiss(r);
    case RATINGS_CONGER_KAPPA:
        return conger(r);
    case RATINGS_ALPHA:
        return alpha(r, metric);
    }
    return no_details(undefined(AGREE_EMPTY, 0));
}

/* --- The coincidence matrix ---------------------------------------------------------------- */

/* An unordered pair of values within a unit, weighted 2 / (m_u - 1): what it adds to
 * o_ck + o_kc (or to o_cc). */
struct pair {
    double c;
    double k;
    double weight;
};

static int pair_compare(const void *x, const void *y)
{
    const struct pair *p = x;
    const struct pair *q = y;
    if (p->c != q->c)
        return (p->c > q->c) - (p->c < q->c);
    return (p->k > q->k) - (p->k < q->k);
}

/* Fills the cells from the pairs of values within units; v holds the pairable values for the
 * metric's differences. Returns the number of cells, or SIZE_MAX when memory runs out. */
static size_t fill_cells(const struct ratings *r, const struct values *v,
                         enum ratings_metric metric, double *scratch,
                         struct ratings_coincidence **cells)
{
    size_t npairs = 0;
    for (size_t u = 0; u < r->nunits; u++) {
        size_t k = present(r, u, scratch);
        npairs += k * (k - (k > 0)) / 2;
    }
    struct pair *pairs = malloc((npairs ? npairs : 1) * sizeof *pairs);
    if (!pairs)
        return SIZE_MAX;
    size_t used = 0;
    for (size_t u = 0; u < r->nunits; u++) {
        size_t k = present(r, u, scratch);
        for (size_t i = 0; i < k; i++) {
            for (size_t j = i + 1; j < k; j++) {
                double lo = scratch[i] < scratch[j] ? scratch[i] : scratch[j];
                double hi = scratch[i] < scratch[j] ? scratch[j] : scratch[i];
                pairs[used++] = (struct pair){lo, hi, 2.0 / (double)(k - 1)};
            }
        }
    }
    qsort(pairs, used, sizeof *pairs, pair_compare);
    /* Merging in place: the cells never outnumber the pairs. */
    size_t ncells = 0;
    for (size_t i = 0; i < used;) {
        long double sum = 0;
        size_t j = i;
        for (; j < used && pair_compare(&pairs[j], &pairs[i]) == 0; j++)
            sum += pairs[j].weight;
        pairs[ncells++] = (struct pair){pairs[i].c, pairs[i].k, (double)sum};
        i = j;
    }
    struct ratings_coincidence *out = malloc((ncells ? ncells : 1) * sizeof *out);
    if (out) {
        for (size_t i = 0; i < ncells; i++)
            out[i] =
                (struct ratings_coincidence){pairs[i].c, pairs[i].k, pairs[i].weight,
                                             (double)difference(v, metric, pairs[i].c, pairs[i].k)};
    }
    free(pairs);
    *cells = out;
    return out ? ncells : SIZE_MAX;
}

struct agree_figure ratings_coincidences(const struct ratings *r, enum ratings_metric metric,
                                         struct ratings_coincidence **cells, size_t *count)
{
    *cells = NULL;
    *count = 0;
    if (r->ncoders < 2)
        return undefined(AGREE_TOO_FEW_CODERS, 0);
    size_t ncells = r->nunits * r->ncoders;
    double *block = doubles(2 * ncells + r->ncoders);
    size_t *counts = malloc((ncells ? ncells : 1) * sizeof *counts);
    struct agree_figure result = undefined(AGREE_NO_MEMORY, 0);
    if (block && counts) {
        struct values v;
        double *scratch;
        enum agree_status why = values_collect(r, metric, block, counts, &v, &scratch);
        if (why == AGREE_NEGATIVE_VALUE) {
            result = undefined(why, 0);
        } else {
            size_t got = fill_cells(r, &v, metric, scratch, cells);
            if (got != SIZE_MAX) {
                *count = got;
                result = alpha_in(r, metric, block, counts).figure;
            }
        }
    }
    free(block);
    free(counts);
    return result;
}
