// SPDX-License-Identifier: GPL-2.0
/*
 * fork-bench: the page-table cost of fork() and friends.
 *
 * Maps anonymous private memory (default 1 GiB), populates it with folios of
 * one size (4K, 16K, 64K contpte, 2M PMD, through the per-size mTHP
 * controls; or named by kind, for every base page size: "base" the base
 * page, "cont" the contpte block, "pmd" the PMD-sized THP), optionally cleans
 * soft-dirty (clear_refs "4"), then times:
 *   populate   writing every page of the fresh mapping (the fault path)
 *   fork       fork() in the parent (copy_page_range)
 *   exit_wait  the child's exit (zapping its copy) plus waitpid()
 *   dontneed   MADV_DONTNEED of the whole mapping (odd repetitions)
 *   munmap     munmap() of the populated mapping (even repetitions)
 * so that each repetition populates the memory once. With --forks N, each
 * repetition forks and reaps N children in a row (samples numbered
 * (rep - 1) * N + 1 ...), so that fork() and the child's exit dominate a
 * profile of the whole run. Each phase: wall time
 * and, through perf_event_open(), instructions, cycles, task-clock and
 * page-faults of the parent. The child's exit is not in the parent's
 * counters: exit_wait is a wall-time figure (in icount mode, virtual time).
 * --cpu N pins the parent, and so every child, to CPU N: fork() then wakes
 * its child where it runs itself, and at 2M folios that takes about a tenth
 * of its instructions out, with the per-boot variation of where children
 * go (parameters get ",cpu=N").
 * Output: RESULT lines (see guest/include/results.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cpu.h"
#include "folio.h"
#include "fork-phases.h"
#include "mem.h"
#include "opts.h"
#include "perfctr.h"
#include "results.h"
#include "size.h"
#include "thp_settings.h"
#include "vm_util.h"

struct options {
	size_t size;
	size_t folio;
	bool clean;
	unsigned int reps;
	unsigned int forks;
	int cpu;	/* -1: not pinned */
};

static const char usage[] =
	"usage: fork-bench [--size SIZE] [--folio 4K|16K|64K|2M|base|cont|pmd] [--state dirty|clean] [--reps N]\n"
	"                  [--forks N] [--cpu N]\n"
	"  defaults: --size 1G --folio base --state dirty --reps 5 --forks 1, not pinned\n";

static void parse(int argc, char **argv, struct options *o)
{
	const struct opt opt[] = {
		{ .name = "size", .parse = opt_size, .value = &o->size },
		{ .name = "folio", .parse = opt_folio, .value = &o->folio },
		{ .name = "state", .parse = opt_bool, .value = &o->clean,
		  .choice = { "dirty", "clean" },
		  .takes = "is dirty (as written) or clean (clear_refs 4 first)" },
		{ .name = "reps", .parse = opt_count, .value = &o->reps, .max = 10000 },
		{ .name = "forks", .parse = opt_count, .value = &o->forks, .max = 1000 },
		{ .name = "cpu", .parse = opt_cpu, .value = &o->cpu },
		{ .name = NULL },
	};
	const struct opts opts = { "fork-bench", usage, opt };

	*o = (struct options){ .size = 1u << 30, .folio = (size_t)getpagesize(), .clean = false,
			       .reps = 5, .forks = 1,
			       .cpu = -1 };
	opts_parse(argc, argv, &opts);
	if (o->size % o->folio || o->size % (2u << 20))
		opts_fail(&opts, "--size must be a multiple of 2M and of the folio size");
}

int main(int argc, char **argv)
{
	struct options o;
	struct perfctr_set ctr;
	struct perfctr_sample s;
	char params[128], name[16], err[256];
	uint64_t t;

	parse(argc, argv, &o);
	if (o.cpu >= 0 && cpu_pin("fork-bench", o.cpu))
		return 2;
	if (size_fits("fork-bench", o.size, 9))
		return 2;
	thp_save_settings();
	if (folio_size_select(o.folio, err, sizeof(err))) {
		fprintf(stderr, "fork-bench: %s\n", err);
		return 2;
	}
	snprintf(params, sizeof(params), "size=%zuM,folio=%s,state=%s", o.size >> 20,
		 folio_size_name(o.folio, name, sizeof(name)), o.clean ? "clean" : "dirty");
	cpu_param(params, sizeof(params), o.cpu);
	perfctr_open(&ctr);

	for (unsigned int rep = 1; rep <= o.reps; rep++) {
		char *mem = map_anon_aligned(o.size, folio_align(o.folio));

		if (!mem) {
			fprintf(stderr, "fork-bench: mmap of %zuM failed: %s\n", o.size >> 20, strerror(errno));
			return 1;
		}
		if (o.folio == folio_pmd_size())
			madvise(mem, o.size, MADV_HUGEPAGE);

		perfctr_begin(&ctr, BENCH_PHASE_POPULATE, &t);
		touch_pages(mem, o.size, 1);
		perfctr_end(&ctr, t, &s);
		result_sample("fork", params, rep, &s);

		if (rep == 1 && folio_check(mem, o.size, o.folio, err, sizeof(err))) {
			fprintf(stderr, "fork-bench: the memory is not made of %s folios: %s\n", name, err);
			return 1;
		}
		if (o.clean)
			clear_softdirty();

		for (unsigned int f = 1; f <= o.forks; f++)
			if (fork_phases("fork-bench", &ctr, "fork", params, (rep - 1) * o.forks + f))
				return 1;

		if (rep % 2) {
			perfctr_begin(&ctr, BENCH_PHASE_DONTNEED, &t);
			madvise(mem, o.size, MADV_DONTNEED);
			perfctr_end(&ctr, t, &s);
			result_sample("fork", params, rep, &s);
			munmap(mem, o.size);
		} else {
			perfctr_begin(&ctr, BENCH_PHASE_MUNMAP, &t);
			munmap(mem, o.size);
			perfctr_end(&ctr, t, &s);
			result_sample("fork", params, rep, &s);
		}
	}
	perfctr_close(&ctr);
	thp_restore_settings();
	return 0;
}
