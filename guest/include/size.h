/* SPDX-License-Identifier: GPL-2.0 */
/* Sizes on the command line: "4096", "64K", "2M", "1G". */
#ifndef GUEST_SIZE_H
#define GUEST_SIZE_H

#include <stddef.h>

/* 0, or -1 when text is not a positive size. */
int size_parse(const char *text, size_t *bytes);
/* MemAvailable from /proc/meminfo in bytes; 0 if unknown. */
size_t mem_available(void);

#endif
