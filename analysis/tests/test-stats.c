// SPDX-License-Identifier: GPL-2.0
/*
 * Statistics against values worked out independently: hand computation
 * for the descriptive statistics and the incomplete beta function,
 * published tables for Student's t quantiles, and the worked example of
 * Welch's t-test in the literature (Wikipedia, "Welch's t-test", example 1:
 * t = -2.46, df = 25.0, p = 0.021).
 */
#include "check.h"
#include "stats.h"

int main(void)
{
	static const double v[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
	static const double a1[] = { 27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1,
				     21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4 };
	static const double a2[] = { 27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0,
				     24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4 };
	static const double same[] = { 7, 7, 7 };
	struct checks c = { 0 };
	struct summary s, sa, sb, sc;
	struct welch w;

	printf("TAP version 13\n");
	s = summarize(v, 8);
	check(&c, s.n == 8, "summary: n");
	check_near(&c, s.mean, 5.0, 1e-12, "summary: mean of 2 4 4 4 5 5 7 9 is 5");
	check_near(&c, s.stddev, 2.1380899352993952, 1e-12, "summary: sample stddev is sqrt(32/7)");
	check_near(&c, s.cov, 2.1380899352993952 / 5, 1e-12, "summary: CoV is stddev / mean");
	check_near(&c, s.median, 4.5, 0, "summary: median of an even count averages the middle two");
	check(&c, s.min == 2 && s.max == 9, "summary: min and max");
	s = summarize(v, 7);
	check_near(&c, s.median, 4, 0, "summary: median of an odd count is the middle value");
	s = summarize(same, 1);
	check(&c, s.n == 1 && s.stddev == 0 && s.cov == 0, "summary: one value has no spread");

	check_near(&c, incomplete_beta(2, 3, 0.4), 0.5248, 1e-12, "I_0.4(2,3) = 0.5248 (binomial sum)");
	check_near(&c, incomplete_beta(1, 1, 0.3), 0.3, 1e-12, "I_x(1,1) = x");
	check_near(&c, student_t_cdf(0, 7), 0.5, 1e-12, "t CDF at 0 is 1/2");
	check_near(&c, student_t_quantile(0.975, 1), 12.7062047, 1e-6, "t(0.975, 1) = 12.706 (tables)");
	check_near(&c, student_t_quantile(0.975, 2), 4.30265273, 1e-6, "t(0.975, 2) = 4.303");
	check_near(&c, student_t_quantile(0.975, 4), 2.77644511, 1e-6, "t(0.975, 4) = 2.776");
	check_near(&c, student_t_quantile(0.975, 10), 2.22813885, 1e-6, "t(0.975, 10) = 2.228");
	check_near(&c, student_t_quantile(0.975, 30), 2.04227246, 1e-6, "t(0.975, 30) = 2.042");
	check_near(&c, student_t_quantile(0.95, 5), 2.01504837, 1e-6, "t(0.95, 5) = 2.015");
	check_near(&c, student_t_quantile(0.975, 1e6), 1.95996, 1e-4, "t(0.975, large df) -> 1.960");

	sa = summarize(a1, 15);
	sb = summarize(a2, 15);
	w = welch_test(&sa, &sb, 0.05);
	check(&c, w.valid, "Welch: valid for n = 15, 15");
	check_near(&c, w.t, 2.46, 0.005, "Welch: t = 2.46 (example 1, samples swapped)");
	check_near(&c, w.df, 25.0, 0.05, "Welch: df = 25.0");
	check_near(&c, w.p, 0.021, 0.0005, "Welch: p = 0.021");
	check(&c, w.ci_low > 0 && w.ci_high > w.ci_low, "Welch: the 95% CI excludes 0 when p < 0.05");
	check_near(&c, (w.ci_high - w.ci_low) / 2, student_t_quantile(0.975, w.df) * w.se, 1e-9,
		   "Welch: CI half-width = t(0.975, df) * se");
	w = welch_test(&sa, &sa, 0.05);
	check_near(&c, w.p, 1, 1e-12, "Welch: a sample against itself has p = 1");
	sc = summarize(same, 3);
	w = welch_test(&sc, &sc, 0.05);
	check(&c, w.valid && w.p == 1 && w.diff == 0, "Welch: two identical constant samples");
	s = summarize(same, 1);
	w = welch_test(&s, &sa, 0.05);
	check(&c, !w.valid, "Welch: undefined with a single value");
	return checks_done(&c);
}
