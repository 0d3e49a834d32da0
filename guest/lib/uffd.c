// SPDX-License-Identifier: GPL-2.0
/* userfaultfd for the guest tests (see uffd.h). */
#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/userfaultfd.h>

#include "uffd.h"

/* Closes @fd keeping the errno of the failure that made the caller give up. */
static void close_keep_errno(int fd)
{
	int saved = errno;

	close(fd);
	errno = saved;
}

int uffd_open(uint64_t features)
{
	struct uffdio_api api = { .api = UFFD_API, .features = features };
	int fd = (int)syscall(__NR_userfaultfd, O_CLOEXEC | O_NONBLOCK);

	if (fd < 0)
		return -1;
	if (ioctl(fd, UFFDIO_API, &api)) {
		close_keep_errno(fd);
		return -1;
	}
	return fd;
}

int uffd_register(int fd, void *addr, size_t len, uint64_t mode)
{
	struct uffdio_register reg = {
		.range = { .start = (uintptr_t)addr, .len = len },
		.mode = mode,
	};

	return ioctl(fd, UFFDIO_REGISTER, &reg) ? -1 : 0;
}

int uffd_unregister(int fd, void *addr, size_t len)
{
	struct uffdio_range range = { .start = (uintptr_t)addr, .len = len };

	return ioctl(fd, UFFDIO_UNREGISTER, &range) ? -1 : 0;
}

int uffd_writeprotect(int fd, void *addr, size_t len, bool protect)
{
	struct uffdio_writeprotect wp = {
		.range = { .start = (uintptr_t)addr, .len = len },
		.mode = protect ? UFFDIO_WRITEPROTECT_MODE_WP : 0,
	};

	return ioctl(fd, UFFDIO_WRITEPROTECT, &wp) ? -1 : 0;
}

int uffd_wp_range(void *addr, size_t len, uint64_t features)
{
	int fd = uffd_open(features);

	if (fd < 0)
		return -1;
	if (uffd_register(fd, addr, len, UFFDIO_REGISTER_MODE_WP) ||
	    uffd_writeprotect(fd, addr, len, true)) {
		close_keep_errno(fd);
		return -1;
	}
	return fd;
}
