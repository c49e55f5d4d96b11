/* Spans of text: half-open code point ranges [start, end), and sets of them. */
#ifndef MARGIN_CORE_SPAN_H
#define MARGIN_CORE_SPAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct span {
    int64_t start;
    int64_t end;
};

static inline int64_t span_length(struct span s)
{
    return s.end > s.start ? s.end - s.start : 0;
}

/* True when the spans share at least one code point (touching spans do not). */
static inline bool span_overlaps(struct span a, struct span b)
{
    return a.start < b.end && b.start < a.end;
}

/* The number of code points the spans share. */
int64_t span_overlap(struct span a, struct span b);

/* Orders by start, then end. */
int span_compare(const void *a, const void *b);

/* Turns v[0..n) into its union in place: sorted, with overlapping and touching spans merged
 * and empty spans dropped. Returns the new count. */
size_t span_union(struct span *v, size_t n);

/* The number of code points covered by a union (as made by span_union). */
int64_t span_union_length(const struct span *v, size_t n);

/* The number of code points two unions share, in O(na + nb). */
int64_t span_intersection_length(const struct span *a, size_t na, const struct span *b, size_t nb);

/* True when code point `offset` lies in the union v[0..n), by binary search. */
bool span_union_contains(const struct span *v, size_t n, int64_t offset);

#endif
