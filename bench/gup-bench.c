// SPDX-License-Identifier: GPL-2.0
/*
 * gup-bench: GUP-fast and PIN-fast, the lockless page-table walks of
 * get_user_pages_fast() and pin_user_pages_fast(), through the kernel's
 * gup_test debugfs file (CONFIG_GUP_TEST) as the mm selftest gup_test runs
 * them with -u and -a: a private anonymous region (default 256 MiB) written
 * in every page, then per repetition one GUP_FAST_BENCHMARK and one
 * PIN_FAST_BENCHMARK ioctl over it, one page per call. Each ioctl is a phase
 * (gup_fast, pin_fast) with the counters of perfctr.h and its phase markers
 * (so the cache model counts the same region), plus the kernel's own get and
 * put times (get_us, put_us).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mem.h"
#include "opts.h"
#include "perfctr.h"
#include "results.h"
#include "size.h"

/* The kernel's mm/gup_test.h (not a uapi header): the ioctl ABI of the selftest. */
#define GUP_TEST_MAX_PAGES_TO_DUMP 8
struct gup_test {
	uint64_t get_delta_usec;
	uint64_t put_delta_usec;
	uint64_t addr;
	uint64_t size;
	uint32_t nr_pages_per_call;
	uint32_t gup_flags;
	uint32_t test_flags;
	uint32_t which_pages[GUP_TEST_MAX_PAGES_TO_DUMP];
};

#define GUP_FAST_BENCHMARK _IOWR('g', 1, struct gup_test)
#define PIN_FAST_BENCHMARK _IOWR('g', 2, struct gup_test)
#define GUP_TEST_FILE "/sys/kernel/debug/gup_test"
#define FOLL_WRITE 0x01		/* include/linux/mm.h; gup_test's default */

static const char usage[] =
	"usage: gup-bench [--size SIZE] [--reps N]\n"
	"  defaults: --size 256M --reps 10\n";

/* --size: a whole number of MiB (size_t). */
static const char *mib_parse(const char *text, const struct opt *opt)
{
	size_t *size = opt->value;

	if (size_parse(text, size) || !*size || *size % (1u << 20))
		return "takes a whole number of MiB such as 256M";
	return NULL;
}

/* One benchmark ioctl over [mem, mem + size) as phase; 0, or -1 with errno. */
static int gup_phase(int fd, unsigned long cmd, enum bench_phase phase, char *mem,
		     size_t size, const char *params, unsigned int rep,
		     struct perfctr_set *ctr)
{
	struct gup_test gup = {
		.addr = (uintptr_t)mem,
		.size = size,
		.nr_pages_per_call = 1,
		.gup_flags = FOLL_WRITE,
	};
	struct perfctr_sample s;
	uint64_t t;
	int ret;

	perfctr_begin(ctr, phase, &t);
	ret = ioctl(fd, cmd, &gup);
	perfctr_end(ctr, t, &s);
	if (ret)
		return -1;
	if (gup.size != size) {
		errno = ERANGE;	/* the kernel stopped short of the region */
		return -1;
	}
	result_sample("gup", params, rep, &s);
	result_value("gup", params, rep, bench_phase_name(phase), "get_us",
		     (double)gup.get_delta_usec);
	result_value("gup", params, rep, bench_phase_name(phase), "put_us",
		     (double)gup.put_delta_usec);
	return 0;
}

int main(int argc, char **argv)
{
	size_t size = 256u << 20;
	unsigned int reps = 10;
	const struct opt opt[] = {
		{ .name = "size", .parse = mib_parse, .value = &size },
		{ .name = "reps", .parse = opt_count, .value = &reps, .max = 100000 },
		{ .name = NULL },
	};
	const struct opts opts = { "gup-bench", usage, opt };
	struct perfctr_set ctr;
	char params[32], *mem;
	int fd;

	opts_parse(argc, argv, &opts);
	fd = open(GUP_TEST_FILE, O_RDWR);
	if (fd < 0) {
		fprintf(stderr, "gup-bench: cannot open %s: %s (a kernel with CONFIG_GUP_TEST and debugfs mounted)\n",
			GUP_TEST_FILE, strerror(errno));
		return 1;
	}
	mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED) {
		fprintf(stderr, "gup-bench: mmap of %zuM failed: %s\n", size >> 20, strerror(errno));
		return 1;
	}
	touch_pages(mem, size, 1);
	snprintf(params, sizeof(params), "size=%zuM", size >> 20);
	perfctr_open(&ctr);
	for (unsigned int rep = 1; rep <= reps; rep++) {
		if (gup_phase(fd, GUP_FAST_BENCHMARK, BENCH_PHASE_GUP_FAST, mem, size,
			      params, rep, &ctr) ||
		    gup_phase(fd, PIN_FAST_BENCHMARK, BENCH_PHASE_PIN_FAST, mem, size,
			      params, rep, &ctr)) {
			fprintf(stderr, "gup-bench: gup_test ioctl failed: %s\n", strerror(errno));
			return 1;
		}
	}
	perfctr_close(&ctr);
	munmap(mem, size);
	close(fd);
	return 0;
}
