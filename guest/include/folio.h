/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Populating anonymous memory with folios of one size through the per-size
 * mTHP controls (/sys/kernel/mm/transparent_hugepage/hugepages-<N>kB/enabled),
 * and checking with /proc/kpageflags that the folios really have that size.
 * The controls are read and written with the mm selftests' thp_settings.h:
 * a program saves them first (thp_save_settings()) and puts them back at
 * the end (thp_restore_settings()).
 */
#ifndef GUEST_FOLIO_H
#define GUEST_FOLIO_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The folio sizes arm64 maps specially, for tests that run at every base page
 * size (4K, 16K, 64K): the contpte block, CONT_PTES entries mapped with the
 * contiguous bit (64K at 4K pages: 16 entries; 2M at 16K: 128; 2M at 64K: 32),
 * and the PMD size (hpage_pmd_size, read_pmd_pagesize(): 2M, 32M, 512M).
 * Without THP, the PMD size is computed: a table of page / 8 entries.
 */
size_t folio_contpte_size(void);
size_t folio_pmd_size(void);
/*
 * --folio: a power-of-two size (folio_size_parse()), or base (the page
 * size), cont (folio_contpte_size()) or pmd (folio_pmd_size()). 0, or -1.
 */
int folio_option_parse(const char *text, size_t *bytes);
/* Parses "4K", "16K", "64K", "2M" (also "4k", "65536"); 0 or -1. */
int folio_size_parse(const char *text, size_t *bytes);
/* Formats a size as "4K", "64K", "2M". */
const char *folio_size_name(size_t bytes, char *buf, size_t len);
/* The order of a folio of @bytes (0 for the base page size); -1 if none. */
int folio_order(size_t bytes);
/* The alignment of a mapping of folios of @bytes: their size, at least 2M. */
size_t folio_align(size_t bytes);
/*
 * New anonymous faults get folios of exactly this size: that size "always",
 * every other size "never" (the base page size: every size "never"). Returns
 * 0; -1 with a message naming the sizes the kernel offers in err when it has
 * no such size. Exits (thp_write_settings()) if the controls cannot be
 * written.
 */
int folio_size_select(size_t bytes, char *err, size_t errlen);
/*
 * Checks that [addr, addr + len) is mapped by folios of exactly folio_bytes
 * (order-0 pages for 4K). Returns 0; -1 with the reason in err.
 */
int folio_check(void *addr, size_t len, size_t folio_bytes, char *err, size_t errlen);

#endif
