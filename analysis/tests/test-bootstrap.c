// SPDX-License-Identifier: GPL-2.0
/*
 * The generator and the clustered bootstrap of the change of medians, on
 * answers known without running them: the published first outputs of
 * SplitMix64 (seed 0) and xoshiro256** (state 1, 2, 3, 4); constant samples,
 * whose interval has no width; boots far apart with identical repetitions,
 * where only resampling boots sees the spread (a bootstrap of all values as
 * if independent gives an interval several times too narrow); coverage of a
 * known change in 200 simulated experiments; a zero baseline; one boot.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bootstrap.h"
#include "check.h"
#include "prng.h"
#include "stats.h"

/* A standard normal variate (Box-Muller), for the simulated experiments. */
static double normal(struct prng *r)
{
	double u = ((double)(prng_next(r) >> 11) + 0.5) / 9007199254740992.0;
	double v = (double)(prng_next(r) >> 11) / 9007199254740992.0;

	return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}

/* nboots boots of reps values: level + boot offset + repetition noise. */
static void simulate(struct prng *r, double level, double sd_boot, double sd_rep, size_t nboots,
		     size_t reps, double *values, unsigned int *boot)
{
	for (size_t k = 0; k < nboots; k++) {
		double offset = sd_boot * normal(r);

		for (size_t j = 0; j < reps; j++) {
			values[k * reps + j] = level + offset + sd_rep * normal(r);
			boot[k * reps + j] = (unsigned int)k + 1;
		}
	}
}

static int same_change(const struct median_change *x, const struct median_change *y)
{
	return x->valid == y->valid && x->relative == y->relative && x->reps_only == y->reps_only &&
	       x->boots_a == y->boots_a && x->boots_b == y->boots_b && x->diff == y->diff &&
	       x->diff_low == y->diff_low && x->diff_high == y->diff_high && x->rel == y->rel &&
	       x->rel_low == y->rel_low && x->rel_high == y->rel_high;
}

static void check_prng(struct checks *c)
{
	static const uint64_t splitmix0[] = { 0xe220a8397b1dcdafULL, 0x6e789e6aa1b965f4ULL,
					      0x06c45d188009454fULL, 0xf88bb8a8724c81ecULL };
	static const uint64_t xoshiro1234[] = { 11520ULL, 0ULL, 1509978240ULL, 1215971899390074240ULL,
						1216172134540287360ULL, 607988272756665600ULL };
	struct prng r = { { 1, 2, 3, 4 } }, a, b;
	uint64_t state = 0;
	size_t counts[10] = { 0 };
	int ok = 1, in_range = 1;

	for (size_t i = 0; i < 4; i++)
		ok &= splitmix64_next(&state) == splitmix0[i];
	check(c, ok, "SplitMix64 from 0: the published first four outputs");
	ok = 1;
	for (size_t i = 0; i < 6; i++)
		ok &= prng_next(&r) == xoshiro1234[i];
	check(c, ok, "xoshiro256** from state 1, 2, 3, 4: the reference implementation's first six outputs");
	prng_seed(&r, 0);
	check(c, r.s[0] == splitmix0[0] && r.s[3] == splitmix0[3], "seeding fills the state from SplitMix64");

	prng_seed(&a, BOOTSTRAP_SEED);
	prng_seed(&b, BOOTSTRAP_SEED);
	ok = 1;
	for (int i = 0; i < 1000; i++)
		ok &= prng_next(&a) == prng_next(&b);
	check(c, ok, "the same seed gives the same stream");
	prng_seed(&b, BOOTSTRAP_SEED + 1);
	check(c, prng_next(&a) != prng_next(&b), "another seed, another stream");

	prng_seed(&r, 42);
	for (int i = 0; i < 100000; i++) {
		uint32_t x = prng_below(&r, 10);

		if (x >= 10)
			in_range = 0;
		else
			counts[x]++;
	}
	ok = in_range;
	/* 10000 expected per value, standard deviation 95: 4% is 4 of them. */
	for (int i = 0; i < 10; i++)
		ok &= counts[i] > 9600 && counts[i] < 10400;
	check(c, ok, "prng_below(10): in range and uniform (each value within 4% of 1/10)");
	check(c, prng_below(&r, 1) == 0, "prng_below(1) is 0");
}

static void check_order_statistics(struct checks *c)
{
	static const double four[] = { 1, 2, 3, 4 };
	struct prng r;
	double v[101], w[101];
	int ok = 1;

	check_near(c, quantile_sorted(four, 4, 0.5), 2.5, 0, "quantile: p = 0.5 of 1 2 3 4 is 2.5");
	check_near(c, quantile_sorted(four, 4, 0), 1, 0, "quantile: p = 0 is the smallest");
	check_near(c, quantile_sorted(four, 4, 1), 4, 0, "quantile: p = 1 is the largest");
	check_near(c, quantile_sorted(four, 4, 0.25), 1.75, 1e-15, "quantile: p = 0.25 interpolates (type 7)");
	prng_seed(&r, 7);
	for (size_t n = 1; n <= 101; n++) {
		for (int round = 0; round < 20; round++) {
			for (size_t i = 0; i < n; i++)
				/* Round 0-9: many ties; later: distinct values. */
				v[i] = round < 10 ? (double)prng_below(&r, 4) : normal(&r);
			memcpy(w, v, n * sizeof(*v));
			ok &= median_select(w, n) == summarize(v, n).median;
		}
	}
	check(c, ok, "median_select agrees with sorting, for n = 1..101, with and without ties");
}

static void check_bootstrap(struct checks *c)
{
	enum { BOOTS = 6, REPS = 20, N = BOOTS * REPS };
	double a[N], b[N], shuffled[N];
	unsigned int ba[N], bb[N], one[N], shuffled_boot[N];
	struct clustered ca = { a, ba, N }, cb = { b, bb, N }, flat_a = { a, one, N }, flat_b = { b, one, N };
	struct median_change m, naive, again;
	struct prng r;

	/* Constant samples: every resample has the same medians. */
	for (size_t i = 0; i < N; i++) {
		a[i] = 1000;
		b[i] = 1100;
		ba[i] = bb[i] = 1 + (unsigned int)(i / REPS);
		one[i] = 0;
	}
	m = bootstrap_median_change(&ca, &cb, 0.05, 2000, BOOTSTRAP_SEED);
	check(c, m.valid && m.relative && m.rel == 0.1 && m.rel_low == 0.1 && m.rel_high == 0.1 &&
		  m.diff == 100 && m.diff_low == 100 && m.diff_high == 100,
	      "constant samples: a zero-width interval at exactly +10%");
	check(c, m.boots_a == BOOTS && m.boots_b == BOOTS && !m.reps_only, "6 boots counted in each sample");

	/*
	 * Boots 100 apart (1000, 1100, ... 1500), repetitions within a boot
	 * identical, the variant 1% higher: the spread is all between boots.
	 */
	for (size_t i = 0; i < N; i++) {
		a[i] = 1000 + 100 * (double)(i / REPS);
		b[i] = a[i] * 1.01;
	}
	m = bootstrap_median_change(&ca, &cb, 0.05, BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED);
	naive = bootstrap_median_change(&flat_a, &flat_b, 0.05, BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED);
	printf("# boots 100 apart: clustered [%+.2f%%, %+.2f%%], all values as independent [%+.2f%%, %+.2f%%]\n",
	       100 * m.rel_low, 100 * m.rel_high, 100 * naive.rel_low, 100 * naive.rel_high);
	check(c, m.valid && m.rel_low < 0.01 && m.rel_high > 0.01 && m.rel_high - m.rel_low > 0.2,
	      "boots far apart: the clustered interval covers +1% and is wider than 20 points");
	check(c, naive.reps_only && m.rel_high - m.rel_low > 2 * (naive.rel_high - naive.rel_low),
	      "boots far apart: more than twice as wide as the bootstrap of all values as independent");

	/* The same again, and the values in another order: the same interval. */
	again = bootstrap_median_change(&ca, &cb, 0.05, BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED);
	check(c, same_change(&again, &m), "a rerun gives the same interval (fixed seed)");
	for (size_t i = 0; i < N; i++) {
		shuffled[i] = a[N - 1 - i];
		shuffled_boot[i] = ba[N - 1 - i];
	}
	ca.values = shuffled;
	ca.boot = shuffled_boot;
	again = bootstrap_median_change(&ca, &cb, 0.05, BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED);
	check(c, same_change(&again, &m), "the order of the values does not matter");
	ca.values = a;
	ca.boot = ba;

	/* A zero baseline median: the absolute change only. */
	for (size_t i = 0; i < 3; i++) {
		a[i] = 0;
		b[i] = 270000 + 1000 * (double)i;
		ba[i] = bb[i] = (unsigned int)i + 1;
	}
	ca.n = cb.n = 3;
	m = bootstrap_median_change(&ca, &cb, 0.05, 2000, BOOTSTRAP_SEED);
	check(c, m.valid && !m.relative && m.diff == 271000 && m.diff_low >= 270000 && m.diff_high <= 272000 &&
		  m.diff_low < m.diff_high, "zero baseline: the absolute change, within the boots' range, no percentage");

	/* n < 2: the change, no interval. */
	ca.n = 1;
	a[0] = 100;
	m = bootstrap_median_change(&ca, &cb, 0.05, 2000, BOOTSTRAP_SEED);
	check(c, !m.valid && m.relative && m.diff == 271000 - 100, "n < 2: the change without an interval");

	/* One boot: repetitions only, marked. */
	prng_seed(&r, 3);
	for (size_t i = 0; i < 10; i++) {
		a[i] = 100 + normal(&r);
		b[i] = 101 + normal(&r);
		ba[i] = bb[i] = 9;
	}
	ca.n = cb.n = 10;
	m = bootstrap_median_change(&ca, &cb, 0.05, 2000, BOOTSTRAP_SEED);
	check(c, m.valid && m.reps_only && m.boots_a == 1 && m.rel_low < m.rel_high,
	      "one boot: an interval from the repetitions, marked as such");
}

/*
 * 200 simulated experiments, 8 boots of 16 repetitions per variant: boot
 * offsets with a standard deviation of 2% and repetition noise of 1%, the
 * variant 3% above a baseline of 1000. The 95% interval should cover +3% in
 * about 95% of them; a percentile interval from 8 boots is somewhat narrow,
 * so at least 85% (170) is asked. The bootstrap of all values as if
 * independent, which ignores the boots, covers far less: at most 75%.
 */
static void check_coverage(struct checks *c)
{
	enum { DATASETS = 200, BOOTS = 8, REPS = 16, N = BOOTS * REPS };
	double a[N], b[N];
	unsigned int ba[N], bb[N], flat[N] = { 0 };
	struct clustered ca = { a, ba, N }, cb = { b, bb, N }, fa = { a, flat, N }, fb = { b, flat, N };
	int covered = 0, naive_covered = 0;
	struct prng r;

	prng_seed(&r, 2024);
	for (int d = 0; d < DATASETS; d++) {
		struct median_change m, naive;

		simulate(&r, 1000, 20, 10, BOOTS, REPS, a, ba);
		simulate(&r, 1030, 20.6, 10.3, BOOTS, REPS, b, bb);
		m = bootstrap_median_change(&ca, &cb, 0.05, 1000, BOOTSTRAP_SEED);
		naive = bootstrap_median_change(&fa, &fb, 0.05, 1000, BOOTSTRAP_SEED);
		covered += m.rel_low <= 0.03 && 0.03 <= m.rel_high;
		naive_covered += naive.rel_low <= 0.03 && 0.03 <= naive.rel_high;
	}
	printf("# coverage of +3%% in %d simulated experiments: clustered %d, all values as independent %d\n",
	       DATASETS, covered, naive_covered);
	check(c, covered >= 170, "coverage: the clustered interval covers the true change in >= 85% of 200");
	check(c, naive_covered <= 150, "coverage: ignoring the boots covers it in <= 75%");
}

/*
 * The Monte-Carlo error bootstrap.h states: with BOOTSTRAP_RESAMPLES, an
 * endpoint moves from seed to seed by about 1.4% of the interval's
 * half-width. Measured over 20 seeds on one simulated experiment; at most
 * 3% is asked.
 */
static void check_monte_carlo_error(struct checks *c)
{
	enum { SEEDS = 20, BOOTS = 8, REPS = 16, N = BOOTS * REPS };
	double a[N], b[N], high[SEEDS], half = 0, mean = 0, ss = 0;
	unsigned int ba[N], bb[N];
	struct clustered ca = { a, ba, N }, cb = { b, bb, N };
	struct prng r;

	prng_seed(&r, 99);
	simulate(&r, 1000, 20, 10, BOOTS, REPS, a, ba);
	simulate(&r, 1030, 20.6, 10.3, BOOTS, REPS, b, bb);
	for (int s = 0; s < SEEDS; s++) {
		struct median_change m = bootstrap_median_change(&ca, &cb, 0.05, BOOTSTRAP_RESAMPLES,
								 BOOTSTRAP_SEED + (uint64_t)s);

		high[s] = m.rel_high;
		half += (m.rel_high - m.rel_low) / 2 / SEEDS;
		mean += m.rel_high / SEEDS;
	}
	for (int s = 0; s < SEEDS; s++)
		ss += (high[s] - mean) * (high[s] - mean);
	printf("# Monte-Carlo error of the upper endpoint over %d seeds: %.2f%% of the half-width\n", SEEDS,
	       100 * sqrt(ss / (SEEDS - 1)) / half);
	check(c, sqrt(ss / (SEEDS - 1)) < 0.03 * half,
	      "Monte-Carlo error: an endpoint moves by less than 3% of the half-width from seed to seed");
}

int main(void)
{
	struct checks c = { 0 };

	printf("TAP version 13\n");
	check_prng(&c);
	check_order_statistics(&c);
	check_bootstrap(&c);
	check_coverage(&c);
	check_monte_carlo_error(&c);
	return checks_done(&c);
}
