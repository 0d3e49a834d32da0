/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal KTAP assertions for the analysis unit tests. */
#ifndef SDSTAT_CHECK_H
#define SDSTAT_CHECK_H

#include <math.h>
#include <stdio.h>

struct checks {
	int count, failed;
};

static inline void check(struct checks *c, int ok, const char *what)
{
	c->count++;
	if (!ok)
		c->failed++;
	printf("%sok %d %s\n", ok ? "" : "not ", c->count, what);
}

static inline void check_near(struct checks *c, double got, double want, double tol,
			      const char *what)
{
	int ok = fabs(got - want) <= tol;

	check(c, ok, what);
	if (!ok)
		printf("# expected %.10g (+- %g), got %.10g\n", want, tol, got);
}

static inline int checks_done(struct checks *c)
{
	printf("# %d passed, %d failed\n", c->count - c->failed, c->failed);
	return c->failed ? 1 : 0;
}

#endif
