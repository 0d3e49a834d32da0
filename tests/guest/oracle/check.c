// SPDX-License-Identifier: GPL-2.0
/*
 * The check after every step: each page written since the last clear must
 * read soft-dirty in /proc/self/pagemap (bit 55) and through PAGEMAP_SCAN.
 * A page that reads soft-dirty without a write is a false positive: counted,
 * not failed (soft-dirty may over-report: whole THPs, moved mappings, new
 * VMAs are soft-dirty).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/fs.h>

#include "oracle.h"
#include "pagemap.h"
#include "vm_util.h"

/* Room for the largest region: 1024 pages at 4K pages, 4096 at 16K. */
static uint64_t *entries;
static bool *scanned;
static size_t capacity;

static bool make_room(size_t npages)
{
	if (npages <= capacity)
		return true;
	free(entries);
	free(scanned);
	entries = calloc(npages, sizeof(*entries));
	scanned = calloc(npages, sizeof(*scanned));
	capacity = entries && scanned ? npages : 0;
	return capacity != 0;
}

bool oracle_check(struct oracle *o, const char *after)
{
	o->checks++;
	for (int r = 0; r < NR_REGIONS; r++) {
		struct region *reg = &o->regions[r];

		if (!make_room(reg->npages))
			abort();
		if (pagemap_read(o->pagemap_fd, reg->base, reg->npages, entries) ||
		    pagemap_scan_pages(o->pagemap_fd, reg->base, reg->npages, 0, PAGE_IS_SOFT_DIRTY,
				       scanned) < 0) {
			snprintf(o->failure, sizeof(o->failure), "cannot read pagemap of region %s: %s",
				 reg->name, strerror(errno));
			o->failed = true;
			return false;
		}
		for (size_t i = 0; i < reg->npages; i++) {
			bool sd = entries[i] & PM_SOFT_DIRTY;

			if (entries[i] & PM_SWAP)
				o->swapped_seen++;
			if (reg->must_dirty[i] && (!sd || !scanned[i])) {
				snprintf(o->failure, sizeof(o->failure),
					 "false negative after %s: page %zu of region %s was written since the last clear but reads clean (pagemap entry %#llx%s, PAGEMAP_SCAN says %s)",
					 after, i, reg->name, (unsigned long long)entries[i],
					 entries[i] & PM_SWAP ? ": swapped out" :
					 entries[i] & PM_PRESENT ? ": present" : ": not present",
					 scanned[i] ? "soft-dirty" : "clean");
				o->failed = true;
				return false;
			}
			if (!reg->must_dirty[i] && sd)
				o->false_positives++;
		}
	}
	return true;
}
