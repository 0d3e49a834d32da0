// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>

#include "cache.h"

/* No line address has all bits set: line = byte address >> 6 or more. */
#define INVALID_LINE UINT64_MAX

bool cache_init(struct cache *cache, uint64_t size, uint32_t line_size, uint32_t ways)
{
	uint64_t sets = size / ((uint64_t)line_size * ways);

	cache->sets = (uint32_t)sets;
	cache->ways = ways;
	cache->set_mask = (uint32_t)sets - 1;
	cache->tags = malloc(sets * ways * sizeof(*cache->tags));
	if (!cache->tags)
		return false;
	cache_reset(cache);
	return true;
}

void cache_free(struct cache *cache)
{
	free(cache->tags);
	cache->tags = NULL;
}

void cache_reset(struct cache *cache)
{
	size_t n = (size_t)cache->sets * cache->ways;

	for (size_t i = 0; i < n; i++)
		cache->tags[i] = INVALID_LINE;
}

static uint64_t *set_of(const struct cache *cache, uint64_t line)
{
	return cache->tags + (size_t)(line & cache->set_mask) * cache->ways;
}

bool cache_access(struct cache *cache, uint64_t line)
{
	uint64_t *set = set_of(cache, line);
	uint32_t way;
	bool hit = false;

	for (way = 0; way < cache->ways; way++) {
		if (set[way] == line) {
			hit = true;
			break;
		}
	}
	if (!hit)
		way = cache->ways - 1;	/* the LRU line goes */
	/* Shift the more recently used lines down by one, line becomes MRU. */
	memmove(set + 1, set, way * sizeof(*set));
	set[0] = line;
	return hit;
}

bool cache_contains(const struct cache *cache, uint64_t line)
{
	const uint64_t *set = set_of(cache, line);

	for (uint32_t way = 0; way < cache->ways; way++)
		if (set[way] == line)
			return true;
	return false;
}
