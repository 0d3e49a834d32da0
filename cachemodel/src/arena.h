/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fixed-size records that live until the end: the plugin's per-translation
 * data (QEMU 7.2 tells a plugin nothing when it drops a translation).
 */
#ifndef CACHEMODEL_ARENA_H
#define CACHEMODEL_ARENA_H

#include <pthread.h>
#include <stddef.h>

struct arena_chunk;

struct arena {
	pthread_mutex_t lock;	/* vCPU threads translate concurrently */
	struct arena_chunk *chunks;
	size_t used;		/* bytes used in the newest chunk */
};

void arena_init(struct arena *a);
/* arena_alloc: size bytes, zeroed, aligned for any record; NULL when out of memory. */
void *arena_alloc(struct arena *a, size_t size);
void arena_free(struct arena *a);

#endif
