/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading /proc/self/pagemap and PAGEMAP_SCAN over ranges of pages. One page
 * at a time, the pagemap bits (PM_*), clearing soft-dirty and telling whether
 * the kernel has it: the mm selftests' vm_util.h (pagemap_get_entry(),
 * pagemap_is_softdirty(), clear_softdirty(), softdirty_supported()).
 */
#ifndef GUEST_PAGEMAP_H
#define GUEST_PAGEMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Opens /proc/self/pagemap; -1 with errno on failure. */
int pagemap_open(void);
/* Reads the entries of npages pages from addr; 0 or -1 with errno. */
int pagemap_read(int fd, const void *addr, size_t npages, uint64_t *entries);
/*
 * PAGEMAP_SCAN over npages pages from addr with @flags (PM_SCAN_*), matching
 * and returning the categories @category (PAGE_IS_*, all of them must be set).
 * Marks the matched pages in out[] (one bool per page), or, when out is NULL,
 * passes no output vector (for a write-protecting scan that reports nothing).
 * The number of pages matched (0 without out), or -1 with errno.
 */
long pagemap_scan_pages(int fd, const void *addr, size_t npages, unsigned long long flags,
			unsigned long long category, bool *out);
/*
 * Counts the pages of [addr, addr + len) whose pagemap entry is not present
 * or differs from @want in @bit (PM_SOFT_DIRTY or PM_UFFD_WP), and prints the
 * first few and the count with ksft_print_msg(), prefixed with @what. A page
 * that is not present is left out where @may_be_absent (NULL: none) says so.
 * Returns the count, or len / page + 1 when pagemap cannot be read.
 */
size_t pagemap_count_wrong(const char *what, const char *addr, size_t len, uint64_t bit,
			   bool want, bool (*may_be_absent)(const char *page));

#endif
