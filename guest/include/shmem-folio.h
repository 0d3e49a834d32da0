/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Folio sizes of shmem (memfd, MAP_SHARED|MAP_ANONYMOUS) through the THP
 * controls: the top-level shmem_enabled (the PMD size) and, since 6.11, the
 * per-size hugepages-<N>kB/shmem_enabled. thp_save_settings() and
 * thp_restore_settings() (thp_settings.h) save and restore them with the
 * others.
 */
#ifndef GUEST_SHMEM_FOLIO_H
#define GUEST_SHMEM_FOLIO_H

#include <stddef.h>

/*
 * New shmem folios get exactly this size (the base page size: no large
 * folio). 0, or -1 with the reason in err. Exits (thp_write_settings()) if
 * the controls cannot be written.
 */
int shmem_folio_select(size_t bytes, char *err, size_t errlen);

#endif
