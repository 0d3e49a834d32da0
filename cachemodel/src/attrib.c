// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>

#include "attrib.h"

#define FIRST_CAPACITY 256u

const char *const attrib_metric_names[ATTRIB_METRICS] = {
	[ATTRIB_L1D_MISSES] = "l1d_misses",
	[ATTRIB_SLC_MISSES] = "slc_misses",
	[ATTRIB_INSTRUCTIONS] = "instructions",
};

uint32_t attrib_key(const struct symtab *t, uint64_t pc, enum cm_mode mode)
{
	uint32_t index;

	if (mode == CM_USER)
		return ATTRIB_USER;
	index = symtab_lookup(t, pc);
	return index == SYMTAB_NONE ? ATTRIB_UNKNOWN : ATTRIB_FUNCTION(index);
}

const char *attrib_key_name(const struct symtab *t, uint32_t key)
{
	if (key == ATTRIB_USER)
		return "[user]";
	if (key == ATTRIB_UNKNOWN)
		return "[unknown]";
	return symtab_name(t, key - ATTRIB_FUNCTION(0));
}

struct attrib *attrib_new(void)
{
	struct attrib *a = calloc(1, sizeof(*a));

	if (!a)
		return NULL;
	a->slots = calloc(FIRST_CAPACITY, sizeof(*a->slots));
	if (!a->slots) {
		free(a);
		return NULL;
	}
	a->capacity = FIRST_CAPACITY;
	return a;
}

void attrib_free(struct attrib *a)
{
	if (!a)
		return;
	free(a->slots);
	free(a);
}

static uint32_t home(uint32_t key, uint32_t capacity)
{
	return (key * 2654435761u) & (capacity - 1);	/* Knuth's multiplicative hash */
}

static struct attrib_slot *find(struct attrib_slot *slots, uint32_t capacity, uint32_t key)
{
	uint32_t i = home(key, capacity);

	while (slots[i].used && slots[i].key != key)
		i = (i + 1) & (capacity - 1);
	return &slots[i];
}

static bool grow(struct attrib *a)
{
	uint32_t capacity = a->capacity * 2;
	struct attrib_slot *slots;

	if (!capacity)
		return false;
	slots = calloc(capacity, sizeof(*slots));
	if (!slots)
		return false;
	for (uint32_t i = 0; i < a->capacity; i++)
		if (a->slots[i].used)
			*find(slots, capacity, a->slots[i].key) = a->slots[i];
	free(a->slots);
	a->slots = slots;
	a->capacity = capacity;
	return true;
}

/* The slot of key, added if new; NULL when out of memory. */
static struct attrib_slot *slot(struct attrib *a, uint32_t key)
{
	struct attrib_slot *s = find(a->slots, a->capacity, key);

	if (s->used)
		return s;
	/* At most half full, so that probes stay short. */
	if (2 * (a->used + 1) > a->capacity) {
		if (!grow(a))
			return NULL;
		s = find(a->slots, a->capacity, key);
	}
	s->used = 1;
	s->key = key;
	a->used++;
	return s;
}

bool attrib_access(struct attrib *a, uint32_t key, enum cm_side side, enum cm_level served)
{
	bool l1d_miss = side == CM_DATA && served != CM_L1;
	bool slc_miss = served == CM_MEMORY;
	struct attrib_slot *s;

	if (!l1d_miss && !slc_miss)
		return true;
	s = slot(a, key);
	if (!s)
		return false;
	s->count[ATTRIB_L1D_MISSES] += l1d_miss;
	s->count[ATTRIB_SLC_MISSES] += slc_miss;
	return true;
}

bool attrib_instructions(struct attrib *a, uint32_t key, uint64_t n)
{
	struct attrib_slot *s;

	if (!n)
		return true;
	s = slot(a, key);
	if (!s)
		return false;
	s->count[ATTRIB_INSTRUCTIONS] += n;
	return true;
}

/* Most first; ties by key, so that the order does not depend on the hash. */
static int order(const struct attrib_slot *a, const struct attrib_slot *b, enum attrib_metric m)
{
	if (a->count[m] != b->count[m])
		return a->count[m] > b->count[m] ? -1 : 1;
	return a->key < b->key ? -1 : a->key > b->key;
}

static int most_l1d(const void *a, const void *b)
{
	return order(a, b, ATTRIB_L1D_MISSES);
}

static int most_slc(const void *a, const void *b)
{
	return order(a, b, ATTRIB_SLC_MISSES);
}

static int most_instructions(const void *a, const void *b)
{
	return order(a, b, ATTRIB_INSTRUCTIONS);
}

static int (*const most_first[ATTRIB_METRICS])(const void *, const void *) = {
	[ATTRIB_L1D_MISSES] = most_l1d,
	[ATTRIB_SLC_MISSES] = most_slc,
	[ATTRIB_INSTRUCTIONS] = most_instructions,
};

bool attrib_sorted(const struct attrib *a, enum attrib_metric m, struct attrib_slot **out,
		   size_t *n)
{
	struct attrib_slot *sorted = malloc((a->used ? a->used : 1) * sizeof(*sorted));
	size_t k = 0;

	*out = sorted;
	*n = 0;
	if (!sorted)
		return false;
	for (uint32_t i = 0; i < a->capacity; i++)
		if (a->slots[i].used && a->slots[i].count[m])
			sorted[k++] = a->slots[i];
	qsort(sorted, k, sizeof(*sorted), most_first[m]);
	*n = k;
	return true;
}
