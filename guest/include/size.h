/* SPDX-License-Identifier: GPL-2.0 */
/* Sizes on the command line: "4096", "64K", "2M", "1G". */
#ifndef GUEST_SIZE_H
#define GUEST_SIZE_H

#include <stddef.h>

/* 0, or -1 when text is not a positive size. */
int size_parse(const char *text, size_t *bytes);
/* A count on the command line: 0, or -1 when text is not a number from 1 to max. */
int count_parse(const char *text, unsigned long max, unsigned int *count);
/* A CPU number (--cpu): 0, or -1 when text is not a number from 0 to CPU_SETSIZE - 1. */
int cpu_parse(const char *text, int *cpu);
/* MemAvailable from /proc/meminfo in bytes; 0 if unknown. */
size_t mem_available(void);
/*
 * Whether @size bytes fit in @tenths tenths of MemAvailable (yes when it is
 * unknown); if not, says so on stderr, naming @prog. 0 fits, -1 does not.
 */
int size_fits(const char *prog, size_t size, unsigned int tenths);

#endif
