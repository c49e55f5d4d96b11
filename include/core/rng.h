/* Reproducible pseudo-random numbers: xoshiro256** (Blackman and Vigna, "Scrambled linear
 * pseudorandom number generators", ACM TOMS 47(4), 2021), its state filled from the seed by
 * splitmix64 as its authors recommend. The same seed gives the same numbers on every machine
 * and every run; nothing here touches rand() or any other hidden state. Not for secrets. */
#ifndef MARGIN_CORE_RNG_H
#define MARGIN_CORE_RNG_H

#include <stdint.h>

struct rng {
    uint64_t s[4];
};

/* Sets the generator to the state that `seed` selects; any seed, 0 included, is valid. */
void rng_seed(struct rng *r, uint64_t seed);

static inline uint64_t rng_rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

/* The next 64 random bits. Inline: the bootstrap draws hundreds of millions of them. */
static inline uint64_t rng_next(struct rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rng_rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rng_rotl(s[3], 45);
    return result;
}

/* A number in [0, n), every one equally likely (Lemire's multiply-and-reject method where
 * 128-bit products exist, rejection and remainder elsewhere; the two give different numbers).
 * n = 0 gives 0. Inline, as rng_next(): the kappa bootstrap draws one per unit. */
#if defined(__SIZEOF_INT128__)
__extension__ typedef unsigned __int128 rng_uint128;

/* Lemire's nearly divisionless method ("Fast random integer generation in an interval", ACM
 * TOMACS 29(1), 2019): the high half of x * n, rejecting the low halves below 2^64 mod n. */
static inline uint64_t rng_below(struct rng *r, uint64_t n)
{
    if (n == 0)
        return 0;
    rng_uint128 m = (rng_uint128)rng_next(r) * n;
    uint64_t low = (uint64_t)m;
    if (low < n) {
        uint64_t threshold = -n % n;
        while (low < threshold) {
            m = (rng_uint128)rng_next(r) * n;
            low = (uint64_t)m;
        }
    }
    return (uint64_t)(m >> 64);
}
#else
static inline uint64_t rng_below(struct rng *r, uint64_t n)
{
    if (n == 0)
        return 0;
    /* 2^64 mod n: the draws below it would make the small remainders likelier. */
    uint64_t threshold = -n % n;
    for (;;) {
        uint64_t x = rng_next(r);
        if (x >= threshold)
            return x % n;
    }
}
#endif

/* A number in [0, 1) with 53 random bits. */
static inline double rng_uniform(struct rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

#endif
