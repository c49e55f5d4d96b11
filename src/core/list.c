#include "core/list.h"

#include <stdint.h>
#include <stdlib.h>

bool list_reserve(void **items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return true;
    size_t grown = *cap ? *cap : 16;
    while (grown < need) {
        if (grown > SIZE_MAX / 2 / size)
            return false;
        grown *= 2;
    }
    void *bigger = realloc(*items, grown * size);
    if (!bigger)
        return false;
    *items = bigger;
    *cap = grown;
    return true;
}
