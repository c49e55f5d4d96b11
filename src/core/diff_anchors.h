/* Finding the anchors that cut a large region of the diff (diff.c) into small ones; nothing
 * outside src/core includes this. */
#ifndef MARGIN_CORE_DIFF_ANCHORS_H
#define MARGIN_CORE_DIFF_ANCHORS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A run of code points found once in each text, at a[x..) and b[y..). */
struct match {
    int64_t x;
    int64_t y;
};

/* Finds the anchors of the region a[x0..x1), b[y0..y1): sampled runs that occur once in each
 * side, equal code point by code point, in the longest chain that is in order in both.
 * Returns false when memory runs out; otherwise *out (malloc'd, the caller frees it) holds
 * *count matches in order. */
bool diff_find_anchors(const uint32_t *a, int64_t x0, int64_t x1, const uint32_t *b, int64_t y0,
                       int64_t y1, struct match **out, size_t *count);

#endif
