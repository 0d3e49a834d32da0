// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "size.h"

int size_parse(const char *text, size_t *bytes)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(text, &end, 10);
	if (errno || end == text || v == 0 || text[0] == '-')
		return -1;
	switch (*end) {
	case 'G':
	case 'g':
		v <<= 10;
		/* fall through */
	case 'M':
	case 'm':
		v <<= 10;
		/* fall through */
	case 'K':
	case 'k':
		v <<= 10;
		end++;
		break;
	default:
		break;
	}
	if (*end != '\0')
		return -1;
	*bytes = (size_t)v;
	return 0;
}

size_t mem_available(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[128];
	size_t kb = 0;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "MemAvailable: %zu kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb * 1024;
}

int count_parse(const char *text, unsigned long max, unsigned int *count)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(text, &end, 10);
	if (errno || *end || end == text || text[0] == '-' || v == 0 || v > max)
		return -1;
	*count = (unsigned int)v;
	return 0;
}

int cpu_parse(const char *text, int *cpu)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(text, &end, 10);
	if (errno || *end || end == text || v < 0 || v >= CPU_SETSIZE)
		return -1;
	*cpu = (int)v;
	return 0;
}

int size_fits(const char *prog, size_t size, unsigned int tenths)
{
	size_t avail = mem_available();

	if (!avail || size <= avail / 10 * tenths)
		return 0;
	fprintf(stderr, "%s: --size %zuM does not fit: the guest has %zuM available\n",
		prog, size >> 20, avail >> 20);
	return -1;
}
