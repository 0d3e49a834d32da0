/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The benchmarks' fork() phases: fork() of the calling process, and the exit
 * of the child, which exits at once, with the parent's waitpid().
 */
#ifndef GUEST_FORK_PHASES_H
#define GUEST_FORK_PHASES_H

#include "perfctr.h"

/*
 * Times fork() as the phase fork and the child's exit plus waitpid() as
 * exit_wait (a wall-time figure: the child's exit is not in the parent's
 * counters), each written as RESULT lines of @bench with @params, numbered
 * @sample. 0, or -1 after a message on stderr prefixed with @prog.
 */
int fork_phases(const char *prog, struct perfctr_set *ctr, const char *bench,
		const char *params, unsigned int sample);

#endif
