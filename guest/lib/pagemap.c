// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/fs.h>

#include "kselftest.h"
#include "pagemap.h"
#include "vm_util.h"

int pagemap_open(void)
{
	return open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
}

int pagemap_read(int fd, const void *addr, size_t npages, uint64_t *entries)
{
	size_t page = (size_t)getpagesize();
	off_t off = (off_t)((uintptr_t)addr / page * sizeof(uint64_t));
	size_t want = npages * sizeof(uint64_t);
	size_t done = 0;

	while (done < want) {
		ssize_t n = pread(fd, (char *)entries + done, want - done, off + (off_t)done);

		if (n < 0)
			return -1;
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		done += (size_t)n;
	}
	return 0;
}

#define SCAN_VEC_LEN 512

long pagemap_scan_pages(int fd, const void *addr, size_t npages, unsigned long long flags,
			unsigned long long category, bool *out)
{
	size_t page = (size_t)getpagesize();
	uintptr_t start = (uintptr_t)addr, end = start + npages * page;
	static struct page_region regions[SCAN_VEC_LEN];
	struct pm_scan_arg arg;
	long found = 0;

	if (out)
		memset(out, 0, npages * sizeof(*out));
	while (start < end) {
		long n;

		memset(&arg, 0, sizeof(arg));
		arg.size = sizeof(arg);
		arg.flags = flags;
		arg.start = start;
		arg.end = end;
		arg.vec = out ? (uintptr_t)regions : 0;
		arg.vec_len = out ? SCAN_VEC_LEN : 0;
		arg.category_mask = category;
		arg.return_mask = category;
		n = ioctl(fd, PAGEMAP_SCAN, &arg);
		if (n < 0)
			return -1;
		for (long i = 0; out && i < n; i++) {
			for (uintptr_t a = regions[i].start; a < regions[i].end; a += page) {
				if (a >= (uintptr_t)addr && a < end) {
					out[(a - (uintptr_t)addr) / page] = true;
					found++;
				}
			}
		}
		if (!out || arg.walk_end <= start)
			break;
		start = arg.walk_end;
	}
	return found;
}

size_t pagemap_count_wrong(const char *what, const char *addr, size_t len, uint64_t bit,
			   bool want, bool (*may_be_absent)(const char *page))
{
	size_t page = (size_t)getpagesize(), npages = len / page, wrong = 0;
	uint64_t *entries = calloc(npages, sizeof(*entries));
	int fd = pagemap_open();

	if (!entries || fd < 0 || pagemap_read(fd, addr, npages, entries)) {
		ksft_print_msg("%s: cannot read pagemap: %s\n", what, strerror(errno));
		wrong = npages + 1;
		goto out;
	}
	for (size_t i = 0; i < npages; i++) {
		bool present = entries[i] & PM_PRESENT;

		if (!present && may_be_absent && may_be_absent(addr + i * page))
			continue;
		if (present && !!(entries[i] & bit) == want)
			continue;
		if (wrong++ < 4)
			ksft_print_msg("%s: page %zu: pagemap %#llx, want bit %d %s\n", what, i,
				       (unsigned long long)entries[i], bit == PM_UFFD_WP ? 57 : 55,
				       want ? "set" : "clear");
	}
	if (wrong)
		ksft_print_msg("%s: %zu of %zu pages wrong\n", what, wrong, npages);
out:
	if (fd >= 0)
		close(fd);
	free(entries);
	return wrong;
}
