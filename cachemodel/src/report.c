// SPDX-License-Identifier: GPL-2.0-or-later
#include <inttypes.h>

#include "report.h"

static const char *const mode_names[] = { [CM_USER] = "user", [CM_KERNEL] = "kernel" };

static void sum_modes(struct cm_counts *sum, const struct cm_counts mode[CM_MODES])
{
	*sum = (struct cm_counts){ 0 };
	for (int m = 0; m < CM_MODES; m++)
		counts_add(sum, &mode[m]);
}

static void metric(FILE *out, const struct cm_params *p, const char *mode, unsigned int rep,
		   const char *phase, const char *name, uint64_t value)
{
	fprintf(out, "RESULT\tcache\tmodel=%s,mode=%s\t%u\t%s\t%s\t%" PRIu64 "\n", p->name, mode,
		rep, phase, name, value);
}

static void counts_lines(FILE *out, const struct cm_params *p, const char *mode,
			 unsigned int rep, const char *phase, const struct cm_counts *c)
{
	metric(out, p, mode, rep, phase, "instructions", c->instructions);
	metric(out, p, mode, rep, phase, "l1i_accesses", c->l1i_accesses);
	metric(out, p, mode, rep, phase, "l1i_misses", c->l1i_misses);
	metric(out, p, mode, rep, phase, "l1d_accesses", c->l1d_accesses);
	metric(out, p, mode, rep, phase, "l1d_misses", c->l1d_misses);
	metric(out, p, mode, rep, phase, "l2_accesses", c->l2_accesses);
	metric(out, p, mode, rep, phase, "l2_misses", c->l2_misses);
	metric(out, p, mode, rep, phase, "slc_accesses", c->slc_accesses);
	metric(out, p, mode, rep, phase, "slc_misses", c->slc_misses);
	metric(out, p, mode, rep, phase, "dc_zva", c->dc_zva);
	metric(out, p, mode, rep, phase, "barriers", c->barriers);
	metric(out, p, mode, rep, phase, "cycles", counts_cycles(c, p));
	metric(out, p, mode, rep, phase, "cycles_lat_half", counts_cycles_scaled(c, p, 1, 2));
	metric(out, p, mode, rep, phase, "cycles_lat_double", counts_cycles_scaled(c, p, 2, 1));
}

/* One record: per mode, then their sum. */
static void record_lines(FILE *out, const struct cm_params *p, unsigned int rep,
			 const char *phase, const struct cm_counts mode[CM_MODES])
{
	struct cm_counts all;

	for (int m = 0; m < CM_MODES; m++)
		counts_lines(out, p, mode_names[m], rep, phase, &mode[m]);
	sum_modes(&all, mode);
	counts_lines(out, p, "all", rep, phase, &all);
}

static void describe(FILE *out, const struct cm_params *p)
{
	fprintf(out, "# cachemodel %s: line %u B; L1i %" PRIu64 " B %u-way; L1d %" PRIu64
		" B %u-way; L2 %" PRIu64 " B %u-way per vCPU; SLC %" PRIu64
		" B %u-way shared; LRU\n",
		p->name, p->line_size, p->l1i.size, p->l1i.ways, p->l1d.size, p->l1d.ways,
		p->l2.size, p->l2.ways, p->slc.size, p->slc.ways);
	fprintf(out, "# cachemodel latencies (cycles, load-to-use): l1=%u l2=%u slc=%u memory=%u\n",
		p->latency[CM_L1], p->latency[CM_L2], p->latency[CM_SLC], p->latency[CM_MEMORY]);
	fprintf(out, "# cachemodel latency sweep: cycles_lat_half with every latency halved (l1=%g l2=%g slc=%g memory=%g), cycles_lat_double doubled (l1=%u l2=%u slc=%u memory=%u)\n",
		p->latency[CM_L1] / 2.0, p->latency[CM_L2] / 2.0, p->latency[CM_SLC] / 2.0,
		p->latency[CM_MEMORY] / 2.0, 2 * p->latency[CM_L1], 2 * p->latency[CM_L2],
		2 * p->latency[CM_SLC], 2 * p->latency[CM_MEMORY]);
}

void report_write(FILE *out, const struct cm_params *params, const struct phase_book *book,
		  const struct vcpu_phase *vcpus, unsigned int nvcpus)
{
	struct cm_counts unmarked[CM_MODES] = { { 0 } }, other;
	char phase[32];

	describe(out, params);
	for (unsigned int i = 0; i < nvcpus; i++)
		for (int m = 0; m < CM_MODES; m++)
			counts_add(&unmarked[m], &vcpus[i].outside.mode[m]);
	record_lines(out, params, 1, "unmarked", unmarked);
	for (size_t i = 0; i < book->count; i++) {
		const struct phase_record *r = book->records[i];

		snprintf(phase, sizeof(phase), "phase%u", r->id);
		if (r->open)
			fprintf(out, "# cachemodel warning: %s occurrence %u (vCPU %u) never ended\n",
				phase, r->occurrence, r->vcpu);
		record_lines(out, params, r->occurrence, phase, r->mode);
		sum_modes(&other, r->other);
		counts_lines(out, params, "other", r->occurrence, phase, &other);
	}
	if (book->unbalanced)
		fprintf(out, "# cachemodel warning: %llu unbalanced markers (a begin inside a phase, or an end outside its phase)\n",
			book->unbalanced);
	fflush(out);
}
