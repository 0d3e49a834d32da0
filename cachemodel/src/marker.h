/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Recognising the guest's phase markers (guest/include/phase-marker.h
 * defines the encoding) in an instruction word.
 */
#ifndef CACHEMODEL_MARKER_H
#define CACHEMODEL_MARKER_H

#include <stdbool.h>
#include <stdint.h>

#include "phase-marker.h"

/* HINT #imm: the immediate (CRm:op2) is bits 11..5. */
#define HINT_MASK 0xfffff01fu
#define HINT_BASE 0xd503201fu

struct marker {
	unsigned int id;
	bool end;
};

/* marker_decode: true when insn is a phase marker; fills m. */
static inline bool marker_decode(uint32_t insn, struct marker *m)
{
	unsigned int imm = (insn >> 5) & 0x7f;

	if ((insn & HINT_MASK) != HINT_BASE || imm < PHASE_MARKER_HINT_FIRST)
		return false;
	m->end = (imm & PHASE_MARKER_END_BIT) != 0;
	m->id = imm & (PHASE_MARKER_IDS - 1);
	return true;
}

#endif
