/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Phase markers for the cache model (cachemodel/): a benchmark brackets its
 * measured region with PHASE_BEGIN(id) and PHASE_END(id), and the QEMU
 * plugin attributes what the vCPU executes in between to phase id.
 *
 * A marker is the A64 instruction HINT #imm (0xd503201f | imm << 5) with imm
 * in 0x60..0x7f: unallocated hints, which the architecture executes as NOP
 * (so the same binary runs unchanged on hardware, and QEMU 7.2 treats them
 * as NOP too). The allocated hints (NOP, YIELD, WFE, WFI, SEV, SEVL, DGH,
 * XPACLRI, the PAC*1716/PAC*SP/AUT* family, ESB, PSB, TSB, GCSB, CSDB,
 * CLRBHB, BTI, PACM, CHKFEAT, ...) all lie below 0x60; binutils 2.40 and
 * Linux 6.12's insn.h name none at 0x60 or above.
 *
 *   imm = 0x60 | end << 4 | id      end: 0 begins the phase, 1 ends it
 *                                   id:  0..15
 *
 * The marker is per vCPU: pin the measured task to one CPU
 * (sched_setaffinity) so that it cannot migrate between its markers.
 * Phases do not nest: a PHASE_BEGIN inside a phase ends that phase (and the
 * plugin counts it as unbalanced).
 */
#ifndef GUEST_PHASE_MARKER_H
#define GUEST_PHASE_MARKER_H

#define PHASE_MARKER_HINT_FIRST 0x60u	/* the first hint immediate used */
#define PHASE_MARKER_END_BIT 0x10u	/* set in an end marker */
#define PHASE_MARKER_IDS 16u		/* phase ids are 0..PHASE_MARKER_IDS-1 */

/* The hint immediate and the instruction word of a marker. */
#define PHASE_MARKER_IMM(id, end) \
	(PHASE_MARKER_HINT_FIRST | ((end) ? PHASE_MARKER_END_BIT : 0u) | (unsigned int)(id))
#define PHASE_MARKER_INSN(imm) (0xd503201fu | ((unsigned int)(imm) << 5))

#ifdef __aarch64__
/* The "memory" clobber keeps the compiler from moving accesses across a marker. */
#define PHASE_MARKER_EMIT_(id, end)                                                   \
	do {                                                                          \
		_Static_assert((id) >= 0 && (id) < (int)PHASE_MARKER_IDS,             \
			       "phase marker ids are 0..15");                         \
		__asm__ volatile("hint %0" : : "i"(PHASE_MARKER_IMM(id, end)) : "memory"); \
	} while (0)

/* id must be a constant expression (it is encoded in the instruction). */
#define PHASE_BEGIN(id) PHASE_MARKER_EMIT_(id, 0)
#define PHASE_END(id) PHASE_MARKER_EMIT_(id, 1)
#endif

#endif
