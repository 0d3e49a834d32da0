// SPDX-License-Identifier: GPL-2.0
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

struct summary summarize(const double *values, size_t n)
{
	struct summary s = { .n = n };
	double *sorted, sum = 0, ss = 0;

	if (n == 0)
		return s;
	sorted = malloc(n * sizeof(*sorted));
	if (!sorted)
		abort();
	memcpy(sorted, values, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), cmp_double);
	for (size_t i = 0; i < n; i++)
		sum += sorted[i];
	s.mean = sum / (double)n;
	for (size_t i = 0; i < n; i++)
		ss += (sorted[i] - s.mean) * (sorted[i] - s.mean);
	s.stddev = n > 1 ? sqrt(ss / (double)(n - 1)) : 0;
	s.cov = s.mean != 0 ? s.stddev / fabs(s.mean) : 0;
	s.min = sorted[0];
	s.max = sorted[n - 1];
	s.median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	free(sorted);
	return s;
}

double quantile_sorted(const double *sorted, size_t n, double p)
{
	double h = p * (double)(n - 1);
	size_t lo = (size_t)floor(h);
	double frac = h - (double)lo;

	if (lo >= n - 1)
		return sorted[n - 1];
	if (sorted[lo] == sorted[lo + 1])
		return sorted[lo];
	/* Between an infinite value and another, interpolation is undefined: the nearer. */
	if (isinf(sorted[lo]) || isinf(sorted[lo + 1]))
		return frac < 0.5 ? sorted[lo] : sorted[lo + 1];
	return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

/*
 * Moves the k-th smallest of v[0..n) to v[k], the smaller ones before it and
 * the larger ones after (Hoare's selection, as Wirth writes it: equal values
 * stop both scans, so many ties cost no more than distinct values).
 */
static void select_kth(double *v, size_t n, size_t k)
{
	ptrdiff_t lo = 0, hi = (ptrdiff_t)n - 1, kk = (ptrdiff_t)k;

	while (lo < hi) {
		double pivot = v[kk];
		ptrdiff_t i = lo, j = hi;

		do {
			while (v[i] < pivot)
				i++;
			while (pivot < v[j])
				j--;
			if (i <= j) {
				double t = v[i];

				v[i++] = v[j];
				v[j--] = t;
			}
		} while (i <= j);
		if (j < kk)
			lo = i;
		if (kk < i)
			hi = j;
	}
}

double median_select(double *values, size_t n)
{
	double below;

	select_kth(values, n, n / 2);
	if (n % 2)
		return values[n / 2];
	/* The other middle value is the largest of those before it. */
	below = values[0];
	for (size_t i = 1; i < n / 2; i++)
		if (values[i] > below)
			below = values[i];
	return (below + values[n / 2]) / 2;
}

/* Away from zero, as the modified Lentz method needs its divisors. */
static double not_tiny(double v)
{
	const double tiny = 1e-300;

	return fabs(v) < tiny ? tiny : v;
}

/*
 * One term @num of the continued fraction into Lentz's running @c and @d:
 * returns the factor by which the approximation changes.
 */
static double lentz_step(double num, double *c, double *d)
{
	*d = 1 / not_tiny(1 + num * *d);
	*c = not_tiny(1 + num / *c);
	return *d * *c;
}

/* Continued fraction for the incomplete beta function (modified Lentz). */
static double beta_cf(double a, double b, double x)
{
	const double eps = 1e-15;
	double c = 1, d = 1 / not_tiny(1 - (a + b) * x / (a + 1)), h = d;

	for (int m = 1; m <= 300; m++) {
		double m2 = 2.0 * m, del;

		h *= lentz_step(m * (b - m) * x / ((a + m2 - 1) * (a + m2)), &c, &d);
		del = lentz_step(-(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1)), &c, &d);
		h *= del;
		if (fabs(del - 1) < eps)
			break;
	}
	return h;
}

double incomplete_beta(double a, double b, double x)
{
	double front;

	if (x <= 0)
		return 0;
	if (x >= 1)
		return 1;
	front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x));
	if (x < (a + 1) / (a + b + 2))
		return front * beta_cf(a, b, x) / a;
	return 1 - front * beta_cf(b, a, 1 - x) / b;
}

double student_t_cdf(double t, double df)
{
	double tail = 0.5 * incomplete_beta(df / 2, 0.5, df / (df + t * t));

	return t >= 0 ? 1 - tail : tail;
}

double student_t_quantile(double p, double df)
{
	double lo = -1e6, hi = 1e6;

	/* The CDF is monotonic: bisect. 200 steps reach double precision. */
	for (int i = 0; i < 200; i++) {
		double mid = (lo + hi) / 2;

		if (student_t_cdf(mid, df) < p)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}

struct welch welch_test(const struct summary *a, const struct summary *b, double alpha)
{
	struct welch w = { 0 };
	double va, vb, q;

	if (a->n < 2 || b->n < 2)
		return w;
	va = a->stddev * a->stddev / (double)a->n;
	vb = b->stddev * b->stddev / (double)b->n;
	w.valid = 1;
	w.diff = b->mean - a->mean;
	w.se = sqrt(va + vb);
	if (w.se == 0) {
		/* Two constant samples: no uncertainty at all. */
		w.df = (double)(a->n + b->n - 2);
		w.t = w.diff == 0 ? 0 : (w.diff > 0 ? INFINITY : -INFINITY);
		w.p = w.diff == 0 ? 1 : 0;
		w.ci_low = w.ci_high = w.diff;
		return w;
	}
	w.df = (va + vb) * (va + vb) /
	       (va * va / (double)(a->n - 1) + vb * vb / (double)(b->n - 1));
	w.t = w.diff / w.se;
	w.p = 2 * (1 - student_t_cdf(fabs(w.t), w.df));
	q = student_t_quantile(1 - alpha / 2, w.df);
	w.ci_low = w.diff - q * w.se;
	w.ci_high = w.diff + q * w.se;
	return w;
}
