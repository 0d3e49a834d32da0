/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Attribution to the function of the instruction (plugin argument symbols=):
 * per phase occurrence, the instructions executed, and the L1d misses and
 * SLC (last-level) misses of the accesses they made, by key. A key names a kernel function of the
 * System.map (symtab.h), or one of two buckets: every user-mode instruction
 * ("[user]"), and kernel instructions in no function of the map
 * ("[unknown]": a module, BPF, or code the map does not cover). Keys are
 * small integers, so that the plugin can carry one in a callback's udata.
 */
#ifndef CACHEMODEL_ATTRIB_H
#define CACHEMODEL_ATTRIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "counts.h"
#include "hierarchy.h"
#include "symtab.h"

#define ATTRIB_USER 0u
#define ATTRIB_UNKNOWN 1u
#define ATTRIB_FUNCTION(index) ((index) + 2u)	/* function index of the symtab */

enum attrib_metric { ATTRIB_L1D_MISSES, ATTRIB_SLC_MISSES, ATTRIB_INSTRUCTIONS, ATTRIB_METRICS };

struct attrib_slot {
	uint32_t key;
	uint32_t used;
	uint64_t count[ATTRIB_METRICS];
};

/* A map from key to counts: open addressing, grown by doubling. */
struct attrib {
	struct attrib_slot *slots;
	uint32_t capacity;	/* a power of two */
	uint32_t used;
};

/* The metric's name in the report: that of its RESULT line. */
extern const char *const attrib_metric_names[ATTRIB_METRICS];

/* attrib_key: the key of an instruction at pc run in mode. */
uint32_t attrib_key(const struct symtab *t, uint64_t pc, enum cm_mode mode);
const char *attrib_key_name(const struct symtab *t, uint32_t key);

struct attrib *attrib_new(void);
void attrib_free(struct attrib *a);

/*
 * attrib_access: one access of side served by served, made by the
 * instruction of key: an L1d miss when a data access went beyond L1, an SLC
 * miss when any access (a fetch too) went to memory, as counts.c counts
 * them. Hits change nothing. Returns false when out of memory.
 */
bool attrib_access(struct attrib *a, uint32_t key, enum cm_side side, enum cm_level served);

/* attrib_instructions: n instructions of key executed. False when out of memory. */
bool attrib_instructions(struct attrib *a, uint32_t key, uint64_t n);

/*
 * attrib_sorted: the slots with a non-zero m, most first (ties: smaller key
 * first), in a new array (free() it) in *out, their number in *n. Returns
 * false when out of memory.
 */
bool attrib_sorted(const struct attrib *a, enum attrib_metric m, struct attrib_slot **out,
		   size_t *n);

#endif
