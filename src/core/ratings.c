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
    free(r->repeat);
    free(r);
}

/* Gives the table room for `cap` runs. */
static bool resize(struct ratings *r, size_t cap)
{
    if (cap > SIZE_MAX / 4 / sizeof(struct ratings_tally) / r->ncoders)
        return false;
    double *v = realloc(r->values, cap * r->ncoders * sizeof *v);
    if (!v)
        return false;
    r->values = v;
    size_t *repeat = realloc(r->repeat, cap * sizeof *repeat);
    if (!repeat)
        return false;
    r->repeat = repeat;
    r->cap = cap;
    return true;
}

bool ratings_add_units(struct ratings *r, const double *values, size_t count)
{
    size_t m = r->ncoders;
    for (size_t i = 0; i < m; i++)
        if (isinf(values[i]))
            return false;
    if (count > SIZE_MAX - r->nunits)
        return false;
    if (count == 0)
        return true;
    if (r->nruns > 0 && memcmp(r->values + (r->nruns - 1) * m, values, m * sizeof *values) == 0) {
        r->repeat[r->nruns - 1] += count;
        r->nunits += count;
        return true;
    }
    if (r->nruns == r->cap && !resize(r, r->cap ? r->cap * 2 : 64))
        return false;
    memcpy(r->values + r->nruns * m, values, m * sizeof *values);
    r->repeat[r->nruns++] = count;
    r->nunits += count;
    return true;
}

bool ratings_add_unit(struct ratings *r, const double *values)
{
    return ratings_add_units(r, values, 1);
}

size_t ratings_coders(const struct ratings *r)
{
    return r->ncoders;
}

size_t ratings_units(const struct ratings *r)
{
    return r->nunits;
}

size_t ratings_runs(const struct ratings *r)
{
    return r->nruns;
}

const double *ratings_run(const struct ratings *r, size_t run, size_t *units)
{
    *units = r->repeat[run];
    return r->values + run * r->ncoders;
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

struct ratings_tally *ratings_tallies(size_t count)
{
    return malloc((count ? count : 1) * sizeof(struct ratings_tally));
}

size_t ratings_present(const struct ratings *r, size_t run, double *out)
{
    const double *row = r->values + run * r->ncoders;
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

static int tally_compare(const void *x, const void *y)
{
    return ratings_double_compare(&((const struct ratings_tally *)x)->value,
                                  &((const struct ratings_tally *)y)->value);
}

/* The most distinct values ratings_tally_merge() counts in place before sorting. */
#define FEW_VALUES 16

size_t ratings_tally_merge(struct ratings_tally *t, size_t n)
{
    /* Counted in place while there are few distinct values: t[0..distinct) holds them. */
    size_t distinct = 0;
    size_t i = 0;
    for (; i < n; i++) {
        size_t k = 0;
        while (k < distinct && t[k].value != t[i].value)
            k++;
        if (k < distinct) {
            t[k].count += t[i].count;
        } else if (distinct == FEW_VALUES) {
            break;
        } else {
            t[distinct++] = t[i];
        }
    }
    if (i < n) {
        /* Many values: t[0..distinct) and t[i..n) still to be merged, by sorting. */
        memmove(t + distinct, t + i, (n - i) * sizeof *t);
        n = distinct + (n - i);
        qsort(t, n, sizeof *t, tally_compare);
        distinct = 0;
        for (size_t j = 0; j < n; j++) {
            if (distinct > 0 && t[distinct - 1].value == t[j].value)
                t[distinct - 1].count += t[j].count;
            else
                t[distinct++] = t[j];
        }
        return distinct;
    }
    /* Insertion sort of the few values. */
    for (size_t a = 1; a < distinct; a++) {
        for (size_t b = a; b > 0 && t[b - 1].value > t[b].value; b--) {
            struct ratings_tally x = t[b];
            t[b] = t[b - 1];
            t[b - 1] = x;
        }
    }
    return distinct;
}

/* The sum of the squared counts of t[0..n). */
static long double tally_squares(const struct ratings_tally *t, size_t n)
{
    long double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += (long double)t[i].count * t[i].count;
    return sum;
}

/* The sum over the distinct values of v[0..n) of (how often the value occurs)^2, with tally
 * (n of room) as working memory. */
static long double squares_of(const double *v, size_t n, struct ratings_tally *tally)
{
    for (size_t i = 0; i < n; i++)
        tally[i] = (struct ratings_tally){v[i], 1};
    return tally_squares(tally, ratings_tally_merge(tally, n));
}

struct agree_figure ratings_percent(const struct ratings *r)
{
    double *scratch = ratings_doubles(r->ncoders);
    if (!scratch)
        return ratings_undefined(AGREE_NO_MEMORY, 0);
    size_t n = 0;
    size_t agreed = 0;
    for (size_t i = 0; i < r->nruns; i++) {
        size_t k = ratings_present(r, i, scratch);
        if (k < 2)
            continue;
        bool same = true;
        for (size_t j = 1; j < k; j++)
            same = same && scratch[j] == scratch[0];
        agreed += same ? r->repeat[i] : 0;
        n += r->repeat[i];
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
    struct ratings_tally *x = ratings_tallies(2 * r->nruns);
    if (!x)
        return ratings_no_details(ratings_undefined(AGREE_NO_MEMORY, 0));
    struct ratings_tally *y = x + r->nruns;
    size_t runs = 0;
    size_t n = 0;
    size_t agreed = 0;
    for (size_t i = 0; i < r->nruns; i++) {
        double p = r->values[2 * i];
        double q = r->values[2 * i + 1];
        if (isnan(p) || isnan(q))
            continue;
        x[runs] = (struct ratings_tally){p, r->repeat[i]};
        y[runs++] = (struct ratings_tally){q, r->repeat[i]};
        agreed += p == q ? r->repeat[i] : 0;
        n += r->repeat[i];
    }
    if (n == 0) {
        free(x);
        return ratings_no_details(ratings_undefined(AGREE_EMPTY, 0));
    }
    size_t nx = ratings_tally_merge(x, runs);
    size_t ny = ratings_tally_merge(y, runs);
    long double cross = 0;
    long double pooled = 0;
    size_t i = 0;
    size_t j = 0;
    while (i < nx || j < ny) {
        double v = i == nx                   ? y[j].value
                   : j == ny                 ? x[i].value
                   : x[i].value < y[j].value ? x[i].value
                                             : y[j].value;
        size_t c1 = i < nx && x[i].value == v ? x[i++].count : 0;
        size_t c2 = j < ny && y[j].value == v ? y[j++].count : 0;
        cross += (long double)c1 * c2;
        pooled += ((long double)c1 + c2) * ((long double)c1 + c2);
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
    for (size_t i = 0; i < r->nruns * r->ncoders; i++)
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
    size_t runs = r->nruns;
    struct ratings_tally *all = ratings_tallies(runs * m);
    if (!all)
        return false;
    *within = 0;
    for (size_t i = 0; i < runs; i++)
        *within += r->repeat[i] * squares_of(r->values + i * m, m, all);
    if (coders) {
        *coders = 0;
        for (size_t c = 0; c < m; c++) {
            for (size_t i = 0; i < runs; i++)
                all[i] = (struct ratings_tally){r->values[i * m + c], r->repeat[i]};
            *coders += tally_squares(all, ratings_tally_merge(all, runs));
        }
    }
    for (size_t i = 0; i < runs * m; i++)
        all[i] = (struct ratings_tally){r->values[i], r->repeat[i / m]};
    *distinct = ratings_tally_merge(all, runs * m);
    *totals = tally_squares(all, *distinct);
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
    size_t m = r->ncoders;
    struct ratings_tally *all = ratings_tallies(r->nruns * m + m);
    double *scratch = ratings_doubles(m);
    if (!all || !scratch) {
        free(all);
        free(scratch);
        return ratings_undefined(AGREE_NO_MEMORY, 0);
    }
    struct ratings_tally *within = all + r->nruns * m;
    size_t n = 0;
    size_t values = 0;
    long double observed = 0; /* sum over units of the share of agreeing pairs */
    for (size_t i = 0; i < r->nruns; i++) {
        size_t k = ratings_present(r, i, scratch);
        if (k < 2)
            continue;
        for (size_t j = 0; j < k; j++)
            all[values++] = (struct ratings_tally){scratch[j], r->repeat[i]};
        long double share = (squares_of(scratch, k, within) - k) / ((long double)k * (k - 1));
        /* Added unit by unit, so that the sum rounds as it would over the units one by one. */
        for (size_t u = 0; u < r->repeat[i]; u++)
            observed += share;
        n += r->repeat[i];
    }
    size_t distinct = ratings_tally_merge(all, values);
    free(all);
    free(scratch);
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
