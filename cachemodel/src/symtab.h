/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel's functions from its System.map ("ADDRESS TYPE NAME" per line,
 * as nm prints them), sorted by address, to name the function that contains
 * a program counter.
 *
 * Functions are the text symbols (types t, T, w, W). A function extends from
 * its address to the next symbol of any type except absolute ones (a, A), so
 * data and section symbols bound it: a PC from a function's address up to the
 * byte before the next symbol is in that function. The last symbol has no
 * end (System.map ends with _end, past the kernel's image), so it names
 * nothing: a PC at or after it, or before the first symbol, or in a range
 * that a non-text symbol begins, is in no function. Of several symbols at
 * one address, a text symbol wins, then the first in the file.
 */
#ifndef CACHEMODEL_SYMTAB_H
#define CACHEMODEL_SYMTAB_H

#include <stddef.h>
#include <stdint.h>

/* symtab_lookup's answer for a PC in no function. */
#define SYMTAB_NONE UINT32_MAX

struct symtab_entry {
	uint64_t addr;
	uint32_t name;		/* offset into symtab.names */
	uint32_t is_text;
};

struct symtab {
	struct symtab_entry *entries;	/* by address, one per address */
	uint32_t count;
	uint32_t functions;		/* entries that are text */
	char *names;
};

/*
 * symtab_parse: reads System.map text into t. On failure (a line that is not
 * "HEX TYPE NAME", no function at all, out of memory) returns -1 with a
 * message naming origin and line in err.
 */
int symtab_parse(const char *text, const char *origin, struct symtab *t, char *err,
		 size_t errlen);
/* symtab_load: the same from the file path. */
int symtab_load(const char *path, struct symtab *t, char *err, size_t errlen);
void symtab_free(struct symtab *t);

/* symtab_lookup: the index of the function that contains pc, or SYMTAB_NONE. */
uint32_t symtab_lookup(const struct symtab *t, uint64_t pc);

static inline const char *symtab_name(const struct symtab *t, uint32_t index)
{
	return t->names + t->entries[index].name;
}

#endif
