// SPDX-License-Identifier: GPL-2.0-or-later
#include <inttypes.h>
#include <stdlib.h>

#include "report-symbols.h"

static const char *const side_modes[2] = { "all", "other" };

static bool metric_lines(FILE *out, const struct symtab *t, const char *phase, unsigned int rep,
			 const char *mode, const struct attrib *a, enum attrib_metric m,
			 unsigned int top)
{
	struct attrib_slot *sorted;
	uint64_t rest = 0;
	size_t n;

	if (!attrib_sorted(a, m, &sorted, &n))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (i >= top) {
			rest += sorted[i].count[m];
			continue;
		}
		fprintf(out, "# cachemodel symbol\t%s\t%u\t%s\t%s\t%zu\t%s\t%" PRIu64 "\n", phase, rep,
			mode, attrib_metric_names[m], i + 1, attrib_key_name(t, sorted[i].key),
			sorted[i].count[m]);
	}
	if (rest)
		fprintf(out, "# cachemodel symbol\t%s\t%u\t%s\t%s\t-\t[rest]\t%" PRIu64 "\n", phase,
			rep, mode, attrib_metric_names[m], rest);
	free(sorted);
	return true;
}

bool report_symbols(FILE *out, const struct symtab *t, const char *path,
		    const struct phase_book *book, unsigned int top)
{
	char phase[32];

	fprintf(out, "# cachemodel symbols: %s (%u functions): per phase occurrence, the %u functions whose instructions made the most L1d misses, SLC misses, and that executed the most instructions, most first, as '# cachemodel symbol' lines: phase, occurrence, mode (all: the phase's task; other: other tasks in it), metric, rank, function, count; [user] is user mode, [unknown] kernel code in no function of the map, [rest] the functions below the top\n",
		path, t->functions, top);
	for (size_t i = 0; i < book->count; i++) {
		const struct phase_record *r = book->records[i];

		if (!r->attrib[0])
			continue;
		snprintf(phase, sizeof(phase), "phase%u", r->id);
		for (int side = 0; side < 2; side++)
			for (int m = 0; m < ATTRIB_METRICS; m++)
				if (!metric_lines(out, t, phase, r->occurrence, side_modes[side],
						  r->attrib[side], (enum attrib_metric)m, top))
					return false;
	}
	fflush(out);
	return true;
}
