/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Attribution of counts to phases. Each vCPU is outside any phase until it
 * executes a begin marker; each begin opens a new occurrence of its phase id
 * (numbered from 1 in the order the begins execute, over all vCPUs), which
 * collects that vCPU's counts until the matching end marker.
 *
 * Tasks: when the plugin can tell which task a vCPU runs (vcpu_phase.task,
 * set at each context switch; 0 when unknown), an occurrence counts only the
 * task that began it, like a perf counter of that task; what other tasks run
 * on the vCPU inside the window (a child forked and woken there, a kernel
 * thread) goes to the occurrence's "other" counts. Without task tracking
 * every task has key 0, and the window counts everything.
 *
 * Attribution (book.attribute, plugin argument symbols=): each occurrence
 * also counts its misses by function (attrib.h), the task's and other
 * tasks' apart like the counts. Work outside phases is not attributed.
 */
#ifndef CACHEMODEL_PHASES_H
#define CACHEMODEL_PHASES_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "attrib.h"
#include "counts.h"
#include "marker.h"

struct phase_record {
	struct cm_counts mode[CM_MODES];
	unsigned int id;
	unsigned int occurrence;	/* 1, 2, ... per id */
	unsigned int vcpu;
	uint64_t task;				/* the task that began it */
	struct cm_counts other[CM_MODES];	/* other tasks in its window */
	/* by function, with book.attribute: [0] the task's, [1] other tasks' */
	struct attrib *attrib[2];
	bool open;
};

struct phase_book {
	pthread_mutex_t lock;
	struct phase_record **records;	/* in the order they were opened */
	size_t count, capacity;
	unsigned int occurrences[PHASE_MARKER_IDS];
	/* a begin inside a phase, or an end outside its phase */
	unsigned long long unbalanced;
	bool attribute;			/* set before the first marker */
};

/* A vCPU's place: the counts it adds to now. */
struct vcpu_phase {
	struct phase_record outside;	/* everything outside phases */
	struct phase_record *current;	/* NULL outside phases */
	uint64_t task;			/* the task running now: 0 unknown */
};

void phase_book_init(struct phase_book *book);
void phase_book_free(struct phase_book *book);

/* phase_marker: the vCPU executed marker m. Returns false when out of memory. */
bool phase_marker(struct phase_book *book, struct vcpu_phase *v, unsigned int vcpu,
		  const struct marker *m);

static inline struct cm_counts *phase_counts(struct vcpu_phase *v, enum cm_mode mode)
{
	if (!v->current)
		return &v->outside.mode[mode];
	return v->current->task == v->task ? &v->current->mode[mode] : &v->current->other[mode];
}

/* phase_attrib: where the vCPU's misses by function go now; NULL: nowhere. */
static inline struct attrib *phase_attrib(struct vcpu_phase *v)
{
	if (!v->current)
		return NULL;
	return v->current->attrib[v->current->task != v->task];
}

#endif
