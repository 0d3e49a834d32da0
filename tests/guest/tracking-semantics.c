// SPDX-License-Identifier: GPL-2.0
/*
 * tracking-semantics: what each write-tracking mechanism (track.h:
 * sd-pagemap, sd-scan, uffd-async) reports as written after the events that
 * decide whether CRIU's incremental dump can miss a page (issue 21).
 *
 * Each case maps fresh memory (PROT_NONE guards around it, so that it merges
 * with nothing), tracks it, writes every page, resets the tracker, does the
 * case's operations, and asserts the set of pages the mechanism reports:
 * fork() (parent and child), mremap (move), munmap and mmap at the same
 * address, MADV_DONTNEED (and a read of the discarded page), swap-out and
 * swap-in (zram: run by tracking-semantics.sh), a THP written, split
 * (debugfs split_huge_pages) and written again, MADV_COLLAPSE, a mapping
 * created after the reset (apart, and adjacent to the tracked range), a VMA
 * never registered with userfaultfd, a write by the kernel (read(2) into the
 * range), io_uring (when built), and a page long-term pinned for write
 * (gup_test, in the place of an io_uring fixed buffer or an RDMA region).
 * And over two rounds (the "two rounds" cases): whether a VMA created, moved
 * or re-created after tracking started, or the child's after fork(), is
 * still tracked after the next reset, and for uffd-async once registered
 * again (the tracker they model: above enum twice_kind).
 *
 * A case where a mechanism misses a write that happened, or reports a
 * discarded page as clean, says "known limitation" in its name: the miss is
 * what is asserted. Over-reporting (every page after mremap) is asserted as
 * well: it costs a bigger dump, not a lost page.
 *
 * The soft-dirty mechanisms skip where soft-dirty is not built.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/fs.h>

#include "folio.h"
#include "kselftest.h"
#include "mem.h"
#include "pagemap.h"
#include "sysfs.h"
#include "thp_settings.h"
#include "track.h"
#include "vm_util.h"

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25	/* glibc 2.36's headers predate it */
#endif

#define NPAGES 16	/* the base-page cases' region */
#define DEBUGFS "/sys/kernel/debug"

/* gup_test's ioctls (mm/gup_test.h, not exported to user space). */
struct pin_longterm_test {
	unsigned long long addr;
	unsigned long long size;
	unsigned int flags;
};
#define PIN_LONGTERM_TEST_START _IOW('g', 7, struct pin_longterm_test)
#define PIN_LONGTERM_TEST_STOP _IO('g', 8)
#define PIN_LONGTERM_TEST_FLAG_USE_WRITE 1

static size_t page_size, pmd_size;

/* A mapping with PROT_NONE guards of at least @align around it. */
struct region {
	char *raw;
	size_t raw_len;
	char *mem;
	size_t len;
	size_t npages;
};

static int region_new(struct region *r, size_t len, size_t align)
{
	uintptr_t start;

	r->raw_len = len + 3 * align;
	r->raw = mmap(NULL, r->raw_len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (r->raw == MAP_FAILED)
		return -1;
	start = ((uintptr_t)r->raw + 2 * align - 1) & ~(uintptr_t)(align - 1);
	r->mem = (char *)start;
	r->len = len;
	r->npages = len / page_size;
	return mprotect(r->mem, len, PROT_READ | PROT_WRITE);
}

static void region_free(struct region *r)
{
	munmap(r->raw, r->raw_len);
}

/* The reported set against the expected one: one KTAP line. */
static void __attribute__((format(printf, 5, 6)))
expect(const bool *got, const bool *want, size_t n, long count, const char *fmt, ...)
{
	size_t missed = 0, extra = 0;
	char name[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	if (count < 0) {
		ksft_print_msg("%s: collecting failed: %s\n", name, strerror(errno));
		ksft_test_result_fail("%s\n", name);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (want[i] && !got[i] && missed++ < 4)
			ksft_print_msg("%s: page %zu not reported\n", name, i);
		if (!want[i] && got[i] && extra++ < 4)
			ksft_print_msg("%s: page %zu reported\n", name, i);
	}
	if (missed || extra)
		ksft_print_msg("%s: %zu expected pages not reported, %zu reported unexpectedly (%ld reported)\n",
			       name, missed, extra, count);
	ksft_test_result(!missed && !extra, "%s\n", name);
}

static void set_all(bool *want, size_t n, bool v)
{
	for (size_t i = 0; i < n; i++)
		want[i] = v;
}

/* A case's setup: tracked memory, every page written, then a reset. */
struct scene {
	enum track_mech m;
	const char *mech;
	struct tracker t;
	struct region r;
	bool got[4096], want[4096];	/* up to a 2-PMD region of 4K pages: 1024 */
};

static bool scene_start(struct scene *s, enum track_mech m, size_t len, size_t align,
			const char *what)
{
	memset(s, 0, sizeof(*s));
	s->m = m;
	s->mech = track_mech_name(m);
	if (len / page_size > sizeof(s->got)) {
		ksft_test_result_fail("%s %s: setup: the region is too large for this test\n",
				      s->mech, what);
		return false;
	}
	if (region_new(&s->r, len, align) || track_open(&s->t, m) ||
	    track_add(&s->t, s->r.mem, len)) {
		ksft_test_result_fail("%s %s: setup: %s\n", s->mech, what, strerror(errno));
		return false;
	}
	if (align > page_size)
		madvise(s->r.mem, len, MADV_HUGEPAGE);
	touch_pages(s->r.mem, len, 1);
	if (track_reset(&s->t, s->r.mem, len)) {
		ksft_test_result_fail("%s %s: reset: %s\n", s->mech, what, strerror(errno));
		track_close(&s->t);
		region_free(&s->r);
		return false;
	}
	return true;
}

static void scene_end(struct scene *s)
{
	track_close(&s->t);
	region_free(&s->r);
}

/*
 * scene_start() over NPAGES pages, and @other, an untracked region of the
 * same length (where mremap() moves the range to, or a mapping made after the
 * reset). false after a failed KTAP line, with nothing left mapped.
 */
static bool scene_start_pair(struct scene *s, enum track_mech m, struct region *other,
			     const char *what)
{
	if (!scene_start(s, m, NPAGES * page_size, page_size, what))
		return false;
	if (region_new(other, s->r.len, page_size)) {
		ksft_test_result_fail("%s %s: setup: %s\n", s->mech, what, strerror(errno));
		scene_end(s);
		return false;
	}
	return true;
}

static long collect(struct scene *s, char *at)
{
	return track_collect(&s->t, at, s->r.npages, s->got);
}

static bool is_sd(enum track_mech m)
{
	return m != TRACK_UFFD_ASYNC;
}

static void case_write(enum track_mech m)
{
	struct scene s;
	long n;

	if (!scene_start(&s, m, NPAGES * page_size, page_size, "write"))
		return;
	s.r.mem[1 * page_size] = 2;
	s.r.mem[5 * page_size] = 2;
	n = collect(&s, s.r.mem);
	s.want[1] = s.want[5] = true;
	expect(s.got, s.want, NPAGES, n, "%s write: exactly the pages written since the reset",
	       s.mech);
	scene_end(&s);
}

/* What the child of case_fork() sends back. */
struct child_report {
	long count;
	int err;
	int check_errno;	/* uffd-async: errno of a PM_SCAN_CHECK_WPASYNC scan */
	bool got[NPAGES];
};

static void fork_child(struct scene *s, int fd)
{
	struct child_report rep = { 0 };

	s->r.mem[3 * page_size] = 3;
	if (track_reopen_pagemap(&s->t)) {
		rep.count = -1;
		rep.err = errno;
	} else {
		rep.count = track_collect(&s->t, s->r.mem, NPAGES, rep.got);
		rep.err = errno;
		if (pagemap_scan_pages(s->t.pagemap, s->r.mem, NPAGES, PM_SCAN_CHECK_WPASYNC,
				       PAGE_IS_WRITTEN, s->got) < 0)
			rep.check_errno = errno;
	}
	if (write(fd, &rep, sizeof(rep)) != sizeof(rep))
		_exit(1);
	_exit(0);
}

static void case_fork(enum track_mech m)
{
	struct child_report rep;
	struct scene s;
	int fds[2], status;
	pid_t pid;
	long n;

	if (!scene_start(&s, m, NPAGES * page_size, page_size, "fork"))
		return;
	if (pipe(fds)) {
		ksft_test_result_fail("%s fork: pipe: %s\n", s.mech, strerror(errno));
		scene_end(&s);
		return;
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		fork_child(&s, fds[1]);
	close(fds[1]);
	if (pid < 0 || read(fds[0], &rep, sizeof(rep)) != sizeof(rep) ||
	    waitpid(pid, &status, 0) != pid) {
		ksft_test_result_fail("%s fork: the child did not report\n", s.mech);
		close(fds[0]);
		scene_end(&s);
		return;
	}
	close(fds[0]);
	s.r.mem[2 * page_size] = 2;
	n = collect(&s, s.r.mem);
	s.want[2] = true;
	expect(s.got, s.want, NPAGES, n, "%s fork parent: exactly the page it wrote after fork()",
	       s.mech);
	errno = rep.err;
	if (is_sd(m)) {
		set_all(s.want, NPAGES, false);
		s.want[3] = true;
		expect(rep.got, s.want, NPAGES, rep.count,
		       "%s fork child: exactly the page it wrote (soft-dirty state inherited)", s.mech);
	} else {
		set_all(s.want, NPAGES, true);
		expect(rep.got, s.want, NPAGES, rep.count,
		       "%s fork child: every page (no fork event: the child's VMA is unregistered and its PTEs lose uffd-wp), no miss",
		       s.mech);
		ksft_test_result(rep.check_errno == EPERM,
				 "%s fork child: PM_SCAN_CHECK_WPASYNC fails with EPERM (got %s)\n",
				 s.mech, rep.check_errno ? strerror(rep.check_errno) : "success");
	}
	scene_end(&s);
}

static void case_mremap(enum track_mech m)
{
	struct region dst;
	struct scene s;
	char *moved;
	long n;

	if (!scene_start_pair(&s, m, &dst, "mremap"))
		return;
	moved = mremap(s.r.mem, s.r.len, s.r.len, MREMAP_MAYMOVE | MREMAP_FIXED, dst.mem);
	if (moved == MAP_FAILED) {
		ksft_test_result_fail("%s mremap: %s\n", s.mech, strerror(errno));
	} else {
		moved[4 * page_size] = 4;
		n = collect(&s, moved);
		set_all(s.want, NPAGES, true);
		expect(s.got, s.want, NPAGES, n,
		       "%s mremap: every moved page (%s), no miss", s.mech,
		       is_sd(m) ? "a move marks soft-dirty" :
				  "no remap event: the new VMA is unregistered, uffd-wp dropped");
	}
	region_free(&dst);
	scene_end(&s);
}

static void case_remap(enum track_mech m)
{
	struct scene s;
	long n;

	if (!scene_start(&s, m, NPAGES * page_size, page_size, "munmap+mmap"))
		return;
	if (munmap(s.r.mem, s.r.len) ||
	    mmap(s.r.mem, s.r.len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		 -1, 0) != s.r.mem) {
		ksft_test_result_fail("%s munmap+mmap: %s\n", s.mech, strerror(errno));
		scene_end(&s);
		return;
	}
	s.r.mem[4 * page_size] = 4;
	n = collect(&s, s.r.mem);
	set_all(s.want, NPAGES, true);
	expect(s.got, s.want, NPAGES, n,
	       "%s munmap+mmap at the same address: every page (%s), no miss", s.mech,
	       is_sd(m) ? "a new VMA is VM_SOFTDIRTY" : "a new VMA is unregistered");
	scene_end(&s);
}

static bool page_present(struct scene *s, size_t i)
{
	return pagemap_get_entry(s->t.pagemap, s->r.mem + i * page_size) & PM_PRESENT;
}

static void case_dontneed(enum track_mech m)
{
	volatile char *p;
	struct scene s;
	long n;

	if (!scene_start(&s, m, NPAGES * page_size, page_size, "dontneed"))
		return;
	madvise(s.r.mem + 6 * page_size, page_size, MADV_DONTNEED);
	n = collect(&s, s.r.mem);
	if (is_sd(m)) {
		expect(s.got, s.want, NPAGES, n,
		       "%s MADV_DONTNEED: the discarded page is not reported, only not present (known limitation: a discard is not a write)",
		       s.mech);
	} else {
		s.want[6] = true;
		expect(s.got, s.want, NPAGES, n,
		       "%s MADV_DONTNEED: exactly the discarded page (an empty PTE reads written)",
		       s.mech);
	}
	p = s.r.mem + 6 * page_size;
	(void)*p;
	n = collect(&s, s.r.mem);
	if (is_sd(m)) {
		bool present = page_present(&s, 6);

		if (!present)
			ksft_print_msg("%s: the page read after MADV_DONTNEED is not present\n",
				       s.mech);
		expect(s.got, s.want, NPAGES, present ? n : -1,
		       "%s MADV_DONTNEED then read: the page, now zero and present, reads clean (known limitation: its content changed)",
		       s.mech);
	} else {
		expect(s.got, s.want, NPAGES, n,
		       "%s MADV_DONTNEED then read: the page, now zero, still reads written", s.mech);
	}
	scene_end(&s);
}

static bool swap_on(char *why, size_t len)
{
	char line[256];
	FILE *f = fopen("/proc/swaps", "r");
	int lines = 0;

	while (f && fgets(line, sizeof(line), f))
		lines++;
	if (f)
		fclose(f);
	if (lines > 1)
		return true;
	snprintf(why, len, "no swap device in /proc/swaps (tracking-semantics.sh sets up zram)");
	return false;
}

static size_t count_swapped(struct scene *s)
{
	size_t n = 0;

	for (size_t i = 0; i < NPAGES; i++)
		n += pagemap_is_swapped(s->t.pagemap, s->r.mem + i * page_size);
	return n;
}

static void case_swap(enum track_mech m)
{
	struct scene s;
	char why[128];
	size_t swapped;
	long n;

	if (!swap_on(why, sizeof(why))) {
		ksft_test_result_skip("%s swap-out: %s\n", track_mech_name(m), why);
		ksft_test_result_skip("%s swap-in: %s\n", track_mech_name(m), why);
		return;
	}
	if (!scene_start(&s, m, NPAGES * page_size, page_size, "swap"))
		return;
	s.r.mem[1 * page_size] = 2;
	madvise(s.r.mem, s.r.len, MADV_PAGEOUT);
	swapped = count_swapped(&s);
	if (swapped < NPAGES) {
		ksft_test_result_fail("%s swap-out: MADV_PAGEOUT swapped out %zu of %d pages\n",
				      s.mech, swapped, NPAGES);
		scene_end(&s);
		return;
	}
	n = collect(&s, s.r.mem);
	s.want[1] = true;
	expect(s.got, s.want, NPAGES, n, "%s swap-out: exactly the page written before", s.mech);
	if (track_reset(&s.t, s.r.mem, s.r.len))
		ksft_print_msg("%s: reset of swapped-out pages: %s\n", s.mech, strerror(errno));
	s.r.mem[2 * page_size] = 3;		/* swap-in by a write */
	for (size_t i = 0; i < NPAGES; i++)	/* swap-in by reads */
		(void)*(volatile char *)(s.r.mem + i * page_size);
	n = collect(&s, s.r.mem);
	set_all(s.want, NPAGES, false);
	s.want[2] = true;
	expect(s.got, s.want, NPAGES, n,
	       "%s swap-in: after a reset of swapped-out pages, exactly the page written", s.mech);
	scene_end(&s);
}

static int split_thps(char *addr, size_t len)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "%d,%#lx,%#lx", getpid(), (unsigned long)(uintptr_t)addr,
		 (unsigned long)((uintptr_t)addr + len));
	return sysfs_write(DEBUGFS "/split_huge_pages", cmd);
}

static void case_thp(enum track_mech m)
{
	size_t pmd = pmd_size, per = pmd / page_size, total = 2 * per;
	char err[256];
	struct scene s;
	long n;

	if (folio_size_select(pmd, err, sizeof(err)) || compact_memory()) {
		ksft_test_result_fail("%s thp: %s\n", track_mech_name(m), err);
		return;
	}
	if (!scene_start(&s, m, 2 * pmd, pmd, "thp"))
		return;
	if (folio_check(s.r.mem, s.r.len, pmd, err, sizeof(err))) {
		ksft_test_result_skip("%s thp write: no PMD-size THPs: %s\n", s.mech, err);
		ksft_test_result_skip("%s thp split: no PMD-size THPs\n", s.mech);
		ksft_test_result_skip("%s thp write after split: no PMD-size THPs\n", s.mech);
		scene_end(&s);
		return;
	}
	s.r.mem[7 * page_size] = 2;
	n = collect(&s, s.r.mem);
	if (is_sd(m)) {
		for (size_t i = 0; i < per; i++)
			s.want[i] = true;
		expect(s.got, s.want, total, n,
		       "%s thp write: every page of the written THP (one PMD entry)", s.mech);
	} else {
		s.want[7] = true;
		expect(s.got, s.want, total, n,
		       "%s thp write: exactly the page written (the write-protect fault splits the PMD)",
		       s.mech);
	}
	if (split_thps(s.r.mem, s.r.len)) {
		ksft_test_result_fail("%s thp split: split_huge_pages: %s\n", s.mech,
				      strerror(errno));
	} else {
		n = collect(&s, s.r.mem);
		expect(s.got, s.want, total, n,
		       "%s thp split: the split keeps what was written, and nothing more", s.mech);
	}
	s.r.mem[(per + 9) * page_size] = 2;
	n = collect(&s, s.r.mem);
	s.want[per + 9] = true;
	expect(s.got, s.want, total, n, "%s thp write after split: one more page, that one",
	       s.mech);
	scene_end(&s);
}

static void case_collapse(enum track_mech m)
{
	size_t pmd = pmd_size, per = pmd / page_size;
	char err[256];
	struct scene s;
	int rc, e;
	long n;

	if (folio_size_select(page_size, err, sizeof(err))) {
		ksft_test_result_fail("%s collapse: %s\n", track_mech_name(m), err);
		return;
	}
	if (!scene_start(&s, m, pmd, pmd, "collapse"))
		return;
	s.r.mem[3 * page_size] = 2;
	if (compact_memory())
		ksft_print_msg("compact_memory: %s\n", strerror(errno));
	rc = madvise(s.r.mem, s.r.len, MADV_COLLAPSE);
	e = errno;
	n = collect(&s, s.r.mem);
	if (is_sd(m)) {
		if (rc)
			ksft_print_msg("%s: MADV_COLLAPSE: %s\n", s.mech, strerror(e));
		set_all(s.want, per, true);
		expect(s.got, s.want, per, rc ? -1 : n,
		       "%s collapse: MADV_COLLAPSE succeeds and the new THP reads all written, no miss",
		       s.mech);
	} else {
		s.want[3] = true;
		if (!rc)
			ksft_print_msg("%s: MADV_COLLAPSE succeeded\n", s.mech);
		expect(s.got, s.want, per, rc ? n : -1,
		       "%s collapse: MADV_COLLAPSE refused (write-protected PTEs), exactly the page written",
		       s.mech);
	}
	scene_end(&s);
}

static void case_new_mapping(enum track_mech m)
{
	struct region fresh;
	struct scene s;
	char *adj;
	long n;

	if (!scene_start_pair(&s, m, &fresh, "new mapping"))
		return;
	fresh.mem[0] = 1;
	n = track_collect(&s.t, fresh.mem, NPAGES, s.got);
	set_all(s.want, NPAGES, true);
	expect(s.got, s.want, NPAGES, n,
	       "%s new mapping after the reset: every page (%s), no miss", s.mech,
	       is_sd(m) ? "a new VMA is VM_SOFTDIRTY" : "unregistered: no uffd-wp");
	region_free(&fresh);

	/* A mapping in the guard right after the tracked range. */
	adj = mmap(s.r.mem + s.r.len, page_size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (adj == MAP_FAILED) {
		ksft_test_result_fail("%s adjacent mapping: %s\n", s.mech, strerror(errno));
		scene_end(&s);
		return;
	}
	n = collect(&s, s.r.mem);
	set_all(s.want, NPAGES, is_sd(m));
	expect(s.got, s.want, NPAGES, n,
	       "%s new mapping adjacent to the tracked range: %s", s.mech,
	       is_sd(m) ? "it merges, and every tracked page reads soft-dirty (over-report)" :
			  "no merge, the tracked range stays clean");
	scene_end(&s);
}

static void case_unregistered(enum track_mech m)
{
	struct region u;
	struct tracker t;
	bool got[NPAGES], want[NPAGES] = { false };
	long n;

	if (region_new(&u, NPAGES * page_size, page_size) || track_open(&t, m)) {
		ksft_test_result_fail("%s unregistered VMA: setup: %s\n", track_mech_name(m),
				      strerror(errno));
		return;
	}
	touch_pages(u.mem, u.len, 1);
	if (is_sd(m)) {
		if (track_reset(&t, u.mem, u.len))
			ksft_print_msg("reset: %s\n", strerror(errno));
		u.mem[2 * page_size] = 2;
		n = track_collect(&t, u.mem, NPAGES, got);
		want[2] = true;
		expect(got, want, NPAGES, n,
		       "%s VMA never registered: soft-dirty needs no registration, exactly the page written",
		       track_mech_name(m));
	} else {
		int rc = track_reset(&t, u.mem, u.len), e = errno;

		ksft_test_result(rc && e == EPERM,
				 "%s VMA never registered: a PM_SCAN_CHECK_WPASYNC reset fails with EPERM (got %s)\n",
				 track_mech_name(m), rc ? strerror(e) : "success");
		n = pagemap_scan_pages(t.pagemap, u.mem, NPAGES, PM_SCAN_WP_MATCHING,
				       PAGE_IS_WRITTEN, NULL);
		u.mem[2 * page_size] = 2;
		n = n < 0 ? n : pagemap_scan_pages(t.pagemap, u.mem, NPAGES, PM_SCAN_WP_MATCHING,
						   PAGE_IS_WRITTEN, got);
		expect(got, want, NPAGES, n,
		       "%s VMA never registered: a PM_SCAN_WP_MATCHING scan skips it silently, the page written is not reported (known limitation: only registered VMAs are tracked)",
		       track_mech_name(m));
		n = track_collect(&t, u.mem, NPAGES, got);
		set_all(want, NPAGES, true);
		expect(got, want, NPAGES, n,
		       "%s VMA never registered: a scan without write-protection reports every page",
		       track_mech_name(m));
	}
	track_close(&t);
	region_free(&u);
}

/*
 * Two rounds: does a VMA that came up after tracking started stay tracked
 * into the next round? A new mapping, a move by mremap, a munmap and mmap at
 * the same address, and the child's copy after fork() (as in the cases above,
 * each comes up without uffd-wp: no userfaultfd events are asked for).
 *
 * Round 1: the scene's range tracked and reset; the event; page 4 written
 * (in a new or re-created mapping every page); round 1's collection. Round
 * 2: the mechanism's reset, pages 2 and 9 written, round 2's collection.
 *
 * The tracker modelled is CRIU's pre-dump loop, the tracked process frozen
 * while it collects and resets: it reads the VMA list again every round (CRIU
 * parses smaps every time), so it knows the new VMA's range, and works over
 * every VMA it lists.
 * - Soft-dirty: the reset is clear_refs "4", process-wide; the collection a
 *   read of pagemap or PAGEMAP_SCAN (PAGE_IS_SOFT_DIRTY). Nothing to
 *   register.
 * - Async uffd-wp: a round's collection is also the next round's reset, one
 *   PAGEMAP_SCAN with PM_SCAN_WP_MATCHING over PAGE_IS_WRITTEN (report the
 *   written pages and write-protect them at once, what the flag is for; a
 *   collection apart from the reset would lose the writes in between once
 *   the process runs on). Without PM_SCAN_CHECK_WPASYNC, as a scan over the
 *   whole address space has to be made: the check fails on any VMA not
 *   registered (the vDSO's among them). pagemap_scan_test_walk() decides per
 *   VMA, so a scan of the VMA's own range treats it as the whole-space scan
 *   does. Asserted besides: that a checked reset (track_reset()) fails on the
 *   VMA, and what a scan that does not write-protect (track_collect(), the
 *   collection of the single-round cases) reports.
 * Re-registered (async uffd-wp only): the tracker registers the VMA at its
 * new place at the end of round 1, before the scan that collects round 1 and
 * resets for round 2; with its own userfaultfd for a new or moved VMA (it
 * learns of the VMA from the list, or from UFFD_EVENT_REMAP), with one it
 * opens in the child after fork() (a userfaultfd registers ranges of the
 * address space it was opened in; UFFD_EVENT_FORK would hand it one).
 */
enum twice_kind { TWICE_NEW, TWICE_MREMAP, TWICE_REMAP, TWICE_FORK };

static const char *const twice_names[] = {
	[TWICE_NEW] = "new mapping",
	[TWICE_MREMAP] = "mremap",
	[TWICE_REMAP] = "munmap+mmap",
	[TWICE_FORK] = "fork child",
};

/* The results of the two rounds; in a pipe from the child after fork(). */
struct twice_report {
	int setup_err;		/* errno of a failed step before the rounds */
	int check_errno;	/* uffd-async: errno of round 2's checked reset */
	long n[4];		/* each collection's count, -1 when it failed */
	int err[4];		/* and then its errno */
	bool got[4][NPAGES];
};

/* The tracker's scan, which collects a round and resets for the next. */
static long twice_scan(struct twice_report *rep, int i, struct tracker *t, char *at,
		       unsigned long long flags)
{
	rep->n[i] = pagemap_scan_pages(t->pagemap, at, NPAGES, flags, PAGE_IS_WRITTEN,
				       rep->got[i]);
	rep->err[i] = rep->n[i] < 0 ? errno : 0;
	return rep->n[i];
}

static void twice_collect(struct twice_report *rep, int i, struct tracker *t, char *at)
{
	rep->n[i] = track_collect(t, at, NPAGES, rep->got[i]);
	rep->err[i] = rep->n[i] < 0 ? errno : 0;
}

static void twice_write(char *at)
{
	at[2 * page_size] = 2;
	at[9 * page_size] = 2;
}

/* The two rounds over the VMA at @at, in the process that has it. */
static void twice_rounds(struct tracker *t, char *at, bool reregister, struct twice_report *rep)
{
	size_t len = NPAGES * page_size;

	at[4 * page_size] = 4;
	if (is_sd(t->mech)) {
		twice_collect(rep, 0, t, at);
		track_reset(t, at, len);	/* clear_refs: exits on failure */
		twice_write(at);
		twice_collect(rep, 1, t, at);
	} else if (!reregister) {
		twice_collect(rep, 0, t, at);
		rep->check_errno = track_reset(t, at, len) ? errno : 0;
		twice_scan(rep, 1, t, at, PM_SCAN_WP_MATCHING);
		twice_write(at);
		twice_collect(rep, 2, t, at);
		twice_scan(rep, 3, t, at, PM_SCAN_WP_MATCHING);
	} else if (track_add(t, at, len)) {
		rep->setup_err = errno;
	} else {
		twice_scan(rep, 0, t, at, PM_SCAN_WP_MATCHING | PM_SCAN_CHECK_WPASYNC);
		twice_write(at);
		twice_collect(rep, 1, t, at);
		twice_scan(rep, 2, t, at, PM_SCAN_WP_MATCHING | PM_SCAN_CHECK_WPASYNC);
	}
}

/* The rounds in a child of the scene's process; 0, or -1 when it did not report. */
static int twice_fork(struct scene *s, bool reregister, struct twice_report *rep)
{
	int fds[2], status, ok;
	pid_t pid;

	if (pipe(fds))
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct tracker own, *t = &s->t;

		close(fds[0]);
		if (reregister ? track_open(&own, s->m) : track_reopen_pagemap(&s->t))
			rep->setup_err = errno;
		else
			twice_rounds(reregister ? &own : t, s->r.mem, reregister, rep);
		if (write(fds[1], rep, sizeof(*rep)) != sizeof(*rep))
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	ok = pid > 0 && read(fds[0], rep, sizeof(*rep)) == sizeof(*rep) &&
	     waitpid(pid, &status, 0) == pid;
	close(fds[0]);
	return ok ? 0 : -1;
}

static void __attribute__((format(printf, 4, 5)))
twice_expect(struct twice_report *rep, int i, const bool *want, const char *fmt, ...)
{
	char name[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	errno = rep->err[i];
	expect(rep->got[i], want, NPAGES, rep->n[i], "%s", name);
}

/* The results twice_case() reports for @m, re-registered or not. */
static unsigned int twice_results(enum track_mech m, bool reregister)
{
	return is_sd(m) ? 2 : reregister ? 3 : 5;
}

static void twice_report_print(struct scene *s, enum twice_kind kind, bool reregister,
			       struct twice_report *rep)
{
	const char *mech = s->mech, *what = twice_names[kind];
	bool *want = s->want;

	if (is_sd(s->m)) {
		set_all(want, NPAGES, kind != TWICE_FORK);
		want[4] = true;
		twice_expect(rep, 0, want, "%s two rounds, %s: round 1 reports %s, no miss", mech,
			     what, kind == TWICE_FORK ? "exactly the page written" : "every page");
		set_all(want, NPAGES, false);
		want[2] = want[9] = true;
		twice_expect(rep, 1, want,
			     "%s two rounds, %s: round 2, after clear_refs, exactly the pages written (tracked on, nothing to register)",
			     mech, what);
	} else if (!reregister) {
		set_all(want, NPAGES, true);
		twice_expect(rep, 0, want,
			     "%s two rounds, %s: round 1, a scan that does not write-protect reports every page (no uffd-wp), no miss",
			     mech, what);
		set_all(want, NPAGES, false);
		twice_expect(rep, 1, want,
			     "%s two rounds, %s: round 1, the tracker's PM_SCAN_WP_MATCHING scan skips the unregistered VMA silently, the page written is not reported (known limitation)",
			     mech, what);
		ksft_test_result(rep->check_errno == EPERM,
				 "%s two rounds, %s: round 2's reset with PM_SCAN_CHECK_WPASYNC fails with EPERM (got %s)\n",
				 mech, what, rep->check_errno ? strerror(rep->check_errno) : "success");
		set_all(want, NPAGES, true);
		twice_expect(rep, 2, want,
			     "%s two rounds, %s: round 2, a scan that does not write-protect reports every page again (over-report), no miss",
			     mech, what);
		set_all(want, NPAGES, false);
		twice_expect(rep, 3, want,
			     "%s two rounds, %s: round 2, the tracker's PM_SCAN_WP_MATCHING scan reports none of the pages written (known limitation: lost until registered)",
			     mech, what);
	} else {
		set_all(want, NPAGES, true);
		twice_expect(rep, 0, want,
			     "%s two rounds, %s re-registered: round 1, the tracker's checked PM_SCAN_WP_MATCHING scan reports every page, no miss",
			     mech, what);
		set_all(want, NPAGES, false);
		want[2] = want[9] = true;
		twice_expect(rep, 1, want,
			     "%s two rounds, %s re-registered: round 2, a scan that does not write-protect reports exactly the pages written",
			     mech, what);
		twice_expect(rep, 2, want,
			     "%s two rounds, %s re-registered: round 2, the tracker's scan reports exactly the pages written",
			     mech, what);
	}
}

static void twice_case(enum track_mech m, enum twice_kind kind, bool reregister)
{
	bool pair = kind == TWICE_NEW || kind == TWICE_MREMAP;
	const char *what = twice_names[kind], *failed = NULL;
	struct twice_report rep = { 0 };
	struct region other = { 0 };
	char *at = MAP_FAILED;
	struct scene s;
	char label[64];

	snprintf(label, sizeof(label), "two rounds, %s", what);
	if (pair ? !scene_start_pair(&s, m, &other, label) :
		   !scene_start(&s, m, NPAGES * page_size, page_size, label))
		return;
	switch (kind) {
	case TWICE_NEW:
		at = other.mem;
		touch_pages(at, s.r.len, 1);
		break;
	case TWICE_MREMAP:
		at = mremap(s.r.mem, s.r.len, s.r.len, MREMAP_MAYMOVE | MREMAP_FIXED, other.mem);
		break;
	case TWICE_REMAP:
		if (!munmap(s.r.mem, s.r.len))
			at = mmap(s.r.mem, s.r.len, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		if (at != MAP_FAILED)
			touch_pages(at, s.r.len, 1);
		break;
	case TWICE_FORK:
		at = s.r.mem;
		if (twice_fork(&s, reregister, &rep))
			failed = "the child did not report";
		break;
	}
	if (at == MAP_FAILED)
		failed = strerror(errno);
	else if (kind != TWICE_FORK)
		twice_rounds(&s.t, at, reregister, &rep);
	if (!failed && rep.setup_err)
		failed = strerror(rep.setup_err);
	if (failed) {
		for (unsigned int i = 0; i < twice_results(m, reregister); i++)
			ksft_test_result_fail("%s %s%s: setup: %s\n", s.mech, label,
					      reregister ? " re-registered" : "", failed);
	} else {
		twice_report_print(&s, kind, reregister, &rep);
	}
	if (pair)
		region_free(&other);
	scene_end(&s);
}

/* Each kind without re-registering, and for uffd-async with it. */
static void twice_kind_run(enum track_mech m, enum twice_kind kind)
{
	twice_case(m, kind, false);
	if (!is_sd(m))
		twice_case(m, kind, true);
}

static void case_twice_new(enum track_mech m)
{
	twice_kind_run(m, TWICE_NEW);
}

static void case_twice_mremap(enum track_mech m)
{
	twice_kind_run(m, TWICE_MREMAP);
}

static void case_twice_remap(enum track_mech m)
{
	twice_kind_run(m, TWICE_REMAP);
}

static void case_twice_fork(enum track_mech m)
{
	twice_kind_run(m, TWICE_FORK);
}

static void case_kernel_write(enum track_mech m)
{
	struct scene s;
	int fd;
	long n;

	if (!scene_start(&s, m, NPAGES * page_size, page_size, "read(2)"))
		return;
	fd = memfd_create("tracking-semantics", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, (off_t)page_size) ||
	    pread(fd, s.r.mem + 5 * page_size, page_size, 0) != (ssize_t)page_size) {
		ksft_test_result_fail("%s read(2): %s\n", s.mech, strerror(errno));
	} else {
		n = collect(&s, s.r.mem);
		s.want[5] = true;
		expect(s.got, s.want, NPAGES, n,
		       "%s read(2) into the range: exactly the page the kernel wrote", s.mech);
	}
	if (fd >= 0)
		close(fd);
	scene_end(&s);
}

/*
 * Shared memory (shmem, a memfd mapped MAP_SHARED twice): a write through
 * the tracked mapping is reported; a write to the same file page through
 * another mapping (another process's, in CRIU's case) is not, by either
 * mechanism: both track a mapping's entries, not the file's pages. CRIU
 * dumps shared memory whole for that reason.
 */
static void case_shmem(enum track_mech m)
{
	const char *mech = track_mech_name(m);
	size_t len = NPAGES * page_size;
	bool got[NPAGES], want[NPAGES] = { false };
	struct tracker t;
	char *tracked = MAP_FAILED, *other = MAP_FAILED;
	int fd = memfd_create("tracking-semantics-shmem", MFD_CLOEXEC);
	long n;

	if (fd < 0 || ftruncate(fd, (off_t)len)) {
		ksft_test_result_fail("%s shmem: setup: %s\n", mech, strerror(errno));
		goto out_fd;
	}
	tracked = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	other = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (tracked == MAP_FAILED || other == MAP_FAILED || track_open(&t, m)) {
		ksft_test_result_fail("%s shmem: setup: %s\n", mech, strerror(errno));
		goto out_map;
	}
	touch_pages(tracked, len, 1);
	if (track_add(&t, tracked, len) || track_reset(&t, tracked, len)) {
		ksft_test_result_fail("%s shmem: reset: %s\n", mech, strerror(errno));
		goto out_track;
	}
	tracked[3 * page_size] = 2;
	other[6 * page_size] = 2;
	n = track_collect(&t, tracked, NPAGES, got);
	want[3] = true;
	expect(got, want, NPAGES, n,
	       "%s shmem: a write through the tracked mapping is reported, one through another mapping of the same page is not (known limitation of both)",
	       mech);
out_track:
	track_close(&t);
out_map:
	if (tracked != MAP_FAILED)
		munmap(tracked, len);
	if (other != MAP_FAILED)
		munmap(other, len);
out_fd:
	if (fd >= 0)
		close(fd);
}

static void case_io_uring(enum track_mech m)
{
	long rc = syscall(__NR_io_uring_setup, 1, NULL);

	if (rc < 0 && errno == ENOSYS)
		ksft_test_result_skip("%s io_uring write: io_uring is not built (CONFIG_IO_URING=n)\n",
				      track_mech_name(m));
	else
		ksft_test_result_skip("%s io_uring write: io_uring is built but this case is not written\n",
				      track_mech_name(m));
}

static int gup_test_open(void)
{
	int fd = open(DEBUGFS "/gup_test", O_RDWR | O_CLOEXEC);

	if (fd < 0 && errno == ENOENT && !mount("debugfs", DEBUGFS, "debugfs", 0, NULL))
		fd = open(DEBUGFS "/gup_test", O_RDWR | O_CLOEXEC);
	return fd;
}

static void case_pinned(enum track_mech m)
{
	struct pin_longterm_test pin = { .size = 0, .flags = PIN_LONGTERM_TEST_FLAG_USE_WRITE };
	struct scene s;
	int fd = gup_test_open();
	long n;

	if (fd < 0) {
		ksft_test_result_skip("%s long-term pin: no %s/gup_test: %s\n", track_mech_name(m),
				      DEBUGFS, strerror(errno));
		return;
	}
	if (!scene_start(&s, m, NPAGES * page_size, page_size, "long-term pin")) {
		close(fd);
		return;
	}
	pin.addr = (uintptr_t)(s.r.mem + 8 * page_size);
	pin.size = page_size;
	if (ioctl(fd, PIN_LONGTERM_TEST_START, &pin) ||
	    track_reset(&s.t, s.r.mem, s.r.len)) {
		ksft_test_result_fail("%s long-term pin: %s\n", s.mech, strerror(errno));
	} else {
		n = collect(&s, s.r.mem);
		if (is_sd(m)) {
			s.want[8] = true;
			expect(s.got, s.want, NPAGES, n,
			       "%s long-term pin for write: clear_refs leaves the pinned page soft-dirty (writes through the pin are not seen), no miss",
			       s.mech);
		} else {
			expect(s.got, s.want, NPAGES, n,
			       "%s long-term pin for write: the reset write-protects the pinned page, a write through the pin would not be reported (known limitation)",
			       s.mech);
		}
		ioctl(fd, PIN_LONGTERM_TEST_STOP);
	}
	close(fd);
	scene_end(&s);
}

/*
 * The cases in the order they run, with the number of results each reports
 * for a soft-dirty mechanism and for uffd-async: the plan adds them up.
 */
static const struct {
	void (*run)(enum track_mech m);
	unsigned int sd_results, uffd_results;
} cases[] = {
	{ case_write, 1, 1 },
	{ case_fork, 2, 3 },
	{ case_mremap, 1, 1 },
	{ case_remap, 1, 1 },
	{ case_dontneed, 2, 2 },
	{ case_swap, 2, 2 },
	{ case_new_mapping, 2, 2 },
	{ case_unregistered, 1, 3 },
	{ case_twice_new, 2, 8 },
	{ case_twice_mremap, 2, 8 },
	{ case_twice_remap, 2, 8 },
	{ case_twice_fork, 2, 8 },
	{ case_kernel_write, 1, 1 },
	{ case_shmem, 1, 1 },
	{ case_io_uring, 1, 1 },
	{ case_pinned, 1, 1 },
	{ case_thp, 3, 3 },
	{ case_collapse, 1, 1 },
};

/* The results run_mechanism() reports for @m: one skip where it is not available. */
static unsigned int mechanism_results(enum track_mech m, bool available)
{
	unsigned int n = 0;

	if (!available)
		return 1;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		if (is_sd(m))
			n += cases[i].sd_results;
		else
			n += cases[i].uffd_results;
	}
	return n;
}

static void run_mechanism(enum track_mech m, bool available, const char *why)
{
	char err[256];

	if (!available) {
		ksft_test_result_skip("%s: %s\n", track_mech_name(m), why);
		return;
	}
	if (folio_size_select(page_size, err, sizeof(err))) {
		ksft_test_result_fail("%s: %s\n", track_mech_name(m), err);
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		cases[i].run(m);
	folio_size_select(page_size, err, sizeof(err));
}

int main(int argc, char **argv)
{
	enum track_mech only = TRACK_MECH_COUNT;
	bool available[TRACK_MECH_COUNT] = { false };
	char why[TRACK_MECH_COUNT][160];
	unsigned int plan = 0;

	if (argc > 2 || (argc == 2 && track_mech_parse(argv[1], &only))) {
		fprintf(stderr, "usage: tracking-semantics [sd-pagemap|sd-scan|uffd-async]\n");
		return 2;
	}
	ksft_print_header();
	page_size = (size_t)getpagesize();
	pmd_size = folio_pmd_size();
	for (int m = 0; m < TRACK_MECH_COUNT; m++) {
		if (only != TRACK_MECH_COUNT && only != (enum track_mech)m)
			continue;
		available[m] = track_mech_available((enum track_mech)m, why[m], sizeof(why[m]));
		plan += mechanism_results((enum track_mech)m, available[m]);
	}
	ksft_set_plan(plan);
	thp_save_settings();
	for (int m = 0; m < TRACK_MECH_COUNT; m++)
		if (only == TRACK_MECH_COUNT || only == (enum track_mech)m)
			run_mechanism((enum track_mech)m, available[m], why[m]);
	thp_restore_settings();
	ksft_finished();
}
