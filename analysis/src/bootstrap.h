/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A confidence interval for the change of medians between two samples taken
 * in guest boots: a two-level (clustered) bootstrap. The boots are the
 * independent units (a boot settles at its own level: where the scheduler
 * puts a child, how memory is laid out), the repetitions within one boot are
 * not. Each resample draws, for each sample, as many boots as it has, with
 * replacement, and from each drawn boot as many repetitions as that boot
 * has, with replacement; the statistic is the change of the two medians.
 * The interval is the percentile interval of the resampled changes.
 *
 * Resamples: BOOTSTRAP_RESAMPLES = 10000. The Monte-Carlo error of an
 * endpoint, the (alpha/2)-quantile of B resampled changes, is that of an
 * order statistic: its rank has a standard deviation of
 * sqrt(B p (1 - p)) = 16 of 10000 at p = 0.025, so an endpoint is the
 * 2.5 +- 0.16th percentile of the bootstrap distribution; for a normal one
 * of standard deviation sd that is +- 0.027 sd, 1.4% of the half-width of a
 * 95% interval (2000 resamples: +- 0.06 sd, 3%). The seed is fixed
 * (BOOTSTRAP_SEED) and every comparison starts from it, so a comparison has
 * the same interval whatever else is in the report, on every run.
 *
 * Limits: a percentile interval from few boots is too narrow rather than
 * too wide (it cannot reach beyond the boots it has; with 3 boots, 1 in 9
 * resamples of a sample draws one boot three times). In the simulation of
 * test-bootstrap's coverage check (boot sd 2%, repetition sd 1%, +3%), the
 * 95% interval covered the change in about 82-90% of experiments with 3
 * boots (the default experiment's rounds), 93% with 5, 91-98% with 8 (the
 * fork-2m experiment), 95% with 16. With one boot it measures only the
 * spread of the repetitions (reps_only).
 */
#ifndef SDSTAT_BOOTSTRAP_H
#define SDSTAT_BOOTSTRAP_H

#include <stddef.h>
#include <stdint.h>

#define BOOTSTRAP_RESAMPLES 10000
#define BOOTSTRAP_SEED 0x5d0ff7a3c1e2b9d4ULL

/* A sample: n values and the boot each was measured in (any labels). */
struct clustered {
	const double *values;
	const unsigned int *boot;
	size_t n;
};

struct median_change {
	int valid;		/* both samples have n >= 2: an interval */
	int relative;		/* the baseline median is not 0: rel* defined */
	int reps_only;		/* a sample has one boot: repetitions resampled only */
	size_t boots_a, boots_b;
	double median_a, median_b;
	double diff, diff_low, diff_high;	/* median_b - median_a, interval */
	double rel, rel_low, rel_high;		/* the same / median_a (a fraction) */
};

/*
 * The change of median(b) against median(a) with a (1 - alpha) percentile
 * interval from @resamples clustered resamples drawn from @seed. Samples of
 * n < 2 give the change without an interval (valid = 0); a zero baseline
 * median gives the absolute change only (relative = 0). A resample whose
 * baseline median is 0 counts as an infinite relative change (signed).
 */
struct median_change bootstrap_median_change(const struct clustered *a, const struct clustered *b,
					     double alpha, unsigned int resamples, uint64_t seed);

#endif
