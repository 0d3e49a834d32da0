/* SPDX-License-Identifier: GPL-2.0 */
/*
 * userfaultfd for the guest tests: open one, write-protect ranges. Register
 * and unregister them with the mm selftests' uffd_register() and
 * uffd_unregister() (vm_util.h).
 */
#ifndef GUEST_UFFD_H
#define GUEST_UFFD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A userfaultfd (non-blocking, close-on-exec) with @features; -1 on failure. */
int uffd_open(uint64_t features);
/* UFFDIO_WRITEPROTECT of [addr, addr + len), on or off; 0 or -1. */
int uffd_writeprotect(int fd, void *addr, size_t len, bool protect);
/*
 * All three for uffd-wp: a userfaultfd with @features, [addr, addr + len)
 * registered for write-protection and write-protected. Returns the fd, to be
 * kept open as long as the protection should last, or -1 with errno set.
 */
int uffd_wp_range(void *addr, size_t len, uint64_t features);
/*
 * Does a write of one byte at @addr, in a write-protected range registered
 * with @fd (not asynchronous), take a write-protect fault? A thread writes;
 * the caller waits up to @timeout_ms for the fault's message, then removes
 * the protection of the @unit bytes around @addr (the page size, or the huge
 * page size for hugetlb) so that the write completes. 1 if it faulted, 0 if
 * the write went through without one, -1 with errno on failure.
 */
int uffd_write_faults(int fd, void *addr, size_t unit, int timeout_ms);

#endif
