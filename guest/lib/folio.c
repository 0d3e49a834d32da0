// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "folio.h"
#include "pagemap.h"
#include "sysfs.h"

#define KPF_COMPOUND_HEAD	15
#define KPF_COMPOUND_TAIL	16

int folio_size_parse(const char *text, size_t *bytes)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(text, &end, 10);
	if (errno || end == text || v == 0)
		return -1;
	if (*end == 'K' || *end == 'k')
		v <<= 10, end++;
	else if (*end == 'M' || *end == 'm')
		v <<= 20, end++;
	if (*end != '\0' || (v & (v - 1)) || v < 4096)
		return -1;
	*bytes = (size_t)v;
	return 0;
}

size_t folio_contpte_size(void)
{
	size_t page = (size_t)getpagesize();

	/* CONT_PTE_SHIFT - PAGE_SHIFT in arch/arm64/include/asm/pgtable-hwdef.h */
	return page * (page >= (64u << 10) ? 32 : page >= (16u << 10) ? 128 : 16);
}

size_t folio_pmd_size(void)
{
	size_t page = (size_t)getpagesize();
	unsigned long long v;
	char line[32];

	if (sysfs_read(THP_SYSFS "/hpage_pmd_size", line, sizeof(line)) == 0 &&
	    sscanf(line, "%llu", &v) == 1 && v)
		return (size_t)v;
	return page * (page / 8);
}

const char *folio_size_name(size_t bytes, char *buf, size_t len)
{
	if (bytes >= (1u << 20) && !(bytes & ((1u << 20) - 1)))
		snprintf(buf, len, "%zuM", bytes >> 20);
	else
		snprintf(buf, len, "%zuK", bytes >> 10);
	return buf;
}

static int size_dirs(char names[THP_MAX_SIZES][32])
{
	DIR *d = opendir(THP_SYSFS);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)) && n < THP_MAX_SIZES) {
		char path[128];

		if (strncmp(e->d_name, "hugepages-", 10) != 0 ||
		    strlen(e->d_name) >= sizeof(names[0]))
			continue;
		/* Anonymous sizes have an "enabled" control; sizes only shmem uses do not. */
		snprintf(path, sizeof(path), THP_SYSFS "/%.31s/enabled", e->d_name);
		if (access(path, F_OK) == 0)
			strcpy(names[n++], e->d_name);
	}
	closedir(d);
	return n;
}

/* "[always] inherit madvise never" -> "always" */
static void selected_word(const char *line, char *out, size_t len)
{
	const char *l = strchr(line, '['), *r = l ? strchr(l, ']') : NULL;
	size_t n;

	if (!l || !r) {
		snprintf(out, len, "%s", line);
		return;
	}
	n = (size_t)(r - l - 1);
	if (n >= len)
		n = len - 1;
	memcpy(out, l + 1, n);
	out[n] = '\0';
}

int thp_save(struct thp_settings *saved)
{
	char path[128], line[128];
	int n;

	memset(saved, 0, sizeof(*saved));
	if (sysfs_read(THP_SYSFS "/enabled", line, sizeof(line)))
		return -1;
	selected_word(line, saved->top_enabled, sizeof(saved->top_enabled));
	n = size_dirs(saved->size_dir);
	if (n < 0)
		return -1;
	saved->count = (unsigned int)n;
	for (unsigned int i = 0; i < saved->count; i++) {
		snprintf(path, sizeof(path), THP_SYSFS "/%.31s/enabled", saved->size_dir[i]);
		if (sysfs_read(path, line, sizeof(line)))
			return -1;
		selected_word(line, saved->enabled[i], sizeof(saved->enabled[i]));
	}
	return 0;
}

int thp_restore(const struct thp_settings *saved)
{
	char path[128];
	int ret = sysfs_write(THP_SYSFS "/enabled", saved->top_enabled);

	for (unsigned int i = 0; i < saved->count; i++) {
		snprintf(path, sizeof(path), THP_SYSFS "/%.31s/enabled", saved->size_dir[i]);
		if (sysfs_write(path, saved->enabled[i]))
			ret = -1;
	}
	return ret;
}

int folio_size_select(size_t bytes, char *err, size_t errlen)
{
	char names[THP_MAX_SIZES][32], want[32], path[128], offered[256];
	int n = size_dirs(names);
	bool found = bytes == (size_t)getpagesize();

	folio_size_name((size_t)getpagesize(), offered, sizeof(offered));
	if (n < 0) {
		snprintf(err, errlen, "%s is missing: is CONFIG_TRANSPARENT_HUGEPAGE set?", THP_SYSFS);
		return -1;
	}
	snprintf(want, sizeof(want), "hugepages-%zukB", bytes >> 10);
	for (int i = 0; i < n; i++) {
		size_t len = strlen(offered);

		snprintf(offered + len, sizeof(offered) - len, " %s", names[i] + 10);
		if (strcmp(names[i], want) == 0)
			found = true;
	}
	if (!found) {
		snprintf(err, errlen, "folio size %zuK is not offered by this kernel; offered: %s",
			 bytes >> 10, offered);
		return -1;
	}
	/* PMD-size folios also follow the top-level control ("inherit"). */
	if (sysfs_write(THP_SYSFS "/enabled", bytes == folio_pmd_size() ? "always" : "never"))
		goto fail;
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), THP_SYSFS "/%.31s/enabled", names[i]);
		if (sysfs_write(path, strcmp(names[i], want) == 0 ? "always" : "never"))
			goto fail;
	}
	return 0;
fail:
	snprintf(err, errlen, "cannot write the mTHP controls under %s: %s", THP_SYSFS,
		 strerror(errno));
	return -1;
}

static int kpageflags_read(int fd, uint64_t pfn, uint64_t *flags)
{
	return pread(fd, flags, sizeof(*flags), (off_t)(pfn * sizeof(*flags))) ==
		       (ssize_t)sizeof(*flags) ? 0 : -1;
}

int folio_check(void *addr, size_t len, size_t folio_bytes, char *err, size_t errlen)
{
	size_t page = (size_t)getpagesize(), npages = len / page;
	size_t per_folio = folio_bytes / page;
	uint64_t *entries = calloc(npages, sizeof(*entries));
	int pm = pagemap_open(), kpf = open("/proc/kpageflags", O_RDONLY | O_CLOEXEC);
	int ret = -1;

	if (!entries || pm < 0 || kpf < 0 || pagemap_read(pm, addr, npages, entries)) {
		snprintf(err, errlen, "cannot read pagemap or kpageflags: %s", strerror(errno));
		goto out;
	}
	for (size_t i = 0; i < npages; i++) {
		uint64_t pfn = entries[i] & PM_PFN_MASK, flags;
		size_t pos = i % per_folio;
		bool head, tail;

		if (!(entries[i] & PM_PRESENT) || pfn == 0) {
			snprintf(err, errlen, "page %zu is not present (or no PFN: not root?)", i);
			goto out;
		}
		if (kpageflags_read(kpf, pfn, &flags)) {
			snprintf(err, errlen, "cannot read kpageflags of pfn %#llx", (unsigned long long)pfn);
			goto out;
		}
		head = flags & (UINT64_C(1) << KPF_COMPOUND_HEAD);
		tail = flags & (UINT64_C(1) << KPF_COMPOUND_TAIL);
		if (per_folio == 1 ? (head || tail) :
		    (pos == 0 ? (!head || pfn % per_folio) :
		     (!tail || pfn != (entries[i - 1] & PM_PFN_MASK) + 1))) {
			snprintf(err, errlen, "page %zu (pfn %#llx) is not in a %zuK folio%s",
				 i, (unsigned long long)pfn, folio_bytes >> 10,
				 per_folio == 1 ? "" : " of its own alignment");
			goto out;
		}
		/* The folio must end where the expected size ends. */
		if (per_folio > 1 && pos == per_folio - 1 &&
		    !kpageflags_read(kpf, pfn + 1, &flags) &&
		    (flags & (UINT64_C(1) << KPF_COMPOUND_TAIL))) {
			snprintf(err, errlen, "the folio at page %zu is larger than %zuK",
				 i - pos, folio_bytes >> 10);
			goto out;
		}
	}
	ret = 0;
out:
	free(entries);
	if (pm >= 0)
		close(pm);
	if (kpf >= 0)
		close(kpf);
	return ret;
}
