// SPDX-License-Identifier: GPL-2.0
/*
 * mem-bench: the memory page tables and their extended software bits take
 * for a populated anonymous mapping (default 1 GiB of 4K folios): the rise
 * of PageTables in /proc/meminfo, and of the slab cache "ptdesc_ext"
 * (objects x slab_size from /sys/kernel/slab/ptdesc_ext) on kernels that
 * have one (0 on the others).
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
#include "sysfs.h"

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

/* Bytes the extended-bits cache holds now; 0 without one, -1 if unreadable. */
static long long ext_bytes(void)
{
	char buf[64];
	long long objects, size;
	struct stat st;

	if (lstat(EXT_CACHE, &st))
		return errno == ENOENT ? 0 : -1;
	if (S_ISLNK(st.st_mode)) {
		fprintf(stderr, "mem-bench: %s is merged with another cache: cannot count it alone\n",
			EXT_CACHE);
		return -1;
	}
	if (sysfs_read(EXT_CACHE "/objects", buf, sizeof(buf)))
		return -1;
	objects = atoll(buf);
	if (sysfs_read(EXT_CACHE "/slab_size", buf, sizeof(buf)))
		return -1;
	size = atoll(buf);
	return objects * size;
}

int main(int argc, char **argv)
{
	size_t size = 1u << 30;
	struct thp_settings saved;
	long long pt0, pt1, ext0, ext1;
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
	if (mem_available() && size > mem_available() / 10 * 9) {
		fprintf(stderr, "mem-bench: --size %zuM does not fit in the guest\n", size >> 20);
		return 2;
	}
	if (thp_save(&saved) || folio_size_select(4096, err, sizeof(err))) {
		fprintf(stderr, "mem-bench: cannot select 4K folios\n");
		return 1;
	}
	pt0 = meminfo_kb("PageTables");
	ext0 = ext_bytes();
	mem = map_anon_aligned(size, 2u << 20);
	if (!mem) {
		fprintf(stderr, "mem-bench: mmap failed: %s\n", strerror(errno));
		return 1;
	}
	touch_pages(mem, size, 1);
	pt1 = meminfo_kb("PageTables");
	ext1 = ext_bytes();
	thp_restore(&saved);
	if (pt0 < 0 || pt1 < 0 || ext0 < 0 || ext1 < 0) {
		fprintf(stderr, "mem-bench: cannot read PageTables or the ptdesc_ext cache\n");
		return 1;
	}
	snprintf(params, sizeof(params), "size=%zuM,folio=4K", size >> 20);
	result_value("mem", params, 1, "populate", "pagetable_bytes", (double)(pt1 - pt0) * 1024);
	result_value("mem", params, 1, "populate", "ext_bytes", (double)(ext1 - ext0));
	if (pt1 > pt0)
		result_value("mem", params, 1, "populate", "ext_bytes_per_table",
			      (double)(ext1 - ext0) / ((double)(pt1 - pt0) / 4));
	munmap(mem, size);
	return 0;
}
