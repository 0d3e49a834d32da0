/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The soft-dirty oracle: a user-space shadow model of which pages were
 * written since soft-dirty was last cleared, driven by seeded random
 * operations, and checked against /proc/self/pagemap and PAGEMAP_SCAN.
 */
#ifndef ORACLE_H
#define ORACLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The regions, by the folios that back them (at 4K pages: the "4K", "64K" and
 * "2M" regions; see struct geometry).
 */
enum region_kind { REGION_BASE, REGION_CONTPTE, REGION_HUGE, REGION_SHMEM, NR_REGIONS };

/*
 * The regions' sizes and names at the base page size of the running kernel:
 * the base region has pages (MADV_NOHUGEPAGE), the contpte region folios of
 * a contpte block (mTHP "always": 64K at 4K pages, 2M at 16K and 64K), the
 * huge region PMD-size THPs (MADV_HUGEPAGE: 2M at 4K pages, 32M at 16K).
 * Where a PMD-size THP is too big for the oracle (512M at 64K pages), the
 * huge region has contpte-size folios only, and collapse is never drawn.
 */
struct geometry {
	size_t page;		/* bytes */
	size_t contpte_pages;	/* pages per contpte block */
	size_t pmd_bytes;	/* hpage_pmd_size */
	bool pmd_thp;		/* the huge region has PMD-size THPs */
	size_t huge_pages;	/* pages per folio of the huge region */
	size_t npages[NR_REGIONS];
	char name[NR_REGIONS][16];
};

struct region {
	const char *name;
	size_t npages;
	char *base;		/* current address (mremap moves it) */
	char *slots[2];		/* the two reserved places it moves between */
	int slot;
	bool readonly;		/* an mprotect() in progress */
	/* the model, one entry per page */
	bool *must_dirty;	/* written since the last clear: must read soft-dirty */
	uint8_t *content;	/* what the last write stored (0: never written) */
};

enum op_type {
	OP_ACCESS,	/* a burst of reads and writes */
	OP_CLEAR,	/* clear_refs "4" */
	OP_FORK,	/* fork: both sides write, each checks its own view */
	OP_MPROTECT,	/* read-only, some reads, read-write again */
	OP_MREMAP,	/* move a region to its other place */
	OP_DONTNEED,	/* MADV_DONTNEED a range */
	OP_PAGEOUT,	/* MADV_PAGEOUT a range (zram swap) */
	OP_COLLAPSE,	/* MADV_COLLAPSE a PMD's worth of the huge region */
	OP_SPLIT,	/* mprotect part of a folio of the huge region: splits its mapping */
	OP_UFFD_ON,	/* register uffd-wp (async) on a range and protect it */
	OP_UFFD_OFF,	/* unprotect and unregister */
	NR_OPS
};

struct op {
	uint8_t type;
	uint8_t region;
	uint8_t side;		/* OP_FORK: 0 the replay goes on in the parent, 1 in the child */
	uint16_t count;		/* OP_ACCESS: accesses; OP_FORK: child steps */
	uint32_t start, len;	/* page range */
	uint32_t seed;		/* the accesses of a burst, the child's steps */
};

struct oracle {
	struct region regions[NR_REGIONS];
	int pagemap_fd;
	int uffd;		/* -1 when not registered */
	uint32_t uffd_region, uffd_start, uffd_len;
	bool uffd_supported;
	bool replaying;		/* a replay of the shrinker: no report, no nested shrink */
	/* the log of every operation since the start, for replay and shrinking */
	struct op *log;
	size_t nlog, caplog;
	/* counters */
	uint64_t ops, checks, false_positives, swapped_seen, thp_seen;
	uint64_t count[NR_OPS];
	/* the first false negative */
	bool failed;
	char failure[512];
};

extern const char *const op_names[NR_OPS];

/* model.c */
const struct geometry *oracle_geometry(void);
int oracle_setup(struct oracle *o);
/* Writes every page once, then clears soft-dirty: the start of every run. */
bool oracle_prepare(struct oracle *o);
void oracle_teardown(struct oracle *o);
void model_clear(struct oracle *o);
uint64_t rng_next(uint64_t *state);

/* ops.c: apply one operation; returns false after a false negative. */
struct op op_random(struct oracle *o, uint64_t *rng);
bool op_apply(struct oracle *o, const struct op *op, bool record);
void op_describe(const struct op *op, const struct oracle *o, char *buf, size_t len);

/* check.c: compare the kernel's view with the model; false on a false negative. */
bool oracle_check(struct oracle *o, const char *after);

/* shrink.c: the shortest log that still fails, printed; returns its length. */
size_t oracle_shrink(const struct op *log, size_t n, unsigned int max_replays);

#endif
