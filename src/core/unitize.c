#include "core/unitize.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A unit as stored: after clipping and joining. */
struct stored {
    int64_t start;
    int64_t end;
    uint32_t coder;
    uint32_t value;
};

/* A source: its length and its units, u->units[first .. first + count), sorted by coder, then
 * value, then start. */
struct source {
    int64_t length;
    size_t first;
    size_t count;
};

struct unitize {
    size_t ncoders;
    size_t nvalues;
    enum unitize_joining joining;
    struct stored *units;
    size_t nunits;
    size_t units_cap;
    struct source *sources;
    size_t nsources;
    size_t sources_cap;
    int64_t length;   /* of all sources */
    size_t widest;    /* most units in one source */
    bool overlapping; /* some coder's units of two values share a character */
};

struct unitize *unitize_create(size_t ncoders, size_t nvalues, enum unitize_joining joining)
{
    if (ncoders == 0 || nvalues == 0 || nvalues > UINT32_MAX || ncoders > UINT32_MAX)
        return NULL;
    struct unitize *u = calloc(1, sizeof *u);
    if (u) {
        u->ncoders = ncoders;
        u->nvalues = nvalues;
        u->joining = joining;
    }
    return u;
}

void unitize_destroy(struct unitize *u)
{
    if (!u)
        return;
    free(u->units);
    free(u->sources);
    free(u);
}

static int by_coder_value_start(const void *x, const void *y)
{
    const struct stored *p = x;
    const struct stored *q = y;
    if (p->coder != q->coder)
        return p->coder < q->coder ? -1 : 1;
    if (p->value != q->value)
        return p->value < q->value ? -1 : 1;
    if (p->start != q->start)
        return p->start < q->start ? -1 : 1;
    return (p->end > q->end) - (p->end < q->end);
}

static int by_coder_start(const void *x, const void *y)
{
    const struct stored *p = x;
    const struct stored *q = y;
    if (p->coder != q->coder)
        return p->coder < q->coder ? -1 : 1;
    return (p->start > q->start) - (p->start < q->start);
}

/* Grows *v (of element size `size`, room for *cap) to hold `need`; false when it cannot. */
static bool reserve(void **v, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return true;
    size_t next = *cap ? *cap : 16;
    while (next < need) {
        if (next > SIZE_MAX / 2 / size)
            return false;
        next *= 2;
    }
    void *grown = realloc(*v, next * size);
    if (!grown)
        return false;
    *v = grown;
    *cap = next;
    return true;
}

bool unitize_add_source(struct unitize *u, int64_t length, const struct unitize_unit *const *coders,
                        const size_t *counts)
{
    if (length < 0)
        length = 0;
    size_t total = 0;
    for (size_t i = 0; i < u->ncoders; i++) {
        if (counts[i] > SIZE_MAX / sizeof(struct stored) - total - 1)
            return false;
        total += counts[i];
    }
    struct stored *kept = malloc((total + 1) * sizeof *kept);
    if (!kept)
        return false;
    size_t n = 0;
    for (size_t i = 0; i < u->ncoders; i++) {
        for (size_t k = 0; k < counts[i]; k++) {
            struct unitize_unit c = coders[i][k];
            if (c.value >= u->nvalues) {
                free(kept);
                return false;
            }
            int64_t start = c.span.start < 0 ? 0 : c.span.start;
            int64_t end = c.span.end > length ? length : c.span.end;
            if (end > start)
                kept[n++] = (struct stored){start, end, (uint32_t)i, c.value};
        }
    }
    qsort(kept, n, sizeof *kept, by_coder_value_start);
    bool touching = u->joining == UNITIZE_JOIN_TOUCHING;
    size_t joined = 0;
    for (size_t k = 0; k < n; k++) {
        struct stored *last = joined ? &kept[joined - 1] : NULL;
        if (last && last->coder == kept[k].coder && last->value == kept[k].value &&
            (kept[k].start < last->end || (touching && kept[k].start == last->end))) {
            if (kept[k].end > last->end)
                last->end = kept[k].end;
        } else {
            kept[joined++] = kept[k];
        }
    }
    if (!reserve((void **)&u->units, &u->units_cap, u->nunits + joined, sizeof *u->units) ||
        !reserve((void **)&u->sources, &u->sources_cap, u->nsources + 1, sizeof *u->sources)) {
        free(kept);
        return false;
    }
    if (joined > 0)
        memcpy(u->units + u->nunits, kept, joined * sizeof *kept);
    u->sources[u->nsources++] = (struct source){length, u->nunits, joined};
    u->nunits += joined;
    u->length += length;
    if (joined > u->widest)
        u->widest = joined;
    /* A coder's units of different values overlap when, in order of start, one begins before
     * the furthest end so far. */
    qsort(kept, joined, sizeof *kept, by_coder_start);
    int64_t reach = 0;
    for (size_t k = 0; k < joined; k++) {
        if (k > 0 && kept[k - 1].coder == kept[k].coder && kept[k].start < reach)
            u->overlapping = true;
        if (k == 0 || kept[k - 1].coder != kept[k].coder || kept[k].end > reach)
            reach = kept[k].end;
    }
    free(kept);
    return true;
}

int64_t unitize_coded(const struct unitize *u, size_t value)
{
    int64_t sum = 0;
    for (size_t k = 0; k < u->nunits; k++)
        if (value == UNITIZE_ALL || u->units[k].value == value)
            sum += u->units[k].end - u->units[k].start;
    return sum;
}

/* --- Figures -------------------------------------------------------------------------------- */

static struct unitize_details undefined(enum agree_status status, int64_t n)
{
    return (struct unitize_details){{0.0, n, status}, 0, 0};
}

/* x - y, or 0 when the difference is within rounding error of the two: a few units in the last
 * place of the larger, in double precision (long double may be no wider, as under valgrind). */
static long double cancel(long double x, long double y)
{
    long double d = x - y;
    long double scale = fabsl(x) > fabsl(y) ? fabsl(x) : fabsl(y);
    return fabsl(d) <= 64 * DBL_EPSILON * scale ? 0 : d;
}

/* 1 - observed / expected with both as shares of `total`; the caller has checked that the
 * expected disagreement is above zero. */
static struct unitize_details defined(long double observed, long double expected, long double total,
                                      int64_t n)
{
    double value = (double)(cancel(expected, observed) / expected);
    return (struct unitize_details){{value == 0 ? 0.0 : value, n, AGREE_DEFINED},
                                    (double)(observed / total),
                                    (double)(expected / total)};
}

/* Why a figure over the domain cannot be computed before looking at the units, or
 * AGREE_DEFINED. */
static enum agree_status precondition(const struct unitize *u, bool whole_domain)
{
    if (u->ncoders < 2)
        return AGREE_TOO_FEW_CODERS;
    if (u->length == 0)
        return AGREE_EMPTY;
    if (whole_domain && u->overlapping)
        return AGREE_OVERLAPPING_VALUES;
    return AGREE_DEFINED;
}

static int64_t coder_characters(const struct unitize *u)
{
    return (int64_t)u->ncoders * u->length;
}

/* The index of coder `coder`'s first unit in source s (units sorted by coder first), by binary
 * search; the coder's units run to the first index of coder + 1. */
static size_t coder_first(const struct unitize *u, const struct source *s, size_t coder)
{
    size_t lo = s->first;
    size_t hi = s->first + s->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (u->units[mid].coder < coder)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Coder `coder`'s units in source s with `value` (UNITIZE_ALL: every value) into out, sorted by
 * start; returns how many. out has room for the source's units. */
static size_t coder_units(const struct unitize *u, const struct source *s, size_t coder,
                          size_t value, struct stored *out)
{
    size_t from = coder_first(u, s, coder);
    size_t to = coder_first(u, s, coder + 1);
    size_t n = 0;
    for (size_t k = from; k < to; k++)
        if (value == UNITIZE_ALL || u->units[k].value == value)
            out[n++] = u->units[k];
    if (value == UNITIZE_ALL)
        qsort(out, n, sizeof *out, by_coder_start);
    return n;
}

/* --- Krippendorff (2004) -------------------------------------------------------------------- */

/* A section of one coder's partition of a source for one value: a unit or a gap. */
struct section {
    int64_t start;
    int64_t end;
    bool unit;
};

/* delta^2 of two overlapping sections (Krippendorff 2004, p. 253). */
static long double section_difference(struct section g, struct section h)
{
    if (g.unit && h.unit) {
        long double b = (long double)(g.start - h.start);
        long double e = (long double)(g.end - h.end);
        return b * b + e * e;
    }
    if (g.unit && !h.unit && h.start <= g.start && g.end <= h.end)
        return (long double)(g.end - g.start) * (g.end - g.start);
    if (!g.unit && h.unit && g.start <= h.start && h.end <= g.end)
        return (long double)(h.end - h.start) * (h.end - h.start);
    return 0;
}

static int length_compare(const void *x, const void *y)
{
    int64_t p = *(const int64_t *)x;
    int64_t q = *(const int64_t *)y;
    return (p > q) - (p < q);
}

/* Scratch for one value's computation: sections of every coder of one source, then the unit
 * and gap lengths of all sources. */
struct scratch_2004 {
    struct stored *units;     /* one coder's units in a source */
    struct section *sections; /* every coder's sections in a source */
    size_t *first;            /* where each coder's sections begin; ncoders + 1 */
    int64_t *unit_lengths;    /* over all sources */
    int64_t *gap_lengths;     /* over all sources */
};

/* D_o and D_e of one value (2004), as sums before their common factors are applied: *observed
 * = D_o, *expected = D_e. Returns the number of units of the value, or -1 when memory runs
 * out. */
static int64_t disagreements_2004(const struct unitize *u, size_t value, struct scratch_2004 *w,
                                  long double *observed, long double *expected)
{
    size_t m = u->ncoders;
    size_t nunit = 0;
    size_t ngap = 0;
    long double pairs = 0;
    for (size_t si = 0; si < u->nsources; si++) {
        const struct source *s = &u->sources[si];
        size_t used = 0;
        for (size_t i = 0; i < m; i++) {
            w->first[i] = used;
            size_t n = coder_units(u, s, i, value, w->units);
            int64_t at = 0;
            for (size_t k = 0; k < n; k++) {
                if (w->units[k].start > at) {
                    w->sections[used++] = (struct section){at, w->units[k].start, false};
                    w->gap_lengths[ngap++] = w->units[k].start - at;
                }
                w->sections[used++] = (struct section){w->units[k].start, w->units[k].end, true};
                w->unit_lengths[nunit++] = w->units[k].end - w->units[k].start;
                at = w->units[k].end;
            }
            if (s->length > at) {
                w->sections[used++] = (struct section){at, s->length, false};
                w->gap_lengths[ngap++] = s->length - at;
            }
        }
        w->first[m] = used;
        /* Both coders' sections partition the source: walking them together visits every
         * overlapping pair once. */
        for (size_t i = 0; i < m; i++) {
            for (size_t j = i + 1; j < m; j++) {
                size_t g = w->first[i];
                size_t h = w->first[j];
                while (g < w->first[i + 1] && h < w->first[j + 1]) {
                    pairs += section_difference(w->sections[g], w->sections[h]);
                    int64_t ge = w->sections[g].end;
                    int64_t he = w->sections[h].end;
                    g += ge <= he;
                    h += he <= ge;
                }
            }
        }
    }
    long double mm = (long double)m;
    long double length = (long double)u->length;
    *observed = 2 * pairs / (mm * (mm - 1) * length * length);

    /* D_e: for each unit, the chance placements within units of its own value and within gaps
     * long enough to hold it; the gaps are sorted so that those of at least a length are a
     * suffix, with their count and total from the suffix sums. */
    qsort(w->gap_lengths, ngap, sizeof *w->gap_lengths, length_compare);
    long double sum = 0;
    long double squares = 0;
    long double units = (long double)nunit;
    /* suffix[k] = sum of gap_lengths[k ..]: computed on the fly from the total. */
    long double gaps_total = 0;
    for (size_t k = 0; k < ngap; k++)
        gaps_total += (long double)w->gap_lengths[k];
    qsort(w->unit_lengths, nunit, sizeof *w->unit_lengths, length_compare);
    /* Units in ascending length meet the gaps' suffix from the front. */
    size_t k = 0;
    long double below = 0; /* total of gap_lengths[0 .. k) */
    for (size_t g = 0; g < nunit; g++) {
        int64_t l = w->unit_lengths[g];
        while (k < ngap && w->gap_lengths[k] < l)
            below += (long double)w->gap_lengths[k++];
        long double ll = (long double)l;
        long double count = (long double)(ngap - k);
        long double fitting = (gaps_total - below) - count * (ll - 1);
        sum += (units - 1) * (2 * ll * ll * ll - 3 * ll * ll + ll) / 3 + ll * ll * fitting;
        squares += ll * (ll - 1);
    }
    long double denominator = mm * length * (mm * length - 1) - squares;
    *expected = denominator > 0 ? 2 / length * sum / denominator : 0;
    return (int64_t)nunit;
}

struct unitize_details unitize_alpha_2004(const struct unitize *u, size_t value)
{
    enum agree_status why = precondition(u, false);
    int64_t n = coder_characters(u);
    if (why != AGREE_DEFINED)
        return undefined(why, why == AGREE_TOO_FEW_CODERS ? 0 : n);
    if (value != UNITIZE_ALL && value >= u->nvalues)
        return undefined(AGREE_BAD_CATEGORIES, n);
    struct scratch_2004 w;
    size_t sections = 2 * u->widest + u->ncoders;
    w.units = malloc((u->widest + 1) * sizeof *w.units);
    w.sections = malloc(sections * sizeof *w.sections);
    w.first = malloc((u->ncoders + 1) * sizeof *w.first);
    w.unit_lengths = malloc((u->nunits + 1) * sizeof *w.unit_lengths);
    w.gap_lengths = malloc((u->nunits + u->ncoders * u->nsources + 1) * sizeof *w.gap_lengths);
    struct unitize_details result = undefined(AGREE_NO_MEMORY, n);
    if (w.units && w.sections && w.first && w.unit_lengths && w.gap_lengths) {
        long double observed = 0;
        long double expected = 0;
        int64_t units = 0;
        size_t from = value == UNITIZE_ALL ? 0 : value;
        size_t to = value == UNITIZE_ALL ? u->nvalues : value + 1;
        for (size_t c = from; c < to; c++) {
            long double o;
            long double e;
            units += disagreements_2004(u, c, &w, &o, &e);
            observed += o;
            expected += e;
        }
        if (units == 0)
            result = undefined(AGREE_CODE_UNUSED, n);
        else if (expected <= 0)
            result = undefined(AGREE_NO_VARIATION, n);
        else
            result = defined(observed, expected, 1, n);
    }
    free(w.units);
    free(w.sections);
    free(w.first);
    free(w.unit_lengths);
    free(w.gap_lengths);
    return result;
}

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
        used += coder_units(u, s, i, value, w->units + used);
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
        return undefined(AGREE_CODE_UNUSED, n);
    if (total * total - sum_s <= 0)
        return undefined(AGREE_NO_VARIATION, n);
    long double expect = 0;
    for (size_t c = 0; c < k; c++) {
        long double row = 0;
        for (size_t d = 0; d < k; d++)
            row += x->l[c * x->k + d];
        expect += expected_diagonal(row, s[c], total, sum_s);
    }
    long double expected = cancel(total, expect);
    long double observed = cancel(total, agree);
    if (expected <= 0)
        return undefined(AGREE_NO_VARIATION, n);
    return defined(observed, expected, total, n);
}

struct unitize_details unitize_alpha(const struct unitize *u)
{
    enum agree_status why = precondition(u, true);
    int64_t n = coder_characters(u);
    if (why != AGREE_DEFINED)
        return undefined(why, why == AGREE_TOO_FEW_CODERS ? 0 : n);
    struct matrix x;
    if (!matrix_of(u, UNITIZE_ALL, false, &x))
        return undefined(AGREE_NO_MEMORY, n);
    struct unitize_details result = alpha_of(&x, x.k, x.s, n, u->nunits > 0);
    matrix_finish(&x);
    return result;
}

struct unitize_details unitize_binary_alpha(const struct unitize *u, size_t value)
{
    enum agree_status why = precondition(u, value == UNITIZE_ALL);
    int64_t n = coder_characters(u);
    if (why != AGREE_DEFINED)
        return undefined(why, why == AGREE_TOO_FEW_CODERS ? 0 : n);
    if (value != UNITIZE_ALL && value >= u->nvalues)
        return undefined(AGREE_BAD_CATEGORIES, n);
    struct matrix x;
    if (!matrix_of(u, value, false, &x))
        return undefined(AGREE_NO_MEMORY, n);
    /* Every value taken as one: the values' rows and columns summed, their corrections too
     * (the units stay the units they are). */
    size_t gap = x.k - 1;
    struct matrix two;
    if (!matrix_init(&two, 2)) {
        matrix_finish(&x);
        return undefined(AGREE_NO_MEMORY, n);
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
    enum agree_status why = precondition(u, true);
    if (why == AGREE_DEFINED && u->ncoders != 2)
        why = AGREE_NOT_TWO_CODERS;
    if (why != AGREE_DEFINED)
        return undefined(why, 0);
    struct matrix x;
    if (!matrix_of(u, UNITIZE_ALL, true, &x))
        return undefined(AGREE_NO_MEMORY, 0);
    int64_t n = (int64_t)llroundl(x.n_star[x.k - 1]);
    struct starred st = starred_of(&x);
    struct unitize_details result;
    if (u->nunits == 0)
        result = undefined(AGREE_CODE_UNUSED, n);
    else if (st.total <= 0)
        result = undefined(AGREE_NO_OVERLAP, n);
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
        enum agree_status why = precondition(u, true);
        if (why == AGREE_DEFINED && u->ncoders != 2)
            why = AGREE_NOT_TWO_CODERS;
        if (why == AGREE_EMPTY)
            continue;
        if (why != AGREE_DEFINED)
            return undefined(why, 0);
        units = units || u->nunits > 0;
        struct matrix x;
        if (!matrix_of(u, UNITIZE_ALL, true, &x))
            return undefined(AGREE_NO_MEMORY, 0);
        struct starred st = starred_of(&x);
        /* A domain whose units never overlap the other coder's has no coincidences to add. */
        if (u->nunits > 0 && st.total > 0 && st.total * st.total - st.sum_s > 0) {
            long double agree = 0;
            long double expect = 0;
            for (size_t c = 0; c + 1 < x.k; c++) {
                agree += x.l[c * x.k + c];
                expect += expected_diagonal(starred_row(&x, c), x.s_star[c], st.total, st.sum_s);
            }
            observed += cancel(st.total, agree);
            expected += cancel(st.total, expect);
            total += st.total;
            n += (int64_t)llroundl(x.n_star[x.k - 1]);
        }
        matrix_finish(&x);
    }
    if (count == 0 || !units)
        return undefined(count == 0 ? AGREE_EMPTY : AGREE_CODE_UNUSED, n);
    if (total <= 0)
        return undefined(AGREE_NO_OVERLAP, n);
    if (expected <= 0)
        return undefined(AGREE_NO_VARIATION, n);
    return defined(observed, expected, total, n);
}

struct unitize_details unitize_value_alpha(const struct unitize *u, size_t value)
{
    enum agree_status why = precondition(u, true);
    if (why == AGREE_DEFINED && u->ncoders != 2)
        why = AGREE_NOT_TWO_CODERS;
    if (why != AGREE_DEFINED)
        return undefined(why, 0);
    if (value >= u->nvalues)
        return undefined(AGREE_BAD_CATEGORIES, 0);
    struct matrix x;
    if (!matrix_of(u, UNITIZE_ALL, true, &x))
        return undefined(AGREE_NO_MEMORY, 0);
    int64_t n = (int64_t)llroundl(x.n_star[value]);
    struct starred st = starred_of(&x);
    long double row = starred_row(&x, value);
    struct unitize_details result;
    if (unitize_coded(u, value) == 0) {
        result = undefined(AGREE_CODE_UNUSED, n);
    } else if (row <= 0) {
        result = undefined(AGREE_NO_OVERLAP, n);
    } else if (st.total * st.total - st.sum_s <= 0) {
        result = undefined(AGREE_NO_VARIATION, n);
    } else {
        /* e*_k. = l*.. (l*_k. l*.. - S*_k) / (l*..^2 - S*), since the rows add up to l*.. */
        long double den = st.total * st.total - st.sum_s;
        long double e_row = st.total * (row * st.total - x.s_star[value]) / den;
        long double e_kk = expected_diagonal(row, x.s_star[value], st.total, st.sum_s);
        long double observed = cancel(row, x.l[value * x.k + value]) / row;
        long double expected = e_row > 0 ? cancel(e_row, e_kk) / e_row : 0;
        if (expected <= 0)
            result = undefined(AGREE_NO_VARIATION, n);
        else
            result = defined(observed, expected, 1, n);
    }
    matrix_finish(&x);
    return result;
}
