// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>

#include "results.h"

void result_value(const char *bench, const char *params, unsigned int rep,
		  const char *phase, const char *metric, double value)
{
	printf("RESULT\t%s\t%s\t%u\t%s\t%s\t%.17g\n", bench, params, rep, phase, metric, value);
}

void result_sample(const char *bench, const char *params, unsigned int rep,
		   const struct perfctr_sample *s)
{
	const char *phase = bench_phase_name(s->phase);

	result_value(bench, params, rep, phase, "wall_ns", (double)s->wall_ns);
	for (int i = 0; i < PERFCTR_COUNT; i++) {
		if (s->valid[i])
			result_value(bench, params, rep, phase, perfctr_names[i], (double)s->value[i]);
		else
			printf("RESULT\t%s\t%s\t%u\t%s\t%s\tNA\n", bench, params, rep, phase,
			       perfctr_names[i]);
	}
	fflush(stdout);
}
