/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the model counts, and the modelled cycle count derived from it.
 */
#ifndef CACHEMODEL_COUNTS_H
#define CACHEMODEL_COUNTS_H

#include <stdint.h>

#include "hierarchy.h"
#include "params.h"

struct cm_counts {
	uint64_t instructions;
	uint64_t l1i_accesses, l1i_misses;
	uint64_t l1d_accesses, l1d_misses;
	uint64_t l2_accesses, l2_misses;	/* unified: fetch and data */
	uint64_t slc_accesses, slc_misses;
	/*
	 * DC ZVA instructions executed. QEMU 7.2 zeroes their block without
	 * reporting a memory access, and its plugin API cannot read the address
	 * register, so the model misses those stores (Linux's clear_page uses
	 * DC ZVA): this counts what is missing.
	 */
	uint64_t dc_zva;
	/*
	 * DMB and DSB instructions executed (insn.h). The modelled cycles count
	 * each as one cycle, as every instruction; on hardware a barrier that
	 * waits for stores or loads to complete costs more, by an amount the
	 * model does not know: this counts them, so that a reader can.
	 */
	uint64_t barriers;
};

/* Privilege of the instruction that made an access. */
enum cm_mode { CM_USER, CM_KERNEL, CM_MODES };

/*
 * counts_fetch: n instructions fetched from one line, served by level
 * (the first fetch; the others hit the line it brought into L1i).
 */
void counts_fetch(struct cm_counts *c, uint64_t n, enum cm_level served);
/* counts_data: one data access of one line, served by level. */
void counts_data(struct cm_counts *c, enum cm_level served);
void counts_add(struct cm_counts *sum, const struct cm_counts *c);

/*
 * counts_cycles: instructions + each miss times what the next level adds to
 * the latency of the level that missed:
 *   (l1i_misses + l1d_misses) * (latency.l2 - latency.l1)
 *   + l2_misses * (latency.slc - latency.l2)
 *   + slc_misses * (latency.memory - latency.slc)
 * so an access served by level k costs latency(k) - latency.l1 cycles more
 * than an L1 hit, and an L1 hit costs nothing beyond its instruction's cycle.
 */
uint64_t counts_cycles(const struct cm_counts *c, const struct cm_params *p);

/*
 * counts_cycles_scaled: the same with every latency of p multiplied by
 * num / den (the sweep of issue 16: 1/2 for cycles_lat_half, 2/1 for
 * cycles_lat_double). Only the latencies scale, not the one cycle per
 * instruction; the latency part is scaled exactly and rounded once to the
 * nearest cycle, halves up (halving latency.l2 = 11 gives 5.5 cycles, not 5).
 */
uint64_t counts_cycles_scaled(const struct cm_counts *c, const struct cm_params *p,
			      uint64_t num, uint64_t den);

#endif
