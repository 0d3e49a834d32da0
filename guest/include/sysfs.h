/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writing a file under /proc or /sys whose failure the caller handles (an
 * invalid input, a control the kernel may not have). Reading one, and
 * writing one that must not fail: the mm selftests' read_file() and
 * write_file() (thp_settings.h; write_file() exits on failure).
 */
#ifndef GUEST_SYSFS_H
#define GUEST_SYSFS_H

/* Writes a string to a file; 0, or -1 with errno. */
int sysfs_write(const char *path, const char *value);

#endif
