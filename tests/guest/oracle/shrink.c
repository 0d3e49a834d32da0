// SPDX-License-Identifier: GPL-2.0
/*
 * Shrinking a failing operation log: replay candidate logs in fresh child
 * processes (new regions, the same start) and keep removing chunks of
 * operations while the replay still finds a false negative (delta
 * debugging, ddmin). Prints the shortest log found.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>

#include "kselftest.h"
#include "oracle.h"

/* Does replaying ops[0..n) in a fresh process end in a false negative? */
static bool replay_fails(const struct op *ops, size_t n)
{
	int status, devnull;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		struct oracle o;
		char what[160];

		devnull = open("/dev/null", O_WRONLY);
		if (devnull >= 0) {
			dup2(devnull, 1);
			dup2(devnull, 2);
		}
		memset(&o, 0, sizeof(o));
		o.uffd_supported = true;
		o.replaying = true;
		if (oracle_setup(&o) || !oracle_prepare(&o))
			_exit(2);
		for (size_t i = 0; i < n; i++) {
			op_describe(&ops[i], &o, what, sizeof(what));
			if (!op_apply(&o, &ops[i], true) || !oracle_check(&o, what))
				_exit(strstr(o.failure, "false negative") || strstr(o.failure, "data lost") ? 3 : 4);
		}
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid)
		return false;
	return WIFEXITED(status) && WEXITSTATUS(status) == 3;
}

static void print_log(const struct op *ops, size_t n)
{
	struct oracle names;
	char what[160];

	memset(&names, 0, sizeof(names));
	for (int r = 0; r < NR_REGIONS; r++)
		names.regions[r].name = oracle_geometry()->name[r];
	for (size_t i = 0; i < n; i++) {
		op_describe(&ops[i], &names, what, sizeof(what));
		ksft_print_msg("  %3zu: %s\n", i + 1, what);
	}
}

size_t oracle_shrink(const struct op *log, size_t n, unsigned int max_replays)
{
	struct op *ops = malloc((n ? n : 1) * sizeof(*ops)), *cand = malloc((n ? n : 1) * sizeof(*cand));
	size_t granularity = 2, last_clear = 0;
	unsigned int replays = 0;

	if (!ops || !cand)
		return n;
	memcpy(ops, log, n * sizeof(*ops));
	/* History before the last clear matters less: try without it first. */
	for (size_t i = 0; i < n; i++)
		if (ops[i].type == OP_CLEAR)
			last_clear = i;
	if (last_clear && replay_fails(ops + last_clear, n - last_clear)) {
		memmove(ops, ops + last_clear, (n - last_clear) * sizeof(*ops));
		n -= last_clear;
	}
	replays++;
	/* A shrink may take at most 3 minutes: replays of long logs are slow. */
	time_t deadline = time(NULL) + 180;

	while (n >= 2 && replays < max_replays && time(NULL) < deadline) {
		size_t chunk = (n + granularity - 1) / granularity;
		bool reduced = false;

		for (size_t start = 0; start < n && replays < max_replays; start += chunk) {
			size_t end = start + chunk < n ? start + chunk : n, m = 0;

			for (size_t i = 0; i < n; i++)
				if (i < start || i >= end)
					cand[m++] = ops[i];
			replays++;
			if (m && replay_fails(cand, m)) {
				memcpy(ops, cand, m * sizeof(*ops));
				n = m;
				granularity = granularity > 2 ? granularity - 1 : 2;
				reduced = true;
				break;
			}
		}
		if (!reduced) {
			if (granularity >= n)
				break;
			granularity = granularity * 2 < n ? granularity * 2 : n;
		}
	}
	ksft_print_msg("shortest failing log found (%zu operations, %u replays, after writing every page once and clearing;\n",
		       n, replays);
	ksft_print_msg("the seeds are those of the bursts and child steps):\n");
	print_log(ops, n);
	free(ops);
	free(cand);
	return n;
}
