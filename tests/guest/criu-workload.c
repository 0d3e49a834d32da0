// SPDX-License-Identifier: GPL-2.0
/*
 * criu-workload: a process tree with a known memory history, for CRIU's
 * iterative migration (tests/guest/criu-suite.sh, issue 17).
 *
 *   criu-workload --dir DIR [--mib N] [--seed S]
 *
 * Maps N MiB (default 4) of private anonymous memory in folios of the base
 * page size, of the contpte size and of the PMD size (4K, 64K, 2M at 4K
 * pages), and N MiB of shared anonymous memory, fills every page, then
 * fork()s a child that shares all of it (the private regions copy-on-write,
 * the shared one really shared). Both then poll DIR/cmd every 20 ms and
 * carry out each new command once:
 *
 *   SEQ write K   write round K: a seeded set of pages of each region, the
 *                 set known from (seed, K, process, region); in the shared
 *                 region the parent writes even pages, the child odd ones.
 *                 Each process writes DIR/round.ROLE.K: "exact P" (distinct
 *                 private pages written), "max Q" (P, but every page of a
 *                 PMD-size folio written counted as the whole folio:
 *                 soft-dirty there is per mapping entry), "shared S".
 *                 DIR/round.ROLE.0 is the setup: every private page.
 *   SEQ sums TAG  DIR/sums.ROLE.TAG: one line per page, "region page
 *                 checksum" (FNV-1a over the page), then "total" over all.
 *   SEQ exit      the child exits, the parent reaps it and exits.
 *
 * and acknowledge it in DIR/ack.ROLE (the SEQ), ROLE being parent or child.
 * DIR/pid holds the parent's pid once both are ready. No file stays open
 * between commands (CRIU dumps and restores the tree between any two), and
 * the parent makes itself a session leader so the tree is dumped alone.
 * Errors go to stderr and to DIR/error.ROLE.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "folio.h"
#include "mem.h"
#include "thp_settings.h"

enum { REG_BASE, REG_CONTPTE, REG_PMD, REG_SHARED, NR_REGIONS };
static const char *const region_names[NR_REGIONS] = { "base", "contpte", "pmd", "shared" };

struct region {
	unsigned char *mem;
	size_t bytes;
	size_t folio;
};

static struct region regions[NR_REGIONS];
static const char *dir;
static const char *role = "parent";
static uint64_t seed = 1;
static size_t page_size;

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void fail(const char *fmt, ...)
{
	char path[512], msg[512];
	va_list ap;
	FILE *f;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "criu-workload (%s): %s\n", role, msg);
	snprintf(path, sizeof(path), "%s/error.%s", dir ? dir : "/tmp", role);
	f = fopen(path, "w");
	if (f) {
		fprintf(f, "%s\n", msg);
		fclose(f);
	}
	exit(1);
}

static void usage(const char *why)
{
	fprintf(stderr, "criu-workload: %s\nusage: criu-workload --dir DIR [--mib N] [--seed S]\n", why);
	exit(2);
}

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= UINT64_C(0xff51afd7ed558ccd);
	x ^= x >> 33;
	x *= UINT64_C(0xc4ceb9fe1a85ec53);
	return x ^ (x >> 33);
}

static uint64_t hash4(uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
	return mix(mix(mix(mix(seed ^ a) ^ b) ^ c) ^ d);
}

/* Replaces DIR/NAME with TEXT (written beside it, then renamed). */
static void put_file(const char *name, const char *text)
{
	char path[512], tmp[520];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f || fputs(text, f) == EOF || fclose(f) || rename(tmp, path))
		fail("cannot write %s: %s", path, strerror(errno));
}

static void fill_page(unsigned char *p, uint64_t value)
{
	uint64_t *w = (uint64_t *)p;

	for (size_t i = 0; i < page_size / sizeof(*w); i++)
		w[i] = mix(value + i);
}

static void map_private(int r, size_t bytes, size_t folio)
{
	char err[256];

	if (folio_size_select(folio, err, sizeof(err)))
		fail("%s region: %s", region_names[r], err);
	regions[r].mem = map_anon_aligned(bytes, folio_pmd_size());
	if (!regions[r].mem)
		fail("cannot map %zu bytes: %s", bytes, strerror(errno));
	regions[r].bytes = bytes;
	regions[r].folio = folio;
	for (size_t off = 0; off < bytes; off += page_size)
		fill_page(regions[r].mem + off, hash4(0, (uint64_t)r, off, 0));
	if (folio_check(regions[r].mem, bytes, folio, err, sizeof(err)))
		fail("%s region: %s", region_names[r], err);
	/*
	 * khugepaged would collapse the smaller folios into PMD-size ones
	 * between two dumps: a new folio, soft-dirty whole, which CRIU then
	 * copies again. Keep the folio sizes as mapped, so that what a dump
	 * writes follows from the writes alone.
	 */
	if (folio != folio_pmd_size() && madvise(regions[r].mem, bytes, MADV_NOHUGEPAGE))
		fail("%s region: madvise(MADV_NOHUGEPAGE): %s", region_names[r], strerror(errno));
}

static void setup(size_t bytes)
{
	unsigned char *shared;

	thp_save_settings();
	map_private(REG_BASE, bytes, page_size);
	map_private(REG_CONTPTE, bytes, folio_contpte_size());
	map_private(REG_PMD, bytes, folio_pmd_size());
	thp_restore_settings();
	shared = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED)
		fail("cannot map %zu shared bytes: %s", bytes, strerror(errno));
	regions[REG_SHARED] = (struct region){ shared, bytes, page_size };
	for (size_t off = 0; off < bytes; off += page_size)
		fill_page(shared + off, hash4(0, REG_SHARED, off, 0));
}

/*
 * Is page i of region r written in round k by this process? About one page
 * in eight of the base and contpte regions; in the PMD region one page in
 * about a third of the PMD-size folios (so most folios stay clean); in the
 * shared region one page in four of this process's half.
 */
static bool in_round(int r, size_t i, unsigned int k)
{
	uint64_t who = strcmp(role, "parent") == 0 ? 1 : 2;
	size_t per_folio = regions[r].folio / page_size;

	switch (r) {
	case REG_PMD:
		return hash4(k, who, (uint64_t)r, i / per_folio) % 3 == 0 &&
		       i % per_folio == hash4(k, who, 7, i / per_folio) % per_folio;
	case REG_SHARED:
		return i % 2 == who - 1 && hash4(k, who, (uint64_t)r, i) % 4 == 0;
	default:
		return hash4(k, who, (uint64_t)r, i) % 8 == 0;
	}
}

static void write_round(unsigned int k)
{
	uint64_t who = strcmp(role, "parent") == 0 ? 1 : 2;
	size_t exact = 0, max = 0, shared = 0;
	char name[64], text[128];

	for (int r = 0; r < NR_REGIONS; r++) {
		size_t npages = regions[r].bytes / page_size;
		size_t per_folio = regions[r].folio / page_size;

		for (size_t i = 0; i < npages; i++) {
			if (!in_round(r, i, k))
				continue;
			fill_page(regions[r].mem + i * page_size, hash4(k, who, (uint64_t)r, i) + 1);
			if (r == REG_SHARED) {
				shared++;
				continue;
			}
			exact++;
			max += r == REG_PMD ? per_folio : 1;
		}
	}
	snprintf(name, sizeof(name), "round.%s.%u", role, k);
	snprintf(text, sizeof(text), "exact %zu\nmax %zu\nshared %zu\n", exact, max, shared);
	put_file(name, text);
}

/* DIR/round.ROLE.0: round 0 is the setup, every private page written. */
static void write_setup_round(void)
{
	size_t pages = 0;
	char name[64], text[128];

	for (int r = 0; r < NR_REGIONS; r++)
		if (r != REG_SHARED)
			pages += regions[r].bytes / page_size;
	snprintf(name, sizeof(name), "round.%s.0", role);
	snprintf(text, sizeof(text), "exact %zu\nmax %zu\nshared %zu\n", pages, pages,
		 regions[REG_SHARED].bytes / page_size);
	put_file(name, text);
}

static uint64_t fnv1a(const unsigned char *p, size_t len)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * UINT64_C(0x100000001b3);
	return h;
}

static void write_sums(const char *tag)
{
	char path[512], tmp[520];
	uint64_t total = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/sums.%s.%s", dir, role, tag);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f)
		fail("cannot write %s: %s", tmp, strerror(errno));
	for (int r = 0; r < NR_REGIONS; r++) {
		for (size_t off = 0; off < regions[r].bytes; off += page_size) {
			uint64_t h = fnv1a(regions[r].mem + off, page_size);

			total = mix(total ^ h);
			fprintf(f, "%s %zu %016llx\n", region_names[r], off / page_size,
				(unsigned long long)h);
		}
	}
	fprintf(f, "total %016llx\n", (unsigned long long)total);
	if (fclose(f) || rename(tmp, path))
		fail("cannot write %s: %s", path, strerror(errno));
}

/* The command in DIR/cmd: 1 with its fields when there is one. */
static int read_command(unsigned long *seq, char *verb, size_t verb_len, char *arg, size_t arg_len)
{
	char path[512], line[256], fmt[32];
	FILE *f;
	int n;

	snprintf(path, sizeof(path), "%s/cmd", dir);
	f = fopen(path, "r");
	if (!f)
		return 0;
	n = fgets(line, sizeof(line), f) ? 1 : 0;
	fclose(f);
	if (!n)
		return 0;
	snprintf(fmt, sizeof(fmt), "%%lu %%%zus %%%zus", verb_len - 1, arg_len - 1);
	arg[0] = '\0';
	return sscanf(line, fmt, seq, verb, arg) >= 2;
}

static void serve(pid_t child)
{
	unsigned long last = 0, seq;
	char verb[16], arg[64], name[32], text[32];
	const struct timespec tick = { 0, 20 * 1000 * 1000 };

	for (;;) {
		nanosleep(&tick, NULL);
		if (!read_command(&seq, verb, sizeof(verb), arg, sizeof(arg)) || seq <= last)
			continue;
		last = seq;
		if (strcmp(verb, "write") == 0) {
			char *end;
			unsigned long k = strtoul(arg, &end, 10);

			if (*end || end == arg || k == 0)
				fail("command %lu: write needs a round number from 1, not '%s'", seq, arg);
			write_round((unsigned int)k);
		} else if (strcmp(verb, "sums") == 0) {
			if (!arg[0] || strchr(arg, '/'))
				fail("command %lu: sums needs a tag (no '/'), not '%s'", seq, arg);
			write_sums(arg);
		} else if (strcmp(verb, "exit") == 0) {
			if (child > 0 && waitpid(child, NULL, 0) != child)
				fail("cannot reap the child %d: %s", (int)child, strerror(errno));
			exit(0);
		} else {
			fail("command %lu: unknown verb '%s'; valid: write K, sums TAG, exit", seq, verb);
		}
		snprintf(name, sizeof(name), "ack.%s", role);
		snprintf(text, sizeof(text), "%lu\n", seq);
		put_file(name, text);
	}
}

int main(int argc, char **argv)
{
	size_t mib = 4;
	char text[32];
	pid_t child;

	page_size = (size_t)getpagesize();
	for (int i = 1; i < argc; i++) {
		char *end;

		if (i + 1 >= argc)
			usage("every option takes a value");
		if (strcmp(argv[i], "--dir") == 0) {
			dir = argv[++i];
		} else if (strcmp(argv[i], "--mib") == 0) {
			mib = strtoul(argv[++i], &end, 10);
			if (*end || mib == 0 || mib > 1024)
				usage("--mib takes a number of MiB from 1 to 1024");
		} else if (strcmp(argv[i], "--seed") == 0) {
			seed = strtoull(argv[++i], &end, 10);
			if (*end || argv[i][0] == '\0')
				usage("--seed takes a number");
		} else {
			usage("unknown option; valid: --dir DIR, --mib N, --seed S");
		}
	}
	if (!dir)
		usage("--dir DIR is required (commands are read from DIR/cmd)");
	if (access(dir, W_OK))
		usage("--dir must name a writable directory");
	/* Whole PMD-size folios of every size, at least one. */
	if ((mib << 20) % folio_pmd_size())
		usage("--mib must be a multiple of the PMD size (2 MiB at 4K pages)");

	/* A session of its own: CRIU dumps a tree whose session leader it holds. */
	if (setsid() < 0) {
		child = fork();
		if (child < 0)
			fail("fork: %s", strerror(errno));
		if (child > 0)
			_exit(0);
		if (setsid() < 0)
			fail("setsid: %s", strerror(errno));
	}
	setup(mib << 20);
	child = fork();
	if (child < 0)
		fail("fork: %s", strerror(errno));
	if (child == 0) {
		role = "child";
		write_setup_round();
		put_file("ready.child", "1\n");
		serve(0);
	}
	write_setup_round();
	snprintf(text, sizeof(text), "%d\n", (int)getpid());
	put_file("pid", text);
	serve(child);
	return 0;
}
