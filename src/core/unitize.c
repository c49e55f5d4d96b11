#include "core/unitize.h"

#include "unitize_data.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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

struct unitize_details unitize_undefined(enum agree_status status, int64_t n)
{
    return (struct unitize_details){{0.0, n, status}, 0, 0};
}

long double unitize_cancel(long double x, long double y)
{
    long double d = x - y;
    long double scale = fabsl(x) > fabsl(y) ? fabsl(x) : fabsl(y);
    return fabsl(d) <= 64 * DBL_EPSILON * scale ? 0 : d;
}

struct unitize_details unitize_defined(long double observed, long double expected,
                                       long double total, int64_t n)
{
    double value = (double)(unitize_cancel(expected, observed) / expected);
    return (struct unitize_details){{value == 0 ? 0.0 : value, n, AGREE_DEFINED},
                                    (double)(observed / total),
                                    (double)(expected / total)};
}

enum agree_status unitize_precondition(const struct unitize *u, bool whole_domain)
{
    if (u->ncoders < 2)
        return AGREE_TOO_FEW_CODERS;
    if (u->length == 0)
        return AGREE_EMPTY;
    if (whole_domain && u->overlapping)
        return AGREE_OVERLAPPING_VALUES;
    return AGREE_DEFINED;
}

int64_t unitize_coder_characters(const struct unitize *u)
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

size_t unitize_coder_units(const struct unitize *u, const struct source *s, size_t coder,
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
            size_t n = unitize_coder_units(u, s, i, value, w->units);
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
    enum agree_status why = unitize_precondition(u, false);
    int64_t n = unitize_coder_characters(u);
    if (why != AGREE_DEFINED)
        return unitize_undefined(why, why == AGREE_TOO_FEW_CODERS ? 0 : n);
    if (value != UNITIZE_ALL && value >= u->nvalues)
        return unitize_undefined(AGREE_BAD_CATEGORIES, n);
    struct scratch_2004 w;
    size_t sections = 2 * u->widest + u->ncoders;
    w.units = malloc((u->widest + 1) * sizeof *w.units);
    w.sections = malloc(sections * sizeof *w.sections);
    w.first = malloc((u->ncoders + 1) * sizeof *w.first);
    w.unit_lengths = malloc((u->nunits + 1) * sizeof *w.unit_lengths);
    w.gap_lengths = malloc((u->nunits + u->ncoders * u->nsources + 1) * sizeof *w.gap_lengths);
    struct unitize_details result = unitize_undefined(AGREE_NO_MEMORY, n);
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
            result = unitize_undefined(AGREE_CODE_UNUSED, n);
        else if (expected <= 0)
            result = unitize_undefined(AGREE_NO_VARIATION, n);
        else
            result = unitize_defined(observed, expected, 1, n);
    }
    free(w.units);
    free(w.sections);
    free(w.first);
    free(w.unit_lengths);
    free(w.gap_lengths);
    return result;
}
