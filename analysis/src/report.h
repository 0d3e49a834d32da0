/* SPDX-License-Identifier: GPL-2.0 */
/* Grouping the tidy data set, summaries and comparisons against a baseline. */
#ifndef SDSTAT_REPORT_H
#define SDSTAT_REPORT_H

#include <stdio.h>

#include "dataset.h"
#include "stats.h"

/* Which records to look at; NULL fields match anything. */
struct filter {
	const char *mode, *bench, *phase, *metric, *params;
};

struct group {
	const struct record *key;	/* first record of the group */
	double *values;
	unsigned int *boot;		/* of each value: an index into bootkeys */
	size_t n, cap;
	const struct record **bootkeys;	/* one record of each (run, boot) */
	size_t nboots, bootcap;
	struct summary s;
};

struct groups {
	struct group *items;
	size_t n, cap;
};

/* Groups records by variant, mode, bench, params, phase and metric. */
void groups_build(struct groups *g, const struct dataset *d, const struct filter *f);
void groups_free(struct groups *g);

/* One CSV line per group: the descriptive statistics. */
void report_summary_csv(const struct groups *g, FILE *out);

enum compare_format { COMPARE_MARKDOWN, COMPARE_TSV };

/*
 * For each measurement (mode, bench, params, phase, metric), compares every
 * variant with the baseline: the % change of the medians with a 95%
 * confidence interval from a bootstrap that resamples boots, then
 * repetitions within them (bootstrap.h), marked when it excludes 0; and the %
 * change of the means with the 95% confidence interval of Welch's t-test,
 * marked when significant (p < 0.05). A zero baseline gives the absolute
 * change instead. variants lists the column order (NULL: order of
 * appearance). Returns the number of measurements, or -1 if the baseline
 * is missing from one (err says which).
 */
long report_compare(const struct groups *g, const char *baseline, const char *const *variants,
		    size_t nvariants, enum compare_format format, FILE *out,
		    char *err, size_t errlen);

#endif
