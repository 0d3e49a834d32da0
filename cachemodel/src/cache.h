/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One set-associative cache with true LRU replacement, on line addresses
 * (byte address >> log2(line size)). No data, no dirty state: the model
 * counts where an access is served, not what it costs to write back.
 */
#ifndef CACHEMODEL_CACHE_H
#define CACHEMODEL_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cache {
	uint64_t *tags;		/* sets * ways; each set MRU first */
	uint32_t sets;
	uint32_t ways;
	uint32_t set_mask;
};

/*
 * cache_init: sets = size / (line_size * ways), which must be a power of two
 * (checked by params.c). Returns false when memory runs out.
 */
bool cache_init(struct cache *cache, uint64_t size, uint32_t line_size, uint32_t ways);
void cache_free(struct cache *cache);
/* Empties every set (all lines invalid). */
void cache_reset(struct cache *cache);

/*
 * cache_access: looks line up; on a hit moves it to MRU and returns true; on
 * a miss installs it as MRU (evicting the LRU line of its set) and returns
 * false. Every level allocates on a miss, for reads and writes alike.
 */
bool cache_access(struct cache *cache, uint64_t line);

/* cache_contains: a lookup that changes nothing (for tests). */
bool cache_contains(const struct cache *cache, uint64_t line);

#endif
