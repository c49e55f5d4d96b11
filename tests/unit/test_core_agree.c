/* Agreement over characters and segments, against published worked examples and against
 * independent implementations: sklearn 1.2.1 (cohen_kappa_score, accuracy_score, f1_score,
 * jaccard_score on per-character 0/1 vectors) and nltk 3.8 (AnnotationTask.alpha), as shipped
 * by Debian 12. tests/stats/crosscheck.py compares against them on random cases as well. */
#include "check.h"
#include "core/agree.h"

#include <math.h>
#include <string.h>

#define EXACT 1e-12

static struct agree_table table_of(struct span *a, size_t na, struct span *b, size_t nb,
                                   int64_t length)
{
    return agree_table_from_spans(a, na, b, nb, length);
}

/* Helpers that report the caller's line. */
static void table_at(struct agree_table t, int64_t a, int64_t b, int64_t c, int64_t d, int line)
{
    check_int(t.a, a, "a", __FILE__, line);
    check_int(t.b, b, "b", __FILE__, line);
    check_int(t.c, c, "c", __FILE__, line);
    check_int(t.d, d, "d", __FILE__, line);
}

static void figure_at(struct agree_figure f, double value, double tolerance, int64_t n, int line)
{
    check_str(agree_status_text(f.status), agree_status_text(AGREE_DEFINED), "status", __FILE__,
              line);
    check_near(f.value, value, tolerance, "value", __FILE__, line);
    check_int(f.n, n, "n", __FILE__, line);
}

#define TABLE_IS(t, a, b, c, d)     table_at((t), (a), (b), (c), (d), __LINE__)
#define FIGURE_IS(f, value, tol, n) figure_at((f), (value), (tol), (n), __LINE__)
#define UNDEFINED_BECAUSE(f, why)   CHECK_INT((f).status, (why))

/* Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section A: binary data,
 * two observers, ten units, no missing data. Observer A: 0 1 0 0 0 0 0 0 1 0; observer B:
 * 1 1 1 0 0 1 0 0 0 0. The paper's coincidence matrix is o00 = 10, o01 = o10 = 4, o11 = 2
 * and alpha = 0.095; exactly 1 - 19 * 4 / (14 * 6) = 2/21. The units are characters here. */
static void krippendorff_2011_binary_example(void)
{
    struct span a[] = {{8, 9}, {1, 2}};
    struct span b[] = {{5, 6}, {0, 3}};
    struct span *coders[] = {a, b};
    size_t counts[] = {2, 2};
    struct agree_coincidence m = {0, 0, 0};
    CHECK(agree_coincidence_add(&m, coders, counts, 2, 10));
    CHECK_NEAR(m.o00, 10, EXACT);
    CHECK_NEAR(m.o01, 4, EXACT);
    CHECK_NEAR(m.o11, 2, EXACT);
    FIGURE_IS(agree_alpha_binary(&m), 0.095, 0.0005, 20);
    FIGURE_IS(agree_alpha_binary(&m), 2.0 / 21.0, EXACT, 20);

    struct agree_table t = table_of(a, 2, b, 2, 10);
    TABLE_IS(t, 1, 1, 3, 5);
    struct agree_coincidence from_table = agree_coincidence_from_table(t);
    FIGURE_IS(agree_alpha_binary(&from_table), 2.0 / 21.0, EXACT, 20);
    /* sklearn: accuracy 0.6, kappa 0.09090909090909094, f1 1/3, jaccard 0.2. */
    FIGURE_IS(agree_percent(t), 0.6, EXACT, 10);
    FIGURE_IS(agree_kappa(t), 0.09090909090909094, EXACT, 10);
    FIGURE_IS(agree_positive(t), 1.0 / 3.0, EXACT, 5);
    FIGURE_IS(agree_jaccard(t), 0.2, EXACT, 5);
}

/* One coder's spans overlap and touch: each character counts once. A covers 0..20, B 12..30 of
 * 40 characters, so a = 8, b = 12, c = 10, d = 10. sklearn: accuracy 0.45, kappa -0.1,
 * f1 0.4210526315789474, jaccard 0.26666666666666666; nltk alpha -0.08897243107769426. */
static void overlapping_spans_of_one_coder(void)
{
    struct span a[] = {{15, 20}, {0, 10}, {5, 15}};
    struct span b[] = {{12, 30}};
    struct agree_table t = table_of(a, 3, b, 1, 40);
    TABLE_IS(t, 8, 12, 10, 10);
    FIGURE_IS(agree_percent(t), 0.45, EXACT, 40);
    FIGURE_IS(agree_kappa(t), -0.1, EXACT, 40);
    FIGURE_IS(agree_positive(t), 0.4210526315789474, EXACT, 30);
    FIGURE_IS(agree_jaccard(t), 0.26666666666666666, EXACT, 30);
    struct agree_coincidence m = agree_coincidence_from_table(t);
    FIGURE_IS(agree_alpha_binary(&m), -0.08897243107769426, EXACT, 80);
}

/* Pooling adds the tables: the two sources above together are the 50-character vectors
 * concatenated; sklearn gives accuracy 0.48 and kappa -0.05519480519480524. */
static void pooling_sources(void)
{
    struct span a1[] = {{0, 10}, {5, 15}, {15, 20}};
    struct span b1[] = {{12, 30}};
    struct span a2[] = {{1, 2}, {8, 9}};
    struct span b2[] = {{0, 3}, {5, 6}};
    struct agree_table sum = {0, 0, 0, 0};
    agree_table_add(&sum, table_of(a1, 3, b1, 1, 40));
    agree_table_add(&sum, table_of(a2, 2, b2, 2, 10));
    TABLE_IS(sum, 9, 13, 13, 15);
    FIGURE_IS(agree_percent(sum), 0.48, EXACT, 50);
    FIGURE_IS(agree_kappa(sum), -0.05519480519480524, EXACT, 50);
}

/* Neither coder used the code: kappa, positive agreement, Jaccard and alpha are undefined,
 * percent agreement is 1. */
static void nobody_used_the_code(void)
{
    struct agree_table t = table_of(NULL, 0, NULL, 0, 25);
    TABLE_IS(t, 0, 0, 0, 25);
    FIGURE_IS(agree_percent(t), 1.0, EXACT, 25);
    UNDEFINED_BECAUSE(agree_kappa(t), AGREE_CODE_UNUSED);
    UNDEFINED_BECAUSE(agree_positive(t), AGREE_CODE_UNUSED);
    UNDEFINED_BECAUSE(agree_jaccard(t), AGREE_CODE_UNUSED);
    struct agree_coincidence m = agree_coincidence_from_table(t);
    UNDEFINED_BECAUSE(agree_alpha_binary(&m), AGREE_CODE_UNUSED);
    CHECK_STR(agree_status_text(agree_kappa(t).status), "neither coder used the code");
}

/* Only the first coder used the code, on half of ten characters. sklearn: kappa 0.0, f1 0,
 * jaccard 0; nltk alpha -0.2666666666666666 (= 1 - 19 * 5 / (15 * 5)). */
static void only_one_coder_used_it(void)
{
    struct span a[] = {{0, 5}};
    struct agree_table t = table_of(a, 1, NULL, 0, 10);
    TABLE_IS(t, 0, 5, 0, 5);
    FIGURE_IS(agree_kappa(t), 0.0, EXACT, 10);
    FIGURE_IS(agree_positive(t), 0.0, EXACT, 5);
    FIGURE_IS(agree_jaccard(t), 0.0, EXACT, 5);
    struct agree_coincidence m = agree_coincidence_from_table(t);
    FIGURE_IS(agree_alpha_binary(&m), -0.2666666666666666, EXACT, 20);
}

/* One coder coded every character, the other three of ten. sklearn: accuracy 0.3, kappa 0.0,
 * f1 0.4615384615384615; nltk alpha -0.46153846153846145. */
static void one_coder_coded_everything(void)
{
    struct span a[] = {{0, 10}};
    struct span b[] = {{2, 5}};
    struct agree_table t = table_of(a, 1, b, 1, 10);
    TABLE_IS(t, 3, 7, 0, 0);
    FIGURE_IS(agree_percent(t), 0.3, EXACT, 10);
    FIGURE_IS(agree_kappa(t), 0.0, EXACT, 10);
    FIGURE_IS(agree_positive(t), 0.4615384615384615, EXACT, 10);
    struct agree_coincidence m = agree_coincidence_from_table(t);
    FIGURE_IS(agree_alpha_binary(&m), -0.46153846153846145, EXACT, 20);
}

/* Both coded every character: p_e = 1, so kappa and alpha are undefined. */
static void both_coded_everything(void)
{
    struct span a[] = {{0, 10}};
    struct span b[] = {{0, 4}, {4, 10}};
    struct agree_table t = table_of(a, 1, b, 2, 10);
    TABLE_IS(t, 10, 0, 0, 0);
    UNDEFINED_BECAUSE(agree_kappa(t), AGREE_NO_VARIATION);
    FIGURE_IS(agree_percent(t), 1.0, EXACT, 10);
    FIGURE_IS(agree_positive(t), 1.0, EXACT, 10);
    struct agree_coincidence m = agree_coincidence_from_table(t);
    UNDEFINED_BECAUSE(agree_alpha_binary(&m), AGREE_NO_VARIATION);
}

/* Identical coding: every coefficient is 1 (sklearn and nltk agree). */
static void identical_coding(void)
{
    struct span a[] = {{7, 9}, {2, 5}};
    struct span b[] = {{2, 5}, {7, 9}};
    struct agree_table t = table_of(a, 2, b, 2, 10);
    TABLE_IS(t, 5, 0, 0, 5);
    FIGURE_IS(agree_kappa(t), 1.0, EXACT, 10);
    FIGURE_IS(agree_positive(t), 1.0, EXACT, 5);
    FIGURE_IS(agree_jaccard(t), 1.0, EXACT, 5);
    struct agree_coincidence m = agree_coincidence_from_table(t);
    FIGURE_IS(agree_alpha_binary(&m), 1.0, EXACT, 20);
}

/* Spans that touch share no character. sklearn: accuracy 0, kappa -1; nltk alpha -0.9. */
static void touching_spans_do_not_overlap(void)
{
    struct span a[] = {{0, 5}};
    struct span b[] = {{5, 10}};
    struct agree_table t = table_of(a, 1, b, 1, 10);
    TABLE_IS(t, 0, 5, 5, 0);
    FIGURE_IS(agree_kappa(t), -1.0, EXACT, 10);
    FIGURE_IS(agree_positive(t), 0.0, EXACT, 10);
    struct agree_coincidence m = agree_coincidence_from_table(t);
    FIGURE_IS(agree_alpha_binary(&m), -0.9000000000000001, EXACT, 20);
}

/* Spans reaching outside the source are clipped to it. sklearn on the clipped vectors:
 * kappa -0.5217391304347827. */
static void spans_are_clipped_to_the_source(void)
{
    struct span a[] = {{-3, 4}, {8, 20}};
    struct span b[] = {{2, 9}};
    struct agree_table t = table_of(a, 2, b, 1, 10);
    TABLE_IS(t, 3, 3, 4, 0);
    FIGURE_IS(agree_kappa(t), -0.5217391304347827, EXACT, 10);
    /* A span wholly past the end, after one inside, must not stretch it (found by
     * crosscheck.py): only character 0 of 2 is covered. */
    struct span past[] = {{3, 4}, {0, 1}};
    TABLE_IS(table_of(past, 2, NULL, 0, 2), 0, 1, 0, 1);
}

static void empty_source(void)
{
    struct span a[] = {{0, 3}};
    struct agree_table t = table_of(a, 1, NULL, 0, 0);
    TABLE_IS(t, 0, 0, 0, 0);
    UNDEFINED_BECAUSE(agree_percent(t), AGREE_EMPTY);
    UNDEFINED_BECAUSE(agree_kappa(t), AGREE_EMPTY);
    UNDEFINED_BECAUSE(agree_positive(t), AGREE_EMPTY);
    UNDEFINED_BECAUSE(agree_jaccard(t), AGREE_EMPTY);
    struct span *coders[] = {a, a};
    size_t counts[] = {1, 1};
    struct agree_coincidence m = {0, 0, 0};
    CHECK(agree_coincidence_add(&m, coders, counts, 2, 0));
    struct agree_figure alpha = agree_alpha_binary(&m);
    UNDEFINED_BECAUSE(alpha, AGREE_TOO_FEW_VALUES);
    CHECK_INT(alpha.n, 0);
}

/* A source with fewer than two coders has no pairable values. */
static void alpha_needs_two_coders_in_a_source(void)
{
    struct span a[] = {{0, 3}};
    struct span *coders[] = {a};
    size_t counts[] = {1};
    struct agree_coincidence m = {0, 0, 0};
    CHECK(agree_coincidence_add(&m, coders, counts, 1, 10));
    UNDEFINED_BECAUSE(agree_alpha_binary(&m), AGREE_TOO_FEW_VALUES);
}

/* Three coders on a 12-character source, and two of them on an 8-character one where the third
 * is missing. nltk's AnnotationTask.alpha over (source, character) items: 0.13824884792626724. */
static void alpha_three_coders_with_a_missing_one(void)
{
    struct span x1[] = {{0, 4}, {6, 9}};
    struct span y1[] = {{1, 5}, {7, 12}};
    struct span z1[] = {{0, 3}, {3, 5}, {10, 11}};
    struct span *first[] = {x1, y1, z1};
    size_t first_counts[] = {2, 2, 3};
    struct span x2[] = {{2, 6}};
    struct span z2[] = {{3, 8}};
    struct span *second[] = {x2, z2};
    size_t second_counts[] = {1, 1};
    struct agree_coincidence m = {0, 0, 0};
    CHECK(agree_coincidence_add(&m, first, first_counts, 3, 12));
    CHECK(agree_coincidence_add(&m, second, second_counts, 2, 8));
    FIGURE_IS(agree_alpha_binary(&m), 0.13824884792626724, EXACT, 3 * 12 + 2 * 8);
}

/* Four coders, one source of 30 characters. nltk: 0.05769230769230782. */
static void alpha_four_coders(void)
{
    struct span w[] = {{0, 6}};
    struct span x[] = {{20, 25}, {0, 5}};
    struct span y[] = {{1, 6}, {21, 24}};
    struct span z[] = {{2, 30}};
    struct span *coders[] = {w, x, y, z};
    size_t counts[] = {1, 2, 2, 1};
    struct agree_coincidence m = {0, 0, 0};
    CHECK(agree_coincidence_add(&m, coders, counts, 4, 30));
    FIGURE_IS(agree_alpha_binary(&m), 0.05769230769230782, EXACT, 120);
}

/* Past 2^63 the products fall back to long double. Kappa depends only on the proportions, so
 * the table (3, 1, 1, 3) scaled by 10^9 has the kappa of (3, 1, 1, 3): p_o = 0.75,
 * p_e = 0.5, kappa 0.5 (sklearn on the eight-character vectors agrees). */
static void kappa_of_huge_tables(void)
{
    int64_t g = 1000000000;
    struct agree_table t = {3 * g, g, g, 3 * g};
    FIGURE_IS(agree_kappa(t), 0.5, EXACT, 8 * g);
    struct agree_table even = {2 * g, 2 * g, 2 * g, 2 * g};
    FIGURE_IS(agree_kappa(even), 0.0, EXACT, 8 * g);
}

/* Segment matching: the shared part must reach the threshold share of the two segments'
 * extent, inclusive. 95/100 and 90/100 match at 90 %, 89/100 does not. */
static void segment_threshold_is_inclusive(void)
{
    struct span a[] = {{0, 100}};
    struct span b95[] = {{5, 100}};
    struct span b90[] = {{10, 100}};
    struct span b89[] = {{11, 100}};
    struct agree_segments s = agree_segments_match(a, 1, b95, 1, AGREE_SEGMENT_THRESHOLD);
    CHECK_INT(s.a_matched, 1);
    CHECK_INT(s.b_matched, 1);
    s = agree_segments_match(a, 1, b90, 1, 90);
    CHECK_INT(s.a_matched, 1);
    CHECK_INT(s.b_matched, 1);
    s = agree_segments_match(a, 1, b89, 1, 90);
    CHECK_INT(s.a_matched, 0);
    CHECK_INT(s.b_matched, 0);
    s = agree_segments_match(a, 1, b89, 1, 89);
    CHECK_INT(s.a_matched, 1);
    /* Relative to the extent of both: a segment shifted by 5 of 100 shares 95 of 105. */
    struct span shifted[] = {{5, 105}};
    s = agree_segments_match(a, 1, shifted, 1, 91);
    CHECK_INT(s.a_matched, 0);
    s = agree_segments_match(a, 1, shifted, 1, 90);
    CHECK_INT(s.a_matched, 1);
    /* Threshold 0 still needs a shared character; touching is not enough. */
    struct span touching[] = {{100, 120}};
    s = agree_segments_match(a, 1, touching, 1, 0);
    CHECK_INT(s.a_matched, 0);
}

/* The comparison is exact with integers near 2^63: 9 * 10^17 of 10^18 is exactly 90 %, one
 * character less is not. */
static void segment_threshold_with_huge_offsets(void)
{
    int64_t e18 = 1000000000000000000;
    struct span a[] = {{0, e18}};
    struct span exact[] = {{e18 / 10, e18}};
    struct span short_by_one[] = {{e18 / 10 + 1, e18}};
    CHECK_INT(agree_segments_match(a, 1, exact, 1, 90).a_matched, 1);
    CHECK_INT(agree_segments_match(a, 1, short_by_one, 1, 90).a_matched, 0);
}

/* Two touching segments against one that spans both: each half is 50 % of the extent. */
static void segments_touching_stay_apart(void)
{
    struct span a[] = {{10, 20}, {0, 10}};
    struct span b[] = {{0, 20}};
    struct agree_segments s = agree_segments_match(a, 2, b, 1, 90);
    CHECK_INT(s.a_segments, 2);
    CHECK_INT(s.b_segments, 1);
    CHECK_INT(s.a_matched, 0);
    CHECK_INT(s.b_matched, 0);
    struct span a2[] = {{10, 20}, {0, 10}};
    struct span b2[] = {{0, 20}};
    s = agree_segments_match(a2, 2, b2, 1, 50);
    CHECK_INT(s.a_matched, 2);
    CHECK_INT(s.b_matched, 1);
}

/* A coder's overlapping segments are one segment, as in MAXQDA. */
static void segments_overlapping_merge(void)
{
    struct span a[] = {{5, 20}, {0, 10}, {30, 30}};
    struct span b[] = {{0, 20}, {40, 50}};
    struct agree_segments s = agree_segments_match(a, 3, b, 2, 90);
    CHECK_INT(s.a_segments, 1);
    CHECK_INT(s.b_segments, 2);
    CHECK_INT(s.a_matched, 1);
    CHECK_INT(s.b_matched, 1);
    CHECK_INT(a[0].start, 0);
    CHECK_INT(a[0].end, 20);
}

/* Many segments, each matched only by its twin: the sweep must pair them all. */
static void segments_many(void)
{
    struct span a[200];
    struct span b[200];
    for (int i = 0; i < 200; i++) {
        a[199 - i] = (struct span){i * 100, i * 100 + 50};
        b[i] = (struct span){i * 100 + (i % 2 ? 1 : 10), i * 100 + 50};
    }
    /* Odd i: 49 of 50 (98 %) match; even i: 40 of 50 (80 %) do not. */
    struct agree_segments s = agree_segments_match(a, 200, b, 200, 90);
    CHECK_INT(s.a_matched, 100);
    CHECK_INT(s.b_matched, 100);
}

/* MAXQDA's table counts every segment of both coders; its kappa is Brennan and Prediger's with
 * q = the number of codes. Two codes pooled: 4 + 3 segments, 5 matched; p_o = 5/7,
 * q = 2: kappa = (5/7 - 1/2) / (1/2) = 3/7. */
static void segment_tally_and_kappa(void)
{
    struct agree_segments sum = {0, 0, 0, 0};
    agree_segments_add(&sum, (struct agree_segments){2, 2, 2, 1});
    agree_segments_add(&sum, (struct agree_segments){2, 1, 1, 1});
    struct agree_tally t = agree_segments_tally(sum);
    CHECK_INT(t.agreed, 5);
    CHECK_INT(t.total, 7);
    FIGURE_IS(agree_tally_percent(t), 5.0 / 7.0, EXACT, 7);
    FIGURE_IS(agree_tally_kappa(t, 2), 3.0 / 7.0, EXACT, 7);
    UNDEFINED_BECAUSE(agree_tally_kappa(t, 1), AGREE_BAD_CATEGORIES);
    struct agree_tally none = agree_segments_tally(agree_segments_match(NULL, 0, NULL, 0, 90));
    UNDEFINED_BECAUSE(agree_tally_percent(none), AGREE_CODE_UNUSED);
    UNDEFINED_BECAUSE(agree_tally_kappa(none, 5), AGREE_CODE_UNUSED);
}

/* Code frequency agrees where the counts are equal; code presence is a table over
 * (source, code) units. Presence (1,1), (1,0), (0,0), (1,1): a = 2, b = 1, d = 1; by hand
 * p_o = 3/4, p_e = (3*2 + 1*2)/16 = 1/2, kappa = 1/2. */
static void frequency_and_presence(void)
{
    struct agree_tally f = {0, 0};
    agree_frequency_add(&f, 3, 3);
    agree_frequency_add(&f, 1, 2);
    agree_frequency_add(&f, 0, 4);
    CHECK_INT(f.agreed, 1);
    CHECK_INT(f.total, 3);
    struct agree_table p = {0, 0, 0, 0};
    agree_presence_add(&p, true, true);
    agree_presence_add(&p, true, false);
    agree_presence_add(&p, false, false);
    agree_presence_add(&p, true, true);
    TABLE_IS(p, 2, 1, 0, 1);
    FIGURE_IS(agree_percent(p), 0.75, EXACT, 4);
    FIGURE_IS(agree_kappa(p), 0.5, EXACT, 4);
    FIGURE_IS(agree_jaccard(p), 2.0 / 3.0, EXACT, 3);
}

/* A figure that is exactly zero is +0.0. Six coders, one character, two of them coded it:
 * alpha over a single unit is 0, but the coincidences, stored as doubles divided by 5, used to
 * leave -2.2e-17, which prints as -0.000. Kappa 0 comes from exact integers. */
static void exact_zero_is_positive_zero(void)
{
    struct span coded[] = {{0, 2}};
    struct span *coders[] = {NULL, coded, coded, NULL, NULL, NULL};
    size_t counts[] = {0, 1, 1, 0, 0, 0};
    struct agree_coincidence m = {0, 0, 0};
    CHECK(agree_coincidence_add(&m, coders, counts, 6, 1));
    struct agree_figure alpha = agree_alpha_binary(&m);
    CHECK_INT(alpha.status, AGREE_DEFINED);
    CHECK(alpha.value == 0);
    CHECK(!signbit(alpha.value));
    struct agree_figure kappa = agree_kappa((struct agree_table){0, 5, 0, 5});
    CHECK(kappa.value == 0 && !signbit(kappa.value));
    struct agree_figure even = agree_kappa((struct agree_table){2, 2, 2, 2});
    CHECK(even.value == 0 && !signbit(even.value));
}

/* Conger's kappa over characters, three coders over ten characters: A codes [1,4) and [8,9),
 * B [0,3) and [5,6), C [1,5). nltk 3.8's multi_kappa (Davies and Fleiss: mean observed
 * agreement of the pairs against the mean of their Cohen chance agreements) gives
 * 0.30555555555555547, avg_Ao 2/3 and the mean Ae_kappa 0.52; exactly 44/144. */
static void conger_kappa_three_coders(void)
{
    struct span a[] = {{1, 4}, {8, 9}};
    struct span b[] = {{0, 3}, {5, 6}};
    struct span c[] = {{1, 5}};
    struct agree_table pairs[] = {table_of(a, 2, b, 2, 10), table_of(a, 2, c, 1, 10),
                                  table_of(b, 2, c, 1, 10)};
    struct agree_details d = agree_conger_kappa(pairs, 3);
    FIGURE_IS(d.figure, 44.0 / 144.0, EXACT, 10);
    CHECK_NEAR(d.observed, 2.0 / 3.0, EXACT);
    CHECK_NEAR(d.expected, 0.52, EXACT);
    /* For two coders it is Cohen's kappa. */
    struct agree_details two = agree_conger_kappa(pairs, 2);
    FIGURE_IS(two.figure, agree_kappa(pairs[0]).value, EXACT, 10);
    struct agree_details none =
        agree_conger_kappa((struct agree_table[]){{0, 0, 0, 4}, {0, 0, 0, 4}, {0, 0, 0, 4}}, 3);
    UNDEFINED_BECAUSE(none.figure, AGREE_CODE_UNUSED);
    CHECK_NEAR(none.expected, 1, EXACT);
    struct agree_details all =
        agree_conger_kappa((struct agree_table[]){{4, 0, 0, 0}, {4, 0, 0, 0}, {4, 0, 0, 0}}, 3);
    UNDEFINED_BECAUSE(all.figure, AGREE_NO_VARIATION);
    UNDEFINED_BECAUSE(agree_conger_kappa((struct agree_table[]){{0, 0, 0, 0}}, 2).figure,
                      AGREE_EMPTY);
    UNDEFINED_BECAUSE(agree_conger_kappa(pairs, 1).figure, AGREE_TOO_FEW_CODERS);
}

/* The quantities behind kappa and alpha, on Krippendorff's (2011) binary example (a = 1,
 * b = 1, c = 3, d = 5): p_o = 0.6, p_e = (2 x 4 + 8 x 6) / 100 = 0.56 (ATLAS.ti's manual
 * gives the same 56 % for it); D_o = 2 x 4 / 20, D_e = 2 x 14 x 6 / (20 x 19). */
static void kappa_and_alpha_details(void)
{
    struct agree_table t = {1, 1, 3, 5};
    struct agree_details k = agree_kappa_details(t);
    FIGURE_IS(k.figure, agree_kappa(t).value, 0, 10);
    CHECK_NEAR(k.observed, 0.6, EXACT);
    CHECK_NEAR(k.expected, 0.56, EXACT);
    CHECK_NEAR((k.observed - k.expected) / (1 - k.expected), k.figure.value, EXACT);
    struct agree_coincidence m = agree_coincidence_from_table(t);
    struct agree_details a = agree_alpha_details(&m);
    FIGURE_IS(a.figure, 2.0 / 21.0, EXACT, 20);
    CHECK_NEAR(a.observed, 0.4, EXACT);
    CHECK_NEAR(a.expected, 168.0 / 380.0, EXACT);
    struct agree_details unused = agree_kappa_details((struct agree_table){0, 0, 0, 7});
    UNDEFINED_BECAUSE(unused.figure, AGREE_CODE_UNUSED);
    CHECK_NEAR(unused.observed, 1, EXACT);
    CHECK_NEAR(unused.expected, 1, EXACT);
    struct agree_details empty = agree_kappa_details((struct agree_table){0, 0, 0, 0});
    UNDEFINED_BECAUSE(empty.figure, AGREE_EMPTY);
    CHECK(empty.observed == 0 && empty.expected == 0);
}

/* NVivo shows kappa 1 where neither coder used the code in a source (p_e = 1). */
static void nvivo_kappa_is_one_when_undefined(void)
{
    FIGURE_IS(agree_kappa_nvivo((struct agree_table){0, 0, 0, 12}), 1, 0, 12);
    FIGURE_IS(agree_kappa_nvivo((struct agree_table){12, 0, 0, 0}), 1, 0, 12);
    FIGURE_IS(agree_kappa_nvivo((struct agree_table){1, 1, 3, 5}),
              agree_kappa((struct agree_table){1, 1, 3, 5}).value, 0, 10);
    UNDEFINED_BECAUSE(agree_kappa_nvivo((struct agree_table){0, 0, 0, 0}), AGREE_EMPTY);
}

/* The mean of a figure over sources, unweighted and weighted; undefined figures are left out,
 * and figures that cancel give +0.0: 0.3 - 0.1 - 0.2 in doubles is -2.8e-17, which would print
 * as -0.000. */
static void means_over_sources(void)
{
    struct agree_mean m = {0};
    agree_mean_add(&m, (struct agree_figure){0.5, 10, AGREE_DEFINED}, 10);
    agree_mean_add(&m, (struct agree_figure){0.0, 30, AGREE_CODE_UNUSED}, 30);
    agree_mean_add(&m, (struct agree_figure){0.25, 30, AGREE_DEFINED}, 30);
    FIGURE_IS(agree_mean_value(&m, false), 0.375, EXACT, 2);
    FIGURE_IS(agree_mean_value(&m, true), (0.5 * 10 + 0.25 * 30) / 40, EXACT, 2);

    struct agree_mean z = {0};
    agree_mean_add(&z, (struct agree_figure){0.3, 1, AGREE_DEFINED}, 3);
    agree_mean_add(&z, (struct agree_figure){-0.1, 1, AGREE_DEFINED}, 3);
    agree_mean_add(&z, (struct agree_figure){-0.2, 1, AGREE_DEFINED}, 3);
    for (int weighted = 0; weighted < 2; weighted++) {
        struct agree_figure f = agree_mean_value(&z, weighted);
        CHECK_INT(f.status, AGREE_DEFINED);
        CHECK(f.value == 0 && !signbit(f.value));
    }

    struct agree_mean none = {0};
    agree_mean_add(&none, (struct agree_figure){0, 5, AGREE_CODE_UNUSED}, 5);
    UNDEFINED_BECAUSE(agree_mean_value(&none, false), AGREE_NONE_DEFINED);
    CHECK_INT(agree_mean_value(&none, false).n, 0);
    struct agree_mean weightless = {0};
    agree_mean_add(&weightless, (struct agree_figure){0.5, 0, AGREE_DEFINED}, 0);
    FIGURE_IS(agree_mean_value(&weightless, false), 0.5, 0, 1);
    UNDEFINED_BECAUSE(agree_mean_value(&weightless, true), AGREE_NONE_DEFINED);
}

static void every_status_has_a_reason(void)
{
    for (int s = AGREE_DEFINED; s <= AGREE_NO_MEMORY; s++) {
        const char *text = agree_status_text((enum agree_status)s);
        CHECK(text && text[0]);
        for (int t = AGREE_DEFINED; t < s; t++)
            CHECK(strcmp(text, agree_status_text((enum agree_status)t)) != 0);
    }
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"krippendorff_2011_binary_example", krippendorff_2011_binary_example},
        {"overlapping_spans_of_one_coder", overlapping_spans_of_one_coder},
        {"pooling_sources", pooling_sources},
        {"nobody_used_the_code", nobody_used_the_code},
        {"only_one_coder_used_it", only_one_coder_used_it},
        {"one_coder_coded_everything", one_coder_coded_everything},
        {"both_coded_everything", both_coded_everything},
        {"identical_coding", identical_coding},
        {"touching_spans_do_not_overlap", touching_spans_do_not_overlap},
        {"spans_are_clipped_to_the_source", spans_are_clipped_to_the_source},
        {"empty_source", empty_source},
        {"alpha_needs_two_coders_in_a_source", alpha_needs_two_coders_in_a_source},
        {"alpha_three_coders_with_a_missing_one", alpha_three_coders_with_a_missing_one},
        {"alpha_four_coders", alpha_four_coders},
        {"kappa_of_huge_tables", kappa_of_huge_tables},
        {"segment_threshold_is_inclusive", segment_threshold_is_inclusive},
        {"segment_threshold_with_huge_offsets", segment_threshold_with_huge_offsets},
        {"segments_touching_stay_apart", segments_touching_stay_apart},
        {"segments_overlapping_merge", segments_overlapping_merge},
        {"segments_many", segments_many},
        {"segment_tally_and_kappa", segment_tally_and_kappa},
        {"frequency_and_presence", frequency_and_presence},
        {"exact_zero_is_positive_zero", exact_zero_is_positive_zero},
        {"conger_kappa_three_coders", conger_kappa_three_coders},
        {"kappa_and_alpha_details", kappa_and_alpha_details},
        {"nvivo_kappa_is_one_when_undefined", nvivo_kappa_is_one_when_undefined},
        {"means_over_sources", means_over_sources},
        {"every_status_has_a_reason", every_status_has_a_reason},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
