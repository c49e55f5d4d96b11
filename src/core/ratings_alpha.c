#include "core/ratings.h"

#include "ratings_data.h"

#include <stdlib.h>

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
    const double *at = bsearch(&x, v->value, v->distinct, sizeof x, ratings_double_compare);
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
        size_t k = ratings_present(r, u, scratch);
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
        size_t k = ratings_present(r, u, *scratch);
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
    ratings_sort_doubles(v->value, v->n);
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
        return ratings_details_of(ratings_undefined(why, v.n), 0, 0);
    if (why != AGREE_DEFINED)
        return ratings_no_details(ratings_undefined(why, v.n));
    /* alpha = 1 - D_o / D_e = 1 - (n - 1) observed_sum / expected_sum, with
     * D_o = observed_sum / n and D_e = expected_sum / (n (n - 1)). */
    long double n = (long double)v.n;
    long double expected = expected_sum(&v, metric);
    long double observed = observed_sum(r, &v, metric, scratch);
    return ratings_details_of(
        ratings_defined(ratings_cancel(expected, (n - 1) * observed), expected, v.n), observed / n,
        expected / (n * (n - 1)));
}

struct ratings_details ratings_alpha_details(const struct ratings *r, enum ratings_metric metric)
{
    if (r->ncoders < 2)
        return ratings_no_details(ratings_undefined(AGREE_TOO_FEW_CODERS, 0));
    size_t cells = r->nunits * r->ncoders;
    double *block = ratings_doubles(2 * cells + r->ncoders);
    size_t *count = malloc((cells ? cells : 1) * sizeof *count);
    struct ratings_details result = ratings_no_details(ratings_undefined(AGREE_NO_MEMORY, 0));
    if (block && count)
        result = alpha_in(r, metric, block, count);
    free(block);
    free(count);
    return result;
}

struct agree_figure ratings_alpha(const struct ratings *r, enum ratings_metric metric)
{
    return ratings_alpha_details(r, metric).figure;
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
        size_t k = ratings_present(r, u, scratch);
        npairs += k * (k - (k > 0)) / 2;
    }
    struct pair *pairs = malloc((npairs ? npairs : 1) * sizeof *pairs);
    if (!pairs)
        return SIZE_MAX;
    size_t used = 0;
    for (size_t u = 0; u < r->nunits; u++) {
        size_t k = ratings_present(r, u, scratch);
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
        return ratings_undefined(AGREE_TOO_FEW_CODERS, 0);
    size_t ncells = r->nunits * r->ncoders;
    double *block = ratings_doubles(2 * ncells + r->ncoders);
    size_t *counts = malloc((ncells ? ncells : 1) * sizeof *counts);
    struct agree_figure result = ratings_undefined(AGREE_NO_MEMORY, 0);
    if (block && counts) {
        struct values v;
        double *scratch;
        enum agree_status why = values_collect(r, metric, block, counts, &v, &scratch);
        if (why == AGREE_NEGATIVE_VALUE) {
            result = ratings_undefined(why, 0);
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
