// SPDX-License-Identifier: GPL-2.0
/*
 * Grouping and comparison against the baseline on small data sets whose
 * answers are known: a variant 10% slower with no noise, one with noise that
 * hides a 1% change, a baseline of zeros (the absolute change, n = 3), one
 * value (n < 2), one boot, a missing baseline.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "report.h"

static void add_metric(struct dataset *d, const char *variant, const char *metric,
		       unsigned int boot, unsigned int rep, double value)
{
	struct record r;

	memset(&r, 0, sizeof(r));
	strcpy(r.run, "t");
	strcpy(r.variant, variant);
	strcpy(r.mode, "icount");
	strcpy(r.bench, "fork");
	strcpy(r.params, "size=1024M,folio=4K");
	strcpy(r.phase, "fork");
	strcpy(r.metric, metric);
	r.rep = rep;
	r.boot = boot;
	r.value = value;
	dataset_add(d, &r);
}

/* Repetition rep of the instructions, in boot 1 + (rep - 1) % 3. */
static void add(struct dataset *d, const char *variant, unsigned int rep, double value)
{
	add_metric(d, variant, "instructions", 1 + (rep - 1) % 3, rep, value);
}

static char *run_compare(const struct dataset *d, enum compare_format fmt, long *n, char *err)
{
	struct filter f = { 0 };
	struct groups g;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	groups_build(&g, d, &f);
	*n = report_compare(&g, "baseline", NULL, 0, fmt, out, err, 512);
	fclose(out);
	groups_free(&g);
	return buf;
}

int main(void)
{
	static const double noisy[] = { 95, 105, 99, 104, 96, 101 };
	struct checks c = { 0 };
	struct dataset d;
	char err[512], *text;
	const char *s;
	double lo, hi;
	int sig;
	long n;

	printf("TAP version 13\n");
	dataset_init(&d);
	for (unsigned int i = 1; i <= 5; i++) {
		add(&d, "baseline", i, 1000 + (i % 2));
		add(&d, "slow", i, 1100 + (i % 2));
	}
	for (unsigned int i = 1; i <= 6; i++)
		add(&d, "noisy", i, noisy[i - 1] * 10.1);

	text = run_compare(&d, COMPARE_TSV, &n, err);
	check(&c, n == 1, "one measurement, three variants");
	check(&c, text && strstr(text, "\tslow\t5\t1100.6\t"), "the slow variant's n and mean");
	check(&c, text && strstr(text, "\tslow\t5\t1100.6\t0.5477225575\t9.994\t") &&
		  strstr(text, "\t1\t1101\t"), "slow: +9.994% and significant");
	check(&c, text && strstr(text, "\tnoisy\t6\t") && strstr(text, "\t0\t"),
	      "noisy: a 1% change inside the noise is not significant");
	check(&c, text && strstr(text, "\tslow\t5\t1100.6\t0.5477225575\t9.994\t") &&
		  strstr(text, "\t1101\t9.99001\t"), "slow: median 1101, +9.99001% of medians");
	check(&c, text && strstr(text, "\tnoisy\t6\t") && strstr(text, "\t1010\t0.899101\t"),
	      "noisy: the median of an even count is the mean of the middle two");
	/* slow: every resampled median is 1100 or 1101 against 1000 or 1001. */
	check(&c, text && strstr(text, "\tslow\t5\t") && (s = strstr(strstr(text, "\tslow\t5\t"), "\t1101\t9.99001\t")) &&
		  sscanf(s, "\t1101\t9.99001\t%lf\t%lf\t%d\t", &lo, &hi, &sig) == 3 &&
		  lo >= 100.0 * 99 / 1001 - 1e-9 && hi <= 100.0 * 101 / 1000 + 1e-9 && lo <= 9.99001 &&
		  hi >= 9.99001 && sig == 1,
	      "slow: the bootstrap interval of the medians lies within the possible changes, and excludes 0");
	check(&c, text && strstr(text, "\tslow\t5\t") && strstr(strstr(text, "\tslow\t5\t"), "\t3\t3\n"),
	      "slow: 3 boots of the variant and of the baseline");
	check(&c, text && strstr(text, "\tbaseline\t5\t") &&
		  strstr(strstr(text, "\tbaseline\t5\t"), "\t1001\t0\t0\t0\t0\t"),
	      "baseline against itself: no change, a zero-width interval");
	free(text);

	text = run_compare(&d, COMPARE_MARKDOWN, &n, err);
	check(&c, text && strstr(text, "| baseline | slow | noisy |"), "markdown: one column per variant");
	check(&c, text && strstr(text, "+9.99%\\*"), "markdown: the significant change is marked");
	check(&c, text && strstr(text, "| CoV |"), "markdown: the rows of a comparison table");
	check(&c, text && strstr(text, "| %change of medians (95% CI: bootstrap of boots, then repetitions) | - | +9.99%\\* [+"),
	      "markdown: the change of medians, its interval, labelled as the bootstrap's");
	check(&c, text && strstr(text, "| %change of means (95% CI: Welch's t-test) | - | +9.99%\\* [+9.9"),
	      "markdown: the change of means, labelled as Welch's");
	check(&c, text && strstr(text, "| Boots | 3 | 3 | 3 |"), "markdown: the boots of each variant");
	check(&c, text && !strstr(text, "(1 boot)"), "markdown: no one-boot marker with 3 boots");
	free(text);

	/* A baseline of zeros, n = 3: no percentage, the absolute change. */
	for (unsigned int i = 1; i <= 3; i++) {
		add_metric(&d, "baseline", "ext_bytes", i, i, 0);
		add_metric(&d, "slow", "ext_bytes", i, i, 1000 + 10 * i);
		add_metric(&d, "noisy", "ext_bytes", i, i, 0);
	}
	text = run_compare(&d, COMPARE_MARKDOWN, &n, err);
	check(&c, text && !strstr(text, "(n<2)"), "zero baseline, n = 3: not reported as n < 2");
	check(&c, text && (s = strstr(text, "**ext_bytes**")) &&
		  strstr(s, "| %change of medians (95% CI: bootstrap of boots, then repetitions) | - | Δ +1020\\* [+1010, +1030] (baseline median 0) |"),
	      "zero baseline: the absolute change of medians, over the range of the boots");
	check(&c, text && strstr(text, "Δ +1020\\* [+") && strstr(text, "] (baseline mean 0)"),
	      "zero baseline: the absolute change of means with Welch's interval");
	check(&c, text && strstr(text, "Δ +0 [+0, +0] (baseline median 0)"),
	      "zero baseline against zeros: no change, exactly");
	free(text);
	text = run_compare(&d, COMPARE_TSV, &n, err);
	check(&c, text && (s = strstr(text, "\text_bytes\tslow\t3\t")) &&
		  strstr(s, "\t1020\t10\tnan\tnan\tnan\t") &&
		  strstr(s, "\t1\t1020\tnan\tnan\tnan\t1\t1020\t1010\t1030\t1020\t"),
	      "zero baseline, TSV: percentages are nan, the absolute changes are given");
	free(text);

	/* One value of a variant: a change, no interval. */
	add_metric(&d, "baseline", "calls", 1, 1, 100);
	add_metric(&d, "baseline", "calls", 1, 2, 102);
	add_metric(&d, "slow", "calls", 1, 1, 110);
	text = run_compare(&d, COMPARE_MARKDOWN, &n, err);
	check(&c, text && strstr(text, "**calls**") && strstr(strstr(text, "**calls**"), "| +8.91% (n<2) |"),
	      "n < 2: the change of medians without an interval, marked n<2");
	free(text);

	/* One value of every variant: the values and their change, no spreads. */
	add_metric(&d, "baseline", "walks", 1, 1, 200);
	add_metric(&d, "slow", "walks", 1, 1, 230);
	text = run_compare(&d, COMPARE_MARKDOWN, &n, err);
	s = text ? strstr(text, "**walks**") : NULL;
	check(&c, s && strstr(s, "one measurement per variant, so no interval"),
	      "n = 1 everywhere: the table says one measurement, no interval");
	check(&c, s && strstr(s, "| Value | 200 | 230 | - |\n| Change | - | +15.00% | - |"),
	      "n = 1 everywhere: the values and their change, a dash where not measured");
	{
		const char *next = s ? strstr(s, "\n`") : NULL;
		const char *spread = s ? strstr(s, "| Stddev |") : NULL;

		check(&c, s && (!spread || (next && spread > next)),
		      "n = 1 everywhere: no rows of spread");
	}
	free(text);

	/* One boot each: the bootstrap resamples repetitions only, and says so. */
	for (unsigned int i = 1; i <= 4; i++) {
		add_metric(&d, "baseline", "cycles", 7, i, 100 + i);
		add_metric(&d, "slow", "cycles", 7, i, 200 + i);
	}
	text = run_compare(&d, COMPARE_MARKDOWN, &n, err);
	check(&c, text && strstr(text, "**cycles**") && strstr(strstr(text, "**cycles**"), "] (1 boot) |") &&
		  strstr(strstr(text, "**cycles**"), "\n(1 boot): "),
	      "one boot: the interval is marked and the mark explained");
	free(text);

	dataset_free(&d);
	dataset_init(&d);
	add(&d, "slow", 1, 1);
	text = run_compare(&d, COMPARE_TSV, &n, err);
	check(&c, n == -1 && strstr(err, "no baseline results"), "a missing baseline is an error that says so");
	free(text);

	/*
	 * With variants named, a measurement that none of them has (another
	 * configuration's, in a run of several) is left out; one that a named
	 * variant has and the baseline lacks is still an error.
	 */
	{
		const char *const pair[] = { "baseline", "fast" };
		struct filter f = { 0 };
		struct groups g;
		char *buf = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&buf, &len);

		add(&d, "baseline", 1, 100);
		add(&d, "baseline", 2, 100);
		add(&d, "fast", 1, 90);
		add(&d, "fast", 2, 90);
		add_metric(&d, "slow", "cycles", 1, 1, 5);
		groups_build(&g, &d, &f);
		n = report_compare(&g, "baseline", pair, 2, COMPARE_MARKDOWN, out, err, sizeof(err));
		fclose(out);
		check(&c, n == 1 && buf && strstr(buf, "**instructions**") && !strstr(buf, "**cycles**"),
		      "named variants: a measurement none of them has is left out");
		free(buf);
		buf = NULL;
		out = open_memstream(&buf, &len);
		add_metric(&d, "fast", "cycles", 1, 1, 5);
		groups_free(&g);
		groups_build(&g, &d, &f);
		n = report_compare(&g, "baseline", pair, 2, COMPARE_MARKDOWN, out, err, sizeof(err));
		fclose(out);
		check(&c, n == -1 && strstr(err, "no baseline results for fork"),
		      "named variants: one a variant has and the baseline lacks is an error");
		free(buf);
		groups_free(&g);
	}
	dataset_free(&d);
	return checks_done(&c);
}
