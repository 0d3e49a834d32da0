// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Known-answer tests of the cache model core on synthetic access streams.
 * Usage: test-model PARAMS_FILE SYSTEM_MAP (the shipped neoverse-n1.params:
 * every expectation is derived from the geometry it gives; the fixture
 * tests/fixture-system.map for the attribution to functions). KTAP lines on
 * stdout.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attrib.h"
#include "fetch.h"
#include "counts.h"
#include "hierarchy.h"
#include "insn.h"
#include "marker.h"
#include "params.h"
#include "phases.h"
#include "report-symbols.h"
#include "report.h"
#include "symtab.h"

static int tests, failures;

static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	tests++;
	failures += !ok;
	printf("%s %d ", ok ? "ok" : "not ok", tests);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static void check_eq(uint64_t want, uint64_t got, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	check(want == got, "%s", what);
	if (want != got)
		printf("# expected %" PRIu64 ", got %" PRIu64 "\n", want, got);
}

static struct cm_params params;

/* One pass of data accesses by core over [base, base + bytes) in steps of stride. */
static struct cm_counts stream(struct hierarchy *h, unsigned int core, uint64_t base,
			       uint64_t bytes, uint64_t stride)
{
	struct cm_counts c = { 0 };

	for (uint64_t a = base; a < base + bytes; a += stride)
		counts_data(&c, hierarchy_access(h, core, CM_DATA, hierarchy_line(h, a)));
	return c;
}

static void new_model(struct hierarchy *h, unsigned int cores)
{
	if (!hierarchy_init(h, &params, cores)) {
		printf("Bail out! out of memory\n");
		exit(1);
	}
}

/* Streams larger than a level: on the second pass, one miss per line there. */
static void test_streams(void)
{
	const uint64_t line = params.line_size;
	const struct { const char *level; uint64_t size; } levels[] = {
		{ "L1d", params.l1d.size }, { "L2", params.l2.size }, { "SLC", params.slc.size },
	};

	for (size_t i = 0; i < 3; i++) {
		struct hierarchy h;
		uint64_t bytes = 2 * levels[i].size, lines = bytes / line;
		struct cm_counts c;

		new_model(&h, 1);
		stream(&h, 0, 0, bytes, 8);
		c = stream(&h, 0, 0, bytes, 8);
		check_eq(bytes / 8, c.l1d_accesses,
			 "sequential 8-byte stream of 2x %s: one L1d access per 8 bytes", levels[i].level);
		check_eq(lines, c.l1d_misses, "sequential stream of 2x %s: one L1d miss per line",
			 levels[i].level);
		check_eq(i >= 1 ? lines : 0, c.l2_misses,
			 "sequential stream of 2x %s: %s", levels[i].level,
			 i >= 1 ? "one L2 miss per line" : "no L2 miss (fits L2)");
		check_eq(i >= 2 ? lines : 0, c.slc_misses,
			 "sequential stream of 2x %s: %s", levels[i].level,
			 i >= 2 ? "one SLC miss per line" : "no SLC miss (fits the SLC)");
		hierarchy_free(&h);
	}
}

/* Stride equal to the line size: every access is a new line. */
static void test_line_stride(void)
{
	struct hierarchy h;
	uint64_t bytes = 4 * params.l1d.size, lines = bytes / params.line_size;
	struct cm_counts first, second;

	new_model(&h, 1);
	first = stream(&h, 0, 1 << 20, bytes, params.line_size);
	second = stream(&h, 0, 1 << 20, bytes, params.line_size);
	check_eq(lines, first.l1d_accesses, "line stride: one access per line");
	check_eq(lines, first.slc_misses, "line stride, cold: every line misses the SLC");
	check_eq(lines, second.l1d_misses, "line stride over 4x L1d, again: every access misses L1d");
	check_eq(0, second.l2_misses, "line stride over 4x L1d (fits L2), again: no L2 miss");
	hierarchy_free(&h);
}

/* A working set exactly the size of a level: no misses there after warm-up. */
static void test_just_fits(void)
{
	const struct { const char *level; uint64_t size; } levels[] = {
		{ "L1d", params.l1d.size }, { "L2", params.l2.size }, { "SLC", params.slc.size },
	};

	for (size_t i = 0; i < 3; i++) {
		struct hierarchy h;
		uint64_t bytes = levels[i].size, lines = bytes / params.line_size;
		struct cm_counts c;
		uint64_t misses_there;

		new_model(&h, 1);
		stream(&h, 0, 0, bytes, params.line_size);
		c = stream(&h, 0, 0, bytes, params.line_size);
		misses_there = i == 0 ? c.l1d_misses : i == 1 ? c.l2_misses : c.slc_misses;
		check_eq(0, misses_there, "working set of exactly %s, warm: no miss there",
			 levels[i].level);
		if (i > 0)
			check_eq(lines, i == 1 ? c.l1d_misses : c.l2_misses,
				 "working set of exactly %s, warm: every line misses the level below it",
				 levels[i].level);
		/* One line more than fits, sequentially: its set thrashes under LRU. */
		stream(&h, 0, 0, bytes + params.line_size, params.line_size);
		c = stream(&h, 0, 0, bytes + params.line_size, params.line_size);
		misses_there = i == 0 ? c.l1d_misses : i == 1 ? c.l2_misses : c.slc_misses;
		{
			uint32_t ways = i == 0 ? params.l1d.ways : i == 1 ? params.l2.ways : params.slc.ways;

			check_eq(ways + 1, misses_there,
				 "%s plus one line, warm: the ways+1 lines of one set miss, the rest hit",
				 levels[i].level);
		}
		hierarchy_free(&h);
	}
}

/* ways lines at a stride of sets * line map to one set: they fit; ways + 1 thrash. */
static void test_conflicts(void)
{
	uint64_t sets = params.l1d.size / (params.line_size * params.l1d.ways);
	uint64_t stride = sets * params.line_size;

	for (uint32_t n = params.l1d.ways; n <= params.l1d.ways + 1; n++) {
		struct hierarchy h;
		struct cm_counts c = { 0 };

		new_model(&h, 1);
		for (uint32_t i = 0; i < n; i++)	/* warm-up */
			hierarchy_access(&h, 0, CM_DATA, hierarchy_line(&h, i * stride));
		for (int round = 0; round < 10; round++)
			for (uint32_t i = 0; i < n; i++)
				counts_data(&c, hierarchy_access(&h, 0, CM_DATA,
								 hierarchy_line(&h, i * stride)));
		check_eq(n == params.l1d.ways ? 0 : 10ull * n, c.l1d_misses,
			 "%u lines at a stride of %" PRIu64 " bytes (one L1d set), 10 rounds: %s", n,
			 stride, n == params.l1d.ways ? "no miss" : "every access misses (LRU thrash)");
		check_eq(0, c.l2_misses, "the same %u lines spread over L2's sets: no L2 miss", n);
		hierarchy_free(&h);
	}
}

/* LRU order: a re-used line survives, the least recently used one goes. */
static void test_lru(void)
{
	struct cache c;
	uint32_t ways = params.l1d.ways;
	uint64_t sets = params.l1d.size / (params.line_size * ways);

	cache_init(&c, params.l1d.size, params.line_size, ways);
	for (uint64_t i = 0; i < ways; i++)
		cache_access(&c, i * sets);
	cache_access(&c, 0);			/* line 0 becomes MRU */
	cache_access(&c, ways * sets);		/* evicts line 1*sets, the LRU */
	check(cache_contains(&c, 0) && !cache_contains(&c, sets) && cache_contains(&c, ways * sets),
	      "LRU: the line touched again stays, the least recently used is evicted");
	cache_free(&c);
}

/* Fetch side and the shared SLC. */
static void test_fetch_and_sharing(void)
{
	struct hierarchy h;
	struct cm_counts c = { 0 };
	uint64_t bytes = 2 * params.l2.size, lines = bytes / params.line_size;

	new_model(&h, 2);
	counts_fetch(&c, 16, hierarchy_access(&h, 0, CM_FETCH, 7));
	counts_fetch(&c, 16, hierarchy_access(&h, 0, CM_FETCH, 7));
	check_eq(32, c.instructions, "fetch runs count their instructions");
	check_eq(32, c.l1i_accesses, "every instruction is an L1i access");
	check_eq(1, c.l1i_misses, "one L1i miss for a line fetched twice");
	check_eq(0, c.l1d_accesses, "fetches are not L1d accesses");
	stream(&h, 0, 0, bytes, params.line_size);
	c = stream(&h, 1, 0, bytes, params.line_size);
	check_eq(lines, c.l2_misses, "core 1 reading what core 0 read: its private L2 misses");
	check_eq(0, c.slc_misses, "... and the shared SLC hits");
	hierarchy_free(&h);
}

static void test_cycles(void)
{
	const uint32_t *lat = params.latency;
	struct cm_counts c = { .instructions = 1000, .l1i_misses = 2, .l1d_misses = 3,
			       .l2_misses = 4, .slc_misses = 5 };
	uint64_t want = 1000 + 5ull * (lat[CM_L2] - lat[CM_L1]) + 4ull * (lat[CM_SLC] - lat[CM_L2]) +
			5ull * (lat[CM_MEMORY] - lat[CM_SLC]);

	check_eq(want, counts_cycles(&c, &params), "cycles: instructions + misses x latency added by the next level");
	check_eq(lat[CM_MEMORY] - lat[CM_L1] + 1,
		 counts_cycles(&(struct cm_counts){ .instructions = 1, .l1d_misses = 1, .l2_misses = 1,
						    .slc_misses = 1 }, &params),
		 "cycles: one load from memory costs latency.memory - latency.l1 beyond its instruction");
}

/*
 * The latency sweep, hand-computed on latencies 1, 3, 10, 50 (what the next
 * level adds: 2, 7, 40), independent of the shipped parameters.
 */
static void test_cycles_sweep(void)
{
	static const char base[] =
		"name = t\nline_size = 64\nl1i.size = 4K\nl1i.ways = 2\nl1d.size = 4K\nl1d.ways = 2\n"
		"l2.size = 16K\nl2.ways = 4\nslc.size = 64K\nslc.ways = 8\n";
	struct cm_params p, twice;
	char text[1024], err[512];
	/* 100 + (1 + 2) x 2 + 2 x 7 + 1 x 40 = 100 + 60 */
	struct cm_counts c = { .instructions = 100, .l1i_misses = 1, .l1d_misses = 2,
			       .l2_misses = 2, .slc_misses = 1 };
	/* 10 + 1 x 2 + 1 x 7 = 10 + 9: halved, 4.5 rounds up to 5 */
	struct cm_counts odd = { .instructions = 10, .l1d_misses = 1, .l2_misses = 1 };

	snprintf(text, sizeof(text), "%slatency.l1 = 1\nlatency.l2 = 3\nlatency.slc = 10\nlatency.memory = 50\n", base);
	if (params_parse(text, "sweep", &p, err, sizeof(err))) {
		check(0, "sweep: parameters parse (%s)", err);
		return;
	}
	check_eq(160, counts_cycles(&c, &p), "sweep: cycles, hand-computed (100 + 60)");
	check_eq(130, counts_cycles_scaled(&c, &p, 1, 2), "sweep: latencies halved, 100 + 30");
	check_eq(220, counts_cycles_scaled(&c, &p, 2, 1), "sweep: latencies doubled, 100 + 120");
	check_eq(160, counts_cycles_scaled(&c, &p, 1, 1), "sweep: a factor of 1 is cycles");
	check_eq(100, counts_cycles_scaled(&(struct cm_counts){ .instructions = 100 }, &p, 1, 2),
		 "sweep: without misses, one cycle per instruction at any latency");
	check_eq(19, counts_cycles(&odd, &p), "sweep: an odd latency part (10 + 9)");
	check_eq(15, counts_cycles_scaled(&odd, &p, 1, 2), "sweep: halved, 10 + 4.5 rounds to 15");
	check_eq(28, counts_cycles_scaled(&odd, &p, 2, 1), "sweep: doubled, 10 + 18");

	/* The same as the plain formula on a parameter file with the latencies doubled. */
	snprintf(text, sizeof(text), "%slatency.l1 = 2\nlatency.l2 = 6\nlatency.slc = 20\nlatency.memory = 100\n", base);
	if (params_parse(text, "sweep x2", &twice, err, sizeof(err))) {
		check(0, "sweep: doubled parameters parse (%s)", err);
		return;
	}
	check_eq(counts_cycles(&c, &twice), counts_cycles_scaled(&c, &p, 2, 1),
		 "sweep: doubled = cycles with a parameter file of doubled latencies");
	check_eq(counts_cycles(&c, &p), counts_cycles_scaled(&c, &twice, 1, 2),
		 "sweep: halved = cycles with a parameter file of halved latencies");
}

static void test_markers(void)
{
	int wrong = 0;
	struct marker m;

	for (unsigned int imm = 0; imm < 128; imm++)
		wrong += marker_decode(PHASE_MARKER_INSN(imm), &m) != (imm >= 0x60);
	check(!wrong, "of the 128 HINT immediates, exactly 0x60..0x7f are markers");
	wrong = 0;
	for (unsigned int id = 0; id < PHASE_MARKER_IDS; id++)
		for (int end = 0; end < 2; end++)
			wrong += !marker_decode(PHASE_MARKER_INSN(PHASE_MARKER_IMM(id, end)), &m) ||
				 m.id != id || m.end != end;
	check(!wrong, "every phase id round-trips through begin and end markers");
	check(!marker_decode((0xd503201fu | 0x60 << 5) & ~1u, &m), "the hint space with Rt other than 31 is not a marker");
	check(!marker_decode(0xd5033f9fu, &m), "DSB SY is not a marker");
}

/* Encodings from the Arm ARM (and objdump of the kernel: smp_wmb() is dmb ishst). */
static void test_counted_insns(void)
{
	check(insn_is_barrier(0xd5033abfu), "DMB ISHST (smp_wmb) is a barrier");
	check(insn_is_barrier(0xd50339bfu), "DMB ISHLD (smp_rmb) is a barrier");
	check(insn_is_barrier(0xd5033bbfu), "DMB ISH (smp_mb) is a barrier");
	check(insn_is_barrier(0xd5033f9fu), "DSB SY is a barrier");
	check(insn_is_barrier(0xd5033b9fu), "DSB ISH is a barrier");
	check(!insn_is_barrier(0xd5033fdfu), "ISB is not counted as a memory barrier");
	check(!insn_is_barrier(0xd503201fu), "NOP is not a barrier");
	check(!insn_is_barrier(PHASE_MARKER_INSN(0x60)), "a phase marker is not a barrier");
	check(!insn_is_barrier(0xd50b7420u), "DC ZVA is not a barrier");
	check(insn_is_dc_zva(0xd50b7420u) && insn_is_dc_zva(0xd50b743eu), "DC ZVA with any Xt");
	check(!insn_is_dc_zva(0xd50b7a20u), "DC CVAC is not DC ZVA");
}

/* The value of one RESULT line in text, or UINT64_MAX when it is absent. */
static uint64_t result(const char *text, const char *params_field, unsigned int rep,
		       const char *phase, const char *metric)
{
	char key[256];
	const char *p;

	snprintf(key, sizeof(key), "RESULT\tcache\t%s\t%u\t%s\t%s\t", params_field, rep, phase, metric);
	p = strstr(text, key);
	return p ? strtoull(p + strlen(key), NULL, 10) : UINT64_MAX;
}

static void test_phases(void)
{
	struct phase_book book;
	struct vcpu_phase vcpus[2] = { 0 };
	char *text = NULL;
	size_t len = 0;
	FILE *out;

	phase_book_init(&book);
	/* Outside phases, on both vCPUs. */
	counts_fetch(phase_counts(&vcpus[0], CM_USER), 5, CM_L1);
	counts_fetch(phase_counts(&vcpus[1], CM_USER), 7, CM_L1);
	/* vCPU 0: phase 3 with user and kernel work, twice. */
	phase_marker(&book, &vcpus[0], 0, &(struct marker){ .id = 3 });
	counts_fetch(phase_counts(&vcpus[0], CM_USER), 10, CM_L1);
	counts_data(phase_counts(&vcpus[0], CM_USER), CM_MEMORY);
	counts_fetch(phase_counts(&vcpus[0], CM_KERNEL), 20, CM_L2);
	counts_data(phase_counts(&vcpus[0], CM_KERNEL), CM_SLC);
	counts_data(phase_counts(&vcpus[0], CM_KERNEL), CM_L1);
	phase_counts(&vcpus[0], CM_KERNEL)->dc_zva += 64;
	/* vCPU 1 is not in phase 3: its work stays unmarked. */
	counts_fetch(phase_counts(&vcpus[1], CM_KERNEL), 100, CM_L1);
	phase_marker(&book, &vcpus[0], 0, &(struct marker){ .id = 3, .end = true });
	counts_fetch(phase_counts(&vcpus[0], CM_USER), 1, CM_L1);
	phase_marker(&book, &vcpus[0], 0, &(struct marker){ .id = 3 });
	counts_fetch(phase_counts(&vcpus[0], CM_USER), 40, CM_L1);
	phase_marker(&book, &vcpus[0], 0, &(struct marker){ .id = 3, .end = true });
	/* Unbalanced: an end outside its phase, a begin inside another. */
	phase_marker(&book, &vcpus[1], 1, &(struct marker){ .id = 4, .end = true });
	phase_marker(&book, &vcpus[1], 1, &(struct marker){ .id = 5 });
	phase_marker(&book, &vcpus[1], 1, &(struct marker){ .id = 6 });
	counts_fetch(phase_counts(&vcpus[1], CM_USER), 3, CM_L1);

	out = open_memstream(&text, &len);
	report_write(out, &params, &book, vcpus, 2);
	fclose(out);

	char user[128], kernel[128], all[128];

	snprintf(user, sizeof(user), "model=%s,mode=user", params.name);
	snprintf(kernel, sizeof(kernel), "model=%s,mode=kernel", params.name);
	snprintf(all, sizeof(all), "model=%s,mode=all", params.name);
	check_eq(10, result(text, user, 1, "phase3", "instructions"), "phase 3, first time: user instructions");
	check_eq(1, result(text, user, 1, "phase3", "slc_misses"), "phase 3, first time: the user load from memory missed the SLC");
	check_eq(20, result(text, kernel, 1, "phase3", "instructions"), "phase 3, first time: kernel instructions");
	check_eq(2, result(text, kernel, 1, "phase3", "l1d_accesses"), "phase 3, first time: kernel L1d accesses");
	check_eq(1, result(text, kernel, 1, "phase3", "l1d_misses"), "phase 3, first time: kernel L1d misses");
	check_eq(2, result(text, kernel, 1, "phase3", "l2_accesses"), "phase 3, first time: kernel L2 accesses (one fetch, one data)");
	check_eq(1, result(text, kernel, 1, "phase3", "l2_misses"), "phase 3, first time: kernel L2 misses");
	check_eq(0, result(text, kernel, 1, "phase3", "slc_misses"), "phase 3, first time: no kernel SLC miss");
	check_eq(30, result(text, all, 1, "phase3", "instructions"), "phase 3, first time: all = user + kernel");
	check_eq(64, result(text, kernel, 1, "phase3", "dc_zva"), "phase 3, first time: DC ZVA blocks reported");
	{
		const struct cm_counts *k = &book.records[0]->mode[CM_KERNEL];

		check_eq(counts_cycles(k, &params), result(text, kernel, 1, "phase3", "cycles"),
			 "phase 3, first time: kernel cycles as counts_cycles gives");
		check_eq(counts_cycles_scaled(k, &params, 1, 2),
			 result(text, kernel, 1, "phase3", "cycles_lat_half"),
			 "phase 3, first time: kernel cycles_lat_half, latencies halved");
		check_eq(counts_cycles_scaled(k, &params, 2, 1),
			 result(text, kernel, 1, "phase3", "cycles_lat_double"),
			 "phase 3, first time: kernel cycles_lat_double, latencies doubled");
	}
	{
		/* one load from memory: 10 + (200 - 4) at x1, 10 + 98 halved, 10 + 392 doubled */
		check_eq(10 + (params.latency[CM_MEMORY] - params.latency[CM_L1]),
			 result(text, user, 1, "phase3", "cycles"), "phase 3, first time: user cycles");
		check_eq(10 + (params.latency[CM_MEMORY] - params.latency[CM_L1] + 1) / 2,
			 result(text, user, 1, "phase3", "cycles_lat_half"),
			 "phase 3, first time: user cycles_lat_half, the memory latency halved");
		check_eq(10 + 2 * (params.latency[CM_MEMORY] - params.latency[CM_L1]),
			 result(text, user, 1, "phase3", "cycles_lat_double"),
			 "phase 3, first time: user cycles_lat_double, the memory latency doubled");
	}
	check_eq(40, result(text, user, 2, "phase3", "instructions"), "phase 3, second time: its own occurrence");
	check_eq(5 + 7 + 1, result(text, user, 1, "unmarked", "instructions"),
		 "unmarked: user work outside phases, summed over vCPUs");
	check_eq(100, result(text, kernel, 1, "unmarked", "instructions"),
		 "unmarked: vCPU 1's kernel work while vCPU 0 was in a phase");
	check_eq(3, result(text, user, 1, "phase6", "instructions"), "a begin inside a phase opens the new phase");
	check(strstr(text, "2 unbalanced markers") != NULL, "the report counts the unbalanced markers");
	check(strstr(text, "phase6 occurrence 1 (vCPU 1) never ended") != NULL,
	      "the report names a phase that never ended");
	free(text);
	phase_book_free(&book);
}

/*
 * Task tracking: a phase counts the task that began it; another task on its
 * vCPU inside the window (a forked child woken there) goes to mode=other,
 * and an end marker from another task does not end it.
 */
static void test_phase_tasks(void)
{
	struct phase_book book;
	struct vcpu_phase v = { .task = 0x1000 };	/* the parent */
	char *text = NULL, other[128], all[128];
	size_t len = 0;
	FILE *out;

	phase_book_init(&book);
	phase_marker(&book, &v, 0, &(struct marker){ .id = 1 });
	counts_fetch(phase_counts(&v, CM_KERNEL), 50, CM_L1);	/* the parent's fork() */
	v.task = 0x2000;					/* the child runs */
	counts_fetch(phase_counts(&v, CM_KERNEL), 70, CM_L1);
	counts_fetch(phase_counts(&v, CM_USER), 2, CM_L1);
	phase_marker(&book, &v, 0, &(struct marker){ .id = 1, .end = true });
	v.task = 0x1000;					/* the parent again */
	counts_fetch(phase_counts(&v, CM_USER), 5, CM_L1);
	phase_marker(&book, &v, 0, &(struct marker){ .id = 1, .end = true });
	counts_fetch(phase_counts(&v, CM_USER), 1000, CM_L1);	/* after the phase */

	out = open_memstream(&text, &len);
	report_write(out, &params, &book, &v, 1);
	fclose(out);
	snprintf(other, sizeof(other), "model=%s,mode=other", params.name);
	snprintf(all, sizeof(all), "model=%s,mode=all", params.name);
	check_eq(55, result(text, all, 1, "phase1", "instructions"),
		 "tasks: the phase counts the task that began it");
	check_eq(72, result(text, other, 1, "phase1", "instructions"),
		 "tasks: another task in the window counts as other, user and kernel");
	check(strstr(text, "1 unbalanced markers") != NULL,
	      "tasks: an end marker of another task does not end the phase");
	check_eq(1000, result(text, all, 1, "unmarked", "instructions"),
		 "tasks: the parent's own end marker ended it");
	free(text);
	phase_book_free(&book);
}

/* The name symtab_lookup gives pc, "-" for none. */
static const char *lookup_name(const struct symtab *t, uint64_t pc)
{
	uint32_t i = symtab_lookup(t, pc);

	return i == SYMTAB_NONE ? "-" : symtab_name(t, i);
}

static void check_lookup(const struct symtab *t, uint64_t pc, const char *want, const char *why)
{
	const char *got = lookup_name(t, pc);

	check(!strcmp(want, got), "System.map: 0x%" PRIx64 " is in %s (%s)", pc, want, why);
	if (strcmp(want, got))
		printf("# got %s\n", got);
}

static void test_symtab(const char *map)
{
	struct symtab t;
	char err[512];

	if (symtab_load(map, &t, err, sizeof(err))) {
		check(0, "the fixture System.map loads (%s)", err);
		return;
	}
	check_eq(7, t.functions, "System.map: 7 functions (text symbols, one per address)");
	check_lookup(&t, 0, "-", "below everything");
	check_lookup(&t, 0xfff, "-", "an absolute symbol is no boundary: before the first symbol");
	check_lookup(&t, 0xffffffc07fffffffull, "-", "one byte before the first symbol");
	check_lookup(&t, 0xffffffc080000000ull, "_text", "the first symbol; of two text symbols at one address, the first in the file");
	check_lookup(&t, 0xffffffc08000fffcull, "_text", "the last instruction before the next symbol");
	check_lookup(&t, 0xffffffc080010000ull, "_stext", "two T symbols at one address: the first in the file");
	check_lookup(&t, 0xffffffc080010400ull, "copy_page", "a function's first byte");
	check_lookup(&t, 0xffffffc08001047full, "copy_page", "a function's last byte");
	check_lookup(&t, 0xffffffc080010480ull, "clear_page", "the next function's first byte, a local (t) one");
	check_lookup(&t, 0xffffffc080010504ull, "arch_weak_hook", "a weak (W) function");
	check_lookup(&t, 0xffffffc080020000ull, "-", "read-only data (R) ends the text before it");
	check_lookup(&t, 0xffffffc080020044ull, "-", "inside local read-only data (r)");
	check_lookup(&t, 0xffffffc0800300fcull, "start_kernel", "text after data");
	check_lookup(&t, 0xffffffc080030100ull, "-", "data (D) right after a function");
	check_lookup(&t, 0xffffffc080040000ull, "-", "bss (B)");
	check_lookup(&t, 0xffffffc080050000ull, "-", "the last symbol (_end) has no end: nothing");
	check_lookup(&t, 0xffffffc080050004ull, "-", "after the last symbol");
	check_lookup(&t, UINT64_MAX, "-", "the top of the address space");
	symtab_free(&t);

	check(symtab_parse("ffff0000 T only_fn\n\nffff0100 T last_fn", "t", &t, err, sizeof(err)) == 0 &&
		      !strcmp(lookup_name(&t, 0xffff00fc), "only_fn") &&
		      !strcmp(lookup_name(&t, 0xffff0100), "-"),
	      "System.map: a function ends at the next (past a blank line); a text symbol that is last names nothing");
	symtab_free(&t);
	check(symtab_parse("ffff0000 T fn\nnot a map line\n", "m", &t, err, sizeof(err)) &&
		      strstr(err, "m:2: expected 'ADDRESS TYPE NAME'"),
	      "System.map: a line that is not ADDRESS TYPE NAME is named");
	check(symtab_parse("ffff0000 D data\nffff0100 B _end\n", "m", &t, err, sizeof(err)) &&
		      strstr(err, "no function"),
	      "System.map: a map without a function is refused");
	check(symtab_load("/nonexistent/System.map", &t, err, sizeof(err)) &&
		      strstr(err, "cannot open the System.map '/nonexistent/System.map'"),
	      "System.map: a missing file is named");
}

/* One access the way the plugin makes it: counted, and attributed to pc's key. */
static void access_at(struct hierarchy *h, struct vcpu_phase *v, const struct symtab *t,
		      uint64_t pc, enum cm_mode mode, enum cm_side side, uint64_t line)
{
	enum cm_level served = hierarchy_access(h, 0, side, line);
	struct attrib *a = phase_attrib(v);

	if (side == CM_FETCH)
		counts_fetch(phase_counts(v, mode), 1, served);
	else
		counts_data(phase_counts(v, mode), served);
	if (a && !attrib_access(a, attrib_key(t, pc, mode), side, served))
		check(0, "attribution: out of memory");
}

/* The "# cachemodel symbol" line of a phase's mode, metric and rank, from its function on. */
static const char *symbol_line(const char *text, const char *mode, const char *metric,
			       const char *rank)
{
	char key[128];
	const char *p;

	snprintf(key, sizeof(key), "# cachemodel symbol\tphase2\t1\t%s\t%s\t%s\t", mode, metric, rank);
	p = strstr(text, key);
	return p ? p + strlen(key) : "(none)";
}

static int starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/*
 * A synthetic stream in phase 2, cold caches, each line touched once unless
 * said: copy_page reads 2048 lines (2048 L1d and SLC misses) and fetches one
 * line of code (an SLC miss, no L1d miss); clear_page writes 100 lines, then
 * again (hits); user code reads 50 lines; a kernel PC in read-only data 5;
 * another task in the window, in arch_weak_hook, 3; before the phase, 7
 * lines that no table may count.
 */
static void test_attribution(const char *map)
{
	const uint64_t copy_page = 0xffffffc080010404ull, clear_page = 0xffffffc080010490ull;
	const uint64_t weak = 0xffffffc080010500ull, in_rodata = 0xffffffc080020044ull;
	struct phase_book book;
	struct vcpu_phase v = { .task = 1 };
	struct hierarchy h;
	struct symtab t;
	char err[512], all[128], *text = NULL;
	size_t len = 0, n;
	uint64_t line = 1000;
	struct attrib_slot *sorted;
	FILE *out;

	if (symtab_load(map, &t, err, sizeof(err))) {
		check(0, "the fixture System.map loads (%s)", err);
		return;
	}
	new_model(&h, 1);
	phase_book_init(&book);
	book.attribute = true;
	for (int i = 0; i < 7; i++)
		access_at(&h, &v, &t, copy_page, CM_KERNEL, CM_DATA, line++);
	phase_marker(&book, &v, 0, &(struct marker){ .id = 2 });
	for (int i = 0; i < 2048; i++)
		access_at(&h, &v, &t, copy_page, CM_KERNEL, CM_DATA, line++);
	access_at(&h, &v, &t, copy_page, CM_KERNEL, CM_FETCH, line++);
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < 100; i++)
			access_at(&h, &v, &t, clear_page, CM_KERNEL, CM_DATA, 1000000 + i);
	for (int i = 0; i < 50; i++)
		access_at(&h, &v, &t, 0x400000 + i, CM_USER, CM_DATA, line++);
	for (int i = 0; i < 5; i++)
		access_at(&h, &v, &t, in_rodata, CM_KERNEL, CM_DATA, line++);
	v.task = 2;
	for (int i = 0; i < 3; i++)
		access_at(&h, &v, &t, weak, CM_KERNEL, CM_DATA, line++);
	v.task = 1;
	phase_marker(&book, &v, 0, &(struct marker){ .id = 2, .end = true });

	check(attrib_sorted(book.records[0]->attrib[0], ATTRIB_L1D_MISSES, &sorted, &n) && n == 4 &&
		      sorted[0].key == attrib_key(&t, copy_page, CM_KERNEL) && sorted[0].count[ATTRIB_L1D_MISSES] == 2048 &&
		      sorted[1].key == attrib_key(&t, clear_page, CM_KERNEL) && sorted[1].count[ATTRIB_L1D_MISSES] == 100 &&
		      sorted[2].key == ATTRIB_USER && sorted[2].count[ATTRIB_L1D_MISSES] == 50 &&
		      sorted[3].key == ATTRIB_UNKNOWN && sorted[3].count[ATTRIB_L1D_MISSES] == 5,
	      "attribution: L1d misses by function, most first: copy_page 2048, clear_page 100 (its second pass hits), [user] 50, [unknown] 5");
	free(sorted);
	check(attrib_sorted(book.records[0]->attrib[0], ATTRIB_SLC_MISSES, &sorted, &n) && n == 4 &&
		      sorted[0].count[ATTRIB_SLC_MISSES] == 2049,
	      "attribution: SLC misses count the fetch too: copy_page 2049");
	free(sorted);

	out = open_memstream(&text, &len);
	report_write(out, &params, &book, &v, 1);
	check(report_symbols(out, &t, map, &book, 2), "attribution: the report is written");
	fclose(out);
	snprintf(all, sizeof(all), "model=%s,mode=all", params.name);
	check(starts(symbol_line(text, "all", "l1d_misses", "1"), "copy_page\t2048\n") &&
		      starts(symbol_line(text, "all", "l1d_misses", "2"), "clear_page\t100\n"),
	      "attribution report, top 2: copy_page then clear_page");
	check(starts(symbol_line(text, "all", "l1d_misses", "-"), "[rest]\t55\n"),
	      "attribution report: [rest] holds [user] and [unknown], 55");
	check_eq(2048 + 100 + 55, result(text, all, 1, "phase2", "l1d_misses"),
		 "attribution report: its lines add up to the phase's RESULT l1d_misses");
	check(starts(symbol_line(text, "all", "slc_misses", "1"), "copy_page\t2049\n"),
	      "attribution report: SLC misses, fetch included");
	check(starts(symbol_line(text, "other", "l1d_misses", "1"), "arch_weak_hook\t3\n") &&
		      !strstr(text, "\tother\tl1d_misses\t2\t"),
	      "attribution report: another task in the window goes to mode other, alone");
	check(!strstr(text, "# cachemodel symbol\tunmarked"),
	      "attribution report: work outside phases is not attributed (nor in copy_page's 2048)");
	check(strstr(text, "# cachemodel symbols: ") && strstr(text, "(7 functions)"),
	      "attribution report: one line names the map and its functions");
	free(text);
	phase_book_free(&book);
	hierarchy_free(&h);
	symtab_free(&t);
}

/*
 * Fetch runs as the plugin makes them (fetch.h): one line of code holds 40
 * instructions of copy_page, then 12 of clear_page. With symbols= they are
 * two runs, the second without a fetch of its own; without, one run of 52.
 * Both ways count 52 instructions and L1i accesses and one L1i miss, and
 * the attribution gives each function its own instructions.
 */
static void fetch_runs_in_phase(struct phase_book *book, struct hierarchy *h, struct vcpu_phase *v,
				const struct fetch_run *runs, int n)
{
	phase_marker(book, v, 0, &(struct marker){ .id = 2 });
	for (int i = 0; i < n; i++)
		check(fetch_run_count(h, v, 0, &runs[i]), "fetch run %d: counted", i);
	phase_marker(book, v, 0, &(struct marker){ .id = 2, .end = true });
}

static void test_fetch_runs(const char *map)
{
	const uint64_t copy_page = 0xffffffc080010404ull, clear_page = 0xffffffc080010490ull;
	struct fetch_run prev = { .line = 77, .mode = CM_KERNEL, .key = 5 };
	struct phase_book book;
	struct vcpu_phase v = { .task = 1 };
	struct hierarchy h;
	struct symtab t;
	struct fetch_run runs[2];
	struct attrib_slot *sorted;
	char err[512], all[128], *text = NULL;
	size_t len = 0, n;
	bool continues;
	FILE *out;

	check(fetch_run_ends(NULL, 77, CM_KERNEL, 5, false, &continues) && !continues,
	      "fetch runs: a block's first instruction starts a run, with a fetch");
	check(!fetch_run_ends(&prev, 77, CM_KERNEL, 5, false, &continues),
	      "fetch runs: same line, mode and function: the run goes on");
	check(fetch_run_ends(&prev, 77, CM_KERNEL, 6, false, &continues) && continues,
	      "fetch runs: another function in the same line: a new run, without a fetch");
	check(fetch_run_ends(&prev, 78, CM_KERNEL, 5, false, &continues) && !continues,
	      "fetch runs: another line: a new run, with a fetch");
	check(fetch_run_ends(&prev, 77, CM_USER, 5, false, &continues) && !continues,
	      "fetch runs: another mode: a new run, with a fetch");
	check(fetch_run_ends(&prev, 77, CM_KERNEL, 5, true, &continues) && !continues,
	      "fetch runs: a marker starts its own run, with a fetch (as without symbols=)");

	if (symtab_load(map, &t, err, sizeof(err))) {
		check(0, "the fixture System.map loads (%s)", err);
		return;
	}
	snprintf(all, sizeof(all), "model=%s,mode=all", params.name);
	for (int attributing = 0; attributing < 2; attributing++) {
		new_model(&h, 1);
		phase_book_init(&book);
		book.attribute = attributing;
		if (attributing) {
			runs[0] = (struct fetch_run){ .line = 500, .instructions = 40, .mode = CM_KERNEL,
						      .key = attrib_key(&t, copy_page, CM_KERNEL) };
			runs[1] = (struct fetch_run){ .line = 500, .instructions = 12, .mode = CM_KERNEL,
						      .key = attrib_key(&t, clear_page, CM_KERNEL),
						      .continues = true };
			fetch_runs_in_phase(&book, &h, &v, runs, 2);
		} else {
			runs[0] = (struct fetch_run){ .line = 500, .instructions = 52, .mode = CM_KERNEL };
			fetch_runs_in_phase(&book, &h, &v, runs, 1);
		}
		out = open_memstream(&text, &len);
		report_write(out, &params, &book, &v, 1);
		if (attributing)
			check(report_symbols(out, &t, map, &book, 2), "fetch runs: the report is written");
		fclose(out);
		check(result(text, all, 1, "phase2", "instructions") == 52 &&
			      result(text, all, 1, "phase2", "l1i_accesses") == 52 &&
			      result(text, all, 1, "phase2", "l1i_misses") == 1,
		      "fetch runs, %s symbols=: 52 instructions and L1i accesses, 1 L1i miss",
		      attributing ? "with" : "without");
		if (attributing) {
			check(attrib_sorted(book.records[0]->attrib[0], ATTRIB_INSTRUCTIONS, &sorted, &n) &&
				      n == 2 && sorted[0].key == runs[0].key &&
				      sorted[0].count[ATTRIB_INSTRUCTIONS] == 40 &&
				      sorted[1].key == runs[1].key &&
				      sorted[1].count[ATTRIB_INSTRUCTIONS] == 12,
			      "fetch runs: instructions by function, copy_page 40, clear_page 12");
			free(sorted);
			check(attrib_sorted(book.records[0]->attrib[0], ATTRIB_SLC_MISSES, &sorted, &n) &&
				      n == 1 && sorted[0].key == runs[0].key,
			      "fetch runs: the line's fetch miss is copy_page's alone");
			free(sorted);
			check(starts(symbol_line(text, "all", "instructions", "1"), "copy_page\t40\n") &&
				      starts(symbol_line(text, "all", "instructions", "2"), "clear_page\t12\n"),
			      "fetch runs: the report's instructions lines");
		}
		free(text);
		text = NULL;
		phase_book_free(&book);
		hierarchy_free(&h);
	}
	symtab_free(&t);
}

static void test_bad_params(void)
{
	char err[512];
	struct cm_params p;
	const char *good =
		"name = t\nline_size = 64\nl1i.size = 4K\nl1i.ways = 2\nl1d.size = 4K\nl1d.ways = 2\n"
		"l2.size = 16K\nl2.ways = 4\nslc.size = 64K\nslc.ways = 8\n"
		"latency.l1 = 1\nlatency.l2 = 2\nlatency.slc = 3\nlatency.memory = 4\n";
	char text[1024];

	check(params_parse(good, "good", &p, err, sizeof(err)) == 0 && p.l2.size == 16384,
	      "a complete parameter text parses, K suffix in bytes");
	snprintf(text, sizeof(text), "%sl3.size = 1M\n", good);
	check(params_parse(text, "t", &p, err, sizeof(err)) && strstr(err, "unknown key 'l3.size'") &&
		      strstr(err, "valid keys: name line_size"),
	      "an unknown key is named, with the valid keys");
	check(params_parse(good + strlen("name = t\n"), "t", &p, err, sizeof(err)) &&
		      strstr(err, "key 'name' is missing"),
	      "a missing key is named");
	snprintf(text, sizeof(text), "%s", good);
	memcpy(strstr(text, "16K"), "24K", 3);
	check(params_parse(text, "t", &p, err, sizeof(err)) && strstr(err, "power of two"),
	      "a size that is not ways x line x 2^n is refused");
	snprintf(text, sizeof(text), "%s", good);
	memcpy(strstr(text, "= 4\n"), "= x\n", 4);
	check(params_parse(text, "t", &p, err, sizeof(err)) && strstr(err, "whole number, not 'x'"),
	      "a value that is not a number is named");
	snprintf(text, sizeof(text), "%s", good);
	memcpy(strstr(text, "latency.slc = 3"), "latency.slc = 9", 15);
	check(params_parse(text, "t", &p, err, sizeof(err)) && strstr(err, "must not decrease"),
	      "latencies that decrease away from the core are refused");
}

int main(int argc, char **argv)
{
	char err[512];

	if (argc != 3) {
		fprintf(stderr, "usage: %s PARAMS_FILE SYSTEM_MAP\n", argv[0]);
		return 2;
	}
	printf("KTAP version 1\n");
	check(params_load(argv[1], &params, err, sizeof(err)) == 0, "%s loads", argv[1]);
	if (failures) {
		printf("# %s\nBail out!\n", err);
		return 1;
	}
	test_bad_params();
	test_lru();
	test_markers();
	test_counted_insns();
	test_streams();
	test_line_stride();
	test_just_fits();
	test_conflicts();
	test_fetch_and_sharing();
	test_cycles();
	test_cycles_sweep();
	test_phases();
	test_phase_tasks();
	test_symtab(argv[2]);
	test_attribution(argv[2]);
	test_fetch_runs(argv[2]);
	printf("1..%d\n", tests);
	return failures != 0;
}
