#include "core/reach.h"

#include <stdlib.h>

bool reach_index_build(struct reach_index *index, const struct coding_list *codings)
{
    size_t leaves = 1;
    while (leaves < codings->count)
        leaves *= 2;
    int64_t *tree = realloc(index->tree, 2 * leaves * sizeof *tree);
    if (!tree) {
        reach_index_finish(index);
        return false;
    }
    for (size_t i = 0; i < leaves; i++)
        tree[leaves + i] = i < codings->count ? codings->items[i].end : INT64_MIN;
    for (size_t node = leaves - 1; node >= 1; node--)
        tree[node] = tree[2 * node] > tree[2 * node + 1] ? tree[2 * node] : tree[2 * node + 1];
    index->tree = tree;
    index->leaves = leaves;
    index->count = codings->count;
    return true;
}

void reach_index_finish(struct reach_index *index)
{
    free(index->tree);
    *index = (struct reach_index){0};
}

size_t reach_index_next(const struct reach_index *index, size_t from, int64_t offset)
{
    if (from >= index->count)
        return index->count;
    const int64_t *tree = index->tree;
    size_t node = index->leaves + from;
    if (tree[node] <= offset) {
        /* Climb until a right sibling holds a coding that reaches further... */
        for (;;) {
            if (node == 1)
                return index->count;
            if (node % 2 == 0 && tree[node + 1] > offset) {
                node++;
                break;
            }
            node /= 2;
        }
        /* ...then go down to the first such coding in it. */
        while (node < index->leaves)
            node = tree[2 * node] > offset ? 2 * node : 2 * node + 1;
    }
    return node - index->leaves;
}
