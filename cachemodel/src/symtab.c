// SPDX-License-Identifier: GPL-2.0-or-later
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "symtab.h"
#include "textfile.h"

/* Absolute, undefined and debugging symbols have no place in the text. */
static int ignored_type(char type)
{
	return type == 'a' || type == 'A' || type == 'U' || type == 'N';
}

static int text_type(char type)
{
	return type == 't' || type == 'T' || type == 'w' || type == 'W';
}

/* By address; at one address text first, then file order (name offsets grow with it). */
static int by_address(const void *a, const void *b)
{
	const struct symtab_entry *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	if (x->is_text != y->is_text)
		return x->is_text ? -1 : 1;
	return x->name < y->name ? -1 : x->name > y->name;
}

/* One line "HEX TYPE NAME [more]": its entry, with its name terminated in place. */
static int parse_line(char *line, char *pool, struct symtab_entry *e, int *ignored)
{
	char *p = line, *end, type;

	errno = 0;
	if (!isxdigit((unsigned char)*p))
		return -1;
	e->addr = strtoull(p, &end, 16);
	if (errno || !isspace((unsigned char)*end))
		return -1;
	for (p = end; *p == ' ' || *p == '\t'; p++)
		;
	type = *p++;
	if (!isalpha((unsigned char)type) || (*p != ' ' && *p != '\t'))
		return -1;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p)
		return -1;
	for (end = p; *end && !isspace((unsigned char)*end); end++)
		;
	*end = '\0';
	e->name = (uint32_t)(p - pool);
	e->is_text = text_type(type);
	*ignored = ignored_type(type);
	return 0;
}

int symtab_parse(const char *text, const char *origin, struct symtab *t, char *err,
		 size_t errlen)
{
	size_t len = strlen(text), cap = 0, n = 0, kept = 0;
	unsigned int lineno = 0;
	char *line, *next;

	memset(t, 0, sizeof(*t));
	if (len >= UINT32_MAX)
		return cm_fail(err, errlen, "%s: too large for a System.map", origin);
	t->names = strdup(text);
	if (!t->names)
		return cm_fail(err, errlen, "%s: out of memory", origin);
	for (line = t->names; line; line = next) {
		struct symtab_entry e;
		int ignored;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		if (!*line)
			continue;
		if (parse_line(line, t->names, &e, &ignored)) {
			symtab_free(t);
			return cm_fail(err, errlen, "%s:%u: expected 'ADDRESS TYPE NAME' (System.map), got '%.80s'",
				    origin, lineno, line);
		}
		if (ignored)
			continue;
		if (n == cap) {
			struct symtab_entry *grown;

			cap = cap ? 2 * cap : 4096;
			grown = realloc(t->entries, cap * sizeof(*grown));
			if (!grown) {
				symtab_free(t);
				return cm_fail(err, errlen, "%s: out of memory", origin);
			}
			t->entries = grown;
		}
		t->entries[n++] = e;
	}
	if (n)
		qsort(t->entries, n, sizeof(*t->entries), by_address);
	for (size_t i = 0; i < n; i++) {
		if (kept && t->entries[kept - 1].addr == t->entries[i].addr)
			continue;
		t->entries[kept++] = t->entries[i];
		t->functions += t->entries[i].is_text;
	}
	t->count = (uint32_t)kept;
	if (!t->functions) {
		symtab_free(t);
		return cm_fail(err, errlen, "%s: no function (no symbol of type t, T, w or W): not a System.map?",
			    origin);
	}
	return 0;
}

int symtab_load(const char *path, struct symtab *t, char *err, size_t errlen)
{
	char *text = cm_read_text(path, "the System.map", err, errlen);
	int rc;

	if (!text)
		return -1;
	rc = symtab_parse(text, path, t, err, errlen);
	free(text);
	return rc;
}

void symtab_free(struct symtab *t)
{
	free(t->entries);
	free(t->names);
	memset(t, 0, sizeof(*t));
}

uint32_t symtab_lookup(const struct symtab *t, uint64_t pc)
{
	uint32_t lo = 0, hi = t->count;

	/* The first entry above pc is entries[lo]: pc's is the one before. */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (t->entries[mid].addr <= pc)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || lo == t->count || !t->entries[lo - 1].is_text)
		return SYMTAB_NONE;
	return lo - 1;
}
