/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The A64 instructions the model counts besides executing them: DC ZVA,
 * whose stores QEMU 7.2 does not report to plugins (counts.h: dc_zva), and
 * the memory barriers DMB and DSB, which the modelled cycle count takes as
 * one cycle each like any instruction (counts.h: barriers).
 */
#ifndef CACHEMODEL_INSN_H
#define CACHEMODEL_INSN_H

#include <stdbool.h>
#include <stdint.h>

/* DC ZVA, Xt: SYS #3, C7, C4, #1, Xt. */
static inline bool insn_is_dc_zva(uint32_t insn)
{
	return (insn & 0xffffffe0u) == 0xd50b7420u;
}

/*
 * DMB <option> (0xd50330bf | CRm << 8) and DSB <option> (0xd503309f |
 * CRm << 8), every option (smp_wmb() is DMB ISHST, smp_rmb() DMB ISHLD,
 * smp_mb() DMB ISH). ISB (op2 110) is not a memory barrier and not counted.
 */
static inline bool insn_is_barrier(uint32_t insn)
{
	uint32_t op = insn & 0xfffff0ffu;

	return op == 0xd50330bfu || op == 0xd503309fu;
}

#endif
