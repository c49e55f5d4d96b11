#include "core/ratings.h"

#include "ratings_data.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

struct agree_figure ratings_defined(long double numerator, long double denominator, size_t n)
{
    double value = (double)(numerator / denominator);
    return (struct agree_figure){value == 0 ? 0.0 : value, (int64_t)n, AGREE_DEFINED};
}

long double ratings_cancel(long double x, long double y)
{
    long double d = x - y;
    long double scale = fabsl(x) > fabsl(y) ? fabsl(x) : fabsl(y);
    return fabsl(d) <= 64 * DBL_EPSILON * scale ? 0 : d;
}

struct ratings_details ratings_details_of(struct agree_figure f, long double observed,
                                          long double expected)
{
    return (struct ratings_details){f, (double)observed, (double)expected};
}

struct ratings_details ratings_no_details(struct agree_figure f)
{
    return (struct ratings_details){f, 0, 0};
}

struct agree_figure ratings_undefined(enum agree_status status, size_t n)
{
    return (struct agree_figure){0.0, (int64_t)n, status};
}

double *ratings_doubles(size_t count)
{
    return malloc((count ? count : 1) * sizeof(double));
}

size_t ratings_present(const struct ratings *r, size_t u, double *out)
{
    const double *row = r->values + u * r->ncoders;
    size_t k = 0;
    for (size_t i = 0; i < r->ncoders; i++)
        if (!isnan(row[i]))
            out[k++] = row[i];
    return k;
}

int ratings_double_compare(const void *x, const void *y)
{
    double p = *(const double *)x;
    double q = *(const double *)y;
    return (p > q) - (p < q);
}

/* The most distinct values ratings_sort_doubles() counts instead of sorting. */
#define FEW_VALUES 16

void ratings_sort_doubles(double *v, size_t n)
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
                qsort(v, n, sizeof *v, ratings_double_compare);
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
    ratings_sort_doubles(v, n);
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
    double *scratch = ratings_doubles(r->ncoders);
    if (!scratch)
        return ratings_undefined(AGREE_NO_MEMORY, 0);
    size_t n = 0;
    size_t agreed = 0;
    for (size_t u = 0; u < r->nunits; u++) {
        size_t k = ratings_present(r, u, scratch);
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
        return ratings_undefined(AGREE_EMPTY, 0);
    return ratings_defined(agreed, n, n);
}

/* Cohen's kappa or Scott's pi over the units both coders valued. With n such units, `agreed`
 * of them equal, and n1k, n2k the times each coder used value k:
 *   kappa = (n agreed - sum n1k n2k) / (n^2 - sum n1k n2k)
 *   pi = (4n agreed - sum (n1k + n2k)^2) / (4n^2 - sum (n1k + n2k)^2)
 * which are (p_o - p_e) / (1 - p_e) multiplied through by n^2 (or 4n^2). */
static struct ratings_details two_coders(const struct ratings *r, bool scott)
{
    if (r->ncoders != 2)
        return ratings_no_details(ratings_undefined(AGREE_NOT_TWO_CODERS, 0));
    double *x = ratings_doubles(2 * r->nunits);
    if (!x)
        return ratings_no_details(ratings_undefined(AGREE_NO_MEMORY, 0));
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
        return ratings_no_details(ratings_undefined(AGREE_EMPTY, 0));
    }
    ratings_sort_doubles(x, n);
    ratings_sort_doubles(y, n);
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
        return ratings_details_of(ratings_undefined(AGREE_NO_VARIATION, n), p_o, 1);
    return ratings_details_of(ratings_defined(scale * nn * agreed - chance, all - chance, n), p_o,
                              chance / all);
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
    double *all = ratings_doubles(units * m + m);
    if (!all)
        return false;
    double *scratch = all + units * m;
    size_t ignored;
    *within = 0;
    for (size_t u = 0; u < units; u++) {
        size_t k = ratings_present(r, u, scratch);
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
        return ratings_no_details(ratings_undefined(why, why == AGREE_EMPTY ? 0 : units));
    long double within;
    long double totals;
    size_t distinct;
    if (!category_sums(r, &within, &totals, NULL, &distinct))
        return ratings_no_details(ratings_undefined(AGREE_NO_MEMORY, units));
    long double nm = (long double)units * r->ncoders;
    long double m1 = (long double)r->ncoders - 1;
    long double p = (within - nm) / (nm * m1);
    if (distinct == 1)
        return ratings_details_of(ratings_undefined(AGREE_NO_VARIATION, units), p, 1);
    return ratings_details_of(
        ratings_defined(nm * (within - nm) - m1 * totals, m1 * (nm * nm - totals), units), p,
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
        return ratings_no_details(ratings_undefined(why, why == AGREE_EMPTY ? 0 : units));
    long double within;
    long double totals;
    long double coders;
    size_t distinct;
    if (!category_sums(r, &within, &totals, &coders, &distinct))
        return ratings_no_details(ratings_undefined(AGREE_NO_MEMORY, units));
    long double n = (long double)units;
    long double m = (long double)r->ncoders;
    long double e = totals - coders;
    long double all = n * n * m * (m - 1);
    long double p = (within - n * m) / (n * m * (m - 1));
    if (e == all)
        return ratings_details_of(ratings_undefined(AGREE_NO_VARIATION, units), p, 1);
    return ratings_details_of(ratings_defined(n * (within - n * m) - e, all - e, units), p,
                              e / all);
}

struct agree_figure ratings_conger_kappa(const struct ratings *r)
{
    return conger(r).figure;
}

struct agree_figure ratings_brennan_prediger(const struct ratings *r, size_t categories)
{
    if (categories < 2)
        return ratings_undefined(AGREE_BAD_CATEGORIES, 0);
    double *all = ratings_doubles(r->nunits * r->ncoders + r->ncoders);
    if (!all)
        return ratings_undefined(AGREE_NO_MEMORY, 0);
    double *scratch = all + r->nunits * r->ncoders;
    size_t n = 0;
    size_t values = 0;
    size_t distinct;
    long double observed = 0; /* sum over units of the share of agreeing pairs */
    for (size_t u = 0; u < r->nunits; u++) {
        size_t k = ratings_present(r, u, scratch);
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
        return ratings_undefined(AGREE_EMPTY, 0);
    if (distinct > categories)
        return ratings_undefined(AGREE_BAD_CATEGORIES, n);
    /* (p_o - 1/q) / (1 - 1/q) with p_o = observed / n, multiplied through by q n. */
    long double q = (long double)categories;
    return ratings_defined(ratings_cancel(q * observed, n), (q - 1) * n, n);
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
        return ratings_alpha_details(r, metric);
    }
    return ratings_no_details(ratings_undefined(AGREE_EMPTY, 0));
}
