/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A pseudo-random generator of our own, so that the bootstrap draws the same
 * numbers on every run and machine (rand() is neither portable nor good):
 * xoshiro256** (Blackman and Vigna), its state filled from a 64-bit seed by
 * SplitMix64, as its authors recommend.
 */
#ifndef SDSTAT_PRNG_H
#define SDSTAT_PRNG_H

#include <stdint.h>

struct prng {
	uint64_t s[4];
};

/* The next output of SplitMix64 from *state (which it advances). */
uint64_t splitmix64_next(uint64_t *state);

/* Fills the state from @seed: four outputs of SplitMix64 seeded with it. */
void prng_seed(struct prng *r, uint64_t seed);

/* The next 64 random bits of xoshiro256**. */
uint64_t prng_next(struct prng *r);

/* A uniform integer in [0, n), without bias (1 <= n <= 2^32). */
uint32_t prng_below(struct prng *r, uint32_t n);

#endif
