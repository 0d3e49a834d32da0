// SPDX-License-Identifier: GPL-2.0
/*
 * fault-bench: the anonymous page fault path, which reads the faulting entry
 * with ptep_get_lockless() before taking the page table lock. Like
 * will-it-scale's page_fault1: map fresh anonymous memory (default 128 MiB),
 * write one byte in every page, unmap; per repetition, the "touch" phase
 * counts wall time, instructions, cycles, task-clock and page-faults.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "folio.h"
#include "mem.h"
#include "opts.h"
#include "perfctr.h"
#include "results.h"
#include "size.h"
#include "thp_settings.h"

static const char usage[] =
	"usage: fault-bench [--size SIZE] [--folio 4K|16K|64K|2M] [--reps N]\n"
	"  defaults: --size 128M --folio 4K --reps 10\n";

int main(int argc, char **argv)
{
	size_t size = 128u << 20, folio = 4096;
	unsigned int reps = 10;
	const struct opt opt[] = {
		{ .name = "size", .parse = opt_size, .value = &size },
		{ .name = "folio", .parse = opt_folio_size, .value = &folio },
		{ .name = "reps", .parse = opt_count, .value = &reps, .max = 100000 },
		{ .name = NULL },
	};
	const struct opts opts = { "fault-bench", usage, opt };
	struct perfctr_set ctr;
	struct perfctr_sample s;
	char params[96], name[16], err[256];
	uint64_t t;

	opts_parse(argc, argv, &opts);
	if (size % (2u << 20) || size % folio)
		opts_fail(&opts, "--size must be a multiple of 2M and of the folio size");
	if (size_fits("fault-bench", size, 9))
		return 2;
	thp_save_settings();
	if (folio_size_select(folio, err, sizeof(err))) {
		fprintf(stderr, "fault-bench: %s\n", err);
		return 2;
	}
	snprintf(params, sizeof(params), "size=%zuM,folio=%s", size >> 20,
		 folio_size_name(folio, name, sizeof(name)));
	perfctr_open(&ctr);
	for (unsigned int rep = 1; rep <= reps; rep++) {
		char *mem = map_anon_aligned(size, folio_align(folio));

		if (!mem) {
			fprintf(stderr, "fault-bench: mmap failed: %s\n", strerror(errno));
			return 1;
		}
		if (folio == (2u << 20))
			madvise(mem, size, MADV_HUGEPAGE);
		perfctr_begin(&ctr, BENCH_PHASE_TOUCH, &t);
		touch_pages(mem, size, 1);
		perfctr_end(&ctr, t, &s);
		result_sample("fault", params, rep, &s);
		if (rep == 1 && folio_check(mem, size, folio, err, sizeof(err))) {
			fprintf(stderr, "fault-bench: not %s folios: %s\n", name, err);
			return 1;
		}
		munmap(mem, size);
	}
	perfctr_close(&ctr);
	thp_restore_settings();
	return 0;
}
