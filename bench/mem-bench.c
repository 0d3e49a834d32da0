// SPDX-License-Identifier: GPL-2.0
/*
 * mem-bench: the memory page tables and their extended software bits take
 * for a populated anonymous mapping (default 1 GiB of 4K folios): the rise
 * of PageTables in /proc/meminfo; of unreclaimable slab (SUnreclaim), where
 * the extended bits live; and the extended bits themselves: one object of
 * the "ptdesc_ext" cache per page table, at the slab memory per object that
 * /sys/kernel/slab/ptdesc_ext reports (order, objs_per_slab), on kernels
 * that have the cache (0 on the others).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "folio.h"
#include "mem.h"
#include "results.h"
#include "size.h"
#include "thp_settings.h"

#define EXT_CACHE "/sys/kernel/slab/ptdesc_ext"

static long long meminfo_kb(const char *key)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[128];
	long long kb = -1;
	size_t len = strlen(key);

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, key, len) && line[len] == ':') {
			kb = atoll(line + len + 1);
			break;
		}
	if (f)
		fclose(f);
	return kb;
}

/*
 * The slab memory one object of the extended-bits cache costs: a slab of
 * PAGE_SIZE << order bytes holds objs_per_slab objects. 0 without the cache,
 * -1 if unreadable. (Its "objects" count needs CONFIG_SLUB_DEBUG, which the
 * variants do not build; the geometry is always there.)
 */
static double ext_bytes_per_object(void)
{
	char buf[64];
	long long order, per_slab;
	struct stat st;

	if (lstat(EXT_CACHE, &st))
		return errno == ENOENT ? 0 : -1;
	if (S_ISLNK(st.st_mode)) {
		fprintf(stderr, "mem-bench: %s is merged with another cache: cannot count it alone\n",
			EXT_CACHE);
		return -1;
	}
	if (!read_file(EXT_CACHE "/order", buf, sizeof(buf)))
		return -1;
	order = atoll(buf);
	if (!read_file(EXT_CACHE "/objs_per_slab", buf, sizeof(buf)))
		return -1;
	per_slab = atoll(buf);
	if (order < 0 || per_slab <= 0)
		return -1;
	return (double)(sysconf(_SC_PAGESIZE) << order) / (double)per_slab;
}

int main(int argc, char **argv)
{
	size_t size = 1u << 30;
	long long pt0, pt1, slab0, slab1;
	double per_object, tables;
	char params[64], err[256];
	void *mem;

	if (argc == 3 && !strcmp(argv[1], "--size")) {
		if (size_parse(argv[2], &size) || size % (2u << 20)) {
			fprintf(stderr, "mem-bench: --size takes a multiple of 2M, such as 1G\n");
			return 2;
		}
	} else if (argc != 1) {
		fprintf(stderr, "usage: mem-bench [--size SIZE] (default 1G)\n");
		return 2;
	}
	if (size_fits("mem-bench", size, 9))
		return 2;
	thp_save_settings();
	if (folio_size_select(4096, err, sizeof(err))) {
		fprintf(stderr, "mem-bench: cannot select 4K folios: %s\n", err);
		return 1;
	}
	per_object = ext_bytes_per_object();
	pt0 = meminfo_kb("PageTables");
	slab0 = meminfo_kb("SUnreclaim");
	mem = map_anon_aligned(size, 2u << 20);
	if (!mem) {
		fprintf(stderr, "mem-bench: mmap failed: %s\n", strerror(errno));
		return 1;
	}
	touch_pages(mem, size, 1);
	pt1 = meminfo_kb("PageTables");
	slab1 = meminfo_kb("SUnreclaim");
	thp_restore_settings();
	if (pt0 < 0 || pt1 < 0 || slab0 < 0 || slab1 < 0 || per_object < 0) {
		fprintf(stderr, "mem-bench: cannot read PageTables and SUnreclaim in /proc/meminfo, or the geometry of %s\n",
			EXT_CACHE);
		return 1;
	}
	tables = (double)(pt1 - pt0) * 1024 / (double)sysconf(_SC_PAGESIZE);
	snprintf(params, sizeof(params), "size=%zuM,folio=4K", size >> 20);
	/* Page tables: the rise of PageTables. */
	result_value("mem", params, 1, "populate", "pagetable_bytes", (double)(pt1 - pt0) * 1024);
	/* Unreclaimable slab: the rise of SUnreclaim, extended bits included. */
	result_value("mem", params, 1, "populate", "slab_bytes", (double)(slab1 - slab0) * 1024);
	/* The extended bits: one object per page table, at its slab cost. */
	result_value("mem", params, 1, "populate", "ext_bytes", tables * per_object);
	result_value("mem", params, 1, "populate", "ext_bytes_per_table", per_object);
	munmap(mem, size);
	return 0;
}
