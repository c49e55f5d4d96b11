/* A map from strings to numbers, for looking names up many times (a codings file names the same
 * coders, sources and codes on every row): a hash table with open addressing.
 *
 * The map keeps pointers to its keys, not copies: each key must outlive the map. */
#ifndef MARGIN_CORE_STRMAP_H
#define MARGIN_CORE_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strmap_slot {
    const char *key; /* NULL: empty */
    uint64_t hash;
    int64_t value;
};

struct strmap {
    struct strmap_slot *slots;
    size_t count;
    size_t cap; /* 0 or a power of two */
};

#define STRMAP_INIT                                                                                \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

/* Frees the map's table and empties it; accepts an empty map. */
void strmap_finish(struct strmap *map);

/* Sets *value to the value of `key` and returns true, or returns false when it is not there. */
bool strmap_get(const struct strmap *map, const char *key, int64_t *value);

/* Sets the value of `key`, adding it when new. Returns false, changing nothing, when memory
 * runs out. */
bool strmap_put(struct strmap *map, const char *key, int64_t value);

#endif
