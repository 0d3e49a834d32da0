// SPDX-License-Identifier: GPL-2.0-or-later
#include "fetch.h"

bool fetch_run_ends(const struct fetch_run *prev, uint64_t line, enum cm_mode mode, uint32_t key,
		    bool is_marker, bool *continues)
{
	bool same_line = prev && prev->line == line && prev->mode == mode;

	*continues = same_line && !is_marker;
	return !same_line || is_marker || prev->key != key;
}

bool fetch_run_count(struct hierarchy *h, struct vcpu_phase *v, unsigned int vcpu,
		     const struct fetch_run *run)
{
	enum cm_level served = run->continues ? CM_L1 :
				hierarchy_access(h, vcpu, CM_FETCH, run->line);
	struct attrib *a;

	counts_fetch(phase_counts(v, run->mode), run->instructions, served);
	a = phase_attrib(v);
	if (!a)
		return true;
	return attrib_access(a, run->key, CM_FETCH, served) &&
	       attrib_instructions(a, run->key, run->instructions);
}
