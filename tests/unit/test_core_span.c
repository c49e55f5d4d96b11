/* Span algebra: overlap, union, intersection, membership; finding the codings that reach past
 * an offset. */
#include "check.h"
#include "core/reach.h"
#include "core/span.h"

#include <stdlib.h>

static void overlap_of_pairs(void)
{
    struct span a = {0, 10};
    CHECK_INT(span_overlap(a, (struct span){5, 15}), 5);
    CHECK_INT(span_overlap(a, (struct span){10, 15}), 0); /* touching */
    CHECK_INT(span_overlap(a, (struct span){2, 3}), 1);
    CHECK(span_overlaps(a, (struct span){9, 10}));
    CHECK(!span_overlaps(a, (struct span){10, 11}));
    CHECK_INT(span_length((struct span){7, 3}), 0);
}

static void union_merges_overlapping_and_touching(void)
{
    struct span v[] = {{20, 30}, {0, 5}, {5, 8}, {25, 40}, {50, 50}, {3, 4}};
    size_t n = span_union(v, 6);
    CHECK_INT(n, 2);
    CHECK_INT(v[0].start, 0);
    CHECK_INT(v[0].end, 8);
    CHECK_INT(v[1].start, 20);
    CHECK_INT(v[1].end, 40);
    CHECK_INT(span_union_length(v, n), 28);
}

static void union_of_nothing(void)
{
    struct span v[] = {{4, 4}};
    CHECK_INT(span_union(v, 1), 0);
    CHECK_INT(span_union(v, 0), 0);
}

static void intersection_of_unions(void)
{
    struct span a[] = {{0, 10}, {20, 30}, {40, 50}};
    struct span b[] = {{5, 25}, {28, 45}};
    /* 5..10 (5) + 20..25 (5) + 28..30 (2) + 40..45 (5) */
    CHECK_INT(span_intersection_length(a, 3, b, 2), 17);
    CHECK_INT(span_intersection_length(b, 2, a, 3), 17);
    CHECK_INT(span_intersection_length(a, 3, b, 0), 0);
    struct span touching[] = {{10, 20}};
    CHECK_INT(span_intersection_length(a, 3, touching, 1), 0);
}

static void membership(void)
{
    struct span v[] = {{0, 3}, {10, 12}};
    CHECK(span_union_contains(v, 2, 0));
    CHECK(span_union_contains(v, 2, 2));
    CHECK(!span_union_contains(v, 2, 3));
    CHECK(span_union_contains(v, 2, 11));
    CHECK(!span_union_contains(v, 2, 12));
    CHECK(!span_union_contains(v, 0, 0));
}

/* The first coding at or after `from` that ends after offset, found by looking at each. */
static size_t scanned_reach(const struct coding_list *codings, size_t from, int64_t offset)
{
    while (from < codings->count && codings->items[from].end <= offset)
        from++;
    return from < codings->count ? from : codings->count;
}

static void reach_index_agrees_with_a_scan(void)
{
    struct coding_row items[70] = {{0}};
    struct reach_index index = {0};
    srand(11);
    for (int round = 0; round < 300; round++) {
        /* Sorted by start, mostly short, now and then one that runs over most of the text. */
        size_t count = (size_t)(rand() % 70);
        int64_t start = 0;
        for (size_t i = 0; i < count; i++) {
            start += rand() % 5;
            items[i].start = start;
            items[i].end = start + 1 + (rand() % 9 == 0 ? rand() % 300 : rand() % 6);
        }
        struct coding_list list = {items, count, count};
        CHECK(reach_index_build(&index, &list));
        CHECK_INT(index.count, count);
        for (size_t from = 0; from <= count + 1; from++)
            for (int64_t offset = -1; offset <= start + 310; offset += 1 + rand() % 7)
                CHECK_INT(reach_index_next(&index, from, offset),
                          scanned_reach(&list, from, offset));
    }
    reach_index_finish(&index);
    CHECK(index.tree == NULL && index.count == 0);
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"overlap_of_pairs", overlap_of_pairs},
        {"union_merges_overlapping_and_touching", union_merges_overlapping_and_touching},
        {"union_of_nothing", union_of_nothing},
        {"intersection_of_unions", intersection_of_unions},
        {"membership", membership},
        {"reach_index_agrees_with_a_scan", reach_index_agrees_with_a_scan},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
