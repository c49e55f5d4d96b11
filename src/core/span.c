#include "core/span.h"

#include <stdlib.h>

int64_t span_overlap(struct span a, struct span b)
{
    int64_t start = a.start > b.start ? a.start : b.start;
    int64_t end = a.end < b.end ? a.end : b.end;
    return end > start ? end - start : 0;
}

int span_compare(const void *a, const void *b)
{
    const struct span *x = a;
    const struct span *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    return 0;
}

size_t span_union(struct span *v, size_t n)
{
    qsort(v, n, sizeof *v, span_compare);
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i].end <= v[i].start)
            continue;
        if (out > 0 && v[i].start <= v[out - 1].end) {
            if (v[i].end > v[out - 1].end)
                v[out - 1].end = v[i].end;
        } else {
            v[out++] = v[i];
        }
    }
    return out;
}

int64_t span_union_length(const struct span *v, size_t n)
{
    int64_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += span_length(v[i]);
    return total;
}

int64_t span_intersection_length(const struct span *a, size_t na, const struct span *b, size_t nb)
{
    int64_t total = 0;
    size_t i = 0;
    size_t j = 0;
    while (i < na && j < nb) {
        total += span_overlap(a[i], b[j]);
        if (a[i].end < b[j].end)
            i++;
        else
            j++;
    }
    return total;
}

bool span_union_contains(const struct span *v, size_t n, int64_t offset)
{
    size_t lo = 0;
    size_t hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].end <= offset)
            lo = mid + 1;
        else if (v[mid].start > offset)
            hi = mid;
        else
            return true;
    }
    return false;
}
