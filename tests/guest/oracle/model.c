// SPDX-License-Identifier: GPL-2.0
/* The oracle's regions and its shadow model of them. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "oracle.h"
#include "pagemap.h"

#define SZ_2M (2u << 20)

static const struct {
	const char *name;
	size_t npages;
	int advice;	/* -1: none */
	bool shared;
} layout[NR_REGIONS] = {
	[REGION_4K] = { "4K", 64, MADV_NOHUGEPAGE, false },
	[REGION_64K] = { "64K", 64, -1, false },
	[REGION_2M] = { "2M", 1024, MADV_HUGEPAGE, false },
	[REGION_SHMEM] = { "shmem", 32, -1, true },
};

uint64_t rng_next(uint64_t *state)
{
	/* splitmix64 */
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Address space for a region's two places, 2M aligned, reserved PROT_NONE. */
static char *reserve(size_t len)
{
	char *raw = mmap(NULL, len + SZ_2M, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	uintptr_t start;

	if (raw == MAP_FAILED)
		return NULL;
	start = ((uintptr_t)raw + SZ_2M - 1) & ~(uintptr_t)(SZ_2M - 1);
	return (char *)start;
}

int oracle_setup(struct oracle *o)
{
	size_t page = (size_t)getpagesize();

	o->pagemap_fd = pagemap_open();
	o->uffd = -1;
	if (o->pagemap_fd < 0)
		return -1;
	for (int r = 0; r < NR_REGIONS; r++) {
		struct region *reg = &o->regions[r];
		size_t len = layout[r].npages * page;
		int flags = MAP_FIXED | MAP_ANONYMOUS | (layout[r].shared ? MAP_SHARED : MAP_PRIVATE);

		reg->name = layout[r].name;
		reg->npages = layout[r].npages;
		reg->slots[0] = reserve(len);
		reg->slots[1] = reserve(len);
		reg->must_dirty = calloc(reg->npages, sizeof(bool));
		reg->content = calloc(reg->npages, 1);
		if (!reg->slots[0] || !reg->slots[1] || !reg->must_dirty || !reg->content)
			return -1;
		reg->slot = 0;
		reg->base = mmap(reg->slots[0], len, PROT_READ | PROT_WRITE, flags, -1, 0);
		if (reg->base == MAP_FAILED)
			return -1;
		if (layout[r].advice >= 0)
			madvise(reg->base, len, layout[r].advice);
	}
	return 0;
}

void oracle_teardown(struct oracle *o)
{
	size_t page = (size_t)getpagesize();

	for (int r = 0; r < NR_REGIONS; r++) {
		struct region *reg = &o->regions[r];

		if (reg->base)
			munmap(reg->base, reg->npages * page);
		free(reg->must_dirty);
		free(reg->content);
		reg->must_dirty = NULL;
		reg->content = NULL;
		reg->base = NULL;
	}
	if (o->uffd >= 0)
		close(o->uffd);
	o->uffd = -1;
	if (o->pagemap_fd >= 0)
		close(o->pagemap_fd);
	o->pagemap_fd = -1;
}

void model_clear(struct oracle *o)
{
	for (int r = 0; r < NR_REGIONS; r++)
		memset(o->regions[r].must_dirty, 0, o->regions[r].npages * sizeof(bool));
}

bool oracle_prepare(struct oracle *o)
{
	size_t page = (size_t)getpagesize();

	for (int r = 0; r < NR_REGIONS; r++) {
		struct region *reg = &o->regions[r];

		for (size_t i = 0; i < reg->npages; i++) {
			reg->base[i * page] = 1;
			reg->content[i] = 1;
		}
	}
	if (clear_soft_dirty())
		return false;
	model_clear(o);
	return true;
}
