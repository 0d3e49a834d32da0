// SPDX-License-Identifier: GPL-2.0
/*
 * lockless-bench: ptep_get_lockless() alone, through the kernel's
 * /sys/kernel/debug/ptep_get_lockless_bench (CONFIG_PTEP_GET_LOCKLESS_BENCH):
 * populate a mapping (default 64 MiB of 4K folios), then per repetition have
 * the kernel read each of its PTEs LOOPS times without the page table lock.
 * Reports the calls, the kernel's nanoseconds, and the instructions, cycles
 * and task-clock of the whole write() (the walk plus the calls).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
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

#define BENCH_FILE "/sys/kernel/debug/ptep_get_lockless_bench"

static const char usage[] =
	"usage: lockless-bench [--size SIZE] [--folio 4K|64K] [--loops N] [--reps N]\n"
	"  defaults: --size 64M --folio 4K --loops 8 --reps 10\n";

/* --folio: a folio size that PTEs map (size_t). */
static const char *pte_folio_parse(const char *text, const struct opt *opt)
{
	size_t *folio = opt->value;

	if (folio_size_parse(text, folio) || *folio >= (2u << 20))
		return "takes a PTE-mapped size: 4K, 16K or 64K";
	return NULL;
}

int main(int argc, char **argv)
{
	size_t size = 64u << 20, folio = 4096;
	unsigned int loops = 8, reps = 10;
	const struct opt opt[] = {
		{ .name = "size", .parse = opt_size, .value = &size },
		{ .name = "folio", .parse = pte_folio_parse, .value = &folio },
		{ .name = "loops", .parse = opt_count, .value = &loops, .max = 10000 },
		{ .name = "reps", .parse = opt_count, .value = &reps, .max = 100000 },
		{ .name = NULL },
	};
	const struct opts opts = { "lockless-bench", usage, opt };
	struct perfctr_set ctr;
	struct perfctr_sample s;
	char params[96], name[16], err[256], cmd[96], reply[128], *mem;
	unsigned long long calls, kns, checksum;
	uint64_t t;
	int fd;

	opts_parse(argc, argv, &opts);
	if (size % (2u << 20) || size > (4ul << 30))
		opts_fail(&opts, "--size must be a multiple of 2M, at most 4G");
	fd = open(BENCH_FILE, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "lockless-bench: cannot open %s (CONFIG_PTEP_GET_LOCKLESS_BENCH? debugfs?): %s\n",
			BENCH_FILE, strerror(errno));
		return 2;
	}
	thp_save_settings();
	if (folio_size_select(folio, err, sizeof(err))) {
		fprintf(stderr, "lockless-bench: %s\n", err);
		return 2;
	}
	mem = map_anon_aligned(size, 2u << 20);
	if (!mem) {
		fprintf(stderr, "lockless-bench: mmap failed: %s\n", strerror(errno));
		return 1;
	}
	touch_pages(mem, size, 1);
	if (folio_check(mem, size, folio, err, sizeof(err))) {
		fprintf(stderr, "lockless-bench: not %s folios: %s\n",
			folio_size_name(folio, name, sizeof(name)), err);
		return 1;
	}
	snprintf(params, sizeof(params), "size=%zuM,folio=%s,loops=%u", size >> 20,
		 folio_size_name(folio, name, sizeof(name)), loops);
	snprintf(cmd, sizeof(cmd), "%lx %zx %u", (unsigned long)(uintptr_t)mem, size, loops);
	perfctr_open(&ctr);
	for (unsigned int rep = 1; rep <= reps; rep++) {
		ssize_t n;

		perfctr_begin(&ctr, BENCH_PHASE_WALK, &t);
		n = pwrite(fd, cmd, strlen(cmd), 0);
		perfctr_end(&ctr, t, &s);
		if (n != (ssize_t)strlen(cmd)) {
			fprintf(stderr, "lockless-bench: write to %s failed: %s\n", BENCH_FILE, strerror(errno));
			return 1;
		}
		n = pread(fd, reply, sizeof(reply) - 1, 0);
		if (n <= 0) {
			fprintf(stderr, "lockless-bench: read of %s failed\n", BENCH_FILE);
			return 1;
		}
		reply[n] = '\0';
		if (sscanf(reply, "calls=%llu ns=%llu checksum=%llx", &calls, &kns, &checksum) != 3 ||
		    calls != (unsigned long long)(size / 4096) * loops) {
			fprintf(stderr, "lockless-bench: unexpected reply: %s", reply);
			return 1;
		}
		result_sample("lockless", params, rep, &s);
		result_value("lockless", params, rep, "walk", "calls", (double)calls);
		result_value("lockless", params, rep, "walk", "kernel_ns", (double)kns);
	}
	perfctr_close(&ctr);
	close(fd);
	munmap(mem, size);
	thp_restore_settings();
	return 0;
}
