/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fetch runs: the plugin counts instruction fetches per run of instructions
 * of one translation block that share a cache line and a mode, with one
 * callback on the run's first instruction. A run also ends at a phase marker
 * (its own run, so that the phase changes before its instructions count)
 * and, with attribution (symbols=), where the function changes: then the run
 * that goes on in the same line fetches nothing of its own. Its line was
 * fetched by the run before it, which always executes first (a block is
 * entered at its start), so the model counts what it counts without
 * symbols=, and each run's instructions belong to one function.
 */
#ifndef CACHEMODEL_FETCH_H
#define CACHEMODEL_FETCH_H

#include <stdbool.h>
#include <stdint.h>

#include "hierarchy.h"
#include "marker.h"
#include "phases.h"

struct fetch_run {
	uint64_t line;
	uint32_t instructions;
	uint32_t key;			/* attrib.h, with symbols=; else 0 */
	enum cm_mode mode;
	bool has_marker;
	bool continues;			/* no fetch: the line of the run before */
	struct marker marker;
};

/*
 * fetch_run_ends: must an instruction at line, in mode, of key (0 without
 * symbols=), a marker or not, start a new run after prev (NULL: the first
 * of its block)? If so, *continues says whether the new run goes on in
 * prev's line without a fetch of its own.
 */
bool fetch_run_ends(const struct fetch_run *prev, uint64_t line, enum cm_mode mode, uint32_t key,
		    bool is_marker, bool *continues);

/*
 * fetch_run_count: run executed on vcpu, in v's current phase: its line
 * fetched (unless it continues), its instructions counted, and when v's
 * phase attributes, its instructions and a fetch miss attributed to its key.
 * Returns false when the attribution is out of memory.
 */
bool fetch_run_count(struct hierarchy *h, struct vcpu_phase *v, unsigned int vcpu,
		     const struct fetch_run *run);

#endif
