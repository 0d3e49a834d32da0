// SPDX-License-Identifier: GPL-2.0
/* Write tracking by soft-dirty or asynchronous uffd-wp (see track.h). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/fs.h>
#include <linux/userfaultfd.h>

#include "pagemap.h"
#include "track.h"
#include "uffd.h"
#include "vm_util.h"

#define UFFD_ASYNC_FEATURES (UFFD_FEATURE_WP_ASYNC | UFFD_FEATURE_WP_UNPOPULATED)

static const char *const mech_names[TRACK_MECH_COUNT] = {
	[TRACK_SD_PAGEMAP] = "sd-pagemap",
	[TRACK_SD_SCAN] = "sd-scan",
	[TRACK_UFFD_ASYNC] = "uffd-async",
};

const char *track_mech_name(enum track_mech mech)
{
	return mech < TRACK_MECH_COUNT ? mech_names[mech] : "?";
}

int track_mech_parse(const char *name, enum track_mech *mech)
{
	for (int m = 0; m < TRACK_MECH_COUNT; m++) {
		if (strcmp(name, mech_names[m]) == 0) {
			*mech = (enum track_mech)m;
			return 0;
		}
	}
	return -1;
}

bool track_mech_available(enum track_mech mech, char *why, size_t len)
{
	int fd;

	if (mech != TRACK_UFFD_ASYNC) {
		if (softdirty_supported())
			return true;
		snprintf(why, len, "soft-dirty is not built (no \"sd\" in a new VMA's VmFlags)");
		return false;
	}
	fd = uffd_open(UFFD_ASYNC_FEATURES);
	if (fd < 0) {
		snprintf(why, len, "userfaultfd with WP_ASYNC and WP_UNPOPULATED: %s",
			 strerror(errno));
		return false;
	}
	close(fd);
	return true;
}

int track_open(struct tracker *t, enum track_mech mech)
{
	t->mech = mech;
	t->uffd = -1;
	t->pagemap = pagemap_open();
	if (t->pagemap < 0)
		return -1;
	if (mech == TRACK_UFFD_ASYNC) {
		t->uffd = uffd_open(UFFD_ASYNC_FEATURES);
		if (t->uffd < 0) {
			int saved = errno;

			close(t->pagemap);
			errno = saved;
			return -1;
		}
	}
	return 0;
}

void track_close(struct tracker *t)
{
	if (t->uffd >= 0)
		close(t->uffd);
	if (t->pagemap >= 0)
		close(t->pagemap);
	t->uffd = t->pagemap = -1;
}

int track_reopen_pagemap(struct tracker *t)
{
	if (t->pagemap >= 0)
		close(t->pagemap);
	t->pagemap = pagemap_open();
	return t->pagemap < 0 ? -1 : 0;
}

int track_add(struct tracker *t, void *addr, size_t len)
{
	if (t->mech != TRACK_UFFD_ASYNC)
		return 0;
	return uffd_register(t->uffd, addr, len, false, true, false) ? -1 : 0;
}

int track_reset(struct tracker *t, void *addr, size_t len)
{
	if (t->mech != TRACK_UFFD_ASYNC) {
		clear_softdirty();
		return 0;
	}
	return pagemap_scan_pages(t->pagemap, addr, len / (size_t)getpagesize(),
				  PM_SCAN_WP_MATCHING | PM_SCAN_CHECK_WPASYNC, PAGE_IS_WRITTEN,
				  NULL) < 0 ? -1 : 0;
}

static long collect_pagemap(int fd, void *addr, size_t npages, bool *written)
{
	enum { CHUNK = 4096 };
	uint64_t entries[CHUNK];
	size_t page = (size_t)getpagesize();
	long found = 0;

	for (size_t done = 0; done < npages; done += CHUNK) {
		size_t n = npages - done < CHUNK ? npages - done : CHUNK;

		if (pagemap_read(fd, (char *)addr + done * page, n, entries))
			return -1;
		for (size_t i = 0; i < n; i++) {
			written[done + i] = entries[i] & PM_SOFT_DIRTY;
			found += written[done + i];
		}
	}
	return found;
}

long track_collect(struct tracker *t, void *addr, size_t npages, bool *written)
{
	switch (t->mech) {
	case TRACK_SD_PAGEMAP:
		return collect_pagemap(t->pagemap, addr, npages, written);
	case TRACK_SD_SCAN:
		return pagemap_scan_pages(t->pagemap, addr, npages, 0, PAGE_IS_SOFT_DIRTY, written);
	case TRACK_UFFD_ASYNC:
		return pagemap_scan_pages(t->pagemap, addr, npages, 0, PAGE_IS_WRITTEN, written);
	default:
		errno = EINVAL;
		return -1;
	}
}
