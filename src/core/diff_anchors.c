/* The anchors of the diff: runs of code points that occur once in each text. */
#include "diff_anchors.h"

#include "core/diff.h"
#include "core/list.h"

#include <stdlib.h>
#include <string.h>

/* One anchor sample in 32, chosen by the top bits of its run's hash. */
#define ANCHOR_SAMPLE_SHIFT 59

struct sample {
    int64_t pos;
    uint64_t key;
    size_t slot;
};

struct slot {
    uint64_t key;
    int64_t pos_b;
    uint8_t count_a; /* 0: the slot is free; 2 means two or more */
    uint8_t count_b;
};

static uint64_t mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* Calls back for every sampled run of DIFF_ANCHOR_WIDTH code points in s[from..to): its
 * position and its key (a hash of its code points, mixed). A run is sampled when its key's top
 * bits are zero, so the same run is sampled in both texts wherever it is. */
struct sampler {
    const uint32_t *s;
    int64_t pos;
    int64_t to;
    uint64_t hash;
    uint64_t top; /* the multiplier to the power DIFF_ANCHOR_WIDTH - 1 */
};

#define HASH_MULTIPLIER 0x9E3779B97F4A7C15u

static void sampler_init(struct sampler *sm, const uint32_t *s, int64_t from, int64_t to)
{
    sm->s = s;
    sm->pos = from;
    sm->to = to;
    sm->hash = 0;
    sm->top = 1;
    for (int i = 0; i + 1 < DIFF_ANCHOR_WIDTH; i++)
        sm->top *= HASH_MULTIPLIER;
    if (to - from >= DIFF_ANCHOR_WIDTH)
        for (int i = 0; i < DIFF_ANCHOR_WIDTH; i++)
            sm->hash = sm->hash * HASH_MULTIPLIER + s[from + i];
}

/* The next sample at or after the sampler's position: true and its position and key, or false
 * at the end. */
static bool sampler_next(struct sampler *sm, int64_t *pos, uint64_t *key)
{
    while (sm->pos + DIFF_ANCHOR_WIDTH <= sm->to) {
        uint64_t k = mix(sm->hash);
        int64_t p = sm->pos;
        if (p + DIFF_ANCHOR_WIDTH < sm->to)
            sm->hash =
                (sm->hash - sm->s[p] * sm->top) * HASH_MULTIPLIER + sm->s[p + DIFF_ANCHOR_WIDTH];
        sm->pos++;
        if (k >> ANCHOR_SAMPLE_SHIFT == 0) {
            *pos = p;
            *key = k;
            return true;
        }
    }
    return false;
}

static size_t slot_of(const struct slot *slots, size_t mask, uint64_t key)
{
    size_t i = (size_t)key & mask;
    while (slots[i].count_a > 0 && slots[i].key != key)
        i = (i + 1) & mask;
    return i;
}

bool diff_find_anchors(const uint32_t *a, int64_t x0, int64_t x1, const uint32_t *b, int64_t y0,
                       int64_t y1, struct match **out, size_t *count)
{
    bool ok = false;
    struct sample *samples = NULL;
    struct slot *slots = NULL;
    struct match *matches = NULL;
    size_t *tails = NULL;
    size_t *previous = NULL;
    struct match *chain = NULL;
    *out = NULL;
    *count = 0;

    struct sampler sm;
    int64_t pos = 0;
    uint64_t key = 0;
    size_t nsamples = 0;
    size_t cap = 0;
    sampler_init(&sm, a, x0, x1);
    while (sampler_next(&sm, &pos, &key)) {
        if (!list_reserve((void **)&samples, &cap, nsamples + 1, sizeof *samples))
            goto cleanup;
        samples[nsamples++] = (struct sample){pos, key, 0};
    }
    if (nsamples == 0) {
        ok = true;
        goto cleanup;
    }
    size_t nslots = 16;
    while (nslots < 2 * nsamples)
        nslots *= 2;
    size_t mask = nslots - 1;
    slots = calloc(nslots, sizeof *slots);
    if (!slots)
        goto cleanup;
    for (size_t i = 0; i < nsamples; i++) {
        size_t s = slot_of(slots, mask, samples[i].key);
        slots[s].key = samples[i].key;
        if (slots[s].count_a < 2)
            slots[s].count_a++;
        samples[i].slot = s;
    }
    sampler_init(&sm, b, y0, y1);
    while (sampler_next(&sm, &pos, &key)) {
        size_t s = slot_of(slots, mask, key);
        if (slots[s].count_a == 0)
            continue;
        if (slots[s].count_b < 2)
            slots[s].count_b++;
        slots[s].pos_b = pos;
    }

    /* The runs found once on each side, in a's order, checked code point by code point. */
    matches = malloc(nsamples * sizeof *matches);
    if (!matches)
        goto cleanup;
    size_t nmatches = 0;
    for (size_t i = 0; i < nsamples; i++) {
        const struct slot *s = &slots[samples[i].slot];
        if (s->count_a != 1 || s->count_b != 1)
            continue;
        if (memcmp(a + samples[i].pos, b + s->pos_b, DIFF_ANCHOR_WIDTH * sizeof *a) != 0)
            continue;
        matches[nmatches++] = (struct match){samples[i].pos, s->pos_b};
    }

    /* The longest chain whose b positions increase too (patience sorting): tails[len] is the
     * match ending the best chain of len + 1 matches found so far, by least y. */
    tails = malloc((nmatches + 1) * sizeof *tails);
    previous = malloc((nmatches + 1) * sizeof *previous);
    chain = malloc((nmatches + 1) * sizeof *chain);
    if (!tails || !previous || !chain)
        goto cleanup;
    size_t length = 0;
    for (size_t i = 0; i < nmatches; i++) {
        size_t lo = 0;
        size_t hi = length;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (matches[tails[mid]].y < matches[i].y)
                lo = mid + 1;
            else
                hi = mid;
        }
        previous[i] = lo > 0 ? tails[lo - 1] : SIZE_MAX;
        tails[lo] = i;
        if (lo == length)
            length++;
    }
    size_t k = length;
    for (size_t i = length > 0 ? tails[length - 1] : SIZE_MAX; i != SIZE_MAX; i = previous[i])
        chain[--k] = matches[i];
    *out = chain;
    *count = length;
    chain = NULL;
    ok = true;
cleanup:
    free(samples);
    free(slots);
    free(matches);
    free(tails);
    free(previous);
    free(chain);
    return ok;
}
