/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-phase counters for the benchmarks: instructions, cycles, task-clock and
 * page-faults of this process and (inherit) of children that exited, read
 * around one phase with perf_event_open(). A counter the platform does not
 * offer (instructions in plain TCG) reads as "unavailable", not as zero.
 * perfctr_begin() and perfctr_end() also execute the phase's markers
 * (bench-phases.h) just inside the counted region, for the cache model.
 */
#ifndef GUEST_PERFCTR_H
#define GUEST_PERFCTR_H

#include <stdbool.h>
#include <stdint.h>

#include "bench-phases.h"

enum perfctr_id {
	PERFCTR_INSTRUCTIONS,
	PERFCTR_CYCLES,
	PERFCTR_TASK_CLOCK,	/* ns */
	PERFCTR_PAGE_FAULTS,
	PERFCTR_COUNT
};

struct perfctr_set {
	int fd[PERFCTR_COUNT];			/* -1: unavailable */
	uint64_t start[PERFCTR_COUNT];
	enum bench_phase phase;			/* the phase begun */
};

struct perfctr_sample {
	bool valid[PERFCTR_COUNT];
	uint64_t value[PERFCTR_COUNT];
	uint64_t wall_ns;
	enum bench_phase phase;
};

extern const char *const perfctr_names[PERFCTR_COUNT];

/* Opens the counters (kernel and user, this task and its future children). */
void perfctr_open(struct perfctr_set *set);
void perfctr_close(struct perfctr_set *set);
/* Marks the start of a phase: reads the counters, then its begin marker. */
void perfctr_begin(struct perfctr_set *set, enum bench_phase phase, uint64_t *wall_start);
/* Counts since perfctr_begin(): the end marker, then the counters. */
void perfctr_end(struct perfctr_set *set, uint64_t wall_start, struct perfctr_sample *out);
uint64_t now_ns(void);

#endif
