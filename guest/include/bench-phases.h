/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The benchmarks' measured phases, one table: each phase's name (the phase
 * field of its RESULT lines, results.h) and its phase marker id
 * (phase-marker.h), which perfctr_begin() and perfctr_end() execute around
 * the region the counters measure, so that the cache model (cachemodel/)
 * counts the same region.
 *
 * The plugin reports occurrences of a marker id ("phaseN"); the host
 * (scripts/cache-join.sh) reads this table to name them and joins the k-th
 * occurrence of an id to the k-th sample of that phase in the guest's
 * output. Keep one entry per line, as X(ENUM, ID, NAME): the host parses it.
 * Ids are 0..15 (PHASE_MARKER_IDS) and never reused for another phase.
 */
#ifndef GUEST_BENCH_PHASES_H
#define GUEST_BENCH_PHASES_H

#include <stdbool.h>

#define BENCH_PHASE_TABLE(X)                               \
	X(BENCH_PHASE_POPULATE, 0, populate)     /* fork-bench */ \
	X(BENCH_PHASE_FORK, 1, fork)             /* fork-bench */ \
	X(BENCH_PHASE_EXIT_WAIT, 2, exit_wait)   /* fork-bench */ \
	X(BENCH_PHASE_DONTNEED, 3, dontneed)     /* fork-bench */ \
	X(BENCH_PHASE_MUNMAP, 4, munmap)         /* fork-bench */ \
	X(BENCH_PHASE_TOUCH, 5, touch)           /* fault-bench */ \
	X(BENCH_PHASE_WALK, 6, walk)             /* lockless-bench */ \
	X(BENCH_PHASE_TRACK_RESET, 7, reset)     /* track-bench */ \
	X(BENCH_PHASE_TRACK_WRITE, 8, first_write) /* track-bench */ \
	X(BENCH_PHASE_TRACK_SCAN, 9, scan)       /* track-bench */ \
	X(BENCH_PHASE_GUP_FAST, 10, gup_fast)    /* gup-bench */ \
	X(BENCH_PHASE_PIN_FAST, 11, pin_fast)    /* gup-bench */

enum bench_phase {
#define BENCH_PHASE_ENUM_(e, id, name) e = id,
	BENCH_PHASE_TABLE(BENCH_PHASE_ENUM_)
#undef BENCH_PHASE_ENUM_
};

/* The phase's name in RESULT lines ("?" for an id not in the table). */
const char *bench_phase_name(enum bench_phase phase);

/*
 * Executes the phase's begin (end false) or end marker: HINT #0x60..0x7f,
 * a NOP on hardware and in QEMU, seen by the cache model's plugin. Markers
 * are per CPU: a phase is counted right only if the task does not migrate
 * between its begin and its end.
 */
void bench_phase_mark(enum bench_phase phase, bool end);

#endif
