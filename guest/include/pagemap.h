/* SPDX-License-Identifier: GPL-2.0 */
/* Reading /proc/self/pagemap and the PAGEMAP_SCAN ioctl. */
#ifndef GUEST_PAGEMAP_H
#define GUEST_PAGEMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PM_PFN_MASK		((UINT64_C(1) << 55) - 1)
#define PM_SOFT_DIRTY		(UINT64_C(1) << 55)
#define PM_MMAP_EXCLUSIVE	(UINT64_C(1) << 56)
#define PM_UFFD_WP		(UINT64_C(1) << 57)
#define PM_FILE			(UINT64_C(1) << 61)
#define PM_SWAP			(UINT64_C(1) << 62)
#define PM_PRESENT		(UINT64_C(1) << 63)

/* Opens /proc/self/pagemap; -1 with errno on failure. */
int pagemap_open(void);
/* Reads the entries of npages pages from addr; 0 or -1 with errno. */
int pagemap_read(int fd, const void *addr, size_t npages, uint64_t *entries);
/*
 * Marks in dirty[] (one bool per page of [addr, addr + npages pages)) the pages
 * that PAGEMAP_SCAN reports soft-dirty. 0 or -1 with errno.
 */
int pagemap_scan_soft_dirty(int fd, const void *addr, size_t npages, bool *dirty);
/*
 * PAGEMAP_SCAN over npages pages from addr with @flags (PM_SCAN_*), matching
 * and returning the categories @category (PAGE_IS_*, all of them must be set).
 * Marks the matched pages in out[] (one bool per page), or, when out is NULL,
 * passes no output vector (for a write-protecting scan that reports nothing).
 * The number of pages matched (0 without out), or -1 with errno.
 */
long pagemap_scan_pages(int fd, const void *addr, size_t npages, unsigned long long flags,
			unsigned long long category, bool *out);
/* Writes "4" to /proc/self/clear_refs: clears soft-dirty. 0 or -1. */
int clear_soft_dirty(void);
/* Does this kernel track soft-dirty (a new mapping is marked "sd")? */
bool soft_dirty_supported(void);

#endif
