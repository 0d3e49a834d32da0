// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>

#include "phases.h"

void phase_book_init(struct phase_book *book)
{
	*book = (struct phase_book){ 0 };
	pthread_mutex_init(&book->lock, NULL);
}

void phase_book_free(struct phase_book *book)
{
	for (size_t i = 0; i < book->count; i++) {
		attrib_free(book->records[i]->attrib[0]);
		attrib_free(book->records[i]->attrib[1]);
		free(book->records[i]);
	}
	free(book->records);
	pthread_mutex_destroy(&book->lock);
}

/* Called with book->lock held. */
static struct phase_record *open_record(struct phase_book *book, unsigned int vcpu,
					unsigned int id)
{
	struct phase_record *r;

	if (book->count == book->capacity) {
		size_t cap = book->capacity ? book->capacity * 2 : 64;
		struct phase_record **grown = realloc(book->records, cap * sizeof(*grown));

		if (!grown)
			return NULL;
		book->records = grown;
		book->capacity = cap;
	}
	r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	if (book->attribute) {
		r->attrib[0] = attrib_new();
		r->attrib[1] = attrib_new();
		if (!r->attrib[0] || !r->attrib[1]) {
			attrib_free(r->attrib[0]);
			attrib_free(r->attrib[1]);
			free(r);
			return NULL;
		}
	}
	r->id = id;
	r->occurrence = ++book->occurrences[id];
	r->vcpu = vcpu;
	r->open = true;
	book->records[book->count++] = r;
	return r;
}

bool phase_marker(struct phase_book *book, struct vcpu_phase *v, unsigned int vcpu,
		  const struct marker *m)
{
	bool ok = true;

	pthread_mutex_lock(&book->lock);
	if (m->end) {
		if (v->current && v->current->id == m->id && v->current->task == v->task) {
			v->current->open = false;
			v->current = NULL;
		} else {
			book->unbalanced++;
		}
	} else {
		if (v->current) {
			v->current->open = false;
			book->unbalanced++;
		}
		/* Records never move: other vCPUs hold pointers to theirs. */
		v->current = open_record(book, vcpu, m->id);
		ok = v->current != NULL;
		if (ok)
			v->current->task = v->task;
	}
	pthread_mutex_unlock(&book->lock);
	return ok;
}
