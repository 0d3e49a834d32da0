// SPDX-License-Identifier: GPL-2.0
/*
 * leaf-bits: soft-dirty and uffd-wp of leaf entries at every level that can
 * hold one, whatever the page size and the number of levels.
 *
 * A leaf above the PTE level lives in a PMD or PUD table, or, where that
 * level is folded into the PGD (2 levels: 16K pages with 36-bit VA, 64K with
 * 42-bit; 3 levels with 4K pages and 39-bit VA), in the PGD itself. Where the
 * software bits of an entry are kept outside it, every such table must have
 * them. Cases:
 *
 *   thp soft-dirty   a PMD-sized THP (2M, 32M or 512M), written, cleared
 *                    with clear_refs, written once more: pagemap bit 55 on
 *                    every page of it (skipped without soft-dirty)
 *   thp uffd-wp      the same THP registered and write-protected: bit 57
 *                    on every page, and a write takes a write-protect fault
 *   hugetlb uffd-wp  one huge page of every size the kernel offers that can
 *                    be had (boot-time reserved gigantic pages, or allocated
 *                    now): bit 57 on every page after write-protection, and
 *                    a write faults (hugetlb has no soft-dirty)
 *
 * Reserve gigantic sizes on the command line (hugepagesz=1G hugepages=1);
 * a size with no free page and none to allocate is skipped, saying so.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/mman.h>
#include <linux/userfaultfd.h>

#include "folio.h"
#include "kselftest.h"
#include "mem.h"
#include "pagemap.h"
#include "sysfs.h"
#include "thp_settings.h"
#include "uffd.h"
#include "vm_util.h"

#define HUGETLB_SYSFS "/sys/kernel/mm/hugepages"
#define MAX_HUGETLB_SIZES 8

static size_t page_size;

/* Pages of [addr, addr + len) not present or with @bit not @want. */
static size_t count_wrong(const char *what, const char *addr, size_t len, uint64_t bit,
			  bool want)
{
	return pagemap_count_wrong(what, addr, len, bit, want, NULL);
}

/* A PMD-sized THP of its own alignment, populated by one write. */
static char *map_thp(size_t thp_size, char *err, size_t errlen)
{
	char *mem = map_anon_aligned(thp_size, thp_size);

	if (!mem) {
		snprintf(err, errlen, "mmap: %s", strerror(errno));
		return NULL;
	}
	if (madvise(mem, thp_size, MADV_HUGEPAGE)) {
		snprintf(err, errlen, "MADV_HUGEPAGE: %s", strerror(errno));
		munmap(mem, thp_size);
		return NULL;
	}
	mem[0] = 1;
	if (folio_check(mem, thp_size, thp_size, err, errlen)) {
		munmap(mem, thp_size);
		return NULL;
	}
	return mem;
}

static bool case_thp_soft_dirty(size_t thp_size)
{
	char err[256] = "", *mem = map_thp(thp_size, err, sizeof(err));
	bool ok;

	if (!mem) {
		ksft_print_msg("thp soft-dirty: no THP: %s\n", err);
		return false;
	}
	clear_softdirty();
	ok = count_wrong("thp soft-dirty: after clear_refs", mem, thp_size, PM_SOFT_DIRTY,
			 false) == 0;
	mem[thp_size / 2] = 2;
	ok = count_wrong("thp soft-dirty: after a write", mem, thp_size, PM_SOFT_DIRTY,
			 true) == 0 && ok;
	munmap(mem, thp_size);
	return ok;
}

/*
 * Write-protects [mem, mem + len), registered with @uffd, and checks it; @unit
 * is the granule of protection (the page size, or the hugetlb page size).
 */
static bool write_protect_check(const char *what, int uffd, char *mem, size_t len,
				size_t unit)
{
	int faulted;
	bool ok;

	if (uffd_writeprotect(uffd, mem, len, true)) {
		ksft_print_msg("%s: UFFDIO_WRITEPROTECT: %s\n", what, strerror(errno));
		return false;
	}
	ok = count_wrong(what, mem, len, PM_UFFD_WP, true) == 0;
	faulted = uffd_write_faults(uffd, mem + len / 2, unit, 2000);
	if (faulted != 1)
		ksft_print_msg("%s: a write %s\n", what,
			       faulted < 0 ? strerror(errno) : "took no write-protect fault");
	return faulted == 1 && ok;
}

static bool case_thp_uffd_wp(size_t thp_size)
{
	char err[256] = "", *mem = map_thp(thp_size, err, sizeof(err));
	int uffd;
	bool ok;

	if (!mem) {
		ksft_print_msg("thp uffd-wp: no THP: %s\n", err);
		return false;
	}
	uffd = uffd_open(0);
	if (uffd < 0 || uffd_register(uffd, mem, thp_size, false, true, false)) {
		ksft_print_msg("thp uffd-wp: userfaultfd: %s\n", strerror(errno));
		ok = false;
	} else {
		ok = write_protect_check("thp uffd-wp", uffd, mem, thp_size, page_size);
	}
	if (uffd >= 0)
		close(uffd);
	munmap(mem, thp_size);
	return ok;
}

static int hugetlb_read(size_t kb, const char *file, unsigned long *value)
{
	char path[128], line[64];

	snprintf(path, sizeof(path), HUGETLB_SYSFS "/hugepages-%zukB/%s", kb, file);
	if (!read_file(path, line, sizeof(line)))
		return -1;
	*value = strtoul(line, NULL, 10);
	return 0;
}

static int hugetlb_write(size_t kb, const char *file, unsigned long value)
{
	char path[128], line[32];

	snprintf(path, sizeof(path), HUGETLB_SYSFS "/hugepages-%zukB/%s", kb, file);
	snprintf(line, sizeof(line), "%lu", value);
	return sysfs_write(path, line);
}

static int size_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

static int log2_size(size_t bytes)
{
	int shift = 0;

	while ((size_t)1 << shift < bytes)
		shift++;
	return shift;
}

/*
 * One hugetlb page of @kb KiB, write-protected. Returns 1 passed, 0 failed,
 * -1 skipped (reason in @why): no free page, and none could be allocated.
 */
static int case_hugetlb_uffd_wp(size_t kb, char *why, size_t whylen)
{
	unsigned long free_pages = 0, nr = 0;
	size_t len = kb << 10;
	bool added = false, ok = false;
	char what[64];
	char *mem;
	int uffd;

	snprintf(what, sizeof(what), "hugetlb %zuK uffd-wp", kb);
	if (hugetlb_read(kb, "free_hugepages", &free_pages) ||
	    hugetlb_read(kb, "nr_hugepages", &nr)) {
		snprintf(why, whylen, "cannot read %s/hugepages-%zukB", HUGETLB_SYSFS, kb);
		return 0;
	}
	if (free_pages == 0) {
		added = hugetlb_write(kb, "nr_hugepages", nr + 1) == 0 &&
			hugetlb_read(kb, "free_hugepages", &free_pages) == 0 && free_pages > 0;
		if (!added) {
			hugetlb_write(kb, "nr_hugepages", nr);
			snprintf(why, whylen, "no free %zuK hugetlb page, and none can be allocated "
				 "now (gigantic: reserve with hugepagesz= hugepages=1)", kb);
			return -1;
		}
	}
	mem = mmap(NULL, len, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB |
		   (log2_size(len) << MAP_HUGE_SHIFT), -1, 0);
	if (mem == MAP_FAILED) {
		ksft_print_msg("%s: mmap: %s\n", what, strerror(errno));
		goto out;
	}
	touch_pages(mem, len, 1);
	uffd = uffd_open(UFFD_FEATURE_WP_HUGETLBFS_SHMEM);
	if (uffd < 0 || uffd_register(uffd, mem, len, false, true, false))
		ksft_print_msg("%s: userfaultfd: %s\n", what, strerror(errno));
	else
		ok = write_protect_check(what, uffd, mem, len, len);
	if (uffd >= 0)
		close(uffd);
	munmap(mem, len);
out:
	if (added)
		hugetlb_write(kb, "nr_hugepages", nr);
	return ok;
}

int main(void)
{
	size_t thp_size = 0, sizes[MAX_HUGETLB_SIZES];
	int nsizes;
	char why[256];

	ksft_print_header();
	page_size = (size_t)getpagesize();
	nsizes = detect_hugetlb_page_sizes(sizes, MAX_HUGETLB_SIZES);
	qsort(sizes, (size_t)nsizes, sizeof(sizes[0]), size_cmp);
	ksft_set_plan(2 + nsizes);
	thp_size = folio_pmd_size();
	thp_save_settings();
	if (folio_size_select(thp_size, why, sizeof(why))) {
		ksft_print_msg("PMD-sized THP: %s\n", why);
		ksft_test_result_fail("thp soft-dirty: setup failed\n");
		ksft_test_result_fail("thp uffd-wp: setup failed\n");
	} else {
		ksft_print_msg("page size %zuK, PMD-sized THP %zuK\n", page_size >> 10,
			       thp_size >> 10);
		if (softdirty_supported())
			ksft_test_result(case_thp_soft_dirty(thp_size),
					 "thp soft-dirty: a %zuK THP written after clear_refs is soft-dirty\n",
					 thp_size >> 10);
		else
			ksft_test_result_skip("thp soft-dirty: soft-dirty is not built\n");
		ksft_test_result(case_thp_uffd_wp(thp_size),
				 "thp uffd-wp: a write-protected %zuK THP reads uffd-wp and faults\n",
				 thp_size >> 10);
		thp_restore_settings();
	}
	for (int i = 0; i < nsizes; i++) {
		size_t kb = sizes[i] >> 10;
		int r = case_hugetlb_uffd_wp(kb, why, sizeof(why));

		if (r < 0)
			ksft_test_result_skip("hugetlb %zuK uffd-wp: %s\n", kb, why);
		else
			ksft_test_result(r == 1,
					 "hugetlb %zuK uffd-wp: a write-protected huge page reads uffd-wp and faults\n",
					 kb);
	}
	ksft_finished();
}
