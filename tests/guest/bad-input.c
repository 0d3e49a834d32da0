// SPDX-License-Identifier: GPL-2.0
/*
 * bad-input: invalid input at the kernel boundary of soft-dirty tracking
 * gets its documented error, and nothing else happens (the runner fails the
 * run if the kernel logs an oops or a warning meanwhile).
 *  - /proc/self/clear_refs takes 1-5 (proc(5)): other numbers and non-numbers
 *    are EINVAL, numbers that overflow an int ERANGE;
 *  - /proc/self/pagemap reads must start on an 8-byte boundary and be a
 *    multiple of 8 bytes, else EINVAL (Documentation/admin-guide/mm/
 *    pagemap.rst); a bad buffer is EFAULT; beyond the address space, EOF;
 *  - PAGEMAP_SCAN (ioctl_pagemap_scan(2)): a wrong size, unknown flags or
 *    category bits, an unaligned start, a NULL vector with a length are
 *    EINVAL; a range that wraps is EFAULT.
 * After all of it, soft-dirty still works on a written page.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/fs.h>

#include "kselftest.h"
#include "vm_util.h"

static void clear_refs_case(const char *value, int want)
{
	int fd = open("/proc/self/clear_refs", O_WRONLY);
	ssize_t n = fd < 0 ? -1 : write(fd, value, strlen(value));
	int err = n < 0 ? errno : 0;

	if (fd >= 0)
		close(fd);
	ksft_test_result(want ? (n < 0 && err == want) : n == (ssize_t)strlen(value),
			 "clear_refs \"%s\": %s (got %s)\n", value,
			 want ? strerror(want) : "accepted", n < 0 ? strerror(err) : "accepted");
}

static void pread_case(int fd, void *buf, size_t len, off_t off, long want, const char *what)
{
	ssize_t n = pread(fd, buf, len, off);
	int err = n < 0 ? errno : 0;
	int ok = want < 0 ? (n < 0 && err == -want) : n == want;

	ksft_test_result(ok, "pagemap read %s: %s (got %zd%s%s)\n", what,
			 want < 0 ? strerror((int)-want) : "the expected length", n,
			 n < 0 ? ", " : "", n < 0 ? strerror(err) : "");
}

static void scan_case(int fd, struct pm_scan_arg *arg, int want, const char *what)
{
	long n = ioctl(fd, PAGEMAP_SCAN, arg);
	int err = n < 0 ? errno : 0;

	ksft_test_result(n < 0 && err == want, "PAGEMAP_SCAN %s: %s (got %s)\n", what,
			 strerror(want), n < 0 ? strerror(err) : "success");
}

int main(void)
{
	size_t page = (size_t)getpagesize();
	char *mem = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct page_region regions[4];
	struct pm_scan_arg arg, good;
	uint64_t buf[4];
	int fd = open("/proc/self/pagemap", O_RDONLY);

	ksft_print_header();
	ksft_set_plan(26);
	if (mem == MAP_FAILED || fd < 0)
		ksft_exit_fail_msg("setup failed: %s\n", strerror(errno));
	mem[0] = 1;

	clear_refs_case("0", EINVAL);
	clear_refs_case("6", EINVAL);
	clear_refs_case("-1", EINVAL);
	clear_refs_case("abc", EINVAL);
	clear_refs_case("4junk", EINVAL);
	clear_refs_case("", EINVAL);
	clear_refs_case("99999999999", ERANGE);
	clear_refs_case("4", 0);

	pread_case(fd, buf, 8, 3, -EINVAL, "at offset 3");
	pread_case(fd, buf, 12, 0, -EINVAL, "of 12 bytes");
	pread_case(fd, buf, 7, 8, -EINVAL, "of 7 bytes");
	pread_case(fd, buf, 0, 0, 0, "of 0 bytes");
	pread_case(fd, (void *)16, 8, (off_t)((uintptr_t)mem / page * 8), -EFAULT, "into a bad buffer");
	/*
	 * Beyond the address space (48-bit VAs) but below bit 56: arm64 reads
	 * the top byte of an address as a tag, so 1 << 56 would be address 0.
	 */
	pread_case(fd, buf, 8, (off_t)(((uint64_t)1 << 52) / page * 8), 0, "beyond the address space");

	memset(&good, 0, sizeof(good));
	good.size = sizeof(good);
	good.start = (uintptr_t)mem;
	good.end = (uintptr_t)mem + 4 * page;
	good.vec = (uintptr_t)regions;
	good.vec_len = 4;
	good.category_mask = PAGE_IS_SOFT_DIRTY;
	good.return_mask = PAGE_IS_SOFT_DIRTY;

	arg = good; arg.size = sizeof(arg) - 8;
	scan_case(fd, &arg, EINVAL, "with a wrong size");
	arg = good; arg.flags = 1ull << 40;
	scan_case(fd, &arg, EINVAL, "with an unknown flag");
	arg = good; arg.category_mask = 1ull << 30;
	scan_case(fd, &arg, EINVAL, "with an unknown category in category_mask");
	arg = good; arg.category_inverted = 1ull << 30;
	scan_case(fd, &arg, EINVAL, "with an unknown category in category_inverted");
	arg = good; arg.category_anyof_mask = 1ull << 30;
	scan_case(fd, &arg, EINVAL, "with an unknown category in category_anyof_mask");
	arg = good; arg.return_mask = 1ull << 30;
	scan_case(fd, &arg, EINVAL, "with an unknown category in return_mask");
	arg = good; arg.start += 1;
	scan_case(fd, &arg, EINVAL, "with an unaligned start");
	arg = good; arg.vec = 0;
	scan_case(fd, &arg, EINVAL, "with a NULL vector of length 4");
	arg = good; arg.end = good.start - page;
	scan_case(fd, &arg, EFAULT, "with end before start (a range that wraps)");
	/* The vector is written only when there is a region to report: ask for present pages. */
	arg = good; arg.vec = 16;
	arg.category_mask = PAGE_IS_PRESENT; arg.return_mask = PAGE_IS_PRESENT;
	scan_case(fd, &arg, EFAULT, "with a bad vector (and a present page to report)");

	ksft_test_result(ioctl(fd, PAGEMAP_SCAN, &good) >= 0,
			 "PAGEMAP_SCAN with valid arguments works\n");
	mem[page] = 2;
	if (softdirty_supported())
		ksft_test_result(pagemap_is_softdirty(fd, mem + page),
				 "after all of it, a written page still reads soft-dirty\n");
	else
		ksft_test_result(!pagemap_is_softdirty(fd, mem + page),
				 "after all of it, pagemap still works (no soft-dirty here: the page reads clean)\n");
	ksft_finished();
}
