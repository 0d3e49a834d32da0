// SPDX-License-Identifier: GPL-2.0
/* userfaultfd for the guest tests (see uffd.h). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/userfaultfd.h>

#include "uffd.h"
#include "vm_util.h"

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
	if (uffd_register(fd, addr, len, false, true, false) ||
	    uffd_writeprotect(fd, addr, len, true)) {
		close_keep_errno(fd);
		return -1;
	}
	return fd;
}

struct write_one {
	volatile char *addr;
	atomic_bool done;
};

static void *write_one_byte(void *arg)
{
	struct write_one *w = arg;

	*w->addr += 1;
	atomic_store(&w->done, true);
	return NULL;
}

int uffd_write_faults(int fd, void *addr, size_t unit, int timeout_ms)
{
	struct write_one w = { .addr = addr };
	void *unit_start = (void *)((uintptr_t)addr & ~(uintptr_t)(unit - 1));
	struct timespec deadline;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	struct uffd_msg msg;
	int faulted = 0, err = 0;
	pthread_t thread;

	atomic_init(&w.done, false);
	err = pthread_create(&thread, NULL, write_one_byte, &w);
	if (err) {
		errno = err;
		return -1;
	}
	for (;;) {
		int n = poll(&pfd, 1, timeout_ms);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			/* No fault within the time: the write went through, or hangs. */
			err = n < 0 ? errno : 0;
			break;
		}
		if (read(fd, &msg, sizeof(msg)) != sizeof(msg)) {
			if (errno == EAGAIN)
				continue;
			err = errno;
			break;
		}
		if (msg.event == UFFD_EVENT_PAGEFAULT &&
		    (msg.arg.pagefault.flags & UFFD_PAGEFAULT_FLAG_WP)) {
			faulted = 1;
			break;
		}
	}
	/* Let a faulting or waiting writer go on, whatever happened. */
	if (uffd_writeprotect(fd, unit_start, unit, false) && !err)
		err = errno;
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += 1 + timeout_ms / 1000;
	/* A writer still blocked is left to the end of the process. */
	if (pthread_timedjoin_np(thread, NULL, &deadline) && !err)
		err = ETIMEDOUT;
	if (!faulted && !atomic_load(&w.done) && !err)
		err = ETIMEDOUT;
	if (err) {
		errno = err;
		return -1;
	}
	return faulted;
}
