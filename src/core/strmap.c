#include "core/strmap.h"

#include <stdlib.h>
#include <string.h>

/* FNV-1a. */
static uint64_t hash_of(const char *s)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = (h ^ *p) * 0x100000001b3u;
    return h;
}

void strmap_finish(struct strmap *map)
{
    free(map->slots);
    *map = (struct strmap)STRMAP_INIT;
}

/* The slot holding `key`, or the empty slot where it would go. */
static struct strmap_slot *find(const struct strmap *map, const char *key, uint64_t hash)
{
    size_t mask = map->cap - 1;
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        struct strmap_slot *slot = &map->slots[i];
        if (!slot->key || (slot->hash == hash && strcmp(slot->key, key) == 0))
            return slot;
    }
}

bool strmap_get(const struct strmap *map, const char *key, int64_t *value)
{
    if (map->count == 0)
        return false;
    const struct strmap_slot *slot = find(map, key, hash_of(key));
    if (!slot->key)
        return false;
    *value = slot->value;
    return true;
}

/* Doubles the table (or makes the first), keeping it at most half full. */
static bool grow(struct strmap *map)
{
    size_t cap = map->cap ? map->cap * 2 : 16;
    if (cap < map->cap || cap > SIZE_MAX / sizeof *map->slots)
        return false;
    struct strmap bigger = {calloc(cap, sizeof *map->slots), map->count, cap};
    if (!bigger.slots)
        return false;
    for (size_t i = 0; i < map->cap; i++) {
        if (map->slots[i].key)
            *find(&bigger, map->slots[i].key, map->slots[i].hash) = map->slots[i];
    }
    free(map->slots);
    *map = bigger;
    return true;
}

bool strmap_put(struct strmap *map, const char *key, int64_t value)
{
    if ((map->count + 1) * 2 > map->cap && !grow(map))
        return false;
    uint64_t hash = hash_of(key);
    struct strmap_slot *slot = find(map, key, hash);
    if (!slot->key) {
        *slot = (struct strmap_slot){key, hash, value};
        map->count++;
    }
    slot->value = value;
    return true;
}
