/* The string map: lookups, updates and growth. */
#include "check.h"
#include "core/strmap.h"

#include <stdio.h>
#include <stdlib.h>

static void finds_what_was_put(void)
{
    struct strmap map = STRMAP_INIT;
    int64_t value = -1;
    CHECK(!strmap_get(&map, "A", &value));
    CHECK(strmap_put(&map, "A", 1));
    CHECK(strmap_put(&map, "", 2));
    CHECK(strmap_put(&map, "Zoë", 3));
    CHECK(strmap_get(&map, "A", &value) && value == 1);
    CHECK(strmap_get(&map, "", &value) && value == 2);
    CHECK(strmap_get(&map, "Zoë", &value) && value == 3);
    CHECK(!strmap_get(&map, "B", &value));
    CHECK(strmap_put(&map, "A", 4));
    CHECK(strmap_get(&map, "A", &value) && value == 4);
    CHECK_INT(map.count, 3);
    strmap_finish(&map);
    CHECK(!strmap_get(&map, "A", &value));
    strmap_finish(&map);
}

static void keeps_every_key_as_it_grows(void)
{
    enum { N = 20000 };
    char(*keys)[16] = malloc(N * sizeof *keys);
    CHECK(keys != NULL);
    struct strmap map = STRMAP_INIT;
    for (int i = 0; i < N; i++) {
        snprintf(keys[i], sizeof keys[i], "s%05d", i);
        CHECK(strmap_put(&map, keys[i], i));
    }
    CHECK_INT(map.count, N);
    CHECK(map.cap >= 2 * N);
    int found = 0;
    for (int i = 0; i < N; i++) {
        char key[16];
        int64_t value;
        snprintf(key, sizeof key, "s%05d", i);
        found += strmap_get(&map, key, &value) && value == i;
    }
    CHECK_INT(found, N);
    int64_t value;
    CHECK(!strmap_get(&map, "s20000", &value));
    strmap_finish(&map);
    free(keys);
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"finds what was put", finds_what_was_put},
        {"keeps every key as it grows", keeps_every_key_as_it_grows},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
