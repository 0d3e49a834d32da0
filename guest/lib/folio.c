// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "folio.h"
#include "pagemap.h"
#include "thp_settings.h"
#include "vm_util.h"

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
	size_t page = (size_t)getpagesize(), pmd = (size_t)read_pmd_pagesize();

	return pmd ? pmd : page * (page / 8);
}

size_t folio_align(size_t bytes)
{
	return bytes > (2u << 20) ? bytes : 2u << 20;
}

const char *folio_size_name(size_t bytes, char *buf, size_t len)
{
	if (bytes >= (1u << 20) && !(bytes & ((1u << 20) - 1)))
		snprintf(buf, len, "%zuM", bytes >> 20);
	else
		snprintf(buf, len, "%zuK", bytes >> 10);
	return buf;
}

int folio_order(size_t bytes)
{
	size_t page = (size_t)getpagesize();

	for (int order = 0; order < NR_ORDERS; order++)
		if (page << order == bytes)
			return order;
	return -1;
}

int folio_size_select(size_t bytes, char *err, size_t errlen)
{
	unsigned long orders = thp_supported_orders();
	int order = folio_order(bytes);
	struct thp_settings settings;

	if (order != 0 && (order < 0 || !(orders & (1UL << order)))) {
		char name[24];
		size_t len;

		snprintf(err, errlen, "folio size %zuK is not offered by this kernel; offered: %s",
			 bytes >> 10, folio_size_name((size_t)getpagesize(), name, sizeof(name)));
		for (int i = 1; i < NR_ORDERS; i++) {
			if (!(orders & (1UL << i)))
				continue;
			len = strlen(err);
			snprintf(err + len, errlen - len, " %s",
				 folio_size_name((size_t)getpagesize() << i, name, sizeof(name)));
		}
		return -1;
	}
	thp_read_settings(&settings);
	/* PMD-size folios also follow the top-level control ("inherit"). */
	settings.thp_enabled = bytes == folio_pmd_size() ? THP_ALWAYS : THP_NEVER;
	for (int i = 0; i < NR_ORDERS; i++)
		settings.hugepages[i].enabled = order > 0 && i == order ? THP_ALWAYS : THP_NEVER;
	thp_write_settings(&settings);
	return 0;
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
		uint64_t pfn = PAGEMAP_PFN(entries[i]), flags;
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
		     (!tail || pfn != PAGEMAP_PFN(entries[i - 1]) + 1))) {
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

int folio_option_parse(const char *text, size_t *bytes)
{
	if (!strcmp(text, "base"))
		*bytes = (size_t)getpagesize();
	else if (!strcmp(text, "cont"))
		*bytes = folio_contpte_size();
	else if (!strcmp(text, "pmd"))
		*bytes = folio_pmd_size();
	else
		return folio_size_parse(text, bytes);
	return 0;
}
