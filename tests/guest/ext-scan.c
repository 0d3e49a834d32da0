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
#include "ktap.h"
#include "mem.h"
#include "pagemap.h"
#include "sysfs.h"
#include "uffd.h"

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
	struct thp_settings saved;
	char *mem[3], err[256], reply[256] = "";
	int pm = pagemap_open(), fd, n;
	struct ktap t;

	ktap_init(&t, 4);
	if (thp_save(&saved) || pm < 0) {
		ktap_diag("cannot read the THP controls or pagemap: %s", strerror(errno));
		return 1;
	}
	for (int i = 0; i < 3; i++) {
		if (folio_size_select(sizes[i], err, sizeof(err))) {
			ktap_diag("setup failed: %s", err);
			return 1;
		}
		mem[i] = map_anon_aligned(REGION, 2u << 20);
		if (!mem[i]) {
			ktap_diag("setup failed: cannot map %zu bytes: %s", (size_t)REGION,
				  strerror(errno));
			return 1;
		}
		if (sizes[i] == (2u << 20))
			madvise(mem[i], REGION, MADV_HUGEPAGE);
		touch_pages(mem[i], REGION, 1);
	}
	thp_restore(&saved);
	clear_soft_dirty();
	for (int i = 0; i < 3; i++) {
		touch_pages(mem[i], REGION / 2, 2);	/* first half soft-dirty again */
		dirty += count_with(pm, mem[i], npages, PM_SOFT_DIRTY);
		clean += npages - count_with(pm, mem[i], npages, PM_SOFT_DIRTY);
	}
	ktap_result(&t, dirty && clean, "values carry soft-dirty (%zu pages) and clean (%zu pages)",
		    dirty, clean);

	fd = uffd_wp_range(mem[0], REGION / 4, 0);	/* kept open: closing drops it */
	if (fd >= 0) {
		wp = count_with(pm, mem[0], npages, PM_UFFD_WP);
		ktap_result(&t, wp == npages / 4, "uffd-wp shows on the %zu protected pages (%zu)",
			    npages / 4, wp);
	} else {
		ktap_skip(&t, "userfaultfd write-protection is not available");
	}

	fd = open(TEST_FILE, O_RDWR | O_CLOEXEC);
	n = -1;
	if (fd >= 0 && write(fd, "scan", 4) == 4)
		n = (int)pread(fd, reply, sizeof(reply) - 1, 0);
	if (n <= 0) {
		ktap_result(&t, false, "scan of the page tables through %s: %s", TEST_FILE,
			    strerror(errno));
		ktap_result(&t, false, "no descriptor holds an extended bit (not scanned)");
		return ktap_finish(&t);
	}
	reply[n] = '\0';
	ktap_diag("%s", strtok(reply, "\n"));
	{
		unsigned long entries = 0, leaves = 0, bad = 1;

		if (sscanf(reply, "scan: entries=%lu pmd_leaves=%lu ext_bits_in_descriptor=%lu",
			   &entries, &leaves, &bad) != 3)
			ktap_diag("the scan's reply does not parse as expected");
		ktap_result(&t, entries >= 3 * npages / 2 && leaves >= 4,
			    "the scan saw the mapped entries (%lu, %lu PMD leaves)", entries, leaves);
		ktap_result(&t, bad == 0, "no present descriptor holds an extended bit (%lu do)", bad);
	}
	return ktap_finish(&t);
}
