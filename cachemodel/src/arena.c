// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define CHUNK_BYTES (1u << 20)

struct arena_chunk {
	struct arena_chunk *next;
	alignas(max_align_t) unsigned char bytes[CHUNK_BYTES];
};

void arena_init(struct arena *a)
{
	a->chunks = NULL;
	a->used = CHUNK_BYTES;
	pthread_mutex_init(&a->lock, NULL);
}

void *arena_alloc(struct arena *a, size_t size)
{
	void *p = NULL;

	size = (size + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);
	if (size > CHUNK_BYTES)
		return NULL;
	pthread_mutex_lock(&a->lock);
	if (a->used + size > CHUNK_BYTES) {
		struct arena_chunk *c = malloc(sizeof(*c));

		if (!c)
			goto out;
		c->next = a->chunks;
		a->chunks = c;
		a->used = 0;
	}
	p = a->chunks->bytes + a->used;
	a->used += size;
	memset(p, 0, size);
out:
	pthread_mutex_unlock(&a->lock);
	return p;
}

void arena_free(struct arena *a)
{
	while (a->chunks) {
		struct arena_chunk *next = a->chunks->next;

		free(a->chunks);
		a->chunks = next;
	}
	pthread_mutex_destroy(&a->lock);
}
