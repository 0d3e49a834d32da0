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
	size_t n, cap;
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
 * variant with the baseline: Welch's t-test, % change with a 95% confidence
 * interval, marked when significant (p < 0.05). variants lists the column
 * order (NULL: order of appearance). Returns the number of measurements,
 * or -1 if the baseline is missing from one (err says which).
 */
long report_compare(const struct groups *g, const char *baseline, const char *const *variants,
		    size_t nvariants, enum compare_format format, FILE *out,
		    char *err, size_t errlen);

#endif
