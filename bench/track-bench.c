// SPDX-License-Identifier: GPL-2.0
/*
 * track-bench: the cost of write tracking, soft-dirty against asynchronous
 * uffd-wp (issue 21; the mechanisms are guest/include/track.h).
 *
 * Maps SIZE of anonymous private memory or shmem (a memfd, MAP_SHARED),
 * populates it with folios of one size (anonymous: the mTHP controls;
 * shmem: shmem_enabled), starts tracking it, then, per round:
 *   reset        the mechanism's reset (clear_refs "4", or PAGEMAP_SCAN
 *                PM_SCAN_WP_MATCHING over the range)
 *   first_write  writing one byte in PCT% of the pages, spread evenly: the
 *                write faults the reset armed
 *   scan         collecting the written pages (pagemap, or PAGEMAP_SCAN)
 * Round 1, the first after tracking starts, is reported apart, as the phases
 * round1_reset, round1_first_write and round1_scan: its reset is the first
 * (async uffd-wp write-protects every page of the region, and on 2M THPs
 * protects the PMDs that the first writes then split), so it is not a round
 * of the steady state. Rounds 2..ROUNDS are the phases above.
 * and, once per repetition after the rounds, the steady cost of tracking
 * being on:
 *   fork         fork() of the process with the tracked region
 *   exit_wait    the child's exit and waitpid() (wall time)
 *   dontneed     MADV_DONTNEED of the whole region (the zap)
 * plus populate, the first touch of the fresh region (tracking not yet on).
 * --mech none runs the same steps with no tracking: the control.
 * Each round checks that no written page went unreported.
 * Output: RESULT lines (guest/include/results.h); samples of round 1's
 * phases are numbered rep, those of the later rounds'
 * (rep - 1) * (ROUNDS - 1) + round - 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "bench-phases.h"
#include "cpu.h"
#include "folio.h"
#include "fork-phases.h"
#include "mem.h"
#include "opts.h"
#include "perfctr.h"
#include "results.h"
#include "shmem-folio.h"
#include "size.h"
#include "thp_settings.h"
#include "track.h"

#define MECH_NONE TRACK_MECH_COUNT

struct options {
	size_t size;
	size_t folio;
	bool shmem;
	int mech;	/* enum track_mech, or MECH_NONE */
	unsigned int pct;
	unsigned int rounds;
	unsigned int reps;
	int cpu;	/* -1: not pinned */
};

static const char usage[] =
	"usage: track-bench [--size SIZE] [--folio 4K|64K|2M|base|cont|pmd] [--mem anon|shmem]\n"
	"                   [--mech sd-pagemap|sd-scan|uffd-async|none] [--pct 1..100]\n"
	"                   [--rounds N] [--reps N] [--cpu N]\n"
	"  defaults: --size 64M --folio base --mem anon --mech sd-pagemap --pct 10\n"
	"            --rounds 3 --reps 3, not pinned\n";

/* --mech: a mechanism of track.h, or none (int: enum track_mech, or MECH_NONE). */
static const char *mech_parse(const char *text, const struct opt *opt)
{
	enum track_mech m;

	if (!strcmp(text, "none")) {
		*(int *)opt->value = MECH_NONE;
		return NULL;
	}
	if (track_mech_parse(text, &m))
		return "is sd-pagemap, sd-scan, uffd-async or none";
	*(int *)opt->value = (int)m;
	return NULL;
}

static void parse(int argc, char **argv, struct options *o)
{
	const struct opt opt[] = {
		{ .name = "size", .parse = opt_size, .value = &o->size },
		{ .name = "folio", .parse = opt_folio, .value = &o->folio },
		{ .name = "mem", .parse = opt_bool, .value = &o->shmem, .choice = { "anon", "shmem" } },
		{ .name = "mech", .parse = mech_parse, .value = &o->mech },
		{ .name = "pct", .parse = opt_count, .value = &o->pct, .max = 100,
		  .takes = "takes a percentage from 1 to 100" },
		{ .name = "rounds", .parse = opt_count, .value = &o->rounds, .max = 1000 },
		{ .name = "reps", .parse = opt_count, .value = &o->reps, .max = 1000 },
		{ .name = "cpu", .parse = opt_cpu, .value = &o->cpu },
		{ .name = NULL },
	};
	const struct opts opts = { "track-bench", usage, opt };

	*o = (struct options){ .size = 64u << 20, .folio = (size_t)getpagesize(),
			       .mech = TRACK_SD_PAGEMAP, .pct = 10, .rounds = 3, .reps = 3,
			       .cpu = -1 };
	opts_parse(argc, argv, &opts);
	if (o->size % o->folio || o->size % (2u << 20))
		opts_fail(&opts, "--size must be a multiple of 2M and of the folio size");
}

/* The region, aligned to its folio size (at least 2M). NULL with errno. */
static char *map_region(const struct options *o)
{
	char *mem = map_anon_aligned(o->size, folio_align(o->folio));
	int fd;

	if (!mem || !o->shmem)
		return mem;
	fd = memfd_create("track-bench", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, (off_t)o->size) ||
	    mmap(mem, o->size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0) != mem) {
		int saved = errno;

		munmap(mem, o->size);
		if (fd >= 0)
			close(fd);
		errno = saved;
		return NULL;
	}
	close(fd);	/* the mapping keeps the file */
	return mem;
}

/* Writes one byte in every (100 / pct)-th page; returns the pages written. */
static size_t write_pages(char *mem, size_t npages, size_t page, unsigned int pct,
			  unsigned char v)
{
	size_t stride = 100 / pct, n = 0;

	for (size_t i = 0; i < npages; i += stride, n++)
		((volatile char *)mem)[i * page] = (char)v;
	return n;
}

/* Every written page reported? The first one missed, or npages. */
static size_t first_missed(const bool *got, size_t npages, unsigned int pct)
{
	size_t stride = 100 / pct;

	for (size_t i = 0; i < npages; i += stride)
		if (!got[i])
			return i;
	return npages;
}

static int run_rounds(const struct options *o, struct tracker *t, char *mem, bool *got,
		      struct perfctr_set *ctr, const char *params, unsigned int rep)
{
	size_t page = (size_t)getpagesize(), npages = o->size / page;
	struct perfctr_sample s;
	uint64_t w;

	for (unsigned int round = 1; round <= o->rounds; round++) {
		bool first = round == 1;
		unsigned int sample = first ? rep : (rep - 1) * (o->rounds - 1) + round - 1;
		enum bench_phase reset = first ? BENCH_PHASE_ROUND1_RESET : BENCH_PHASE_RESET;
		enum bench_phase write = first ? BENCH_PHASE_ROUND1_FIRST_WRITE : BENCH_PHASE_FIRST_WRITE;
		enum bench_phase scan = first ? BENCH_PHASE_ROUND1_SCAN : BENCH_PHASE_SCAN;
		long found = 0;
		size_t missed;

		perfctr_begin(ctr, reset, &w);
		if (o->mech != MECH_NONE && track_reset(t, mem, o->size)) {
			fprintf(stderr, "track-bench: reset: %s\n", strerror(errno));
			return -1;
		}
		perfctr_end(ctr, w, &s);
		result_sample("track", params, sample, &s);

		perfctr_begin(ctr, write, &w);
		write_pages(mem, npages, page, o->pct, (unsigned char)(round + 1));
		perfctr_end(ctr, w, &s);
		result_sample("track", params, sample, &s);

		perfctr_begin(ctr, scan, &w);
		if (o->mech != MECH_NONE)
			found = track_collect(t, mem, npages, got);
		perfctr_end(ctr, w, &s);
		result_sample("track", params, sample, &s);
		if (found < 0) {
			fprintf(stderr, "track-bench: collect: %s\n", strerror(errno));
			return -1;
		}
		if (o->mech == MECH_NONE)
			continue;
		result_value("track", params, sample, bench_phase_name(scan), "reported_pages",
			     (double)found);
		missed = first_missed(got, npages, o->pct);
		if (missed < npages) {
			fprintf(stderr, "track-bench: page %zu was written but not reported\n", missed);
			return -1;
		}
	}
	return 0;
}

/* fork(), the child's exit, and the zap of the region, with tracking on. */
static int run_steady(const struct options *o, char *mem, struct perfctr_set *ctr,
		      const char *params, unsigned int rep)
{
	struct perfctr_sample s;
	uint64_t w;

	if (fork_phases("track-bench", ctr, "track", params, rep))
		return -1;

	perfctr_begin(ctr, BENCH_PHASE_DONTNEED, &w);
	madvise(mem, o->size, MADV_DONTNEED);
	perfctr_end(ctr, w, &s);
	result_sample("track", params, rep, &s);
	return 0;
}

static int select_folios(const struct options *o, char *err, size_t len)
{
	if (o->shmem)
		return folio_size_select((size_t)getpagesize(), err, len) ||
		       shmem_folio_select(o->folio, err, len);
	return folio_size_select(o->folio, err, len);
}

static int run(const struct options *o, const char *params, const char *name)
{
	size_t npages = o->size / (size_t)getpagesize();
	bool *got = calloc(npages, sizeof(*got));
	struct perfctr_set ctr;
	struct perfctr_sample s;
	char err[256];
	uint64_t w;
	int ret = -1;

	if (!got) {
		fprintf(stderr, "track-bench: out of memory\n");
		return -1;
	}
	perfctr_open(&ctr);
	for (unsigned int rep = 1; rep <= o->reps; rep++) {
		struct tracker t = { .pagemap = -1, .uffd = -1 };
		char *mem = map_region(o);

		if (!mem) {
			fprintf(stderr, "track-bench: mmap of %zuM: %s\n", o->size >> 20, strerror(errno));
			goto out;
		}
		if (!o->shmem && o->folio == folio_pmd_size())
			madvise(mem, o->size, MADV_HUGEPAGE);
		perfctr_begin(&ctr, BENCH_PHASE_POPULATE, &w);
		touch_pages(mem, o->size, 1);
		perfctr_end(&ctr, w, &s);
		result_sample("track", params, rep, &s);
		if (rep == 1 && folio_check(mem, o->size, o->folio, err, sizeof(err))) {
			fprintf(stderr, "track-bench: the memory is not made of %s folios: %s\n", name,
				err);
			munmap(mem, o->size);
			goto out;
		}
		if (o->mech != MECH_NONE &&
		    (track_open(&t, (enum track_mech)o->mech) || track_add(&t, mem, o->size))) {
			fprintf(stderr, "track-bench: cannot track the region: %s\n", strerror(errno));
			munmap(mem, o->size);
			goto out;
		}
		if (run_rounds(o, &t, mem, got, &ctr, params, rep) ||
		    run_steady(o, mem, &ctr, params, rep)) {
			track_close(&t);
			munmap(mem, o->size);
			goto out;
		}
		if (o->mech != MECH_NONE)
			track_close(&t);
		munmap(mem, o->size);
	}
	ret = 0;
out:
	perfctr_close(&ctr);
	free(got);
	return ret;
}

int main(int argc, char **argv)
{
	struct options o;
	char params[160], name[16], err[256], why[160];
	int ret;

	parse(argc, argv, &o);
	if (o.cpu >= 0 && cpu_pin("track-bench", o.cpu))
		return 2;
	if (size_fits("track-bench", o.size, 8))
		return 2;
	if (o.mech != MECH_NONE && !track_mech_available((enum track_mech)o.mech, why, sizeof(why))) {
		fprintf(stderr, "track-bench: %s: %s\n", track_mech_name((enum track_mech)o.mech), why);
		return 2;
	}
	thp_save_settings();
	if (select_folios(&o, err, sizeof(err))) {
		fprintf(stderr, "track-bench: %s\n", err);
		return 2;
	}
	snprintf(params, sizeof(params), "size=%zuM,folio=%s,mem=%s,mech=%s,pct=%u", o.size >> 20,
		 folio_size_name(o.folio, name, sizeof(name)), o.shmem ? "shmem" : "anon",
		 o.mech == MECH_NONE ? "none" : track_mech_name((enum track_mech)o.mech), o.pct);
	cpu_param(params, sizeof(params), o.cpu);
	ret = run(&o, params, name);
	thp_restore_settings();
	return ret ? 1 : 0;
}
