/* SPDX-License-Identifier: GPL-2.0 */
/* Descriptive statistics and Welch's t-test for the benchmark analysis. */
#ifndef SDSTAT_STATS_H
#define SDSTAT_STATS_H

#include <stddef.h>

struct summary {
	size_t n;
	double mean, stddev, cov, min, median, max;
};

/* Summary of n values (n >= 1; stddev and cov are 0 for n == 1). */
struct summary summarize(const double *values, size_t n);

/*
 * The p-quantile (0 <= p <= 1) of n >= 1 sorted values, interpolated
 * linearly between order statistics (Hyndman and Fan's type 7, R's default).
 */
double quantile_sorted(const double *sorted, size_t n, double p);

/* The median of n >= 1 values, found in O(n); reorders them. */
double median_select(double *values, size_t n);

/* Regularized incomplete beta function I_x(a, b), for 0 <= x <= 1. */
double incomplete_beta(double a, double b, double x);
/* CDF of Student's t distribution with df degrees of freedom (df > 0). */
double student_t_cdf(double t, double df);
/* The p-quantile of Student's t distribution (0 < p < 1, df > 0). */
double student_t_quantile(double p, double df);

struct welch {
	double diff;		/* mean_b - mean_a */
	double se;		/* standard error of the difference */
	double df;		/* Welch-Satterthwaite degrees of freedom */
	double t;
	double p;		/* two-sided p-value */
	double ci_low, ci_high;	/* confidence interval of diff */
	int valid;		/* 0 when either sample has n < 2 */
};

/* Welch's t-test of b against a, with a (1 - alpha) confidence interval. */
struct welch welch_test(const struct summary *a, const struct summary *b, double alpha);

#endif
