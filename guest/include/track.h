/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Write tracking, three ways, behind one interface (issue 21): which pages of
 * a range were written since the last reset?
 *   sd-pagemap  soft-dirty: reset with clear_refs "4", read /proc/self/pagemap
 *               bit 55
 *   sd-scan     soft-dirty: reset with clear_refs "4" (PAGEMAP_SCAN cannot
 *               clear soft-dirty in 6.12), read with PAGEMAP_SCAN
 *               (PAGE_IS_SOFT_DIRTY)
 *   uffd-async  asynchronous uffd-wp: a userfaultfd with UFFD_FEATURE_WP_ASYNC
 *               and UFFD_FEATURE_WP_UNPOPULATED (without it PAGEMAP_SCAN
 *               refuses to write-protect anonymous memory), ranges registered
 *               in UFFDIO_REGISTER_MODE_WP, reset with PAGEMAP_SCAN
 *               PM_SCAN_WP_MATCHING | PM_SCAN_CHECK_WPASYNC, read with
 *               PAGEMAP_SCAN (PAGE_IS_WRITTEN)
 * The soft-dirty reset is process-wide; the uffd-wp one covers the range.
 */
#ifndef GUEST_TRACK_H
#define GUEST_TRACK_H

#include <stdbool.h>
#include <stddef.h>

enum track_mech {
	TRACK_SD_PAGEMAP,
	TRACK_SD_SCAN,
	TRACK_UFFD_ASYNC,
	TRACK_MECH_COUNT
};

struct tracker {
	enum track_mech mech;
	int pagemap;	/* /proc/self/pagemap of the process that opened it */
	int uffd;	/* uffd-async only; -1 otherwise */
};

const char *track_mech_name(enum track_mech mech);
/* "sd-pagemap", "sd-scan", "uffd-async"; 0 or -1. */
int track_mech_parse(const char *name, enum track_mech *mech);
/* Can this kernel track with @mech? false with the reason in why. */
bool track_mech_available(enum track_mech mech, char *why, size_t len);

/* 0, or -1 with errno. */
int track_open(struct tracker *t, enum track_mech mech);
void track_close(struct tracker *t);
/*
 * In a child after fork(): pagemap again, of the child (the inherited file
 * reads the parent). The userfaultfd stays the parent's. 0 or -1.
 */
int track_reopen_pagemap(struct tracker *t);
/* Tracks [addr, addr + len) from now on (uffd-async: registers it). 0 or -1. */
int track_add(struct tracker *t, void *addr, size_t len);
/*
 * Forgets the writes so far: the range for uffd-async (0 or -1), all memory
 * for soft-dirty (clear_softdirty() of vm_util.h, which exits on failure).
 */
int track_reset(struct tracker *t, void *addr, size_t len);
/*
 * Marks in written[] (one bool per page of npages from addr) the pages
 * reported written since the last reset. The number of such pages, or -1.
 */
long track_collect(struct tracker *t, void *addr, size_t npages, bool *written);

#endif
