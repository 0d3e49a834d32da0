// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fork-phases.h"
#include "results.h"

int fork_phases(const char *prog, struct perfctr_set *ctr, const char *bench,
		const char *params, unsigned int sample)
{
	struct perfctr_sample s;
	uint64_t t;
	int status;
	pid_t pid;

	fflush(stdout);
	perfctr_begin(ctr, BENCH_PHASE_FORK, &t);
	pid = fork();
	if (pid == 0)
		_exit(0);
	perfctr_end(ctr, t, &s);
	if (pid < 0) {
		fprintf(stderr, "%s: fork failed: %s\n", prog, strerror(errno));
		return -1;
	}
	result_sample(bench, params, sample, &s);

	perfctr_begin(ctr, BENCH_PHASE_EXIT_WAIT, &t);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
		fprintf(stderr, "%s: the child did not exit cleanly\n", prog);
		return -1;
	}
	perfctr_end(ctr, t, &s);
	result_sample(bench, params, sample, &s);
	return 0;
}
