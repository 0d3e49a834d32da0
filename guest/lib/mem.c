// SPDX-License-Identifier: GPL-2.0
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mem.h"
#include "sysfs.h"

void *map_anon_aligned(size_t len, size_t align)
{
	size_t span = len + align;
	char *raw = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uintptr_t start;

	if (raw == MAP_FAILED)
		return NULL;
	start = ((uintptr_t)raw + align - 1) & ~(uintptr_t)(align - 1);
	if (start > (uintptr_t)raw)
		munmap(raw, start - (uintptr_t)raw);
	if ((uintptr_t)raw + span > start + len)
		munmap((void *)(start + len), (uintptr_t)raw + span - (start + len));
	return (void *)start;
}

void touch_pages(void *addr, size_t len, unsigned char value)
{
	size_t page = (size_t)getpagesize();
	volatile unsigned char *p = addr;

	for (size_t off = 0; off < len; off += page)
		p[off] = value;
}

int compact_memory(void)
{
	return sysfs_write("/proc/sys/vm/compact_memory", "1");
}
