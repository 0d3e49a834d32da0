// SPDX-License-Identifier: GPL-2.0
/* The oracle's regions and its shadow model of them. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "folio.h"
#include "oracle.h"
#include "pagemap.h"
#include "vm_util.h"

#define SZ_2M (2u << 20)
/*
 * The largest PMD-size THP the huge region uses; it holds two. A THP costs in
 * proportion to its size: zeroed when faulted in (at the start, and again in
 * each replay of a shrink), copied by each collapse, which also needs a free
 * block of its size. At 64K pages a THP is 512M and the huge region would be
 * 98% of the pages checked: by hand under TCG, 10^5 operations took 34 s
 * instead of 3 s, and 66 of 73 collapses could not allocate their 512M folio.
 * At 16K pages a THP is 32M, a sixteenth of that, in a 64M region: kept.
 */
#define PMD_THP_MAX (32u << 20)

static const struct {
	int advice;	/* -1: none */
	bool shared;
} layout[NR_REGIONS] = {
	[REGION_BASE] = { MADV_NOHUGEPAGE, false },
	[REGION_CONTPTE] = { -1, false },
	/* With PMD-size THPs left out, PMD-size is "never": the advice is moot. */
	[REGION_HUGE] = { MADV_HUGEPAGE, false },
	[REGION_SHMEM] = { -1, true },
};

const struct geometry *oracle_geometry(void)
{
	static struct geometry g;
	char name[8];	/* "512M" */

	if (g.page)
		return &g;
	g.page = (size_t)getpagesize();
	g.contpte_pages = folio_contpte_size() / g.page;
	g.pmd_bytes = folio_pmd_size();
	g.pmd_thp = g.pmd_bytes <= PMD_THP_MAX;
	g.huge_pages = g.pmd_thp ? g.pmd_bytes / g.page : g.contpte_pages;
	/* 64, 64, 1024 and 32 pages at 4K pages. */
	g.npages[REGION_BASE] = 64;
	g.npages[REGION_CONTPTE] = 4 * g.contpte_pages;
	g.npages[REGION_HUGE] = 2 * g.huge_pages;
	g.npages[REGION_SHMEM] = 32;
	/* "4K", "64K", "2M" and "shmem" at 4K pages. */
	folio_size_name(g.page, g.name[REGION_BASE], sizeof(g.name[0]));
	folio_size_name(g.contpte_pages * g.page, g.name[REGION_CONTPTE], sizeof(g.name[0]));
	folio_size_name(g.huge_pages * g.page, name, sizeof(name));
	snprintf(g.name[REGION_HUGE], sizeof(g.name[0]), "%s%s", g.pmd_thp ? "" : "huge-", name);
	snprintf(g.name[REGION_SHMEM], sizeof(g.name[0]), "shmem");
	return &g;
}

uint64_t rng_next(uint64_t *state)
{
	/* splitmix64 */
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/*
 * Address space for a region's two places, reserved PROT_NONE, aligned to
 * 2M, or to the huge region's folios where they are larger (32M at 16K pages).
 */
static char *reserve(size_t len)
{
	const struct geometry *g = oracle_geometry();
	size_t align = g->huge_pages * g->page > SZ_2M ? g->huge_pages * g->page : SZ_2M;
	char *raw = mmap(NULL, len + align, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
			 -1, 0);
	uintptr_t start;

	if (raw == MAP_FAILED)
		return NULL;
	start = ((uintptr_t)raw + align - 1) & ~(uintptr_t)(align - 1);
	return (char *)start;
}

int oracle_setup(struct oracle *o)
{
	const struct geometry *g = oracle_geometry();
	size_t page = g->page;

	o->pagemap_fd = pagemap_open();
	o->uffd = -1;
	if (o->pagemap_fd < 0)
		return -1;
	for (int r = 0; r < NR_REGIONS; r++) {
		struct region *reg = &o->regions[r];
		size_t len = g->npages[r] * page;
		int flags = MAP_FIXED | MAP_ANONYMOUS | (layout[r].shared ? MAP_SHARED : MAP_PRIVATE);

		reg->name = g->name[r];
		reg->npages = g->npages[r];
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
	clear_softdirty();
	model_clear(o);
	return true;
}
