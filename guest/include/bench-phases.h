/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The benchmarks' measured phases. Each is declared once, as a "phase" row of
 * bench/benchmarks.tsv: its name (the phase field of its RESULT lines,
 * results.h) and its phase marker id (phase-marker.h), which perfctr_begin()
 * and perfctr_end() execute around the region the counters measure, so that
 * the cache model (cachemodel/) counts the same region. guest/programs.mk
 * writes those rows as the X-macro table BENCH_PHASE_TABLE(X), one
 * X(BENCH_PHASE_<NAME>, ID, NAME) per phase, into bench-phases-table.h of
 * its build directory (guest/bench-phases.awk).
 *
 * The plugin reports occurrences of a marker id ("phaseN"); the host
 * (scripts/cache-join.sh) reads the same rows to name them and joins the k-th
 * occurrence of an id to the k-th sample of that phase in the guest's output.
 */
#ifndef GUEST_BENCH_PHASES_H
#define GUEST_BENCH_PHASES_H

#include <stdbool.h>

#include "bench-phases-table.h"

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
