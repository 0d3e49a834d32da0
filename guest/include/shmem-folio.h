/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Folio sizes of shmem (memfd, MAP_SHARED|MAP_ANONYMOUS) through the THP
 * controls: the top-level shmem_enabled (the PMD size) and, since 6.11, the
 * per-size hugepages-<N>kB/shmem_enabled.
 */
#ifndef GUEST_SHMEM_FOLIO_H
#define GUEST_SHMEM_FOLIO_H

#include <stddef.h>

#include "folio.h"

struct shmem_settings {
	unsigned int count;
	char top[16];
	char size_dir[THP_MAX_SIZES][32];
	char enabled[THP_MAX_SIZES][16];
};

/* Saves the shmem controls; 0 or -1 with errno. */
int shmem_folio_save(struct shmem_settings *saved);
/* Restores them; 0 or -1. */
int shmem_folio_restore(const struct shmem_settings *saved);
/*
 * New shmem folios get exactly this size (the base page size: no large
 * folio). 0, or -1 with the reason in err.
 */
int shmem_folio_select(size_t bytes, char *err, size_t errlen);

#endif
