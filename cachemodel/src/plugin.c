// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The QEMU glue (plugin API version 1, QEMU 7.2): feeds the guest's
 * instruction fetches and data accesses to the model and writes its counts
 * at exit. Arguments:
 *   params=FILE   the model's parameters (cachemodel/neoverse-n1.params)
 *   out=FILE      where the RESULT lines go (report.h)
 *   switch_to=ADDR  optional: the kernel's cpu_switch_to (hex, from
 *                 System.map, KASLR off), for task tracking (below)
 *   symbols=FILE  optional: the kernel's System.map, to attribute each
 *                 phase's instructions, L1d and SLC misses to functions
 *                 (below)
 *   top=N         with symbols=: how many functions per phase, mode and
 *                 metric the report names (default 20)
 *
 * Addresses. Data: the guest physical address (qemu_plugin_get_hwaddr, system
 * emulation); accesses to I/O regions are not cached and not counted.
 * Fetch: QEMU 7.2 gives an instruction's virtual address and the host
 * address of its bytes, not its guest physical address. The model uses the
 * host address: guest RAM is one host mapping aligned to 2 MiB or more, so
 * within it the host address is the physical address plus a constant, and
 * the set an instruction line maps to is the one its physical line maps to
 * at every level up to a 2 MiB span (the SLC's 32768 sets of 64 B). Fetch
 * and data lines of one physical line are still two lines to the unified
 * L2 and SLC (code is rarely read as data). Without a host address (code
 * outside RAM), the virtual address is used.
 *
 * Fetch granularity: the instructions of a translation block are cut into
 * runs of consecutive instructions in one cache line; each run is one L1i
 * lookup, before its first instruction executes, counting all its
 * instructions as fetches (the rest would hit the line the first brought
 * in). A block left early by an exception counts the rest of its run.
 *
 * Kernel or user: by the instruction's virtual address at translation (top
 * bit set: TTBR1, the kernel); QEMU 7.2 has no privilege query.
 *
 * Not seen: DC ZVA's stores (QEMU 7.2 reports no memory access for them and
 * cannot give the register holding the address): counted as dc_zva.
 * The cost of memory barriers beyond one cycle: DMB and DSB are counted as
 * barriers (insn.h).
 * QEMU's own page-table walks (the hardware walker's loads go through the
 * caches; TLBs are not modelled), prefetchers, coherence traffic.
 *
 * Phases: a marker (marker.h) starts its own run, whose callback switches the
 * vCPU's phase before counting, so a begin marker counts in its phase and an
 * end marker outside it.
 *
 * Tasks: QEMU 7.2 cannot read registers, but a context switch on arm64 goes
 * through cpu_switch_to(prev, next), whose first load reads the callee-saved
 * registers from next->thread.cpu_context: that load's virtual address names
 * the next task. With switch_to=, each vCPU's task is that address (0 until
 * its first switch), and a phase counts the task that began it (phases.h).
 *
 * Attribution: with symbols=, each instruction's key (attrib.h: its kernel
 * function from the System.map, or [user], or [unknown]) is found once, at
 * translation, by binary search (symtab.h), and travels in the callbacks'
 * udata; a miss counts for the key of the instruction that made the access
 * (a fetch run's instructions share one key: runs end where it changes), and
 * so do the instructions, in the phase occurrence they count in
 * (report-symbols.h). KASLR must be off, as for switch_to=.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qemu-plugin.h>

#include "arena.h"
#include "attrib.h"
#include "fetch.h"
#include "hierarchy.h"
#include "insn.h"
#include "marker.h"
#include "phases.h"
#include "report-symbols.h"
#include "report.h"
#include "symtab.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;


static struct hierarchy model;
static struct phase_book book;
static struct vcpu_phase *vcpus;
static unsigned int nvcpus;
static struct arena runs;
static FILE *out;
static char *out_path;
static bool out_of_memory;
/* Task tracking: cpu_switch_to's address (0: off); its loads are in this span. */
#define SWITCH_TO_SPAN 256u
static uint64_t switch_to;
struct vcpu_switch {
	bool pending;			/* entered cpu_switch_to, no load yet */
	uint64_t entries, switches;
};
static struct vcpu_switch *switches;
/* Attribution (symbols=): the kernel's functions, and how many to report. */
static bool attributing, attrib_out_of_memory;
static struct symtab symbols;
static char *symbols_path;
static unsigned int top = 20;

static void on_switch_entry(unsigned int vcpu, void *udata)
{
	(void)udata;
	switches[vcpu].pending = true;
	switches[vcpu].entries++;
}

/* A load in cpu_switch_to: the first after its entry names the next task. */
static void switch_load(unsigned int vcpu, qemu_plugin_meminfo_t info, uint64_t vaddr)
{
	if (!switches[vcpu].pending || qemu_plugin_mem_is_store(info))
		return;
	switches[vcpu].pending = false;
	switches[vcpu].switches++;
	vcpus[vcpu].task = vaddr;
}

/*
 * The memory callback's udata: the mode, this bit for an instruction of
 * cpu_switch_to, and the attribution key above them. One memory callback per
 * instruction: QEMU 7.2 never called a second one registered on the same
 * instruction (a boot entered cpu_switch_to 284 times, and a read-only
 * callback on its loads saw none).
 */
#define MEM_MODE_MASK 0xffu
#define MEM_IN_SWITCH_TO 0x100u
#define MEM_KEY_SHIFT 9

static void *mem_udata(enum cm_mode mode, bool in_switch, uint32_t key)
{
	return (void *)((uintptr_t)mode | (in_switch ? MEM_IN_SWITCH_TO : 0) |
			(uintptr_t)key << MEM_KEY_SHIFT);
}

/* A miss, for the attribution: to the occurrence the vCPU counts in now. */
static void attribute(unsigned int vcpu, uint32_t key, enum cm_side side, enum cm_level served)
{
	struct attrib *a = phase_attrib(&vcpus[vcpu]);

	if (a && !attrib_access(a, key, side, served))
		attrib_out_of_memory = true;
}

static void on_fetch_run(unsigned int vcpu, void *udata)
{
	const struct fetch_run *run = udata;
	struct vcpu_phase *v = &vcpus[vcpu];

	if (run->has_marker && !phase_marker(&book, v, vcpu, &run->marker))
		out_of_memory = true;
	if (!fetch_run_count(&model, v, vcpu, run))
		attrib_out_of_memory = true;
}

static void on_memory(unsigned int vcpu, qemu_plugin_meminfo_t info, uint64_t vaddr,
		      void *udata)
{
	enum cm_mode mode = (enum cm_mode)((uintptr_t)udata & MEM_MODE_MASK);
	uint32_t key = (uint32_t)((uintptr_t)udata >> MEM_KEY_SHIFT);
	struct qemu_plugin_hwaddr *hw = qemu_plugin_get_hwaddr(info, vaddr);
	uint64_t addr = vaddr, size = 1ull << qemu_plugin_mem_size_shift(info);
	struct cm_counts *counts;

	if ((uintptr_t)udata & MEM_IN_SWITCH_TO)
		switch_load(vcpu, info, vaddr);
	counts = phase_counts(&vcpus[vcpu], mode);
	if (hw) {
		if (qemu_plugin_hwaddr_is_io(hw))
			return;
		addr = qemu_plugin_hwaddr_phys_addr(hw);
	}
	/* An access across a line boundary touches both lines. */
	for (uint64_t line = hierarchy_line(&model, addr);
	     line <= hierarchy_line(&model, addr + size - 1); line++) {
		enum cm_level served = hierarchy_access(&model, vcpu, CM_DATA, line);

		counts_data(counts, served);
		if (attributing)
			attribute(vcpu, key, CM_DATA, served);
	}
}

static void on_dc_zva(unsigned int vcpu, void *udata)
{
	phase_counts(&vcpus[vcpu], (enum cm_mode)(uintptr_t)udata)->dc_zva++;
}

static void on_barrier(unsigned int vcpu, void *udata)
{
	phase_counts(&vcpus[vcpu], (enum cm_mode)(uintptr_t)udata)->barriers++;
}

static uint32_t insn_word(const struct qemu_plugin_insn *insn)
{
	const uint8_t *b = qemu_plugin_insn_data(insn);

	if (qemu_plugin_insn_size(insn) != 4)
		return 0;
	/* A64 instructions are little-endian whatever the data endianness. */
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static void on_translation(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t n = qemu_plugin_tb_n_insns(tb);
	struct fetch_run *run = NULL;

	(void)id;
	for (size_t i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		uint64_t vaddr = qemu_plugin_insn_vaddr(insn);
		void *haddr = qemu_plugin_insn_haddr(insn);
		uint64_t line = hierarchy_line(&model, haddr ? (uint64_t)(uintptr_t)haddr : vaddr);
		enum cm_mode mode = (vaddr >> 63) ? CM_KERNEL : CM_USER;
		uint32_t key = attributing ? attrib_key(&symbols, vaddr, mode) : 0;
		struct marker marker;
		uint32_t word = insn_word(insn);
		bool is_marker = marker_decode(word, &marker);
		bool continues, in_switch;

		if (fetch_run_ends(run, line, mode, key, is_marker, &continues)) {
			run = arena_alloc(&runs, sizeof(*run));
			if (!run) {
				out_of_memory = true;
				return;
			}
			run->continues = continues;
			run->line = line;
			run->mode = mode;
			run->key = key;
			run->has_marker = is_marker;
			run->marker = marker;
			qemu_plugin_register_vcpu_insn_exec_cb(insn, on_fetch_run,
							       QEMU_PLUGIN_CB_NO_REGS, run);
		}
		run->instructions++;
		if (insn_is_dc_zva(word))
			qemu_plugin_register_vcpu_insn_exec_cb(insn, on_dc_zva, QEMU_PLUGIN_CB_NO_REGS,
							       (void *)(uintptr_t)mode);
		if (insn_is_barrier(word))
			qemu_plugin_register_vcpu_insn_exec_cb(insn, on_barrier, QEMU_PLUGIN_CB_NO_REGS,
							       (void *)(uintptr_t)mode);
		in_switch = switch_to && vaddr >= switch_to && vaddr - switch_to < SWITCH_TO_SPAN;
		qemu_plugin_register_vcpu_mem_cb(insn, on_memory, QEMU_PLUGIN_CB_NO_REGS,
						 QEMU_PLUGIN_MEM_RW, mem_udata(mode, in_switch, key));
		if (switch_to && vaddr == switch_to)
			qemu_plugin_register_vcpu_insn_exec_cb(insn, on_switch_entry,
							       QEMU_PLUGIN_CB_NO_REGS, NULL);
	}
}

static void on_guest_exit(qemu_plugin_id_t id, void *udata)
{
	uint64_t seen = 0, entries = 0;

	(void)id;
	(void)udata;
	for (unsigned int i = 0; i < nvcpus; i++) {
		seen += switches[i].switches;
		entries += switches[i].entries;
	}
	if (!switch_to)
		fprintf(out, "# cachemodel tasks: not tracked (no switch_to=): a phase counts all its vCPU ran\n");
	else if (!seen)
		fprintf(out, "# cachemodel warning: switch_to=0x%" PRIx64 " was never executed (entered %" PRIu64 " times, no load seen; not cpu_switch_to, or KASLR on): a phase counts all its vCPU ran\n",
			switch_to, entries);
	else
		fprintf(out, "# cachemodel tasks: tracked through cpu_switch_to at 0x%" PRIx64 " (%" PRIu64 " switches): a phase counts the task that began it, mode=other the rest of its vCPU\n",
			switch_to, seen);
	report_write(out, &model.params, &book, vcpus, nvcpus);
	if (attributing && !report_symbols(out, &symbols, symbols_path, &book, top))
		attrib_out_of_memory = true;
	if (attrib_out_of_memory)
		fprintf(out, "# cachemodel warning: out of memory for the attribution to symbols: its lines are incomplete\n");
	if (out_of_memory)
		fprintf(out, "# cachemodel error: out of memory, the counts are incomplete\n");
	if (fclose(out))
		fprintf(stderr, "cachemodel: error writing '%s': %s\n", out_path, strerror(errno));
}

static const char usage[] = "valid arguments: params=FILE (the model's parameters) out=FILE (the results) [switch_to=ADDR (cpu_switch_to, hex: task tracking)] [symbols=FILE (System.map: instructions and misses by function) [top=N (functions per phase, default 20)]]";

/* symbols=: the System.map, whose keys must fit the udata beside the flags. */
static int load_symbols(void)
{
	char err[512];

	if (symtab_load(symbols_path, &symbols, err, sizeof(err))) {
		fprintf(stderr, "cachemodel: symbols=: %s\n", err);
		return -1;
	}
	if (ATTRIB_FUNCTION((uint64_t)symbols.count) > (uint64_t)(UINTPTR_MAX >> MEM_KEY_SHIFT)) {
		fprintf(stderr, "cachemodel: symbols=%s: %u symbols are too many on this host\n",
			symbols_path, symbols.count);
		return -1;
	}
	attributing = true;
	return 0;
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
					   int argc, char **argv)
{
	const char *params_path = NULL;
	struct cm_params params;
	bool top_given = false;
	char err[512];

	for (int i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "params=", 7)) {
			params_path = argv[i] + 7;
		} else if (!strncmp(argv[i], "switch_to=", 10)) {
			char *end;

			errno = 0;
			switch_to = strtoull(argv[i] + 10, &end, 16);
			if (errno || *end || end == argv[i] + 10 || !switch_to) {
				fprintf(stderr, "cachemodel: switch_to= takes the hex address of cpu_switch_to (System.map), not '%s'\n",
					argv[i] + 10);
				return -1;
			}
		} else if (!strncmp(argv[i], "symbols=", 8)) {
			free(symbols_path);
			symbols_path = strdup(argv[i] + 8);
		} else if (!strncmp(argv[i], "top=", 4)) {
			char *end;
			unsigned long n;

			errno = 0;
			n = strtoul(argv[i] + 4, &end, 10);
			if (errno || *end || end == argv[i] + 4 || !n || n > 100000) {
				fprintf(stderr, "cachemodel: top= takes a number of functions from 1 to 100000, not '%s'\n",
					argv[i] + 4);
				return -1;
			}
			top = (unsigned int)n;
			top_given = true;
		} else if (!strncmp(argv[i], "out=", 4)) {
			free(out_path);
			out_path = strdup(argv[i] + 4);	/* argv does not outlive install */
		} else {
			fprintf(stderr, "cachemodel: unknown argument '%s'; %s\n", argv[i], usage);
			return -1;
		}
	}
	if (!params_path || !*params_path || !out_path || !*out_path) {
		free(out_path);
		fprintf(stderr, "cachemodel: params=FILE (the model's parameters) out=FILE (the results) are both required\n");
		return -1;
	}
	if (top_given && (!symbols_path || !*symbols_path)) {
		fprintf(stderr, "cachemodel: top= needs symbols=FILE (the kernel's System.map)\n");
		return -1;
	}
	if (!info->system_emulation) {
		fprintf(stderr, "cachemodel: system emulation only (qemu-system-*), not user mode\n");
		return -1;
	}
	if (params_load(params_path, &params, err, sizeof(err))) {
		fprintf(stderr, "cachemodel: %s\n", err);
		return -1;
	}
	if (symbols_path && load_symbols())
		return -1;
	nvcpus = (unsigned int)info->system.max_vcpus;
	vcpus = calloc(nvcpus, sizeof(*vcpus));
	switches = calloc(nvcpus, sizeof(*switches));
	if (!vcpus || !switches || !hierarchy_init(&model, &params, nvcpus)) {
		fprintf(stderr, "cachemodel: out of memory for %u vCPUs' caches\n", nvcpus);
		return -1;
	}
	out = fopen(out_path, "w");
	if (!out) {
		fprintf(stderr, "cachemodel: cannot write out=%s: %s\n", out_path, strerror(errno));
		return -1;
	}
	phase_book_init(&book);
	book.attribute = attributing;
	arena_init(&runs);
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translation);
	qemu_plugin_register_atexit_cb(id, on_guest_exit, NULL);
	return 0;
}
