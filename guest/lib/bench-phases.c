// SPDX-License-Identifier: GPL-2.0
#include "bench-phases.h"
#include "phase-marker.h"

/* An id out of range, or one id twice (a duplicate case below), fails the build. */
#define BENCH_PHASE_CHECK_(e, id, name) \
	_Static_assert((id) < PHASE_MARKER_IDS, #name ": phase marker ids are 0..15");
BENCH_PHASE_TABLE(BENCH_PHASE_CHECK_)
#undef BENCH_PHASE_CHECK_

const char *bench_phase_name(enum bench_phase phase)
{
	switch (phase) {
#define BENCH_PHASE_NAME_(e, id, name) \
	case e:                        \
		return #name;
		BENCH_PHASE_TABLE(BENCH_PHASE_NAME_)
#undef BENCH_PHASE_NAME_
	}
	return "?";
}

/* The id is encoded in the instruction: one constant marker per id. */
#define MARK_(id)                      \
	case id:                       \
		if (end)               \
			PHASE_END(id); \
		else                   \
			PHASE_BEGIN(id); \
		break;

void bench_phase_mark(enum bench_phase phase, bool end)
{
#ifdef __aarch64__
	switch ((unsigned int)phase) {
		MARK_(0) MARK_(1) MARK_(2) MARK_(3) MARK_(4) MARK_(5) MARK_(6) MARK_(7)
		MARK_(8) MARK_(9) MARK_(10) MARK_(11) MARK_(12) MARK_(13) MARK_(14) MARK_(15)
	default:
		break;
	}
#else
	(void)phase;
	(void)end;
#endif
}
