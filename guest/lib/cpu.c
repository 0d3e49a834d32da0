// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cpu.h"

int cpu_pin(const char *prog, int cpu)
{
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	cpu_set_t set;

	if (online > 0 && cpu >= online) {
		fprintf(stderr, "%s: --cpu %d: the guest has CPUs 0 to %ld\n", prog, cpu, online - 1);
		return -1;
	}
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set)) {
		fprintf(stderr, "%s: cannot pin to CPU %d: %s\n", prog, cpu, strerror(errno));
		return -1;
	}
	return 0;
}

void cpu_param(char *params, size_t len, int cpu)
{
	size_t used = strlen(params);

	if (cpu >= 0)
		snprintf(params + used, len - used, ",cpu=%d", cpu);
}
