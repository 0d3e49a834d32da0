// SPDX-License-Identifier: GPL-2.0
/*
 * sd-oracle: no dirty page lost.
 *
 * Seeded, reproducible random sequences of writes and reads, clear_refs "4",
 * fork (both sides write and check their own view), mprotect, mremap moves,
 * MADV_DONTNEED, MADV_PAGEOUT to swap and back, THP collapse (MADV_COLLAPSE)
 * and split, over memory of base pages, contpte-size mTHPs and PMD-size THPs
 * (4K, 64K and 2M at 4K pages; 16K, 2M and 32M at 16K; at 64K pages, where a
 * PMD-size THP is 512M, 64K and 2M only: see oracle.h) and shmem, with
 * uffd-wp registered and unregistered on the way. After each step,
 * every page written since the last clear must read soft-dirty in
 * /proc/self/pagemap and through PAGEMAP_SCAN. A false negative (or a lost
 * write) fails with the seed and the shortest operation log that still
 * fails; false positives are counted and reported.
 *
 * usage: sd-oracle [--seed N] [--ops N | --duration SECONDS]
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "folio.h"
#include "kselftest.h"
#include "oracle.h"
#include "thp_settings.h"
#include "vm_util.h"

/*
 * Contpte-size mTHP always, PMD-size THP on MADV_HUGEPAGE (where the huge
 * region has them, "never" otherwise): the base region opts out.
 */
static void select_folio_sizes(const struct geometry *g)
{
	int contpte = folio_order(g->contpte_pages * g->page), pmd = folio_order(g->pmd_bytes);
	struct thp_settings settings;

	thp_read_settings(&settings);
	for (int i = 0; i < NR_ORDERS; i++)
		settings.hugepages[i].enabled = i == contpte ? THP_ALWAYS :
						g->pmd_thp && i == pmd ? THP_INHERIT : THP_NEVER;
	settings.thp_enabled = THP_MADVISE;
	thp_write_settings(&settings);
}

static void usage(const char *why)
{
	fprintf(stderr, "sd-oracle: %s\nusage: sd-oracle [--seed N] [--ops N | --duration SECONDS]\n", why);
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "ops", required_argument, NULL, 'o' },
		{ "duration", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long long seed = 1, max_ops = 1000000, duration = 0;
	const struct geometry *g = oracle_geometry();
	char pmd_name[8];
	struct oracle o;
	uint64_t rng;
	time_t start = time(NULL), next_report;
	char *end, what[160];
	int c;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		unsigned long long v = strtoull(optarg, &end, 0);

		if (*end || (c != 's' && v == 0))
			usage("--seed, --ops and --duration take numbers (--ops and --duration positive)");
		if (c == 's')
			seed = v;
		else if (c == 'o')
			max_ops = v;
		else if (c == 'd')
			duration = v, max_ops = ~0ull;
		else
			usage("unknown option");
	}
	if (optind != argc)
		usage("unexpected argument");

	ksft_print_header();
	ksft_print_msg("seed %llu, %s %llu\n", seed, duration ? "seconds" : "operations",
		       duration ? duration : max_ops);
	if (!softdirty_supported()) {
		ksft_set_plan(1);
		ksft_test_result_skip("soft-dirty is not supported by this kernel\n");
		ksft_finished();
	}
	/* No false negative, each operation but OP_ACCESS exercised, swap-out seen. */
	ksft_set_plan(1 + (NR_OPS - OP_CLEAR) + 1);
	folio_size_name(g->pmd_bytes, pmd_name, sizeof(pmd_name));
	if (g->page != 4096)
		ksft_print_msg("%zuK pages: regions %s (%zu pages), %s (%zu), %s (%zu), shmem (%zu)%s\n",
			       g->page >> 10, g->name[REGION_BASE], g->npages[REGION_BASE],
			       g->name[REGION_CONTPTE], g->npages[REGION_CONTPTE],
			       g->name[REGION_HUGE], g->npages[REGION_HUGE],
			       g->npages[REGION_SHMEM], g->pmd_thp ? "" : "; no PMD-size THPs");
	memset(&o, 0, sizeof(o));
	o.uffd_supported = true;
	thp_save_settings();
	select_folio_sizes(g);
	if (oracle_setup(&o) || !oracle_prepare(&o))
		ksft_exit_fail_msg("setting up the regions: %s\n", strerror(errno));
	rng = seed;
	next_report = start + 30;
	while (o.ops < max_ops && (!duration || (unsigned long long)(time(NULL) - start) < duration)) {
		struct op op = op_random(&o, &rng);

		op_describe(&op, &o, what, sizeof(what));
		if (!op_apply(&o, &op, true) || !oracle_check(&o, what)) {
			ksft_print_msg("seed %llu, after %llu operations: %s\n", seed,
				       (unsigned long long)o.ops, o.failure);
			if (strstr(o.failure, "false negative") || strstr(o.failure, "data lost")) {
				ksft_print_msg("reproduce with: sd-oracle --seed %llu --ops %llu\n",
					       seed, (unsigned long long)o.ops + 64);
				oracle_shrink(o.log, o.nlog, 300);
			}
			break;
		}
		if (time(NULL) >= next_report) {
			ksft_print_msg("%llu operations, %llu checks, %llu false positives so far\n",
				       (unsigned long long)o.ops, (unsigned long long)o.checks,
				       (unsigned long long)o.false_positives);
			next_report += 30;
		}
	}
	thp_restore_settings();

	ksft_test_result(!o.failed,
			 "no false negative in %llu operations (%llu checks of every page, seed %llu)\n",
			 (unsigned long long)o.ops, (unsigned long long)o.checks, seed);
	ksft_print_msg("false positives (pages soft-dirty without a write since the clear): %llu page checks\n",
		       (unsigned long long)o.false_positives);
	for (int i = OP_CLEAR; i < NR_OPS; i++) {
		if (i == OP_COLLAPSE && !g->pmd_thp)
			ksft_test_result_skip("exercised: %s: not drawn, PMD-size THPs (%s at %zuK pages) are too big for the oracle\n",
					      op_names[i], pmd_name, g->page >> 10);
		else
			ksft_test_result(o.count[i] > 0, "exercised: %s (%llu times)\n",
					 op_names[i], (unsigned long long)o.count[i]);
	}
	ksft_test_result(o.swapped_seen > 0, "pages were seen swapped out (%llu page checks)\n",
			 (unsigned long long)o.swapped_seen);
	oracle_teardown(&o);
	ksft_finished();
}
