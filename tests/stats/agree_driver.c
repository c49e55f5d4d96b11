/* Test-only driver for crosscheck.py: reads cases from stdin, prints the figures that
 * core/agree.h and core/ratings.h compute, one line per case, numbers as %.12g and undefined
 * figures as "-". Whitespace-separated input; a span list is a count then start end pairs.
 *
 *   chars LENGTH              two coders over one source; then the two span lists
 *     -> table A B C D, percent, kappa, positive, jaccard, alpha
 *   alpha NSOURCES            binary alpha over sources; then per source:
 *                             LENGTH NCODERS and NCODERS span lists
 *     -> alpha N
 *   segments THRESHOLD        then the two span lists
 *     -> A_SEGMENTS B_SEGMENTS A_MATCHED B_MATCHED
 *   units NCODERS NUNITS Q    then NUNITS rows of NCODERS values, "." for missing
 *     -> percent cohen scott fleiss brennan_prediger(Q) alpha nominal ordinal interval ratio
 *   unitize NCODERS NVALUES NSOURCES   then per source: LENGTH, and per coder a count then
 *                             start end value triples (codings joined where they touch)
 *     -> 2004 uα of each value, of all; uα, |uα of the domain, |uα of each value, cuα,
 *        (k)uα of each value
 *   pairs NCODERS LENGTH      then NCODERS span lists over one source
 *     -> Conger's kappa P P_e, binary alpha D_o D_e, for coders 0 and 1 kappa p_o p_e and
 *        NVivo's kappa ("- -" for the details of an undefined figure)
 *   means NSOURCES            two coders; then per source LENGTH and the two span lists
 *     -> the mean of kappa over the sources, unweighted and weighted by length
 *   domains NDOMAINS          then NDOMAINS unitize cases' bodies (NCODERS NVALUES NSOURCES
 *                             and the sources)
 *     -> Cuα of the domains together
 *   explain NCODERS NUNITS    then rows as for units
 *     -> conger, then observed and expected of Cohen, Fleiss, Conger and nominal alpha
 *        (p_o p_e, P P_e, P P_e, D_o D_e; "-" where the figure is undefined)
 */
#include "core/agree.h"
#include "core/ratings.h"
#include "core/unitize.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool read_int(long long *out)
{
    return scanf("%lld", out) == 1;
}

/* Reads a span list into a fresh array (the caller frees it). */
static bool read_spans(struct span **spans, size_t *count)
{
    long long n;
    if (!read_int(&n) || n < 0)
        return false;
    *spans = malloc((size_t)(n ? n : 1) * sizeof **spans);
    *count = (size_t)n;
    if (!*spans)
        return false;
    for (long long i = 0; i < n; i++) {
        long long start;
        long long end;
        if (!read_int(&start) || !read_int(&end))
            return false;
        (*spans)[i] = (struct span){start, end};
    }
    return true;
}

static void print_figure(struct agree_figure f)
{
    if (f.status == AGREE_DEFINED)
        printf(" %.12g", f.value);
    else
        printf(" -");
}

static bool chars_case(void)
{
    long long length;
    struct span *a = NULL;
    struct span *b = NULL;
    size_t na;
    size_t nb;
    bool ok = read_int(&length) && read_spans(&a, &na) && read_spans(&b, &nb);
    if (ok) {
        struct agree_table t = agree_table_from_spans(a, na, b, nb, length);
        struct agree_coincidence m = agree_coincidence_from_table(t);
        printf("%lld %lld %lld %lld", (long long)t.a, (long long)t.b, (long long)t.c,
               (long long)t.d);
        print_figure(agree_percent(t));
        print_figure(agree_kappa(t));
        print_figure(agree_positive(t));
        print_figure(agree_jaccard(t));
        print_figure(agree_alpha_binary(&m));
        printf("\n");
    }
    free(a);
    free(b);
    return ok;
}

static bool alpha_case(void)
{
    long long sources;
    if (!read_int(&sources))
        return false;
    struct agree_coincidence m = {0, 0, 0};
    for (long long s = 0; s < sources; s++) {
        long long length;
        long long ncoders;
        if (!read_int(&length) || !read_int(&ncoders) || ncoders < 0)
            return false;
        struct span **coders = calloc((size_t)ncoders + 1, sizeof *coders);
        size_t *counts = calloc((size_t)ncoders + 1, sizeof *counts);
        bool ok = coders && counts;
        for (long long i = 0; ok && i < ncoders; i++)
            ok = read_spans(&coders[i], &counts[i]);
        ok = ok && agree_coincidence_add(&m, coders, counts, (size_t)ncoders, length);
        for (long long i = 0; coders && i < ncoders; i++)
            free(coders[i]);
        free(coders);
        free(counts);
        if (!ok)
            return false;
    }
    struct agree_figure alpha = agree_alpha_binary(&m);
    print_figure(alpha);
    printf(" %lld\n", (long long)alpha.n);
    return true;
}

static bool segments_case(void)
{
    long long threshold;
    struct span *a = NULL;
    struct span *b = NULL;
    size_t na;
    size_t nb;
    bool ok = read_int(&threshold) && read_spans(&a, &na) && read_spans(&b, &nb);
    if (ok) {
        struct agree_segments s = agree_segments_match(a, na, b, nb, (int)threshold);
        printf("%lld %lld %lld %lld\n", (long long)s.a_segments, (long long)s.b_segments,
               (long long)s.a_matched, (long long)s.b_matched);
    }
    free(a);
    free(b);
    return ok;
}

/* Reads a unitize case's body (NCODERS NVALUES NSOURCES and the sources) into a fresh
 * accumulator; NULL on bad input. */
static struct unitize *read_unitize(long long *values)
{
    long long ncoders;
    long long nvalues;
    long long nsources;
    if (!read_int(&ncoders) || !read_int(&nvalues) || !read_int(&nsources) || ncoders < 1 ||
        nvalues < 1)
        return NULL;
    struct unitize *u = unitize_create((size_t)ncoders, (size_t)nvalues, UNITIZE_JOIN_TOUCHING);
    struct unitize_unit **coders = calloc((size_t)ncoders, sizeof *coders);
    size_t *counts = calloc((size_t)ncoders, sizeof *counts);
    bool ok = u && coders && counts;
    for (long long s = 0; ok && s < nsources; s++) {
        long long length;
        ok = read_int(&length);
        for (long long i = 0; ok && i < ncoders; i++) {
            long long n;
            ok = read_int(&n) && n >= 0;
            free(coders[i]);
            coders[i] = ok ? malloc((size_t)(n ? n : 1) * sizeof **coders) : NULL;
            ok = ok && coders[i];
            counts[i] = ok ? (size_t)n : 0;
            for (long long k = 0; ok && k < n; k++) {
                long long a;
                long long b;
                long long v;
                ok = read_int(&a) && read_int(&b) && read_int(&v) && v >= 0;
                if (ok)
                    coders[i][k] = (struct unitize_unit){{a, b}, (uint32_t)v};
            }
        }
        ok =
            ok && unitize_add_source(u, length, (const struct unitize_unit *const *)coders, counts);
    }
    for (long long i = 0; coders && i < ncoders; i++)
        free(coders[i]);
    free(coders);
    free(counts);
    if (!ok) {
        unitize_destroy(u);
        return NULL;
    }
    *values = nvalues;
    return u;
}

static bool unitize_case(void)
{
    long long nvalues;
    struct unitize *u = read_unitize(&nvalues);
    if (!u)
        return false;
    for (long long v = 0; v < nvalues; v++)
        print_figure(unitize_alpha_2004(u, (size_t)v).figure);
    print_figure(unitize_alpha_2004(u, UNITIZE_ALL).figure);
    print_figure(unitize_alpha(u).figure);
    print_figure(unitize_binary_alpha(u, UNITIZE_ALL).figure);
    for (long long v = 0; v < nvalues; v++)
        print_figure(unitize_binary_alpha(u, (size_t)v).figure);
    print_figure(unitize_coding_alpha(u).figure);
    for (long long v = 0; v < nvalues; v++)
        print_figure(unitize_value_alpha(u, (size_t)v).figure);
    printf("\n");
    unitize_destroy(u);
    return true;
}

static bool domains_case(void)
{
    long long count;
    if (!read_int(&count) || count < 1)
        return false;
    struct unitize **domains = calloc((size_t)count, sizeof *domains);
    bool ok = domains != NULL;
    long long values;
    for (long long d = 0; ok && d < count; d++)
        ok = (domains[d] = read_unitize(&values)) != NULL;
    if (ok) {
        print_figure(
            unitize_domains_coding_alpha((const struct unitize *const *)domains, (size_t)count)
                .figure);
        printf("\n");
    }
    for (long long d = 0; domains && d < count; d++)
        unitize_destroy(domains[d]);
    free(domains);
    return ok;
}

/* Reads NUNITS rows of NCODERS values into a fresh table; NULL on bad input. */
static struct ratings *read_rows(long long ncoders, long long nunits)
{
    struct ratings *r = ratings_create((size_t)ncoders);
    double *row = malloc((size_t)ncoders * sizeof *row);
    bool ok = r && row;
    for (long long u = 0; ok && u < nunits; u++) {
        for (long long i = 0; ok && i < ncoders; i++) {
            char token[64];
            ok = scanf("%63s", token) == 1;
            if (ok)
                row[i] = strcmp(token, ".") == 0 ? NAN : strtod(token, NULL);
        }
        ok = ok && ratings_add_unit(r, row);
    }
    free(row);
    if (!ok) {
        ratings_destroy(r);
        return NULL;
    }
    return r;
}

static void print_details(struct ratings_details d)
{
    if (d.figure.status == AGREE_DEFINED)
        printf(" %.12g %.12g", d.observed, d.expected);
    else
        printf(" - -");
}

static bool explain_case(void)
{
    long long ncoders;
    long long nunits;
    if (!read_int(&ncoders) || !read_int(&nunits) || ncoders < 1)
        return false;
    struct ratings *r = read_rows(ncoders, nunits);
    if (!r)
        return false;
    print_figure(ratings_conger_kappa(r));
    print_details(ratings_explain(r, RATINGS_COHEN_KAPPA, RATINGS_NOMINAL));
    print_details(ratings_explain(r, RATINGS_FLEISS_KAPPA, RATINGS_NOMINAL));
    print_details(ratings_explain(r, RATINGS_CONGER_KAPPA, RATINGS_NOMINAL));
    print_details(ratings_explain(r, RATINGS_ALPHA, RATINGS_NOMINAL));
    printf("\n");
    ratings_destroy(r);
    return true;
}

static void print_agree_details(struct agree_details d)
{
    print_figure(d.figure);
    if (d.figure.status == AGREE_DEFINED)
        printf(" %.12g %.12g", d.observed, d.expected);
    else
        printf(" - -");
}

static bool pairs_case(void)
{
    long long ncoders;
    long long length;
    if (!read_int(&ncoders) || !read_int(&length) || ncoders < 2)
        return false;
    struct span **coders = calloc((size_t)ncoders, sizeof *coders);
    size_t *counts = calloc((size_t)ncoders, sizeof *counts);
    size_t npairs = (size_t)(ncoders * (ncoders - 1) / 2);
    struct agree_table *pairs = calloc(npairs, sizeof *pairs);
    bool ok = coders && counts && pairs;
    for (long long i = 0; ok && i < ncoders; i++)
        ok = read_spans(&coders[i], &counts[i]);
    struct agree_coincidence m = {0, 0, 0};
    ok = ok && agree_coincidence_add(&m, coders, counts, (size_t)ncoders, length);
    size_t p = 0;
    for (long long i = 0; ok && i < ncoders; i++) {
        for (long long j = i + 1; j < ncoders; j++)
            pairs[p++] = agree_table_from_spans(coders[i], counts[i], coders[j], counts[j], length);
    }
    if (ok) {
        print_agree_details(agree_conger_kappa(pairs, (size_t)ncoders));
        print_agree_details(agree_alpha_details(&m));
        print_agree_details(agree_kappa_details(pairs[0]));
        print_figure(agree_kappa_nvivo(pairs[0]));
        printf("\n");
    }
    for (long long i = 0; coders && i < ncoders; i++)
        free(coders[i]);
    free(coders);
    free(counts);
    free(pairs);
    return ok;
}

static bool means_case(void)
{
    long long sources;
    if (!read_int(&sources))
        return false;
    struct agree_mean mean = {0};
    for (long long s = 0; s < sources; s++) {
        long long length;
        struct span *a = NULL;
        struct span *b = NULL;
        size_t na;
        size_t nb;
        bool ok = read_int(&length) && read_spans(&a, &na) && read_spans(&b, &nb);
        if (ok)
            agree_mean_add(&mean, agree_kappa(agree_table_from_spans(a, na, b, nb, length)),
                           length);
        free(a);
        free(b);
        if (!ok)
            return false;
    }
    print_figure(agree_mean_value(&mean, false));
    print_figure(agree_mean_value(&mean, true));
    printf("\n");
    return true;
}

static bool units_case(void)
{
    long long ncoders;
    long long nunits;
    long long categories;
    if (!read_int(&ncoders) || !read_int(&nunits) || !read_int(&categories) || ncoders < 1)
        return false;
    struct ratings *r = ratings_create((size_t)ncoders);
    double *row = malloc((size_t)ncoders * sizeof *row);
    bool ok = r && row;
    for (long long u = 0; ok && u < nunits; u++) {
        for (long long i = 0; ok && i < ncoders; i++) {
            char token[64];
            ok = scanf("%63s", token) == 1;
            if (ok)
                row[i] = strcmp(token, ".") == 0 ? NAN : strtod(token, NULL);
        }
        ok = ok && ratings_add_unit(r, row);
    }
    if (ok) {
        print_figure(ratings_percent(r));
        print_figure(ratings_cohen_kappa(r));
        print_figure(ratings_scott_pi(r));
        print_figure(ratings_fleiss_kappa(r));
        print_figure(ratings_brennan_prediger(r, (size_t)categories));
        print_figure(ratings_alpha(r, RATINGS_NOMINAL));
        print_figure(ratings_alpha(r, RATINGS_ORDINAL));
        print_figure(ratings_alpha(r, RATINGS_INTERVAL));
        print_figure(ratings_alpha(r, RATINGS_RATIO));
        printf("\n");
    }
    free(row);
    ratings_destroy(r);
    return ok;
}

int main(void)
{
    char kind[32];
    while (scanf("%31s", kind) == 1) {
        bool ok = false;
        if (strcmp(kind, "chars") == 0)
            ok = chars_case();
        else if (strcmp(kind, "alpha") == 0)
            ok = alpha_case();
        else if (strcmp(kind, "segments") == 0)
            ok = segments_case();
        else if (strcmp(kind, "units") == 0)
            ok = units_case();
        else if (strcmp(kind, "explain") == 0)
            ok = explain_case();
        else if (strcmp(kind, "unitize") == 0)
            ok = unitize_case();
        else if (strcmp(kind, "pairs") == 0)
            ok = pairs_case();
        else if (strcmp(kind, "means") == 0)
            ok = means_case();
        else if (strcmp(kind, "domains") == 0)
            ok = domains_case();
        if (!ok) {
            fprintf(stderr, "agree_driver: cannot read a '%s' case\n", kind);
            return 1;
        }
    }
    return 0;
}
