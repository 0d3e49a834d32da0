// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>

#include "folio.h"
#include "shmem-folio.h"
#include "thp_settings.h"

int shmem_folio_select(size_t bytes, char *err, size_t errlen)
{
	unsigned long orders = thp_shmem_supported_orders();
	int order = folio_order(bytes);
	bool pmd = bytes == folio_pmd_size();
	struct thp_settings settings;

	/* The PMD size has the top-level control, before 6.11 alone. */
	if (order != 0 && !pmd && (order < 0 || !(orders & (1UL << order)))) {
		snprintf(err, errlen, "no shmem control for %zuK folios", bytes >> 10);
		return -1;
	}
	thp_read_settings(&settings);
	settings.shmem_enabled = pmd ? SHMEM_ALWAYS : SHMEM_NEVER;
	for (int i = 0; i < NR_ORDERS; i++)
		settings.shmem_hugepages[i].enabled = order > 0 && i == order ?
						      SHMEM_ALWAYS : SHMEM_NEVER;
	thp_write_settings(&settings);
	return 0;
}
