/* SPDX-License-Identifier: GPL-2.0 */
/* Small helpers for files under /proc and /sys. */
#ifndef GUEST_SYSFS_H
#define GUEST_SYSFS_H

#include <stddef.h>

/* Writes a string to a file; 0, or -1 with errno. */
int sysfs_write(const char *path, const char *value);
/* Reads a file's first line, without its newline; 0, or -1 with errno. */
int sysfs_read(const char *path, char *buf, size_t size);

#endif
