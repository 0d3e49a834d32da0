// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/fs.h>

#include "pagemap.h"

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
