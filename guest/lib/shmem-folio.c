// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "shmem-folio.h"
#include "sysfs.h"

#define SHMEM_TOP THP_SYSFS "/shmem_enabled"

/* "always [never] deny" -> "never" */
static void selected(const char *line, char *out, size_t len)
{
	const char *l = strchr(line, '['), *r = l ? strchr(l, ']') : NULL;
	size_t n = l && r ? (size_t)(r - l - 1) : strlen(line);

	if (n >= len)
		n = len - 1;
	memcpy(out, l && r ? l + 1 : line, n);
	out[n] = '\0';
}

int shmem_folio_save(struct shmem_settings *saved)
{
	char path[128], line[128];
	struct dirent *e;
	DIR *d;

	memset(saved, 0, sizeof(*saved));
	if (sysfs_read(SHMEM_TOP, line, sizeof(line)))
		return -1;
	selected(line, saved->top, sizeof(saved->top));
	d = opendir(THP_SYSFS);
	if (!d)
		return -1;
	while ((e = readdir(d)) && saved->count < THP_MAX_SIZES) {
		if (strncmp(e->d_name, "hugepages-", 10) || strlen(e->d_name) >= 32)
			continue;
		snprintf(path, sizeof(path), THP_SYSFS "/%.31s/shmem_enabled", e->d_name);
		if (sysfs_read(path, line, sizeof(line)))
			continue;	/* before 6.11: no per-size control */
		strcpy(saved->size_dir[saved->count], e->d_name);
		selected(line, saved->enabled[saved->count], sizeof(saved->enabled[0]));
		saved->count++;
	}
	closedir(d);
	return 0;
}

int shmem_folio_restore(const struct shmem_settings *saved)
{
	char path[128];
	int ret = sysfs_write(SHMEM_TOP, saved->top);

	for (unsigned int i = 0; i < saved->count; i++) {
		snprintf(path, sizeof(path), THP_SYSFS "/%.31s/shmem_enabled", saved->size_dir[i]);
		if (sysfs_write(path, saved->enabled[i]))
			ret = -1;
	}
	return ret;
}

int shmem_folio_select(size_t bytes, char *err, size_t errlen)
{
	struct shmem_settings cur;
	char want[32], path[128];
	bool found = bytes == (size_t)getpagesize();

	if (shmem_folio_save(&cur)) {
		snprintf(err, errlen, "cannot read %s: %s", SHMEM_TOP, strerror(errno));
		return -1;
	}
	snprintf(want, sizeof(want), "hugepages-%zukB", bytes >> 10);
	for (unsigned int i = 0; i < cur.count; i++)
		found |= strcmp(cur.size_dir[i], want) == 0;
	if (!found && bytes == folio_pmd_size())
		found = true;	/* the top-level control alone */
	if (!found) {
		snprintf(err, errlen, "no shmem control for %zuK folios", bytes >> 10);
		return -1;
	}
	if (sysfs_write(SHMEM_TOP, bytes == folio_pmd_size() ? "always" : "never"))
		goto fail;
	for (unsigned int i = 0; i < cur.count; i++) {
		bool on = strcmp(cur.size_dir[i], want) == 0;

		snprintf(path, sizeof(path), THP_SYSFS "/%.31s/shmem_enabled", cur.size_dir[i]);
		if (sysfs_write(path, on ? "always" : "never"))
			goto fail;
	}
	return 0;
fail:
	snprintf(err, errlen, "cannot write the shmem THP controls: %s", strerror(errno));
	return -1;
}
