/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The level chain: per core an L1 instruction cache, an L1 data cache and a
 * unified private L2; one last level (system-level cache) shared by all cores.
 *
 * Policy: every level allocates on a miss, for reads and writes; levels are
 * neither inclusive nor exclusive (no back-invalidation, no victim fills).
 * An access is looked up nearest first and stops at the first hit; the
 * levels passed on the way are filled.
 */
#ifndef CACHEMODEL_HIERARCHY_H
#define CACHEMODEL_HIERARCHY_H

#include <pthread.h>
#include <stdbool.h>

#include "cache.h"
#include "params.h"

enum cm_side { CM_FETCH, CM_DATA };

struct core_caches {
	struct cache l1i, l1d, l2;
};

struct hierarchy {
	struct cm_params params;
	unsigned int line_shift;	/* log2(line_size) */
	unsigned int ncores;
	struct core_caches *cores;
	struct cache slc;
	pthread_mutex_t slc_lock;	/* vCPUs run on several host threads */
};

bool hierarchy_init(struct hierarchy *h, const struct cm_params *params, unsigned int ncores);
void hierarchy_free(struct hierarchy *h);

/* The line address of a byte address. */
static inline uint64_t hierarchy_line(const struct hierarchy *h, uint64_t addr)
{
	return addr >> h->line_shift;
}

/* hierarchy_access: one access of core to line; returns the level that served it. */
enum cm_level hierarchy_access(struct hierarchy *h, unsigned int core, enum cm_side side,
			       uint64_t line);

#endif
