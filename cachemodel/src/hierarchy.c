// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>

#include "hierarchy.h"

static bool core_init(struct core_caches *c, const struct cm_params *p)
{
	return cache_init(&c->l1i, p->l1i.size, p->line_size, p->l1i.ways) &&
	       cache_init(&c->l1d, p->l1d.size, p->line_size, p->l1d.ways) &&
	       cache_init(&c->l2, p->l2.size, p->line_size, p->l2.ways);
}

bool hierarchy_init(struct hierarchy *h, const struct cm_params *params, unsigned int ncores)
{
	h->params = *params;
	h->line_shift = 0;
	while ((1u << h->line_shift) < params->line_size)
		h->line_shift++;
	h->ncores = ncores;
	h->cores = calloc(ncores, sizeof(*h->cores));
	if (!h->cores)
		return false;
	for (unsigned int i = 0; i < ncores; i++)
		if (!core_init(&h->cores[i], params))
			return false;
	pthread_mutex_init(&h->slc_lock, NULL);
	return cache_init(&h->slc, params->slc.size, params->line_size, params->slc.ways);
}

void hierarchy_free(struct hierarchy *h)
{
	for (unsigned int i = 0; h->cores && i < h->ncores; i++) {
		cache_free(&h->cores[i].l1i);
		cache_free(&h->cores[i].l1d);
		cache_free(&h->cores[i].l2);
	}
	free(h->cores);
	h->cores = NULL;
	cache_free(&h->slc);
	pthread_mutex_destroy(&h->slc_lock);
}

enum cm_level hierarchy_access(struct hierarchy *h, unsigned int core, enum cm_side side,
			       uint64_t line)
{
	struct core_caches *c = &h->cores[core];
	bool slc_hit;

	if (cache_access(side == CM_FETCH ? &c->l1i : &c->l1d, line))
		return CM_L1;
	if (cache_access(&c->l2, line))
		return CM_L2;
	pthread_mutex_lock(&h->slc_lock);
	slc_hit = cache_access(&h->slc, line);
	pthread_mutex_unlock(&h->slc_lock);
	return slc_hit ? CM_SLC : CM_MEMORY;
}
