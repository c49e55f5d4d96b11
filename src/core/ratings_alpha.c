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
    for (size_t i = 0; i < r->nruns; i++) {
        size_t k = ratings_present(r, i, scratch);
        if (k < 2)
            continue;
        long double unit = 0;
        for (size_t a = 0; a < k; a++)
            for (size_t b = a + 1; b < k; b++)
                unit += difference(v, metric, scratch[a], scratch[b]);
        /* Added unit by unit, so that the sum rounds as it would over the units one by one. */
        long double share = 2 * unit / (long double)(k - 1);
        for (size_t u = 0; u < r->repeat[i]; u++)
            sum += share;
    }
    return sum;
}

/* Working memory for alpha: a tally per stored value, a rank per distinct value and a row. */
struct alpha_memory {
    struct ratings_tally *tally;
    double *value;
    size_t *count;
    double *rank;
    double *scratch;
};

static bool alpha_memory_init(struct alpha_memory *w, const struct ratings *r)
{
    size_t cells = r->nruns * r->ncoders;
    w->tally = ratings_tallies(cells);
    w->value = ratings_doubles(2 * cells + r->ncoders);
    w->count = malloc((cells ? cells : 1) * sizeof *w->count);
    w->rank = w->value ? w->value + cells : NULL;
    w->scratch = w->value ? w->value + 2 * cells : NULL;
    return w->tally && w->value && w->count;
}

static void alpha_memory_finish(struct alpha_memory *w)
{
    free(w->tally);
    free(w->value);
    free(w->count);
}

/* Collects the pairable values into v, in w's memory. Returns AGREE_DEFINED or why alpha is
 * undefined (v.n then holds the pairable values counted). */
static enum agree_status values_collect(const struct ratings *r, enum ratings_metric metric,
                                        const struct alpha_memory *w, struct values *v)
{
    *v = (struct values){w->value, w->count, w->rank, 0, 0};
    size_t stored = 0;
    for (size_t i = 0; i < r->nruns; i++) {
        size_t k = ratings_present(r, i, w->scratch);
        if (k < 2)
            continue;
        for (size_t j = 0; j < k; j++) {
            if (metric == RATINGS_RATIO && w->scratch[j] < 0) {
                v->n = 0;
                return AGREE_NEGATIVE_VALUE;
            }
            w->tally[stored++] = (struct ratings_tally){w->scratch[j], r->repeat[i]};
            v->n += r->repeat[i];
        }
    }
    if (v->n < 2)
        return AGREE_TOO_FEW_VALUES;
    v->distinct = ratings_tally_merge(w->tally, stored);
    double below = 0;
    for (size_t c = 0; c < v->distinct; c++) {
        v->value[c] = w->tally[c].value;
        v->count[c] = w->tally[c].count;
        v->rank[c] = below + (double)v->count[c] / 2;
        below += (double)v->count[c];
    }
    return v->distinct == 1 ? AGREE_NO_VARIATION : AGREE_DEFINED;
}

/* Krippendorff's alpha with D_o and D_e, from the values v that values_collect() found and its
 * verdict `why`; scratch holds a row. */
static struct ratings_details alpha_of(const struct ratings *r, enum ratings_metric metric,
                                       const struct values *v, enum agree_status why,
                                       double *scratch)
{
    if (why == AGREE_NO_VARIATION)
        return ratings_details_of(ratings_undefined(why, v->n), 0, 0);
    if (why != AGREE_DEFINED)
        return ratings_no_details(ratings_undefined(why, v->n));
    /* alpha = 1 - D_o / D_e = 1 - (n - 1) observed_sum / expected_sum, with
     * D_o = observed_sum / n and D_e = expected_sum / (n (n - 1)). */
    long double n = (long double)v->n;
    long double expected = expected_sum(v, metric);
    long double observed = observed_sum(r, v, metric, scratch);
    return ratings_details_of(
        ratings_defined(ratings_cancel(expected, (n - 1) * observed), expected, v->n), observed / n,
        expected / (n * (n - 1)));
}

struct ratings_details ratings_alpha_details(const struct ratings *r, enum ratings_metric metric)
{
    if (r->ncoders < 2)
        return ratings_no_details(ratings_undefined(AGREE_TOO_FEW_CODERS, 0));
    struct alpha_memory w;
    struct ratings_details result = ratings_no_details(ratings_undefined(AGREE_NO_MEMORY, 0));
    if (alpha_memory_init(&w, r)) {
        struct values v;
        enum agree_status why = values_collect(r, metric, &w, &v);
        result = alpha_of(r, metric, &v, why, w.scratch);
    }
    alpha_memory_finish(&w);
    return result;
}

struct agree_figure ratings_alpha(const struct ratings *r, enum ratings_metric metric)
{
    return ratings_alpha_details(r, metric).figure;
}

/* --- The coincidence matrix ---------------------------------------------------------------- */

/* An unordered pair of values within a unit, weighted 2 / (m_u - 1): what it adds to
 * o_ck + o_kc (or to o_cc), once for each of the `repeat` units of its run. */
struct pair {
    double c;
    double k;
    double weight;
    size_t repeat;
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
    for (size_t i = 0; i < r->nruns; i++) {
        size_t k = ratings_present(r, i, scratch);
        npairs += k * (k - (k > 0)) / 2;
    }
    struct pair *pairs = malloc((npairs ? npairs : 1) * sizeof *pairs);
    if (!pairs)
        return SIZE_MAX;
    size_t used = 0;
    for (size_t i = 0; i < r->nruns; i++) {
        size_t k = ratings_present(r, i, scratch);
        for (size_t a = 0; a < k; a++) {
            for (size_t b = a + 1; b < k; b++) {
                double lo = scratch[a] < scratch[b] ? scratch[a] : scratch[b];
                double hi = scratch[a] < scratch[b] ? scratch[b] : scratch[a];
                pairs[used++] = (struct pair){lo, hi, 2.0 / (double)(k - 1), r->repeat[i]};
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
            for (size_t u = 0; u < pairs[j].repeat; u++)
                sum += pairs[j].weight;
        pairs[ncells++] = (struct pair){pairs[i].c, pairs[i].k, (double)sum, 1};
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
    struct alpha_memory w;
    struct agree_figure result = ratings_undefined(AGREE_NO_MEMORY, 0);
    if (alpha_memory_init(&w, r)) {
        struct values v;
        enum agree_status why = values_collect(r, metric, &w, &v);
        if (why == AGREE_NEGATIVE_VALUE) {
            result = ratings_undefined(why, 0);
        } else {
            size_t got = fill_cells(r, &v, metric, w.scratch, cells);
            if (got != SIZE_MAX) {
                *count = got;
                result = alpha_of(r, metric, &v, why, w.scratch).figure;
            }
        }
    }
    alpha_memory_finish(&w);
    return result;
}
