// SPDX-License-Identifier: GPL-2.0
/*
 * uffd-wp-race: a THP split from rmap while its range is being registered
 * for uffd-wp keeps uffd-wp.
 *
 * Where uffd-wp is an extended bit (variant ptdesc-wp), registration gives
 * every table of the range bits of its own, the tables deposited beside its
 * THPs included; it drops the PMD lock for each allocation. A split that
 * does not go through the VMA (reclaim, migration, or here
 * /sys/kernel/debug/split_huge_pages from another process that shares the
 * THP) may run meanwhile: it withdraws a deposited table for a VMA that is
 * not registered yet, one without bits, and if it cannot allocate them
 * without waiting, the table shares the fallback, which cannot hold uffd-wp.
 *
 * Each round: THP U, at the start of a PMD table whose other entries are K
 * THPs of a VMA X (so that registration has K + 1 deposited tables to give
 * bits to); a child shares U (X is MADV_DONTFORK) and, with every atomic slab
 * allocation of its own failing (failslab), splits U through debugfs after
 * a random delay (spinning, aimed within the time the last registration
 * took), while the parent registers U for uffd-wp. The parent then
 * write-protects U: every page must read uffd-wp in pagemap. The test also
 * counts the rounds whose split overlapped the registration in time, and
 * fails if none did: then it did not exercise the race.
 *
 *   uffd-wp-race [--rounds N]     (debug kernels: failslab, debugfs)
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/userfaultfd.h>

#include "failslab.h"
#include "folio.h"
#include "kselftest.h"
#include "mem.h"
#include "pagemap.h"
#include "perfctr.h"
#include "sysfs.h"
#include "thp_settings.h"
#include "uffd.h"
#include "vm_util.h"

#define SPLIT_HUGE_PAGES "/sys/kernel/debug/split_huge_pages"
/* At most this much memory in X's THPs, and at least this many of them. */
#define X_MAX (512ul << 20)
#define X_MIN_THPS 64

static size_t page_size, thp_size;

/* Pages of [addr, addr + len) without uffd-wp in pagemap; npages + 1 on error. */
static size_t count_unprotected(const char *addr, size_t len)
{
	size_t npages = len / page_size, wrong = 0;
	uint64_t *entries = calloc(npages, sizeof(*entries));
	int fd = pagemap_open();

	if (!entries || fd < 0 || pagemap_read(fd, addr, npages, entries))
		wrong = npages + 1;
	for (size_t i = 0; !wrong && i < npages; i++)
		if (!(entries[i] & PM_UFFD_WP))
			wrong++;
	for (size_t i = 0; wrong && wrong <= npages && i < npages; i++)
		if (!(entries[i] & PM_UFFD_WP)) {
			ksft_print_msg("page %zu of U: pagemap %#llx, no uffd-wp\n", i,
				       (unsigned long long)entries[i]);
			break;
		}
	if (fd >= 0)
		close(fd);
	free(entries);
	return wrong;
}

/*
 * What the parent and the child of a round share: the parent's go, with the
 * time it was given, and the times the child's split began and ended (0 if
 * it failed). Both wait by spinning, so that the child starts its split
 * within microseconds of the time it aims at: a registration takes a few
 * hundred microseconds, less than a sleeping task takes to wake under
 * emulation.
 */
struct round_sync {
	atomic_int ready;
	atomic_int go;
	_Atomic uint64_t go_ns;
	_Atomic uint64_t split_start_ns;
	_Atomic uint64_t split_end_ns;
};

/*
 * The child: waits for the parent's go, then until @delay_ns after it,
 * splits its own mapping of U (which splits the parent's too) with its
 * atomic slab allocations failing, and records when the split began and
 * ended.
 */
static void child_split(struct round_sync *sync, char *u, uint64_t delay_ns)
{
	uint64_t target;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "%d,%#lx,%#lx", getpid(), (unsigned long)u,
		 (unsigned long)(u + thp_size));
	if (failslab_self(true))
		_exit(1);
	atomic_store(&sync->ready, 1);
	while (!atomic_load(&sync->go))
		;
	target = atomic_load(&sync->go_ns) + delay_ns;
	while (now_ns() < target)
		;
	atomic_store(&sync->split_start_ns, now_ns());
	if (sysfs_write(SPLIT_HUGE_PAGES, cmd))
		_exit(1);
	atomic_store(&sync->split_end_ns, now_ns());
	_exit(0);
}

struct round_result {
	bool ok;		/* no page of U lost uffd-wp */
	bool raced;		/* the split and the registration overlapped */
	uint64_t register_ns;
};

static int run_round(struct round_sync *sync, char *u, char *x, size_t x_len,
		     uint64_t delay_ns, struct round_result *r)
{
	uint64_t start, end, split_start, split_end;
	int status, uffd = -1;
	char line[256];
	pid_t pid;
	int ret = -1;

	memset(r, 0, sizeof(*r));
	/*
	 * Fresh THPs, whose deposited tables have no extended bits yet. U is
	 * mapped again: the last round split it, and its PTE table goes only
	 * with the mapping.
	 */
	if (madvise(x, x_len, MADV_DONTNEED) || munmap(u, thp_size) ||
	    mmap(u, thp_size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != u ||
	    madvise(u, thp_size, MADV_HUGEPAGE))
		return -1;
	touch_pages(x, x_len, 1);
	touch_pages(u, thp_size, 1);
	if (folio_check(u, thp_size, thp_size, line, sizeof(line))) {
		ksft_print_msg("U is not a THP: %s\n", line);
		errno = EAGAIN;
		return -1;
	}
	atomic_store(&sync->ready, 0);
	atomic_store(&sync->go, 0);
	atomic_store(&sync->split_start_ns, 0);
	atomic_store(&sync->split_end_ns, 0);
	uffd = uffd_open(0);
	if (uffd < 0)
		return -1;
	fflush(NULL);
	pid = fork();
	if (pid == 0)
		child_split(sync, u, delay_ns);
	if (pid < 0)
		goto out;
	/* The child spinning already, as it will when the registration runs. */
	while (!atomic_load(&sync->ready)) {
		if (waitpid(pid, &status, WNOHANG) == pid) {
			ksft_print_msg("the splitting child failed before the race (make-it-fail)\n");
			pid = -1;
			goto out;
		}
	}
	start = now_ns();
	atomic_store(&sync->go_ns, start);
	atomic_store(&sync->go, 1);
	if (uffd_register(uffd, u, thp_size, false, true, false))
		goto out;
	end = now_ns();
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status)) {
		ksft_print_msg("the splitting child failed (split_huge_pages, make-it-fail)\n");
		pid = -1;
		goto out;
	}
	pid = -1;
	split_start = atomic_load(&sync->split_start_ns);
	split_end = atomic_load(&sync->split_end_ns);
	if (uffd_writeprotect(uffd, u, thp_size, true))
		goto out;
	r->ok = count_unprotected(u, thp_size) == 0;
	r->raced = split_start < end && split_end > start;
	r->register_ns = end - start;
	ret = 0;
out:
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	if (uffd >= 0)
		close(uffd);	/* unregisters U */
	return ret;
}

int main(int argc, char **argv)
{
	unsigned int rounds = 40, raced = 0, lost = 0, done = 0;
	struct round_sync *sync;
	uint64_t window_ns = 2000000, seed = 20261130;
	size_t span, x_len;
	char line[256] = "", *base, *u, *x;
	bool ok;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--rounds") && i + 1 < argc)
			rounds = (unsigned int)strtoul(argv[++i], NULL, 10);
		else {
			fprintf(stderr, "usage: uffd-wp-race [--rounds N]\n");
			return 2;
		}
	}
	page_size = (size_t)getpagesize();
	ksft_print_header();
	ksft_set_plan(1);
	thp_size = folio_pmd_size();
	thp_save_settings();
	/*
	 * U, then as many THPs of X as fit in X_MAX and in the PMD table of U,
	 * which covers span bytes: aligned to that (or to 1G, where a table
	 * covers more) they share it.
	 */
	span = thp_size / sizeof(uint64_t) * thp_size;
	x_len = span - thp_size < X_MAX ? span - thp_size : X_MAX / thp_size * thp_size;
	if (x_len / thp_size < X_MIN_THPS) {
		ksft_test_result_skip("register-race: %zuK THPs: fewer than %d fit in %zuM, too few for registration to take long enough to race with\n",
				      thp_size >> 10, X_MIN_THPS, X_MAX >> 20);
		thp_restore_settings();
		ksft_finished();
	}
	base = map_anon_aligned(thp_size + x_len, span < (1ul << 30) ? span : 1ul << 30);
	sync = mmap(NULL, sizeof(*sync), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (!base || sync == MAP_FAILED || folio_size_select(thp_size, line, sizeof(line)) ||
	    failslab_setup(line, sizeof(line)) || access(SPLIT_HUGE_PAGES, W_OK)) {
		ksft_print_msg("setup: %s (%s)\n", strerror(errno), line);
		ksft_test_result_fail("register-race: setup failed (THP, failslab, debugfs)\n");
		thp_restore_settings();
		ksft_finished();
	}
	u = base;
	x = base + thp_size;
	madvise(base, thp_size + x_len, MADV_HUGEPAGE);
	madvise(x, x_len, MADV_DONTFORK);
	ksft_print_msg("%u rounds: U one %zuK THP, X %zu THPs in the same PMD table\n", rounds,
		       thp_size >> 10, x_len / thp_size);
	for (unsigned int i = 0; i < rounds; i++) {
		struct round_result r;

		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		if (run_round(sync, u, x, x_len, (seed >> 33) % (window_ns + 1), &r)) {
			ksft_print_msg("round %u failed: %s\n", i, strerror(errno));
			break;
		}
		done++;
		raced += r.raced;
		lost += !r.ok;
		if (!r.ok)
			ksft_print_msg("round %u: U lost uffd-wp (the split %s the registration)\n",
				       i, r.raced ? "overlapped" : "did not overlap");
		/* Splits aimed anywhere in a registration, as long as the last. */
		window_ns = r.register_ns;
	}
	ksft_print_msg("%u rounds, %u with the split overlapping the registration, %u lost uffd-wp\n",
		       done, raced, lost);
	ok = done == rounds && raced > 0 && lost == 0;
	if (done == rounds && raced == 0)
		ksft_print_msg("no split overlapped a registration: the race was not exercised\n");
	ksft_test_result(ok, "register-race: THPs split from rmap during registration keep uffd-wp\n");
	thp_restore_settings();
	munmap(base, thp_size + x_len);
	ksft_finished();
}
