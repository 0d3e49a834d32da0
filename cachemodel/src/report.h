/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The model's output: RESULT lines in the benchmarks' format
 * (guest/include/results.h),
 *   RESULT <TAB> cache <TAB> model=NAME,mode=MODE <TAB> rep <TAB> phase <TAB> metric <TAB> value
 * MODE is user, kernel or all (their sum; the instruction's virtual address
 * decides: top bit set, TTBR1, is kernel) for the task that began the phase,
 * and, for phases, other: what other tasks ran on its vCPU inside the phase
 * (phases.h; all zero without task tracking); phase is "phaseN" for marker id N
 * with rep its occurrence (1, 2, ...), or "unmarked" (rep 1) for everything
 * the vCPUs executed outside phases. Metrics: instructions, l1i_accesses,
 * l1i_misses, l1d_accesses, l1d_misses, l2_accesses, l2_misses,
 * slc_accesses, slc_misses, dc_zva (blocks zeroed unseen), barriers (DMB and DSB executed), cycles, and the
 * latency sweep cycles_lat_half and cycles_lat_double: cycles with every
 * latency of the parameters halved and doubled (counts.h defines them).
 * Lines starting with '#' describe the model and any marker problems.
 */
#ifndef CACHEMODEL_REPORT_H
#define CACHEMODEL_REPORT_H

#include <stdio.h>

#include "hierarchy.h"
#include "phases.h"

void report_write(FILE *out, const struct cm_params *params, const struct phase_book *book,
		  const struct vcpu_phase *vcpus, unsigned int nvcpus);

#endif
