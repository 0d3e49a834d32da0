// SPDX-License-Identifier: GPL-2.0
/*
 * uffd-wp-thp: uffd-wp survives the split of a PMD-mapped THP, whatever
 * happened to the PTE table deposited beside it.
 *
 * A THP's deposited table becomes the PTE table when the PMD is split. Where
 * uffd-wp is an extended bit (variant ptdesc-wp), a table deposited while
 * its VMA was not registered for uffd-wp may have no bits yet, and a split
 * that cannot allocate them without waiting shares a read-only fallback that
 * holds soft-dirty only. Each case below ends with pagemap's uffd-wp bit
 * (57) read for every page: a page of a write-protected range that lost it
 * would take no write-protect fault.
 *
 *   split-after-wp    THPs populated, registered, write-protected, split
 *   split-before-reg  THPs split first, then registered and write-protected
 *   shared-table      two VMAs in one PMD table, one registered: the THPs
 *                     of the other split first, then the registered ones
 *   fault-after-reg   THPs faulted in after registration, then split
 *   move-into-wp      UFFDIO_MOVE of THPs from an unregistered VMA into a
 *                     registered one, then write-protected and split
 *   cut-by-reg        a registered range that starts and ends inside THPs,
 *                     which registration splits with the VMA
 *   grow-over-split   a registered VMA grown in place (mremap) over the
 *                     PTE table of a THP split while unregistered, in a
 *                     VMA since unmapped there: a page faulted in the grown
 *                     part, write-protected, reads uffd-wp and takes a
 *                     write-protect fault; so does one filled there with
 *                     UFFDIO_COPY in MODE_WP. Registration gave the VMA's
 *                     tables bits of their own; growth must too.
 *   fork-child        write-protected THPs, then fork() without
 *                     UFFD_FEATURE_EVENT_FORK: the child's VMA is not
 *                     registered and its THPs, before and after a split,
 *                     have no uffd-wp; the parent's keep it. fork() copies
 *                     the extended bits of PMD leaves apart from the leaves
 *                     (pmds_copy_ext()), clearing uffd-wp for such a child.
 *
 * --fail-nowait makes every slab allocation that cannot sleep fail for this
 * process (failslab, debug kernels), so that splits get no bits of their
 * own unless they were given them before; --expect-fallback (ptdesc
 * variants) adds a case showing that the injection bites: a table split
 * without bits reads soft-dirty even after clear_refs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/userfaultfd.h>

#include "failslab.h"
#include "folio.h"
#include "kselftest.h"
#include "mem.h"
#include "pagemap.h"
#include "thp_settings.h"
#include "uffd.h"
#include "vm_util.h"

/*
 * THPs are PMD-sized: 2M with 4K pages, 32M with 16K, 512M with 64K. Each
 * case maps a region of 4 of them, or of 2 where 4 would pass 1 GiB.
 */
#define REGION_MAX (1ul << 30)

static size_t page_size, thp_size, nr_thps, region;

/* Splits every THP of [addr, addr + len) by zapping one page in each. */
static int split_thps(char *addr, size_t len)
{
	for (size_t off = 0; off < len; off += thp_size)
		if (madvise(addr + off + thp_size / 2, page_size, MADV_DONTNEED))
			return -1;
	return 0;
}

/* Is the page at @addr the one split_thps() zaps in its THP? */
static bool zapped(const char *addr)
{
	return (uintptr_t)addr % thp_size == thp_size / 2;
}

/*
 * Pages of [addr, addr + len) with @bit not @want, or not present unless
 * split_thps() zapped them.
 */
static size_t count_wrong(const char *what, char *addr, size_t len, uint64_t bit, bool want)
{
	return pagemap_count_wrong(what, addr, len, bit, want, zapped);
}

/* A thp_size-aligned region of @len bytes of THPs, populated; NULL on failure. */
static char *map_thps(size_t len, bool populate)
{
	char *mem = map_anon_aligned(len, thp_size);

	if (!mem)
		return NULL;
	madvise(mem, len, MADV_HUGEPAGE);
	if (populate)
		touch_pages(mem, len, 1);
	return mem;
}

static bool thps_populated(const char *what, char *mem, size_t len)
{
	char err[256] = "";

	if (folio_check(mem, len, thp_size, err, sizeof(err)) == 0)
		return true;
	ksft_print_msg("%s: not populated with %zu KiB folios: %s\n", what, thp_size >> 10, err);
	return false;
}

/* The region of THPs a case starts from, populated; NULL (said why) if not. */
static char *case_thps(const char *name)
{
	char *mem = map_thps(region, true);

	if (mem && thps_populated(name, mem, region))
		return mem;
	ksft_print_msg("%s: setup failed: %s\n", name, strerror(errno));
	return NULL;
}

/* The same, registered for uffd-wp and write-protected whole. */
static char *case_thps_wp(int uffd, const char *name)
{
	char *mem = case_thps(name);

	if (!mem)
		return NULL;
	if (uffd_register(uffd, mem, region, false, true, false) ||
	    uffd_writeprotect(uffd, mem, region, true)) {
		ksft_print_msg("%s: setup failed: %s\n", name, strerror(errno));
		return NULL;
	}
	return mem;
}

/* Turns failing atomic slab allocations of this process on or off. */
static bool fail_nowait;

static int inject(bool on)
{
	if (!fail_nowait)
		return 0;
	return failslab_self(on);
}

/*
 * split_thps() with atomic slab allocations failing (--fail-nowait): the
 * split must then do without a table of extended bits. Injection is off
 * again on return, whatever failed.
 */
static int split_thps_injected(char *addr, size_t len)
{
	int ret = inject(true);

	if (!ret)
		ret = split_thps(addr, len);
	if (inject(false))
		ret = -1;
	return ret;
}

static bool case_split_after_wp(int uffd)
{
	char *mem = case_thps_wp(uffd, "split-after-wp");
	bool ok;

	if (!mem)
		return false;
	ok = count_wrong("split-after-wp: before the split", mem, region, PM_UFFD_WP, true) == 0;
	ok = split_thps_injected(mem, region) == 0 && ok;
	ok = count_wrong("split-after-wp: after the split", mem, region, PM_UFFD_WP, true) == 0 &&
	     ok;
	munmap(mem, region);
	return ok;
}

static bool case_split_before_reg(int uffd)
{
	char *mem = case_thps("split-before-reg");
	bool ok;

	if (!mem)
		return false;
	ok = split_thps_injected(mem, region) == 0;
	if (!ok || uffd_register(uffd, mem, region, false, true, false) ||
	    uffd_writeprotect(uffd, mem, region, true)) {
		ksft_print_msg("split-before-reg: split, register or write-protect failed: %s\n",
			       strerror(errno));
		return false;
	}
	ok = count_wrong("split-before-reg", mem, region, PM_UFFD_WP, true) == 0;
	munmap(mem, region);
	return ok;
}

static bool case_shared_table(int uffd)
{
	char *mem = case_thps("shared-table");
	char *wp_half = mem, *other_half = mem + region / 2;
	bool ok;

	if (!mem || uffd_register(uffd, wp_half, region / 2, false, true, false)) {
		ksft_print_msg("shared-table: setup failed: %s\n", strerror(errno));
		return false;
	}
	ok = split_thps_injected(other_half, region / 2) == 0;
	ok = ok && uffd_writeprotect(uffd, wp_half, region / 2, true) == 0;
	ok = ok && split_thps_injected(wp_half, region / 2) == 0;
	if (!ok) {
		ksft_print_msg("shared-table: split or write-protect failed: %s\n",
			       strerror(errno));
		return false;
	}
	ok = count_wrong("shared-table: registered half", wp_half, region / 2, PM_UFFD_WP,
			 true) == 0;
	ok = count_wrong("shared-table: other half", other_half, region / 2, PM_UFFD_WP,
			 false) == 0 && ok;
	munmap(mem, region);
	return ok;
}

static bool case_fault_after_reg(int uffd)
{
	char *mem = map_thps(region, false);
	bool ok;

	if (!mem || uffd_register(uffd, mem, region, false, true, false)) {
		ksft_print_msg("fault-after-reg: setup failed: %s\n", strerror(errno));
		return false;
	}
	touch_pages(mem, region, 1);
	if (!thps_populated("fault-after-reg", mem, region) ||
	    uffd_writeprotect(uffd, mem, region, true)) {
		ksft_print_msg("fault-after-reg: populate or write-protect failed: %s\n",
			       strerror(errno));
		return false;
	}
	ok = split_thps_injected(mem, region) == 0;
	ok = ok && count_wrong("fault-after-reg", mem, region, PM_UFFD_WP, true) == 0;
	munmap(mem, region);
	return ok;
}

static bool case_move_into_wp(void)
{
	struct uffdio_move move = { .mode = 0 };
	char *src = map_thps(region, true), *dst = map_thps(region, false);
	int uffd = uffd_open(UFFD_FEATURE_MOVE);
	bool ok = false;

	if (!src || !dst || uffd < 0 || !thps_populated("move-into-wp: source", src, region) ||
	    uffd_register(uffd, dst, region, true, true, false)) {
		ksft_print_msg("move-into-wp: setup failed: %s\n", strerror(errno));
		goto out;
	}
	move.src = (uintptr_t)src;
	move.dst = (uintptr_t)dst;
	move.len = region;
	if (ioctl(uffd, UFFDIO_MOVE, &move) || move.move != (int64_t)region) {
		ksft_print_msg("move-into-wp: UFFDIO_MOVE moved %lld bytes: %s\n",
			       (long long)move.move, strerror(errno));
		goto out;
	}
	if (!thps_populated("move-into-wp: destination", dst, region) ||
	    uffd_writeprotect(uffd, dst, region, true)) {
		ksft_print_msg("move-into-wp: write-protect failed: %s\n", strerror(errno));
		goto out;
	}
	ok = split_thps_injected(dst, region) == 0;
	ok = ok && count_wrong("move-into-wp", dst, region, PM_UFFD_WP, true) == 0;
out:
	if (uffd >= 0)
		close(uffd);
	if (src)
		munmap(src, region);
	if (dst)
		munmap(dst, region);
	return ok;
}

static bool case_cut_by_reg(int uffd)
{
	char *mem = case_thps("cut-by-reg");
	char *start = mem + thp_size / 2, *end = mem + region - thp_size / 2;
	bool ok;

	if (!mem)
		return false;
	ok = inject(true) == 0 &&
	     uffd_register(uffd, start, end - start, false, true, false) == 0 &&
	     inject(false) == 0;
	ok = ok && uffd_writeprotect(uffd, start, end - start, true) == 0;
	ok = ok && split_thps_injected(mem + thp_size, region - 2 * thp_size) == 0;
	if (!ok) {
		ksft_print_msg("cut-by-reg: register, write-protect or split failed: %s\n",
			       strerror(errno));
		return false;
	}
	ok = count_wrong("cut-by-reg: registered", start, end - start, PM_UFFD_WP, true) == 0;
	ok = count_wrong("cut-by-reg: before", mem, start - mem, PM_UFFD_WP, false) == 0 && ok;
	ok = count_wrong("cut-by-reg: after", end, mem + region - end, PM_UFFD_WP, false) == 0 &&
	     ok;
	munmap(mem, region);
	return ok;
}

static bool case_fork_child(int uffd)
{
	char *mem = case_thps_wp(uffd, "fork-child");
	int status = -1;
	bool ok;
	pid_t pid;

	if (!mem)
		return false;
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		ok = count_wrong("fork-child: child", mem, region, PM_UFFD_WP, false) == 0;
		ok = split_thps(mem, region) == 0 &&
		     count_wrong("fork-child: child after the split", mem, region, PM_UFFD_WP,
				 false) == 0 && ok;
		fflush(NULL);
		_exit(ok ? 0 : 1);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		ksft_print_msg("fork-child: fork or waitpid failed: %s\n", strerror(errno));
		munmap(mem, region);
		return false;
	}
	ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	ok = count_wrong("fork-child: parent", mem, region, PM_UFFD_WP, true) == 0 && ok;
	munmap(mem, region);
	return ok;
}

/*
 * The PMD range at @base + thp_size holds a THP of a VMA that is split (with
 * --fail-nowait, its table T shares the fallback), then the first half of
 * that range is unmapped. R, the half range below it, is registered for
 * uffd-wp and grown in place over T's unmapped half.
 */
static bool case_grow_over_split(void)
{
	char *base = map_anon_aligned(2 * thp_size, thp_size), *thp, *grown, *r;
	struct uffdio_copy copy = { .mode = UFFDIO_COPY_MODE_WP };
	char *source = NULL;
	bool ok = false;
	int uffd = -1, faulted;

	if (!base)
		goto setup_failed;
	thp = base + thp_size;
	r = thp - thp_size / 2;
	if (munmap(base, thp_size) || madvise(thp, thp_size, MADV_HUGEPAGE))
		goto setup_failed;
	touch_pages(thp, thp_size, 1);
	if (!thps_populated("grow-over-split", thp, thp_size) ||
	    split_thps_injected(thp, thp_size) || munmap(thp, thp_size / 2) ||
	    mmap(r, thp_size / 2, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != r)
		goto setup_failed;
	uffd = uffd_open(0);
	if (uffd < 0 || uffd_register(uffd, r, thp_size / 2, false, true, false) ||
	    mremap(r, thp_size / 2, thp_size, 0) != r)
		goto setup_failed;
	grown = thp;
	/* A page faulted in the grown part, then write-protected. */
	grown[0] = 2;
	if (uffd_writeprotect(uffd, grown, page_size, true))
		goto setup_failed;
	ok = count_wrong("grow-over-split: faulted page", grown, page_size, PM_UFFD_WP,
			 true) == 0;
	faulted = uffd_write_faults(uffd, grown, page_size, 2000);
	if (faulted != 1)
		ksft_print_msg("grow-over-split: a write to the write-protected page %s\n",
			       faulted < 0 ? strerror(errno) : "took no fault");
	ok = faulted == 1 && ok;
	/* A page filled there with UFFDIO_COPY, write-protected at once. */
	source = mmap(NULL, page_size, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (source == MAP_FAILED) {
		source = NULL;
		goto setup_failed;
	}
	memset(source, 3, page_size);
	copy.dst = (uintptr_t)(grown + 2 * page_size);
	copy.src = (uintptr_t)source;
	copy.len = page_size;
	if (ioctl(uffd, UFFDIO_COPY, &copy) || copy.copy != (int64_t)page_size)
		goto setup_failed;
	ok = count_wrong("grow-over-split: copied page", grown + 2 * page_size, page_size,
			 PM_UFFD_WP, true) == 0 && ok;
	faulted = uffd_write_faults(uffd, grown + 2 * page_size, page_size, 2000);
	if (faulted != 1)
		ksft_print_msg("grow-over-split: a write to the copied page %s\n",
			       faulted < 0 ? strerror(errno) : "took no fault");
	ok = faulted == 1 && ok;
	goto out;
setup_failed:
	ksft_print_msg("grow-over-split: setup failed: %s\n", strerror(errno));
	ok = false;
out:
	if (uffd >= 0)
		close(uffd);
	if (source)
		munmap(source, page_size);
	if (base)
		munmap(base, 2 * thp_size);
	return ok;
}

/* Split without bits: every page reads soft-dirty, even after clear_refs. */
static bool case_fallback_bites(void)
{
	char *mem = case_thps("fallback");
	bool ok;

	if (!mem)
		return false;
	ok = split_thps_injected(mem, region) == 0;
	if (ok)
		clear_softdirty();
	ok = ok && count_wrong("fallback", mem, region, PM_SOFT_DIRTY, true) == 0;
	munmap(mem, region);
	return ok;
}

static void usage(void)
{
	fprintf(stderr, "usage: uffd-wp-thp [--fail-nowait] [--expect-fallback]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	bool expect_fallback = false;
	unsigned int planned = 8;
	char err[256];
	int uffd;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--fail-nowait"))
			fail_nowait = true;
		else if (!strcmp(argv[i], "--expect-fallback"))
			expect_fallback = true;
		else
			usage();
	}
	if (expect_fallback && !fail_nowait) {
		fprintf(stderr, "uffd-wp-thp: --expect-fallback needs --fail-nowait\n");
		usage();
	}
	page_size = (size_t)getpagesize();
	thp_size = folio_pmd_size();
	nr_thps = 4 * thp_size > REGION_MAX ? 2 : 4;
	region = nr_thps * thp_size;
	planned += expect_fallback;
	ksft_print_header();
	ksft_set_plan(planned);
	thp_save_settings();
	uffd = uffd_open(0);
	if (uffd < 0 || folio_size_select(thp_size, err, sizeof(err)) ||
	    (fail_nowait && failslab_setup(err, sizeof(err)))) {
		ksft_print_msg("setup: %s\n", uffd < 0 ? strerror(errno) : err);
		for (unsigned int i = 0; i < planned; i++)
			ksft_test_result_fail("setup failed (userfaultfd, PMD-sized THP or failslab)\n");
		thp_restore_settings();
		ksft_finished();
	}
	ksft_test_result(case_split_after_wp(uffd),
			 "split-after-wp: write-protected THPs keep uffd-wp on every page when split\n");
	ksft_test_result(case_split_before_reg(uffd),
			 "split-before-reg: THPs split before registration take uffd-wp\n");
	ksft_test_result(case_shared_table(uffd),
			 "shared-table: splits in an unregistered VMA leave the registered one its tables\n");
	ksft_test_result(case_fault_after_reg(uffd),
			 "fault-after-reg: THPs faulted in a registered VMA keep uffd-wp when split\n");
	ksft_test_result(case_move_into_wp(),
			 "move-into-wp: THPs moved into a registered VMA keep uffd-wp when split\n");
	ksft_test_result(case_cut_by_reg(uffd),
			 "cut-by-reg: a range registered across THPs keeps uffd-wp when they split\n");
	ksft_test_result(case_grow_over_split(),
			 "grow-over-split: a registered VMA grown over a split THP's table keeps uffd-wp\n");
	ksft_test_result(case_fork_child(uffd),
			 "fork-child: a child without the fork event has no uffd-wp, the parent keeps it\n");
	if (expect_fallback)
		ksft_test_result(case_fallback_bites(),
				 "fallback: a split without bits reads soft-dirty after clear_refs\n");
	close(uffd);
	thp_restore_settings();
	ksft_finished();
}
