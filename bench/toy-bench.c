// SPDX-License-Identifier: GPL-2.0
/*
 * toy-bench: getpid() in a loop, the README's example of a new benchmark.
 *   --loops N  calls per repetition (default 1000)
 *   --reps N   repetitions (default 3)
 * Output: RESULT lines, phase "syscall": wall_ns and calls.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "perfctr.h"
#include "results.h"

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "loops", required_argument, NULL, 'l' },
		{ "reps", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long loops = 1000, reps = 3;
	char params[64];
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			loops = strtoul(optarg, NULL, 10);
			break;
		case 'r':
			reps = strtoul(optarg, NULL, 10);
			break;
		default:
			fprintf(stderr, "usage: toy-bench [--loops N] [--reps N]\n");
			return 2;
		}
	}
	snprintf(params, sizeof(params), "loops=%lu", loops);
	for (unsigned long rep = 1; rep <= reps; rep++) {
		uint64_t t0 = now_ns();

		for (unsigned long i = 0; i < loops; i++)
			syscall(SYS_getpid);
		result_value("toy", params, rep, "syscall", "wall_ns", (double)(now_ns() - t0));
		result_value("toy", params, rep, "syscall", "calls", (double)loops);
	}
	return 0;
}
