// SPDX-License-Identifier: GPL-2.0-or-later
#include "counts.h"

/* The unified levels' share of an access that missed L1. */
static void beyond_l1(struct cm_counts *c, enum cm_level served)
{
	c->l2_accesses++;
	if (served == CM_L2)
		return;
	c->l2_misses++;
	c->slc_accesses++;
	if (served == CM_MEMORY)
		c->slc_misses++;
}

void counts_fetch(struct cm_counts *c, uint64_t n, enum cm_level served)
{
	c->instructions += n;
	c->l1i_accesses += n;
	if (served == CM_L1)
		return;
	c->l1i_misses++;
	beyond_l1(c, served);
}

void counts_data(struct cm_counts *c, enum cm_level served)
{
	c->l1d_accesses++;
	if (served == CM_L1)
		return;
	c->l1d_misses++;
	beyond_l1(c, served);
}

void counts_add(struct cm_counts *sum, const struct cm_counts *c)
{
	sum->instructions += c->instructions;
	sum->l1i_accesses += c->l1i_accesses;
	sum->l1i_misses += c->l1i_misses;
	sum->l1d_accesses += c->l1d_accesses;
	sum->l1d_misses += c->l1d_misses;
	sum->l2_accesses += c->l2_accesses;
	sum->l2_misses += c->l2_misses;
	sum->slc_accesses += c->slc_accesses;
	sum->slc_misses += c->slc_misses;
	sum->dc_zva += c->dc_zva;
	sum->barriers += c->barriers;
}

/* The cycles beyond one per instruction: each miss times what the next level adds. */
static uint64_t latency_cycles(const struct cm_counts *c, const struct cm_params *p)
{
	const uint32_t *lat = p->latency;

	return (c->l1i_misses + c->l1d_misses) * (uint64_t)(lat[CM_L2] - lat[CM_L1]) +
	       c->l2_misses * (uint64_t)(lat[CM_SLC] - lat[CM_L2]) +
	       c->slc_misses * (uint64_t)(lat[CM_MEMORY] - lat[CM_SLC]);
}

uint64_t counts_cycles(const struct cm_counts *c, const struct cm_params *p)
{
	return c->instructions + latency_cycles(c, p);
}

uint64_t counts_cycles_scaled(const struct cm_counts *c, const struct cm_params *p,
			      uint64_t num, uint64_t den)
{
	return c->instructions + (latency_cycles(c, p) * num + den / 2) / den;
}
