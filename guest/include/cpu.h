/* SPDX-License-Identifier: GPL-2.0 */
/* Pinning a benchmark to one CPU. */
#ifndef GUEST_CPU_H
#define GUEST_CPU_H

#include <stddef.h>

/*
 * Pins the calling process, and the children it forks afterwards, to @cpu.
 * 0, or -1 after a message on stderr prefixed with @prog (a CPU the guest
 * does not have, or sched_setaffinity() failing).
 */
int cpu_pin(const char *prog, int cpu);
/*
 * Appends ",cpu=@cpu" to the RESULT parameters in @params (@len bytes) when
 * the run is pinned (@cpu >= 0), so that its samples are told apart.
 */
void cpu_param(char *params, size_t len, int cpu);

#endif
