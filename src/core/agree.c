#include "core/agree.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

const char *agree_status_text(enum agree_status status)
{
    switch (status) {
    case AGREE_DEFINED:
        return "defined";
    case AGREE_EMPTY:
        return "there is nothing to compare";
    case AGREE_CODE_UNUSED:
        return "neither coder used the code";
    case AGREE_NO_VARIATION:
        return "every value is the same, so chance agreement is total";
    case AGREE_TOO_FEW_VALUES:
        return "fewer than two pairable values";
    case AGREE_TOO_FEW_CODERS:
        return "fewer than two coders";
    case AGREE_NOT_TWO_CODERS:
        return "defined for exactly two coders";
    case AGREE_INCOMPLETE_DATA:
        return "some units lack a coder's value";
    case AGREE_BAD_CATEGORIES:
        return "fewer categories than two or than the values used";
    case AGREE_NEGATIVE_VALUE:
        return "ratio data must not be negative";
    case AGREE_OVERLAPPING_VALUES:
        return "a coder gave one stretch of text two values of the domain";
    case AGREE_NO_OVERLAP:
        return "no two coders' units overlap";
    case AGREE_NONE_DEFINED:
        return "the figure is undefined wherever it would be averaged";
    case AGREE_NO_MEMORY:
        return "out of memory";
    }
    return "unknown status";
}

/* numerator / denominator, with an exact zero as +0.0 (never -0.0). */
static struct agree_figure defined(long double numerator, long double denominator, int64_t n)
{
    double value = (double)(numerator / denominator);
    return (struct agree_figure){value == 0 ? 0.0 : value, n, AGREE_DEFINED};
}

/* x - y, or 0 when the difference is within rounding error of x and y, which are made of
 * doubles: a few units in the last place of the larger. */
static long double cancel(long double x, long double y)
{
    long double d = x - y;
    long double scale = fabsl(x) > fabsl(y) ? fabsl(x) : fabsl(y);
    return fabsl(d) <= 64 * DBL_EPSILON * scale ? 0 : d;
}

static struct agree_figure undefined(enum agree_status status, int64_t n)
{
    return (struct agree_figure){0.0, n, status};
}

/* x*y + z*w in 64 bits; false on overflow. */
static bool products_sum(int64_t x, int64_t y, int64_t z, int64_t w, int64_t *out)
{
    int64_t p;
    int64_t q;
    return !__builtin_mul_overflow(x, y, &p) && !__builtin_mul_overflow(z, w, &q) &&
           !__builtin_add_overflow(p, q, out);
}

/* --- Characters ---------------------------------------------------------------------------- */

static struct span clip(struct span s, int64_t length)
{
    if (s.start < 0)
        s.start = 0;
    if (s.end > length)
        s.end = length;
    return s;
}

/* Walks a coder's spans, sorted by start, as maximal runs of covered characters: overlapping
 * and touching spans merge, each clipped to [0, length). */
struct runs {
    const struct span *v;
    size_t n;
    size_t i;
    int64_t length;
};

static bool runs_next(struct runs *r, struct span *out)
{
    while (r->i < r->n) {
        struct span s = clip(r->v[r->i++], r->length);
        if (s.end <= s.start)
            continue;
        while (r->i < r->n) {
            struct span t = clip(r->v[r->i], r->length);
            if (t.end > t.start) {
                if (t.start > s.end)
                    break;
                if (t.end > s.end)
                    s.end = t.end;
            }
            r->i++;
        }
        *out = s;
        return true;
    }
    return false;
}

static struct runs runs_sorted(struct span *v, size_t n, int64_t length)
{
    if (n > 1)
        qsort(v, n, sizeof *v, span_compare);
    return (struct runs){v, n, 0, length};
}

struct agree_table agree_table_from_spans(struct span *a, size_t na, struct span *b, size_t nb,
                                          int64_t length)
{
    if (length < 0)
        length = 0;
    struct runs ra = runs_sorted(a, na, length);
    struct runs rb = runs_sorted(b, nb, length);
    int64_t only_a = 0;
    int64_t only_b = 0;
    int64_t both = 0;
    struct span x;
    struct span y;
    bool hx = runs_next(&ra, &x);
    bool hy = runs_next(&rb, &y);
    while (hx && hy) {
        both += span_overlap(x, y);
        if (x.end < y.end) {
            only_a += span_length(x);
            hx = runs_next(&ra, &x);
        } else {
            only_b += span_length(y);
            hy = runs_next(&rb, &y);
        }
    }
    for (; hx; hx = runs_next(&ra, &x))
        only_a += span_length(x);
    for (; hy; hy = runs_next(&rb, &y))
        only_b += span_length(y);
    /* only_a and only_b still hold each coder's whole coverage. */
    only_a -= both;
    only_b -= both;
    return (struct agree_table){both, only_a, only_b, length - both - only_a - only_b};
}

void agree_table_add(struct agree_table *sum, struct agree_table part)
{
    sum->a += part.a;
    sum->b += part.b;
    sum->c += part.c;
    sum->d += part.d;
}

static int64_t table_total(struct agree_table t)
{
    return t.a + t.b + t.c + t.d;
}

struct agree_figure agree_percent(struct agree_table t)
{
    int64_t n = table_total(t);
    if (n == 0)
        return undefined(AGREE_EMPTY, 0);
    return defined(t.a + t.d, n, n);
}

struct agree_figure agree_kappa(struct agree_table t)
{
    int64_t n = table_total(t);
    if (n == 0)
        return undefined(AGREE_EMPTY, 0);
    if (t.a + t.b + t.c == 0)
        return undefined(AGREE_CODE_UNUSED, n);
    if (t.b + t.c + t.d == 0)
        return undefined(AGREE_NO_VARIATION, n);
    /* With p_o = (a+d)/L and p_e = ((a+b)(a+c) + (c+d)(b+d))/L², multiplying through by L²
     * gives numerator 2(ad - bc) and denominator (a+b)(b+d) + (a+c)(c+d). */
    int64_t ad_bc;
    int64_t den;
    if (products_sum(t.a, t.d, -t.b, t.c, &ad_bc) &&
        products_sum(t.a + t.b, t.b + t.d, t.a + t.c, t.c + t.d, &den))
        return defined(2 * (long double)ad_bc, den, n);
    long double a = t.a;
    long double b = t.b;
    long double c = t.c;
    long double d = t.d;
    return defined(2 * (a * d - b * c), (a + b) * (b + d) + (a + c) * (c + d), n);
}

/* p_e x L², or (with `cross`) the denominator (a+b)(b+d) + (a+c)(c+d) = L² - p_e L². */
static long double chance(struct agree_table t, bool cross)
{
    long double a = t.a;
    long double b = t.b;
    long double c = t.c;
    long double d = t.d;
    return cross ? (a + b) * (b + d) + (a + c) * (c + d) : (a + b) * (a + c) + (c + d) * (b + d);
}

struct agree_details agree_kappa_details(struct agree_table t)
{
    struct agree_details out = {agree_kappa(t), 0, 0};
    if (out.figure.status == AGREE_EMPTY)
        return out;
    long double n = (long double)table_total(t);
    out.observed = (double)((t.a + t.d) / n);
    out.expected = (double)(chance(t, false) / (n * n));
    return out;
}

struct agree_figure agree_kappa_nvivo(struct agree_table t)
{
    struct agree_figure kappa = agree_kappa(t);
    if (kappa.status == AGREE_CODE_UNUSED || kappa.status == AGREE_NO_VARIATION)
        return (struct agree_figure){1.0, kappa.n, AGREE_DEFINED};
    return kappa;
}

struct agree_details agree_conger_kappa(const struct agree_table *pairs, size_t ncoders)
{
    if (ncoders < 2)
        return (struct agree_details){undefined(AGREE_TOO_FEW_CODERS, 0), 0, 0};
    size_t npairs = ncoders * (ncoders - 1) / 2;
    int64_t n = table_total(pairs[0]);
    if (n == 0)
        return (struct agree_details){undefined(AGREE_EMPTY, 0), 0, 0};
    /* Each pair's p_o - p_e and 1 - p_e, times L², are Cohen's 2(ad - bc) and
     * (a+b)(b+d) + (a+c)(c+d); their sums over the pairs, divided, are Conger's kappa. */
    bool exact = true;
    int64_t num = 0;
    int64_t den = 0;
    long double lnum = 0;
    long double lden = 0;
    long double agreed = 0;
    long double expected = 0;
    bool used = false;
    for (size_t p = 0; p < npairs; p++) {
        struct agree_table t = pairs[p];
        int64_t ad_bc;
        int64_t cross;
        used = used || t.a + t.b + t.c > 0;
        exact = exact && products_sum(t.a, t.d, -t.b, t.c, &ad_bc) &&
                products_sum(t.a + t.b, t.b + t.d, t.a + t.c, t.c + t.d, &cross) &&
                !__builtin_add_overflow(num, 2 * ad_bc, &num) &&
                !__builtin_add_overflow(den, cross, &den);
        lnum += 2 * ((long double)t.a * t.d - (long double)t.b * t.c);
        lden += chance(t, true);
        agreed += t.a + t.d;
        expected += chance(t, false);
    }
    long double l = (long double)n;
    struct agree_details out = {undefined(AGREE_CODE_UNUSED, n), (double)(agreed / (l * npairs)),
                                (double)(expected / (l * l * npairs))};
    if (!used)
        return out;
    if (exact ? den == 0 : lden == 0) {
        out.figure.status = AGREE_NO_VARIATION;
        return out;
    }
    out.figure = exact ? defined(num, den, n) : defined(lnum, lden, n);
    return out;
}

static struct agree_figure positive_or_jaccard(struct agree_table t, int64_t weight)
{
    int64_t n = t.a + t.b + t.c;
    if (table_total(t) == 0)
        return undefined(AGREE_EMPTY, 0);
    if (n == 0)
        return undefined(AGREE_CODE_UNUSED, 0);
    return defined(weight * (long double)t.a, weight * (long double)t.a + t.b + t.c, n);
}

struct agree_figure agree_positive(struct agree_table t)
{
    return positive_or_jaccard(t, 2);
}

struct agree_figure agree_jaccard(struct agree_table t)
{
    return positive_or_jaccard(t, 1);
}

/* --- Krippendorff's alpha over characters ------------------------------------------------- */

struct boundary {
    int64_t at;
    bool starts; /* a coder's run starts here, or else ends here */
};

static int boundary_compare(const void *x, const void *y)
{
    const struct boundary *p = x;
    const struct boundary *q = y;
    return (p->at > q->at) - (p->at < q->at);
}

bool agree_coincidence_add(struct agree_coincidence *m, struct span *const *coders,
                           const size_t *counts, size_t ncoders, int64_t length)
{
    if (ncoders < 2 || length <= 0)
        return true;
    /* Room for two boundaries per span and a counter per coder, without size_t overflow. */
    size_t limit = SIZE_MAX / (2 * sizeof(struct boundary) + sizeof(int64_t));
    if (ncoders >= limit)
        return false;
    limit -= ncoders + 1;
    size_t spans = 0;
    for (size_t i = 0; i < ncoders; i++) {
        if (counts[i] > limit - spans)
            return false;
        spans += counts[i];
    }
    /* One block: the boundaries of every coder's runs, then the number of characters that
     * exactly k coders covered, for k = 0..ncoders. */
    size_t nbounds = 2 * spans;
    struct boundary *bounds = malloc(nbounds * sizeof *bounds + (ncoders + 1) * sizeof(int64_t));
    if (!bounds)
        return false;
    int64_t *covered = (int64_t *)(bounds + nbounds);
    for (size_t k = 0; k <= ncoders; k++)
        covered[k] = 0;

    size_t used = 0;
    for (size_t i = 0; i < ncoders; i++) {
        struct runs r = runs_sorted(coders[i], counts[i], length);
        struct span s;
        while (runs_next(&r, &s)) {
            bounds[used++] = (struct boundary){s.start, true};
            bounds[used++] = (struct boundary){s.end, false};
        }
    }
    qsort(bounds, used, sizeof *bounds, boundary_compare);
    size_t depth = 0;
    int64_t at = 0;
    int64_t outside = length;
    for (size_t j = 0; j < used; j++) {
        if (depth > 0) {
            covered[depth] += bounds[j].at - at;
            outside -= bounds[j].at - at;
        }
        at = bounds[j].at;
        if (bounds[j].starts)
            depth++;
        else
            depth--;
    }
    covered[0] = outside;

    /* A character that k of the mc coders covered has mc pairable values and adds, over its
     * mc(mc-1) ordered pairs, k(k-1) pairs 1-1, k(mc-k) pairs 1-0 and (mc-k)(mc-k-1) pairs
     * 0-0, each weighted 1/(mc-1) (Krippendorff 2011, section C). */
    long double mc = (long double)ncoders;
    long double o00 = 0;
    long double o01 = 0;
    long double o11 = 0;
    for (size_t k = 0; k <= ncoders; k++) {
        long double len = (long double)covered[k];
        long double kk = (long double)k;
        o11 += len * kk * (kk - 1);
        o01 += len * kk * (mc - kk);
        o00 += len * (mc - kk) * (mc - kk - 1);
    }
    m->o00 += (double)(o00 / (mc - 1));
    m->o01 += (double)(o01 / (mc - 1));
    m->o11 += (double)(o11 / (mc - 1));
    free(bounds);
    return true;
}

struct agree_coincidence agree_coincidence_from_table(struct agree_table t)
{
    return (struct agree_coincidence){2.0 * (double)t.d, (double)(t.b + t.c), 2.0 * (double)t.a};
}

struct agree_figure agree_alpha_binary(const struct agree_coincidence *m)
{
    long double n0 = (long double)m->o00 + m->o01;
    long double n1 = (long double)m->o11 + m->o01;
    long double n = n0 + n1;
    int64_t count = (int64_t)llroundl(n);
    if (count < 2)
        return undefined(AGREE_TOO_FEW_VALUES, count);
    if (n1 == 0)
        return undefined(AGREE_CODE_UNUSED, count);
    if (n0 == 0)
        return undefined(AGREE_NO_VARIATION, count);
    /* alpha = 1 - D_o/D_e = 1 - (n-1) o01 / (n0 n1) (Krippendorff 2011, section A). */
    return defined(cancel(n0 * n1, (n - 1) * m->o01), n0 * n1, count);
}

struct agree_details agree_alpha_details(const struct agree_coincidence *m)
{
    struct agree_details out = {agree_alpha_binary(m), 0, 0};
    if (out.figure.status == AGREE_TOO_FEW_VALUES)
        return out;
    long double n0 = (long double)m->o00 + m->o01;
    long double n1 = (long double)m->o11 + m->o01;
    long double n = n0 + n1;
    out.observed = (double)(2 * (long double)m->o01 / n);
    out.expected = (double)(2 * n0 * n1 / (n * (n - 1)));
    return out;
}

/* --- Means over sources -------------------------------------------------------------------- */

void agree_mean_add(struct agree_mean *m, struct agree_figure f, int64_t weight)
{
    if (f.status != AGREE_DEFINED)
        return;
    long double w = weight > 0 ? (long double)weight : 0;
    m->sum += f.value;
    m->size += fabsl((long double)f.value);
    m->weighted += w * f.value;
    m->weighted_size += w * fabsl((long double)f.value);
    m->weight += weight > 0 ? weight : 0;
    m->count++;
}

struct agree_figure agree_mean_value(const struct agree_mean *m, bool weighted)
{
    if (m->count == 0 || (weighted && m->weight == 0))
        return undefined(AGREE_NONE_DEFINED, m->count);
    long double sum = weighted ? m->weighted : m->sum;
    long double size = weighted ? m->weighted_size : m->size;
    /* Figures that cancel (0.5 and -0.5) leave a sum of rounding errors, not zero. */
    if (fabsl(sum) <= 64 * DBL_EPSILON * size)
        sum = 0;
    return defined(sum, weighted ? (long double)m->weight : (long double)m->count, m->count);
}

/* --- MAXQDA-style agreement ---------------------------------------------------------------- */

/* Sorts v and merges spans that share a character; drops empty spans. Returns the new count.
 * MAXQDA never stores overlapping segments with the same code ("segments assigned the same
 * code will never overlap", MAXQDA manual, "How to code", maxqda.com/help-mx24/coding/
 * how-to-code), so a coder's overlapping spans are one MAXQDA segment. */
static size_t merge_overlapping(struct span *v, size_t n)
{
    if (n > 1)
        qsort(v, n, sizeof *v, span_compare);
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i].end <= v[i].start)
            continue;
        if (out > 0 && v[i].start < v[out - 1].end) {
            if (v[i].end > v[out - 1].end)
                v[out - 1].end = v[i].end;
        } else {
            v[out++] = v[i];
        }
    }
    return out;
}

/* True when 100 * overlap >= threshold * extent, exactly and without overflow: with
 * extent = 100q + r, the test is 100 (overlap - threshold q) >= threshold r, where
 * 0 <= threshold r < 100 threshold. */
static bool enough_overlap(int64_t overlap, int64_t extent, int threshold)
{
    int64_t q = extent / 100;
    int64_t r = extent % 100;
    int64_t rest = overlap - threshold * q;
    if (rest >= threshold)
        return true;
    if (rest < 0)
        return false;
    return 100 * rest >= threshold * r;
}

/* Whether segments s and t match: they share a character, and the shared part is at least
 * threshold percent of the extent of the two together (first start to last end).
 *
 * MAXQDA's segment-level test counts a coded segment of one coder as an agreement when the
 * other coder assigned the same code to a segment overlapping it by at least a chosen
 * percentage. The parts of MAXQDA's manual that could be retrieved while writing this (its
 * "Intercoder Agreement" chapter, maxqda.com/help-mx24/coding/problem-intercoder-agreement-
 * qualitative-research, and copies of it) do not say what the percentage is relative to.
 * Relative to the extent of both segments is the reading under which the test is symmetric and
 * a short segment inside a long one does not match; another reading would change only this
 * function. */
static bool segments_match(struct span s, struct span t, int threshold)
{
    int64_t overlap = span_overlap(s, t);
    if (overlap == 0)
        return false;
    int64_t start = s.start < t.start ? s.start : t.start;
    int64_t end = s.end > t.end ? s.end : t.end;
    return enough_overlap(overlap, end - start, threshold);
}

/* How many of x[0..nx) some segment in y[0..ny) matches. Both are sorted and free of
 * overlaps, so the y segments overlapping x[i] form a contiguous run, and the runs advance with
 * i: the work is O(nx + ny). */
static int64_t count_matched(const struct span *x, size_t nx, const struct span *y, size_t ny,
                             int threshold)
{
    int64_t matched = 0;
    size_t j = 0;
    for (size_t i = 0; i < nx; i++) {
        while (j < ny && y[j].end <= x[i].start)
            j++;
        for (size_t k = j; k < ny && y[k].start < x[i].end; k++) {
            if (segments_match(x[i], y[k], threshold)) {
                matched++;
                break;
            }
        }
    }
    return matched;
}

struct agree_segments agree_segments_match(struct span *a, size_t na, struct span *b, size_t nb,
                                           int threshold_percent)
{
    int threshold = threshold_percent < 0 ? 0 : threshold_percent > 100 ? 100 : threshold_percent;
    na = merge_overlapping(a, na);
    nb = merge_overlapping(b, nb);
    return (struct agree_segments){(int64_t)na, (int64_t)nb, count_matched(a, na, b, nb, threshold),
                                   count_matched(b, nb, a, na, threshold)};
}

void agree_segments_add(struct agree_segments *sum, struct agree_segments part)
{
    sum->a_segments += part.a_segments;
    sum->b_segments += part.b_segments;
    sum->a_matched += part.a_matched;
    sum->b_matched += part.b_matched;
}

struct agree_tally agree_segments_tally(struct agree_segments s)
{
    return (struct agree_tally){s.a_matched + s.b_matched, s.a_segments + s.b_segments};
}

void agree_frequency_add(struct agree_tally *t, int64_t a_count, int64_t b_count)
{
    t->agreed += a_count == b_count;
    t->total++;
}

void agree_presence_add(struct agree_table *t, bool a_used, bool b_used)
{
    if (a_used && b_used)
        t->a++;
    else if (a_used)
        t->b++;
    else if (b_used)
        t->c++;
    else
        t->d++;
}

struct agree_figure agree_tally_percent(struct agree_tally t)
{
    if (t.total == 0)
        return undefined(AGREE_CODE_UNUSED, 0);
    return defined(t.agreed, t.total, t.total);
}

/* MAXQDA's kappa for segments follows Brennan and Prediger (1981): "P chance" is 1 over the
 * number of categories, which MAXQDA takes to be the number of codes in its result table, and
 * "P observed" is the agreement percentage in the table's total row (MAXQDA manual,
 * "Intercoder Agreement", as copied at aleppo-seife.xyz/agreement-coding and
 * djelixir.com/2021/04/11/nsw-inter-coder-agreement). Multiplying through by q * total gives
 * (q agreed - total) / ((q - 1) total). */
struct agree_figure agree_tally_kappa(struct agree_tally t, int64_t categories)
{
    if (t.total == 0)
        return undefined(AGREE_CODE_UNUSED, 0);
    if (categories < 2)
        return undefined(AGREE_BAD_CATEGORIES, t.total);
    int64_t num;
    int64_t den;
    if (products_sum(categories, t.agreed, -1, t.total, &num) &&
        products_sum(categories - 1, t.total, 0, 0, &den))
        return defined(num, den, t.total);
    long double q = (long double)categories;
    return defined(q * t.agreed - t.total, (q - 1) * t.total, t.total);
}
