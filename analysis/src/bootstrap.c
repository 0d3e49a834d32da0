// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bootstrap.h"
#include "prng.h"
#include "stats.h"

/* A sample laid out by boot: boot k's values are values[start[k] .. start[k + 1]). */
struct boots {
	double *values;
	size_t *start;
	size_t nboots, n, largest;
	double *scratch;	/* one resample: at most nboots * largest values */
};

struct labelled {
	unsigned int boot;
	double value;
};

static void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p) {
		fprintf(stderr, "sdstat: out of memory\n");
		exit(1);
	}
	return p;
}

/* By boot, then value: the layout depends on the data, not on their order. */
static int cmp_labelled(const void *pa, const void *pb)
{
	const struct labelled *a = pa, *b = pb;

	if (a->boot != b->boot)
		return (a->boot > b->boot) - (a->boot < b->boot);
	return (a->value > b->value) - (a->value < b->value);
}

static void boots_build(struct boots *bs, const struct clustered *c)
{
	struct labelled *l = xmalloc(c->n * sizeof(*l));

	for (size_t i = 0; i < c->n; i++)
		l[i] = (struct labelled){ .boot = c->boot[i], .value = c->values[i] };
	qsort(l, c->n, sizeof(*l), cmp_labelled);
	bs->n = c->n;
	bs->values = xmalloc(c->n * sizeof(*bs->values));
	bs->start = xmalloc((c->n + 1) * sizeof(*bs->start));
	bs->nboots = 0;
	bs->largest = 0;
	for (size_t i = 0; i < c->n; i++) {
		bs->values[i] = l[i].value;
		if (i == 0 || l[i].boot != l[i - 1].boot)
			bs->start[bs->nboots++] = i;
	}
	bs->start[bs->nboots] = c->n;
	for (size_t k = 0; k < bs->nboots; k++)
		if (bs->start[k + 1] - bs->start[k] > bs->largest)
			bs->largest = bs->start[k + 1] - bs->start[k];
	bs->scratch = xmalloc(bs->nboots * bs->largest * sizeof(*bs->scratch));
	free(l);
}

static void boots_free(struct boots *bs)
{
	free(bs->values);
	free(bs->start);
	free(bs->scratch);
}

/* The median of one resample: boots with replacement, then repetitions within each. */
static double resample_median(const struct boots *bs, struct prng *r)
{
	size_t m = 0;

	for (size_t k = 0; k < bs->nboots; k++) {
		size_t boot = prng_below(r, (uint32_t)bs->nboots);
		size_t first = bs->start[boot], size = bs->start[boot + 1] - first;

		for (size_t j = 0; j < size; j++)
			bs->scratch[m++] = bs->values[first + prng_below(r, (uint32_t)size)];
	}
	return median_select(bs->scratch, m);
}

static double relative(double diff, double base)
{
	if (base != 0)
		return diff / base;
	return diff > 0 ? INFINITY : diff < 0 ? -INFINITY : 0;
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return (a > b) - (a < b);
}

/* The median of the sample as measured. */
static double observed_median(const struct boots *bs)
{
	memcpy(bs->scratch, bs->values, bs->n * sizeof(*bs->scratch));
	return median_select(bs->scratch, bs->n);
}

struct median_change bootstrap_median_change(const struct clustered *a, const struct clustered *b,
					     double alpha, unsigned int resamples, uint64_t seed)
{
	struct median_change c = { 0 };
	struct boots ba, bb;
	double *diffs, *rels;
	struct prng r;

	if (a->n == 0 || b->n == 0)
		return c;
	boots_build(&ba, a);
	boots_build(&bb, b);
	c.boots_a = ba.nboots;
	c.boots_b = bb.nboots;
	c.reps_only = ba.nboots == 1 || bb.nboots == 1;
	c.median_a = observed_median(&ba);
	c.median_b = observed_median(&bb);
	c.diff = c.median_b - c.median_a;
	c.relative = c.median_a != 0;
	c.rel = c.relative ? c.diff / c.median_a : 0;
	c.diff_low = c.diff_high = c.diff;
	c.rel_low = c.rel_high = c.rel;
	c.valid = a->n >= 2 && b->n >= 2 && resamples > 0;
	if (!c.valid)
		goto out;

	diffs = xmalloc(resamples * sizeof(*diffs));
	rels = xmalloc(resamples * sizeof(*rels));
	prng_seed(&r, seed);
	for (unsigned int i = 0; i < resamples; i++) {
		double ma = resample_median(&ba, &r), mb = resample_median(&bb, &r);

		diffs[i] = mb - ma;
		rels[i] = relative(mb - ma, ma);
	}
	qsort(diffs, resamples, sizeof(*diffs), cmp_double);
	qsort(rels, resamples, sizeof(*rels), cmp_double);
	c.diff_low = quantile_sorted(diffs, resamples, alpha / 2);
	c.diff_high = quantile_sorted(diffs, resamples, 1 - alpha / 2);
	if (c.relative) {
		c.rel_low = quantile_sorted(rels, resamples, alpha / 2);
		c.rel_high = quantile_sorted(rels, resamples, 1 - alpha / 2);
	}
	free(diffs);
	free(rels);
out:
	boots_free(&ba);
	boots_free(&bb);
	return c;
}
