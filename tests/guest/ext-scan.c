// SPDX-License-Identifier: GPL-2.0
/*
 * ext-scan: on a kernel that keeps software bits of present entries outside
 * the descriptor (ARM64_SOFT_DIRTY_PTDESC), those bits must show in the
 * entries' values (pagemap) and never in the descriptors themselves.
 *
 * Maps memory made of 4K, 64K and 2M folios, makes some of it soft-dirty and
 * some clean (clear_refs 4, then writes), write-protects part of it with
 * userfaultfd when the kernel has uffd-wp, checks with pagemap that the
 * values carry both states, then asks the kernel to scan this process's
 * page tables (/sys/kernel/debug/ptdesc_ext_test "scan") and expects no
 * descriptor with a bit of PTE_EXT_MASK.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/userfaultfd.h>

#include "folio.h"
#include "kselftest.h"
#include "mem.h"
#include "pagemap.h"
#include "thp_settings.h"
#include "uffd.h"
#include "vm_util.h"

#define REGION (8u << 20)
#define TEST_FILE "/sys/kernel/debug/ptdesc_ext_test"

/* Counts pages of [addr, addr + npages) whose pagemap entry has @bit. */
static size_t count_with(int pm, void *addr, size_t npages, uint64_t bit)
{
	uint64_t *e = calloc(npages, sizeof(*e));
	size_t n = 0;

	if (e && !pagemap_read(pm, addr, npages, e))
		for (size_t i = 0; i < npages; i++)
			n += (e[i] & bit) != 0;
	free(e);
	return n;
}

int main(void)
{
	const size_t sizes[] = { 4u << 10, 64u << 10, 2u << 20 };
	size_t page = (size_t)getpagesize(), npages = REGION / page;
	size_t dirty = 0, clean = 0, wp = 0;
	char *mem[3], err[256], reply[256] = "";
	int pm = pagemap_open(), fd, n;

	ksft_print_header();
	ksft_set_plan(4);
	if (pm < 0)
		ksft_exit_fail_msg("cannot open pagemap: %s\n", strerror(errno));
	thp_save_settings();
	for (int i = 0; i < 3; i++) {
		if (folio_size_select(sizes[i], err, sizeof(err)))
			ksft_exit_fail_msg("setup failed: %s\n", err);
		mem[i] = map_anon_aligned(REGION, 2u << 20);
		if (!mem[i])
			ksft_exit_fail_msg("setup failed: cannot map %zu bytes: %s\n",
					   (size_t)REGION, strerror(errno));
		if (sizes[i] == (2u << 20))
			madvise(mem[i], REGION, MADV_HUGEPAGE);
		touch_pages(mem[i], REGION, 1);
	}
	thp_restore_settings();
	clear_softdirty();
	for (int i = 0; i < 3; i++) {
		touch_pages(mem[i], REGION / 2, 2);	/* first half soft-dirty again */
		dirty += count_with(pm, mem[i], npages, PM_SOFT_DIRTY);
		clean += npages - count_with(pm, mem[i], npages, PM_SOFT_DIRTY);
	}
	ksft_test_result(dirty && clean,
			 "values carry soft-dirty (%zu pages) and clean (%zu pages)\n", dirty, clean);

	fd = uffd_wp_range(mem[0], REGION / 4, 0);	/* kept open: closing drops it */
	if (fd >= 0) {
		wp = count_with(pm, mem[0], npages, PM_UFFD_WP);
		ksft_test_result(wp == npages / 4, "uffd-wp shows on the %zu protected pages (%zu)\n",
				 npages / 4, wp);
	} else {
		ksft_test_result_skip("userfaultfd write-protection is not available\n");
	}

	fd = open(TEST_FILE, O_RDWR | O_CLOEXEC);
	n = -1;
	if (fd >= 0 && write(fd, "scan", 4) == 4)
		n = (int)pread(fd, reply, sizeof(reply) - 1, 0);
	if (n <= 0) {
		ksft_test_result_fail("scan of the page tables through %s: %s\n", TEST_FILE,
				      strerror(errno));
		ksft_test_result_fail("no descriptor holds an extended bit (not scanned)\n");
		ksft_finished();
	}
	reply[n] = '\0';
	ksft_print_msg("%s\n", strtok(reply, "\n"));
	{
		unsigned long entries = 0, leaves = 0, bad = 1;

		if (sscanf(reply, "scan: entries=%lu pmd_leaves=%lu ext_bits_in_descriptor=%lu",
			   &entries, &leaves, &bad) != 3)
			ksft_print_msg("the scan's reply does not parse as expected\n");
		ksft_test_result(entries >= 3 * npages / 2 && leaves >= 4,
				 "the scan saw the mapped entries (%lu, %lu PMD leaves)\n",
				 entries, leaves);
		ksft_test_result(bad == 0, "no present descriptor holds an extended bit (%lu do)\n",
				 bad);
	}
	ksft_finished();
}
