// SPDX-License-Identifier: GPL-2.0
/*
 * Grouping and comparison against the baseline on small data sets whose
 * answers are known: a variant 10% slower with no noise, one with noise that
 * hides a 1% change, a missing baseline.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "report.h"

static void add(struct dataset *d, const char *variant, unsigned int rep, double value)
{
	struct record r;

	memset(&r, 0, sizeof(r));
	strcpy(r.run, "t");
	strcpy(r.variant, variant);
	strcpy(r.mode, "icount");
	strcpy(r.bench, "fork");
	strcpy(r.params, "size=1024M,folio=4K");
	strcpy(r.phase, "fork");
	strcpy(r.metric, "instructions");
	r.rep = rep;
	r.value = value;
	dataset_add(d, &r);
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
		  strstr(text, "\t1101\t9.99001\n"), "slow: median 1101, +9.99001% of medians");
	check(&c, text && strstr(text, "\tnoisy\t6\t") && strstr(text, "\t1010\t0.899101\n"),
	      "noisy: the median of an even count is the mean of the middle two");
	free(text);

	text = run_compare(&d, COMPARE_MARKDOWN, &n, err);
	check(&c, text && strstr(text, "| baseline | slow | noisy |"), "markdown: one column per variant");
	check(&c, text && strstr(text, "+9.99%\\*"), "markdown: the significant change is marked");
	check(&c, text && strstr(text, "| CoV |"), "markdown: the rows of a comparison table");
	check(&c, text && strstr(text, "| %change of medians | - | +9.99% | +0.90% |"),
	      "markdown: the change of medians");
	free(text);

	dataset_free(&d);
	dataset_init(&d);
	add(&d, "slow", 1, 1);
	text = run_compare(&d, COMPARE_TSV, &n, err);
	check(&c, n == -1 && strstr(err, "no baseline results"), "a missing baseline is an error that says so");
	free(text);
	dataset_free(&d);
	return checks_done(&c);
}
