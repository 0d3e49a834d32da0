/* SPDX-License-Identifier: GPL-2.0 */
/* Anonymous mappings for the guest programs. */
#ifndef GUEST_MEM_H
#define GUEST_MEM_H

#include <stddef.h>

/*
 * A private anonymous read-write mapping of len bytes whose start is aligned
 * to align (a power of two); NULL with errno on failure. Unmap with munmap().
 */
void *map_anon_aligned(size_t len, size_t align);
/* Writes one byte in every page of [addr, addr + len). */
void touch_pages(void *addr, size_t len, unsigned char value);
/*
 * Compacts all memory (/proc/sys/vm/compact_memory), so that the largest
 * folios (512M at 64K pages) find a free aligned block. 0, or -1 with errno.
 */
int compact_memory(void);

#endif
