// SPDX-License-Identifier: GPL-2.0
/*
 * sd-criu: soft-dirty used the way CRIU's incremental dumps use it.
 *
 * For anonymous memory populated with folios of the base page size, the
 * contpte size and the PMD size (4K, 64K, 2M at 4K pages; 16K, 2M, 32M at
 * 16K; 64K, 2M, 512M at 64K): clear soft-dirty (clear_refs "4"), write to a
 * chosen subset of pages, and check that pagemap bit 55 -- and the
 * PAGEMAP_SCAN ioctl -- report exactly the written pages as soft-dirty.
 * Then write-protect most of the region with userfaultfd
 * (UFFDIO_WRITEPROTECT: a range that starts and ends off the 8-entry words
 * in which the ptdesc variants copy extended bits) and fork without
 * UFFD_FEATURE_EVENT_FORK: the child must see the same soft-dirty set and no
 * uffd-wp at all (fork() clears uffd-wp for a child whose VMA is not
 * registered, and keeps every other bit), and what the child writes
 * afterwards must show in the child only.
 *
 * Soft-dirty is tracked per mapping entry: a PMD-mapped folio is one entry,
 * so there every page of a written PMD-size folio is expected soft-dirty and
 * the folios not written are expected clean. A contpte block is 16 to 128
 * entries, each with its own soft-dirty bit: tracked per page.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/fs.h>

#include "folio.h"
#include "kselftest.h"
#include "mem.h"
#include "pagemap.h"
#include "thp_settings.h"
#include "uffd.h"
#include "vm_util.h"

#define CASES_PER_SIZE 9
/* The write-protected pages: all but the first 3 and the last 5. */
#define WP_HEAD_PAGES 3
#define WP_TAIL_PAGES 5

struct region {
	char *mem;
	size_t bytes;
	size_t npages;
	size_t page;
	size_t pmd_pages;	/* pages per PMD */
	bool *pmd_mapped;	/* per PMD of the region: a PMD-size folio there */
};

/* A set of pages of the region, by index. */
typedef bool (*page_set)(const struct region *r, size_t i);

/*
 * The region: four PMD-size folios (8M at 4K pages, 128M at 16K), but two
 * where one is larger than 32M (1G at 64K pages): four would be half the
 * 4 GiB guest before the child's copies. Always an even number of PMD-size
 * folios, so that the middle page is the head of one.
 */
static size_t region_bytes(size_t pmd)
{
	return pmd * (pmd > (32u << 20) ? 2 : 4);
}

/*
 * The pages a step writes: deterministic, spread over folio heads, tails and
 * middles at every page size. Every 11th page: middles, and some heads. The
 * last page of every 64: the tail of every PMD-size folio and of a contpte
 * block in every 64 pages (blocks of 16 or 32 pages) or 128 (16K pages: 128).
 * Six pages from the middle of the region (page 1024 at 4K pages): the head
 * of a PMD-size folio, so of a contpte block too, and the pages after it.
 */
static bool in_parent_set(const struct region *r, size_t i)
{
	return (i * 7 + 3) % 11 == 0 || i % 64 == 63 ||
	       (i >= r->npages / 2 && i < r->npages / 2 + 6);
}

static bool every_page(const struct region *r, size_t i)
{
	(void)r;
	(void)i;
	return true;
}

static bool in_child_set(const struct region *r, size_t i)
{
	(void)r;
	return (i * 5 + 1) % 13 == 0;
}

static void write_set(struct region *r, page_set set, unsigned char v)
{
	for (size_t i = 0; i < r->npages; i++)
		if (set(r, i))
			r->mem[i * r->page] = (char)v;
}

/*
 * Expected soft-dirty state of page i after writing the pages of the sets:
 * its own entry's, or that of the PMD-size folio it is in, if it is.
 */
static bool expected(const struct region *r, size_t i, page_set a, page_set b)
{
	size_t granule = r->pmd_mapped[i / r->pmd_pages] ? r->pmd_pages : 1;
	size_t first = i / granule * granule;

	for (size_t j = first; j < first + granule; j++)
		if ((a && a(r, j)) || (b && b(r, j)))
			return true;
	return false;
}

/*
 * Reads the pagemap entries of the region into @entries and, unless @scan is
 * NULL, PAGEMAP_SCAN's soft-dirty pages into @scan. 0, or -1 after a
 * diagnostic.
 */
static int read_region(const struct region *r, uint64_t *entries, bool *scan, const char *via)
{
	int fd = pagemap_open(), ret = -1;

	if (entries && fd >= 0 && !pagemap_read(fd, r->mem, r->npages, entries) &&
	    (!scan ||
	     pagemap_scan_pages(fd, r->mem, r->npages, 0, PAGE_IS_SOFT_DIRTY, scan) >= 0))
		ret = 0;
	else
		ksft_print_msg("%s: cannot read pagemap: %s\n", via, strerror(errno));
	if (fd >= 0)
		close(fd);
	return ret;
}

/*
 * Compares pagemap bit 55 and PAGEMAP_SCAN with the expectation. Returns the
 * number of mismatches and prints the first few.
 */
static size_t compare(const struct region *r, page_set a, page_set b, const char *via)
{
	uint64_t *entries = calloc(r->npages, sizeof(*entries));
	bool *scan = calloc(r->npages, sizeof(*scan));
	size_t missed = 0, extra = 0, scan_diff = 0;

	if (!scan || read_region(r, entries, scan, via)) {
		missed = r->npages;
		goto out;
	}
	for (size_t i = 0; i < r->npages; i++) {
		bool want = expected(r, i, a, b), got = entries[i] & PM_SOFT_DIRTY;

		if (want && !got && missed++ < 4)
			ksft_print_msg("%s: page %zu written but not soft-dirty (pagemap %#llx)\n",
				       via, i, (unsigned long long)entries[i]);
		if (!want && got && extra++ < 4)
			ksft_print_msg("%s: page %zu not written but soft-dirty\n", via, i);
		if (scan[i] != got && scan_diff++ < 4)
			ksft_print_msg("%s: page %zu: PAGEMAP_SCAN says %d, pagemap says %d\n", via,
				       i, scan[i], got);
	}
	if (missed || extra || scan_diff)
		ksft_print_msg("%s: %zu missed, %zu extra, %zu PAGEMAP_SCAN disagreements\n",
			       via, missed, extra, scan_diff);
out:
	free(entries);
	free(scan);
	return missed + extra + scan_diff;
}

static bool in_wp_range(const struct region *r, size_t i)
{
	return i >= WP_HEAD_PAGES && i < r->npages - WP_TAIL_PAGES;
}

/*
 * Compares pagemap's uffd-wp bit with the expectation: set on the pages of
 * the write-protected range if @wp, on none otherwise. Returns the number of
 * mismatches and prints the first few.
 */
static size_t compare_uffd_wp(const struct region *r, bool wp, const char *via)
{
	uint64_t *entries = calloc(r->npages, sizeof(*entries));
	size_t wrong = 0;

	if (read_region(r, entries, NULL, via)) {
		free(entries);
		return r->npages;
	}
	for (size_t i = 0; i < r->npages; i++) {
		bool want = wp && in_wp_range(r, i), got = entries[i] & PM_UFFD_WP;

		if (want != got && wrong++ < 4)
			ksft_print_msg("%s: page %zu: uffd-wp %d, expected %d (pagemap %#llx)\n",
				       via, i, got, want, (unsigned long long)entries[i]);
	}
	if (wrong)
		ksft_print_msg("%s: %zu pages with the wrong uffd-wp bit\n", via, wrong);
	free(entries);
	return wrong;
}

/*
 * In the child: the parent's set must show, without uffd-wp; then the child's
 * own writes. The exit status says which check failed first.
 */
static int child_checks(struct region *r)
{
	if (compare(r, in_parent_set, NULL, "child after fork"))
		return 1;
	if (compare_uffd_wp(r, false, "child after fork"))
		return 2;
	write_set(r, in_child_set, 0x5a);
	if (compare(r, in_parent_set, in_child_set, "child after its writes"))
		return 3;
	return 0;
}

/*
 * Did the child pass its check number @check? It exits with the number of
 * the first check that failed (child_checks()), 0 if none did.
 */
static bool child_passed(int status, int check)
{
	return status != -1 && WIFEXITED(status) &&
	       (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) > check);
}

/*
 * Maps the region and populates it with folios of @folio_bytes; for the PMD
 * size, records which PMDs got a PMD-size folio (r->pmd_mapped), which the
 * expectations follow. A PMD-size folio needs a free, aligned block of that
 * size (512M at 64K pages): the tests run before may have left none, so
 * memory is compacted first, and once more before a second try if the
 * first did not get one everywhere. @err is empty if the memory is made of
 * such folios, else says where it is not (after the second try). Returns
 * the mapping, or NULL with @err set.
 */
static char *populate(struct region *r, size_t folio_bytes, size_t pmd, char *err, size_t errlen)
{
	for (int attempt = 1;; attempt++) {
		char *mem;

		if (folio_bytes == pmd)
			compact_memory();
		mem = map_anon_aligned(r->bytes, pmd);
		if (!mem) {
			snprintf(err, errlen, "mmap failed: %s", strerror(errno));
			return NULL;
		}
		/* MADV_NOHUGEPAGE would disable every mTHP size: the controls decide. */
		if (folio_bytes == pmd)
			madvise(mem, r->bytes, MADV_HUGEPAGE);
		touch_pages(mem, r->bytes, 1);
		err[0] = '\0';
		folio_check(mem, r->bytes, folio_bytes, err, errlen);
		if (folio_bytes != pmd)
			return mem;
		for (size_t b = 0; b < r->bytes / pmd; b++)
			r->pmd_mapped[b] = folio_check(mem + b * pmd, pmd, pmd, NULL, 0) == 0;
		if (err[0] == '\0' || attempt == 2)
			return mem;
		ksft_print_msg("first try: %s; compacting and trying again\n", err);
		munmap(mem, r->bytes);
	}
}

static void run_size(size_t folio_bytes, size_t pmd)
{
	char name[16], err[256];
	struct region r = { .page = (size_t)getpagesize(), .bytes = region_bytes(pmd) };
	int status, uffd;
	pid_t pid;

	folio_size_name(folio_bytes, name, sizeof(name));
	r.npages = r.bytes / r.page;
	r.pmd_pages = pmd / r.page;

	if (folio_size_select(folio_bytes, err, sizeof(err))) {
		for (int i = 0; i < CASES_PER_SIZE; i++)
			ksft_test_result_fail("%s: %s\n", name, err);
		return;
	}
	r.pmd_mapped = calloc(r.bytes / pmd, sizeof(*r.pmd_mapped));
	r.mem = r.pmd_mapped ? populate(&r, folio_bytes, pmd, err, sizeof(err)) : NULL;
	if (!r.mem) {
		for (int i = 0; i < CASES_PER_SIZE; i++)
			ksft_test_result_fail("%s: %s\n", name, r.pmd_mapped ? err : "out of memory");
		free(r.pmd_mapped);
		return;
	}
	ksft_test_result(err[0] == '\0', "%s: memory is populated with %s folios%s%s\n", name,
			 name, err[0] ? ": " : "", err);
	ksft_test_result(compare(&r, every_page, NULL, "before clear") == 0,
			 "%s: freshly written pages are soft-dirty\n", name);
	clear_softdirty();
	ksft_test_result(compare(&r, NULL, NULL, "after clear") == 0,
			 "%s: clear_refs 4 cleans every page\n", name);
	write_set(&r, in_parent_set, 2);
	ksft_test_result(compare(&r, in_parent_set, NULL, "after writes") == 0,
			 "%s: exactly the written pages are soft-dirty\n", name);

	/* No fork event: the child's VMA is not registered. */
	uffd = uffd_wp_range(r.mem + WP_HEAD_PAGES * r.page,
			     (r.npages - WP_HEAD_PAGES - WP_TAIL_PAGES) * r.page, 0);
	if (uffd < 0)
		ksft_print_msg("uffd-wp: %s\n", strerror(errno));
	ksft_test_result(uffd >= 0 && compare_uffd_wp(&r, true, "after uffd-wp") == 0 &&
			 compare(&r, in_parent_set, NULL, "after uffd-wp") == 0,
			 "%s: uffd-wp marks its range and leaves soft-dirty alone\n", name);

	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(child_checks(&r));
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		status = -1;
	ksft_test_result(child_passed(status, 1),
			 "%s: the child sees the parent's soft-dirty pages after fork\n", name);
	ksft_test_result(child_passed(status, 2),
			 "%s: the child, whose VMA is not registered, has no uffd-wp\n", name);
	ksft_test_result(child_passed(status, 3),
			 "%s: the child's own writes show as soft-dirty in the child\n", name);
	ksft_test_result(compare(&r, in_parent_set, NULL, "parent after the child's writes") == 0 &&
			 compare_uffd_wp(&r, uffd >= 0, "parent after fork") == 0,
			 "%s: the child's writes do not show in the parent, which keeps uffd-wp\n",
			 name);
	if (uffd >= 0)
		close(uffd);
	munmap(r.mem, r.bytes);
	free(r.pmd_mapped);
}

int main(void)
{
	const size_t pmd = folio_pmd_size();
	const size_t sizes[] = { (size_t)getpagesize(), folio_contpte_size(), pmd };
	const unsigned int nsizes = ARRAY_SIZE(sizes);

	ksft_print_header();
	ksft_set_plan(nsizes * CASES_PER_SIZE);
	if (!softdirty_supported()) {
		for (unsigned int i = 0; i < nsizes * CASES_PER_SIZE; i++)
			ksft_test_result_skip("soft-dirty is not supported by this kernel\n");
		ksft_finished();
	}
	thp_save_settings();
	for (unsigned int i = 0; i < nsizes; i++)
		run_size(sizes[i], pmd);
	thp_restore_settings();
	ksft_finished();
}
