#include "core/unitize.h"

#include "unitize_data.h"

#include <math.h>
#include <stdlib.h>

/* --- Krippendorff, Mathet, Bouvry and Widlöcher (2016) -------------------------------------- */

/* The coincidences of one view of the units: categories 0 .. k-2 are values (every value of
 * the domain, or the one value of a binary view), k-1 is the gap. */
struct matrix {
    size_t k;
    long double *l;      /* k x k observed coincidences */
    long double *s;      /* k: S_c */
    long double *s_star; /* k: S*_c, already divided by m - 1 */
    long double *n_star; /* k: coder-characters of category c that another coder's unit
                            covers (the gap's entry: all such coder-characters) */
    long double total;   /* l.. */
};

static void matrix_finish(struct matrix *x)
{
    free(x->l);
}

static bool matrix_init(struct matrix *x, size_t k)
{
    x->k = k;
    x->total = 0;
    x->l = calloc(k * k + 3 * k, sizeof *x->l);
    x->s = x->l ? x->l + k * k : NULL;
    x->s_star = x->l ? x->s + k : NULL;
    x->n_star = x->l ? x->s_star + k : NULL;
    return x->l != NULL;
}

/* A coder's unit entering or leaving the stretch swept. */
struct event {
    int64_t at;
    uint32_t coder;
    uint32_t category;
    bool enters;
};

static int event_compare(const void *x, const void *y)
{
    const struct event *p = x;
    const struct event *q = y;
    if (p->at != q->at)
        return p->at < q->at ? -1 : 1;
    return (int)p->enters - (int)q->enters; /* leaving first */
}

/* What the sweep keeps: each coder's category now, how many coders are in each, and the
 * categories with at least one coder (at most m of them). */
struct sweep {
    uint32_t *current;
    size_t *count;
    size_t *active;
    size_t *slot; /* where a category stands in active, or SIZE_MAX */
    size_t nactive;
};

static void sweep_move(struct sweep *w, size_t category, bool in)
{
    if (in) {
        if (w->count[category]++ == 0) {
            w->slot[category] = w->nactive;
            w->active[w->nactive++] = category;
        }
        return;
    }
    if (--w->count[category] == 0) {
        size_t at = w->slot[category];
        size_t last = w->active[--w->nactive];
        w->active[at] = last;
        w->slot[last] = at;
        w->slot[category] = SIZE_MAX;
    }
}

/* Adds `len` characters with the sweep's present categories to the observed coincidences: each
 * ordered pair of coders in categories c and k adds len / (m - 1) to l_ck. */
static void sweep_add(struct matrix *x, const struct sweep *w, long double len, size_t m)
{
    if (len <= 0)
        return;
    size_t gap = x->k - 1;
    long double weight = len / ((long double)m - 1);
    for (size_t a = 0; a < w->nactive; a++) {
        size_t c = w->active[a];
        long double nc = (long double)w->count[c];
        for (size_t b = 0; b < w->nactive; b++) {
            size_t k = w->active[b];
            long double nk = (long double)w->count[k];
            x->l[c * x->k + k] += weight * nc * (c == k ? nc - 1 : nk);
        }
    }
    size_t coded = m - w->count[gap];
    if (coded >= 2) {
        for (size_t a = 0; a < w->nactive; a++) {
            size_t c = w->active[a];
            if (c != gap)
                x->n_star[c] += len * (long double)w->count[c];
        }
        x->n_star[gap] += len * (long double)coded;
    }
}

/* The category of a stored unit in a view of `value` (UNITIZE_ALL: every value its own). */
static uint32_t category_of(const struct stored *s, size_t value)
{
    return value == UNITIZE_ALL ? s->value : 0;
}

/* Work space for the sweep of one source. */
struct scratch_2016 {
    struct stored *units; /* every coder's units of the view, coder after coder */
    size_t *first;        /* ncoders + 1 */
    struct event *events;
    struct sweep sweep;
};

/* Adds source s to the matrix of the view `value`, with S* when `star`. */
static void add_source_2016(struct matrix *x, const struct unitize *u, const struct source *s,
                            size_t value, bool star, struct scratch_2016 *w)
{
    size_t m = u->ncoders;
    size_t gap = x->k - 1;
    size_t used = 0;
    for (size_t i = 0; i < m; i++) {
        w->first[i] = used;
        used += unitize_coder_units(u, s, i, value, w->units + used);
    }
    w->first[m] = used;
    size_t nevents = 0;
    long double covered = 0;
    for (size_t k = 0; k < used; k++) {
        const struct stored *t = &w->units[k];
        uint32_t c = category_of(t, value);
        long double len = (long double)(t->end - t->start);
        w->events[nevents++] = (struct event){t->start, t->coder, c, true};
        w->events[nevents++] = (struct event){t->end, t->coder, c, false};
        x->s[c] += len * len;
        covered += len;
    }
    long double all = (long double)m * (long double)s->length;
    x->s[gap] += all - covered;
    x->total += all;
    qsort(w->events, nevents, sizeof *w->events, event_compare);

    struct sweep *sw = &w->sweep;
    sw->nactive = 0;
    for (size_t c = 0; c < x->k; c++) {
        sw->count[c] = 0;
        sw->slot[c] = SIZE_MAX;
    }
    for (size_t i = 0; i < m; i++) {
        sw->current[i] = (uint32_t)gap;
        sweep_move(sw, gap, true);
    }
    int64_t at = 0;
    for (size_t e = 0; e < nevents; e++) {
        const struct event *ev = &w->events[e];
        sweep_add(x, sw, (long double)(ev->at - at), m);
        at = ev->at;
        sweep_move(sw, sw->current[ev->coder], false);
        sw->current[ev->coder] = ev->enters ? ev->category : (uint32_t)gap;
        sweep_move(sw, sw->current[ev->coder], true);
    }
    sweep_add(x, sw, (long double)(s->length - at), m);

    if (!star)
        return;
    /* S*: for each unit g of coder i and each other coder j, the characters of g that j's
     * units cover, squared. Both lists are sorted and free of overlaps. */
    for (size_t i = 0; i < m; i++) {
        for (size_t j = 0; j < m; j++) {
            if (i == j)
                continue;
            size_t h = w->first[j];
            for (size_t g = w->first[i]; g < w->first[i + 1]; g++) {
                const struct stored *a = &w->units[g];
                while (h < w->first[j + 1] && w->units[h].end <= a->start)
                    h++;
                int64_t shared = 0;
                for (size_t t = h; t < w->first[j + 1] && w->units[t].start < a->end; t++) {
                    int64_t from = a->start > w->units[t].start ? a->start : w->units[t].start;
                    int64_t to = a->end < w->units[t].end ? a->end : w->units[t].end;
                    shared += to - from;
                }
                long double sh = (long double)shared;
                x->s_star[category_of(a, value)] += sh * sh / ((long double)m - 1);
            }
        }
    }
}

/* The matrix of the view `value` over every source. False when memory runs out. */
static bool matrix_of(const struct unitize *u, size_t value, bool star, struct matrix *x)
{
    size_t k = value == UNITIZE_ALL ? u->nvalues + 1 : 2;
    if (!matrix_init(x, k))
        return false;
    struct scratch_2016 w;
    size_t m = u->ncoders;
    w.units = malloc((u->widest + 1) * sizeof *w.units);
    w.first = malloc((m + 1) * sizeof *w.first);
    w.events = malloc((2 * u->widest + 1) * sizeof *w.events);
    w.sweep.current = malloc(m * sizeof *w.sweep.current);
    w.sweep.count = malloc(3 * k * sizeof *w.sweep.count);
    w.sweep.active = w.sweep.count ? w.sweep.count + k : NULL;
    w.sweep.slot = w.sweep.count ? w.sweep.count + 2 * k : NULL;
    bool ok = w.units && w.first && w.events && w.sweep.current && w.sweep.count;
    for (size_t si = 0; ok && si < u->nsources; si++)
        add_source_2016(x, u, &u->sources[si], value, star, &w);
    free(w.units);
    free(w.first);
    free(w.events);
    free(w.sweep.current);
    free(w.sweep.count);
    if (!ok)
        matrix_finish(x);
    return ok;
}

/* The expected coincidence e_cc of a matrix whose row sums are `rows`, total `total`,
 * corrections s and their sum: total (rows_c^2 - s_c) / (total^2 - sum). */
static long double expected_diagonal(long double row, long double s, long double total,
                                     long double sum)
{
    return total * (row * row - s) / (total * total - sum);
}

/* Alpha over categories [0, k) of x, with corrections s: 1 - (total - sum l_cc) / (total -
 * sum e_cc). `unused` is the status when no disagreement can be expected and no unit was
 * coded. */
static struct unitize_details alpha_of(const struct matrix *x, size_t k, const long double *s,
                                       int64_t n, bool any_units)
{
    long double total = 0;
    long double agree = 0;
    long double sum_s = 0;
    for (size_t c = 0; c < k; c++) {
        for (size_t d = 0; d < k; d++)
            total += x->l[c * x->k + d];
        agree += x->l[c * x->k + c];
        sum_s += s[c];
    }
    if (!any_units)
        return unitize_undefined(AGREE_CODE_UNUSED, n);
    if (total * total - sum_s <= 0)
        return unitize_undefined(AGREE_NO_VARIATION, n);
    long double expect = 0;
    for (size_t c = 0; c < k; c++) {
        long double row = 0;
        for (size_t d = 0; d < k; d++)
            row += x->l[c * x->k + d];
        expect += expected_diagonal(row, s[c], total, sum_s);
    }
    long double expected = unitize_cancel(total, expect);
    long double observed = unitize_cancel(total, agree);
    if (expected <= 0)
        return unitize_undefined(AGREE_NO_VARIATION, n);
    return unitize_defined(observed, expected, total, n);
}

struct unitize_details unitize_alpha(const struct unitize *u)
{
    enum agree_status why = unitize_precondition(u, true);
    int64_t n = unitize_coder_characters(u);
    if (why != AGREE_DEFINED)
        return unitize_undefined(why, why == AGREE_TOO_FEW_CODERS ? 0 : n);
    struct matrix x;
    if (!matrix_of(u, UNITIZE_ALL, false, &x))
        return unitize_undefined(AGREE_NO_MEMORY, n);
    struct unitize_details result = alpha_of(&x, x.k, x.s, n, u->nunits > 0);
    matrix_finish(&x);
    return result;
}

struct unitize_details unitize_binary_alpha(const struct unitize *u, size_t value)
{
    enum agree_status why = unitize_precondition(u, value == UNITIZE_ALL);
    int64_t n = unitize_coder_characters(u);
    if (why != AGREE_DEFINED)
        return unitize_undefined(why, why == AGREE_TOO_FEW_CODERS ? 0 : n);
    if (value != UNITIZE_ALL && value >= u->nvalues)
        return unitize_undefined(AGREE_BAD_CATEGORIES, n);
    struct matrix x;
    if (!matrix_of(u, value, false, &x))
        return unitize_undefined(AGREE_NO_MEMORY, n);
    /* Every value taken as one: the values' rows and columns summed, their corrections too
     * (the units stay the units they are). */
    size_t gap = x.k - 1;
    struct matrix two;
    if (!matrix_init(&two, 2)) {
        matrix_finish(&x);
        return unitize_undefined(AGREE_NO_MEMORY, n);
    }
    for (size_t c = 0; c < x.k; c++) {
        size_t p = c == gap;
        two.s[p] += x.s[c];
        for (size_t d = 0; d < x.k; d++)
            two.l[p * 2 + (d == gap)] += x.l[c * x.k + d];
    }
    bool any = value == UNITIZE_ALL ? u->nunits > 0 : unitize_coded(u, value) > 0;
    struct unitize_details result = alpha_of(&two, 2, two.s, n, any);
    matrix_finish(&two);
    matrix_finish(&x);
    return result;
}

/* The valued part of the matrix as cuα sees it: rows, total, corrections. */
struct starred {
    long double total;
    long double sum_s;
};

static struct starred starred_of(const struct matrix *x)
{
    size_t values = x->k - 1;
    struct starred st = {0, 0};
    for (size_t c = 0; c < values; c++) {
        for (size_t d = 0; d < values; d++)
            st.total += x->l[c * x->k + d];
        st.sum_s += x->s_star[c];
    }
    return st;
}

static long double starred_row(const struct matrix *x, size_t c)
{
    long double row = 0;
    for (size_t d = 0; d + 1 < x->k; d++)
        row += x->l[c * x->k + d];
    return row;
}

struct unitize_details unitize_coding_alpha(const struct unitize *u)
{
    enum agree_status why = unitize_precondition(u, true);
    if (why == AGREE_DEFINED && u->ncoders != 2)
        why = AGREE_NOT_TWO_CODERS;
    if (why != AGREE_DEFINED)
        return unitize_undefined(why, 0);
    struct matrix x;
    if (!matrix_of(u, UNITIZE_ALL, true, &x))
        return unitize_undefined(AGREE_NO_MEMORY, 0);
    int64_t n = (int64_t)llroundl(x.n_star[x.k - 1]);
    struct starred st = starred_of(&x);
    struct unitize_details result;
    if (u->nunits == 0)
        result = unitize_undefined(AGREE_CODE_UNUSED, n);
    else if (st.total <= 0)
        result = unitize_undefined(AGREE_NO_OVERLAP, n);
    else
        result = alpha_of(&x, x.k - 1, x.s_star, n, true);
    matrix_finish(&x);
    return result;
}

struct unitize_details unitize_domains_coding_alpha(const struct unitize *const *domains,
                                                    size_t count)
{
    long double observed = 0;
    long double expected = 0;
    long double total = 0;
    int64_t n = 0;
    bool units = false;
    for (size_t d = 0; d < count; d++) {
        const struct unitize *u = domains[d];
        enum agree_status why = unitize_precondition(u, true);
        if (why == AGREE_DEFINED && u->ncoders != 2)
            why = AGREE_NOT_TWO_CODERS;
        if (why == AGREE_EMPTY)
            continue;
        if (why != AGREE_DEFINED)
            return unitize_undefined(why, 0);
        units = units || u->nunits > 0;
        struct matrix x;
        if (!matrix_of(u, UNITIZE_ALL, true, &x))
            return unitize_undefined(AGREE_NO_MEMORY, 0);
        struct starred st = starred_of(&x);
        /* A domain whose units never overlap the other coder's has no coincidences to add. */
        if (u->nunits > 0 && st.total > 0 && st.total * st.total - st.sum_s > 0) {
            long double agree = 0;
            long double expect = 0;
            for (size_t c = 0; c + 1 < x.k; c++) {
                agree += x.l[c * x.k + c];
                expect += expected_diagonal(starred_row(&x, c), x.s_star[c], st.total, st.sum_s);
            }
            observed += unitize_cancel(st.total, agree);
            expected += unitize_cancel(st.total, expect);
            total += st.total;
            n += (int64_t)llroundl(x.n_star[x.k - 1]);
        }
        matrix_finish(&x);
    }
    if (count == 0 || !units)
        return unitize_undefined(count == 0 ? AGREE_EMPTY : AGREE_CODE_UNUSED, n);
    if (total <= 0)
        return unitize_undefined(AGREE_NO_OVERLAP, n);
    if (expected <= 0)
        return unitize_undefined(AGREE_NO_VARIATION, n);
    return unitize_defined(observed, expected, total, n);
}

struct unitize_details unitize_value_alpha(const struct unitize *u, size_t value)
{
    enum agree_status why = unitize_precondition(u, true);
    if (why == AGREE_DEFINED && u->ncoders != 2)
        why = AGREE_NOT_TWO_CODERS;
    if (why != AGREE_DEFINED)
        return unitize_undefined(why, 0);
    if (value >= u->nvalues)
        return unitize_undefined(AGREE_BAD_CATEGORIES, 0);
    struct matrix x;
    if (!matrix_of(u, UNITIZE_ALL, true, &x))
        return unitize_undefined(AGREE_NO_MEMORY, 0);
    int64_t n = (int64_t)llroundl(x.n_star[value]);
    struct starred st = starred_of(&x);
    long double row = starred_row(&x, value);
    struct unitize_details result;
    if (unitize_coded(u, value) == 0) {
        result = unitize_undefined(AGREE_CODE_UNUSED, n);
    } else if (row <= 0) {
        result = unitize_undefined(AGREE_NO_OVERLAP, n);
    } else if (st.total * st.total - st.sum_s <= 0) {
        result = unitize_undefined(AGREE_NO_VARIATION, n);
    } else {
        /* e*_k. = l*.. (l*_k. l*.. - S*_k) / (l*..^2 - S*), since the rows add up to l*.. */
        long double den = st.total * st.total - st.sum_s;
        long double e_row = st.total * (row * st.total - x.s_star[value]) / den;
        long double e_kk = expected_diagonal(row, x.s_star[value], st.total, st.sum_s);
        long double observed = unitize_cancel(row, x.l[value * x.k + value]) / row;
        long double expected = e_row > 0 ? unitize_cancel(e_row, e_kk) / e_row : 0;
        if (expected <= 0)
            result = unitize_undefined(AGREE_NO_VARIATION, n);
        else
            result = unitize_defined(observed, expected, 1, n);
    }
    matrix_finish(&x);
    return result;
}
