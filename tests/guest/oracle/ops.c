// SPDX-License-Identifier: GPL-2.0
/* The oracle's operations: choosing one at random, applying it, naming it. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/userfaultfd.h>

#include "kselftest.h"
#include "oracle.h"
#include "pagemap.h"
#include "uffd.h"
#include "vm_util.h"

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif
#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

const char *const op_names[NR_OPS] = {
	[OP_ACCESS] = "access", [OP_CLEAR] = "clear_refs", [OP_FORK] = "fork",
	[OP_MPROTECT] = "mprotect", [OP_MREMAP] = "mremap", [OP_DONTNEED] = "dontneed",
	[OP_PAGEOUT] = "pageout", [OP_COLLAPSE] = "collapse", [OP_SPLIT] = "split",
	[OP_UFFD_ON] = "uffd-wp-on", [OP_UFFD_OFF] = "uffd-wp-off",
};

static size_t page_size(void)
{
	return (size_t)getpagesize();
}

static uint32_t below(uint64_t *rng, uint32_t n)
{
	return (uint32_t)(rng_next(rng) % n);
}

/*
 * A range of up to four contpte blocks (64 pages at 4K pages): large enough
 * to cover whole blocks, and all of the base region, at every page size.
 */
static void random_range(struct oracle *o, uint64_t *rng, struct op *op)
{
	const struct region *reg = &o->regions[op->region];
	size_t max = 4 * oracle_geometry()->contpte_pages;

	op->start = below(rng, (uint32_t)reg->npages);
	op->len = 1 + below(rng, (uint32_t)(reg->npages - op->start < max ?
					    reg->npages - op->start : max));
}

struct op op_random(struct oracle *o, uint64_t *rng)
{
	/* weights, in the order of enum op_type */
	static const unsigned int weight[NR_OPS] = { 70, 3, 1, 3, 2, 3, 4, 2, 2, 2, 2 };
	const struct geometry *g = oracle_geometry();
	/* the huge region's folios: two PMD-size THPs, or contpte blocks without them */
	uint32_t unit = (uint32_t)g->huge_pages;
	struct op op;
	unsigned int total = 0, pick;
	int t;

	memset(&op, 0, sizeof(op));
	for (t = 0; t < NR_OPS; t++)
		total += weight[t];
	do {
		pick = below(rng, total);
		for (t = 0; pick >= weight[t]; t++)
			pick -= weight[t];
		op.type = (uint8_t)t;
		op.region = (uint8_t)below(rng, NR_REGIONS);
		/* what cannot be done in the current state is drawn again */
	} while ((t == OP_UFFD_ON && (o->uffd >= 0 || !o->uffd_supported)) ||
		 (t == OP_UFFD_OFF && o->uffd < 0) ||
		 (t == OP_MREMAP && o->uffd >= 0 && op.region == o->uffd_region) ||
		 (t == OP_COLLAPSE && !g->pmd_thp));
	switch (t) {
	case OP_ACCESS:
		op.count = (uint16_t)(1 + below(rng, 64));
		op.seed = (uint32_t)rng_next(rng);
		break;
	case OP_FORK:
		op.count = (uint16_t)(2 + below(rng, 12));
		op.seed = (uint32_t)rng_next(rng);
		break;
	case OP_COLLAPSE:
	case OP_SPLIT:
		/*
		 * One of the two folios whole, or a 32nd of one inside it (16
		 * pages of a 2M THP at 4K pages, a page of a contpte block at
		 * 64K), which splits the mapping around it.
		 */
		op.region = REGION_HUGE;
		op.start = below(rng, 2) * unit + (t == OP_SPLIT ? unit / 32 * below(rng, 30) : 0);
		op.len = t == OP_SPLIT ? unit / 32 : unit;
		break;
	case OP_UFFD_ON:
		op.region = REGION_BASE;
		random_range(o, rng, &op);
		break;
	case OP_MPROTECT:
	case OP_DONTNEED:
	case OP_PAGEOUT:
		random_range(o, rng, &op);
		break;
	default:
		break;
	}
	return op;
}

static void log_op(struct oracle *o, const struct op *op)
{
	if (o->nlog == o->caplog) {
		o->caplog = o->caplog ? o->caplog * 2 : 4096;
		o->log = realloc(o->log, o->caplog * sizeof(*o->log));
		if (!o->log) {
			fprintf(stderr, "sd-oracle: out of memory for the operation log\n");
			exit(1);
		}
	}
	o->log[o->nlog++] = *op;
}

static bool fail(struct oracle *o, const char *fmt, const char *what)
{
	snprintf(o->failure, sizeof(o->failure), fmt, what);
	o->failed = true;
	return false;
}

static bool access_burst(struct oracle *o, const struct op *op)
{
	uint64_t rng = op->seed;

	for (unsigned int k = 0; k < op->count; k++) {
		struct region *reg = &o->regions[below(&rng, NR_REGIONS)];
		size_t i = below(&rng, (uint32_t)reg->npages);
		volatile uint8_t *p = (volatile uint8_t *)reg->base + i * page_size();

		if (below(&rng, 10) < 7) {
			uint8_t v = (uint8_t)((reg->content[i] + 1) | 1);

			*p = v;
			reg->content[i] = v;
			reg->must_dirty[i] = true;
		} else if (*p != reg->content[i]) {
			char what[96];

			snprintf(what, sizeof(what), "page %zu of region %s holds %u, last written %u",
				 i, reg->name, *p, reg->content[i]);
			return fail(o, "data lost: %s", what);
		}
	}
	o->ops += op->count;
	return true;
}

static bool uffd_on(struct oracle *o, const struct op *op)
{
	struct region *reg = &o->regions[op->region];
	int fd = uffd_wp_range(reg->base + op->start * page_size(), op->len * page_size(),
			       UFFD_FEATURE_WP_ASYNC);

	if (fd < 0) {
		o->uffd_supported = false;
		return true;
	}
	o->uffd = fd;
	o->uffd_region = op->region;
	o->uffd_start = op->start;
	o->uffd_len = op->len;
	return true;
}

static void uffd_off(struct oracle *o)
{
	struct region *reg = &o->regions[o->uffd_region];
	char *start = reg->base + o->uffd_start * page_size();
	size_t len = o->uffd_len * page_size();

	uffd_writeprotect(o->uffd, start, len, false);
	uffd_unregister(o->uffd, start, len);
	close(o->uffd);
	o->uffd = -1;
}

/* The child's writes to shared memory are the parent's data too. */
static void resync_shared(struct oracle *o)
{
	struct region *shm = &o->regions[REGION_SHMEM];

	for (size_t i = 0; i < shm->npages; i++)
		shm->content[i] = ((volatile uint8_t *)shm->base)[i * page_size()];
}

static bool do_fork(struct oracle *o, const struct op *op)
{
	int status;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		return fail(o, "fork failed: %s", strerror(errno));
	if (pid == 0) {
		struct region *shm = &o->regions[REGION_SHMEM];

		/* /proc/self/pagemap opened before fork shows the parent: reopen. */
		close(o->pagemap_fd);
		o->pagemap_fd = pagemap_open();
		if (o->pagemap_fd < 0)
			_exit(4);
		/*
		 * fork() does not copy the entries of a shared mapping: the child
		 * maps shmem pages afresh, clean. Soft-dirty is per entry: the
		 * parent's writes stay on the parent's entries (as on x86).
		 */
		memset(shm->must_dirty, 0, shm->npages * sizeof(bool));
	}
	if (op->side == 1) {
		/* Replaying a child's history: go on as the child. */
		if (pid == 0)
			return true;
		waitpid(pid, &status, 0);
		_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 2);
	}
	if (pid == 0) {
		/*
		 * The child: its own steps on its own view, checked after each.
		 * Its history is the parent's up to this fork, which it
		 * continues; uffd-wp registrations do not survive fork.
		 */
		uint64_t rng = op->seed;

		o->log[o->nlog - 1].side = 1;
		if (o->uffd >= 0) {
			close(o->uffd);
			o->uffd = -1;
		}
		for (unsigned int s = 0; s < op->count; s++) {
			struct op child = op_random(o, &rng);
			char what[160];

			if (child.type == OP_FORK)
				continue;
			op_describe(&child, o, what, sizeof(what));
			if (!op_apply(o, &child, true) || !oracle_check(o, what)) {
				bool lost = strstr(o->failure, "false negative") ||
					    strstr(o->failure, "data lost");

				if (o->replaying)
					_exit(lost ? 3 : 4);
				ksft_print_msg("in a child after fork: %s\n", o->failure);
				if (lost)
					oracle_shrink(o->log, o->nlog, 300);
				fflush(stdout);
				_exit(lost ? 3 : 4);
			}
		}
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid)
		return fail(o, "waitpid failed: %s", strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) == 3)
		return fail(o, "%s", "a false negative in a child after fork (its report is above)");
	if (WEXITSTATUS(status) != 0)
		return fail(o, "%s", "a child after fork failed (its report is above)");
	resync_shared(o);
	return true;
}

bool op_apply(struct oracle *o, const struct op *op, bool record)
{
	struct region *reg = &o->regions[op->region];
	char *start = reg->base + (size_t)op->start * page_size();
	size_t len = (size_t)op->len * page_size();
	bool ok = true;

	if (record)
		log_op(o, op);
	switch (op->type) {
	case OP_ACCESS:
		return access_burst(o, op);
	case OP_CLEAR:
		clear_softdirty();
		model_clear(o);
		break;
	case OP_FORK:
		ok = do_fork(o, op);
		break;
	case OP_MPROTECT:
	case OP_SPLIT:
		if (mprotect(start, len, PROT_READ))
			return fail(o, "mprotect failed: %s", strerror(errno));
		for (uint32_t i = 0; i < op->len; i++)
			if (((volatile uint8_t *)start)[(size_t)i * page_size()] != reg->content[op->start + i])
				return fail(o, "data lost under mprotect in region %s", reg->name);
		if (mprotect(start, len, PROT_READ | PROT_WRITE))
			return fail(o, "mprotect failed: %s", strerror(errno));
		break;
	case OP_MREMAP: {
		size_t rlen = reg->npages * page_size();
		char *to = reg->slots[1 - reg->slot];
		void *moved = mremap(reg->base, rlen, rlen, MREMAP_MAYMOVE | MREMAP_FIXED, to);

		/*
		 * mremap() moves one VMA. A region can span several: a child
		 * after fork keeps the VMAs that uffd-wp registration split in
		 * its parent, with identical flags now, unmerged. Then the move
		 * is refused (EFAULT) and nothing happened.
		 */
		if (moved == MAP_FAILED && errno == EFAULT)
			return true;
		if (moved == MAP_FAILED)
			return fail(o, "mremap failed: %s", strerror(errno));
		/* Keep the old place reserved for the move back. */
		mmap(reg->base, rlen, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
		reg->base = to;
		reg->slot = 1 - reg->slot;
		break;
	}
	case OP_DONTNEED:
		if (madvise(start, len, MADV_DONTNEED))
			return fail(o, "MADV_DONTNEED failed: %s", strerror(errno));
		for (uint32_t i = 0; i < op->len; i++) {
			/* Private pages are gone: they read zero and are no longer written. */
			if (op->region != REGION_SHMEM)
				reg->content[op->start + i] = 0;
			/*
			 * A shared page keeps its data in shmem but loses its entry, and
			 * with it soft-dirty, as on x86: only present or swap entries
			 * can carry it.
			 */
			reg->must_dirty[op->start + i] = false;
		}
		break;
	case OP_PAGEOUT:
		madvise(start, len, MADV_PAGEOUT);
		if (op->region == REGION_SHMEM)
			for (uint32_t i = 0; i < op->len; i++)	/* as for DONTNEED */
				reg->must_dirty[op->start + i] = false;
		break;
	case OP_COLLAPSE:
		if (madvise(start, len, MADV_COLLAPSE))
			return true;	/* it may fail (EAGAIN, ENOMEM): nothing happened */
		break;
	case OP_UFFD_ON:
		ok = uffd_on(o, op);
		break;
	case OP_UFFD_OFF:
		if (o->uffd >= 0)
			uffd_off(o);
		break;
	default:
		break;
	}
	if (ok) {
		o->ops++;
		o->count[op->type]++;
	}
	return ok;
}

void op_describe(const struct op *op, const struct oracle *o, char *buf, size_t len)
{
	const char *region = o->regions[op->region].name;

	switch (op->type) {
	case OP_ACCESS:
		snprintf(buf, len, "access x%u (seed %u)", op->count, op->seed);
		break;
	case OP_CLEAR:
		snprintf(buf, len, "clear_refs 4");
		break;
	case OP_FORK:
		snprintf(buf, len, "fork, %s (%u child steps, seed %u)",
			 op->side ? "continuing in the child" : "continuing in the parent", op->count, op->seed);
		break;
	case OP_MREMAP:
		snprintf(buf, len, "mremap region %s to its other place", region);
		break;
	case OP_UFFD_OFF:
		snprintf(buf, len, "uffd-wp off");
		break;
	default:
		snprintf(buf, len, "%s region %s pages [%u, %u)", op_names[op->type], region,
			 op->start, op->start + op->len);
		break;
	}
}
