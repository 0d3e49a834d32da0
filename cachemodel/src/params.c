// SPDX-License-Identifier: GPL-2.0-or-later
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "params.h"
#include "textfile.h"

enum kind { NAME, BYTES, COUNT };

struct key {
	const char *name;
	enum kind kind;
	size_t offset;		/* into struct cm_params */
};

#define FIELD(f) offsetof(struct cm_params, f)
static const struct key keys[] = {
	{ "name", NAME, FIELD(name) },
	{ "line_size", COUNT, FIELD(line_size) },
	{ "l1i.size", BYTES, FIELD(l1i.size) },
	{ "l1i.ways", COUNT, FIELD(l1i.ways) },
	{ "l1d.size", BYTES, FIELD(l1d.size) },
	{ "l1d.ways", COUNT, FIELD(l1d.ways) },
	{ "l2.size", BYTES, FIELD(l2.size) },
	{ "l2.ways", COUNT, FIELD(l2.ways) },
	{ "slc.size", BYTES, FIELD(slc.size) },
	{ "slc.ways", COUNT, FIELD(slc.ways) },
	{ "latency.l1", COUNT, FIELD(latency[CM_L1]) },
	{ "latency.l2", COUNT, FIELD(latency[CM_L2]) },
	{ "latency.slc", COUNT, FIELD(latency[CM_SLC]) },
	{ "latency.memory", COUNT, FIELD(latency[CM_MEMORY]) },
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static void valid_keys(char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < NKEYS && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? " " : "", keys[i].name);
}

static char *trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

/* A positive decimal number with an optional K/M/G suffix (BYTES only). */
static int parse_number(const char *value, enum kind kind, uint64_t *out)
{
	char *end;
	unsigned long long n;
	uint64_t scale = 1;

	if (!isdigit((unsigned char)value[0]))
		return -1;
	errno = 0;
	n = strtoull(value, &end, 10);
	if (errno)
		return -1;
	if (kind == BYTES && *end) {
		switch (*end++) {
		case 'K':
			scale = 1ull << 10;
			break;
		case 'M':
			scale = 1ull << 20;
			break;
		case 'G':
			scale = 1ull << 30;
			break;
		default:
			return -1;
		}
	}
	if (*end || n == 0 || n > UINT64_MAX / scale)
		return -1;
	*out = n * scale;
	return 0;
}

static int is_power_of_two(uint64_t n)
{
	return n && !(n & (n - 1));
}

static int check_level(const char *level, const struct cm_geometry *g, uint32_t line_size,
		       const char *origin, char *err, size_t errlen)
{
	uint64_t set_bytes = (uint64_t)line_size * g->ways;

	if (g->size % set_bytes || !is_power_of_two(g->size / set_bytes))
		return cm_fail(err, errlen,
			    "%s: %s.size (%llu bytes) must be line_size x %s.ways (%llu bytes) times a power of two (the number of sets)",
			    origin, level, (unsigned long long)g->size, level,
			    (unsigned long long)set_bytes);
	return 0;
}

static int check(const struct cm_params *p, const char *origin, char *err, size_t errlen)
{
	if (!is_power_of_two(p->line_size))
		return cm_fail(err, errlen, "%s: line_size must be a power of two, not %u", origin,
			    p->line_size);
	if (check_level("l1i", &p->l1i, p->line_size, origin, err, errlen) ||
	    check_level("l1d", &p->l1d, p->line_size, origin, err, errlen) ||
	    check_level("l2", &p->l2, p->line_size, origin, err, errlen) ||
	    check_level("slc", &p->slc, p->line_size, origin, err, errlen))
		return -1;
	for (int i = 1; i < CM_LEVELS; i++)
		if (p->latency[i] < p->latency[i - 1])
			return cm_fail(err, errlen,
				    "%s: latencies must not decrease away from the core (latency.l1 <= latency.l2 <= latency.slc <= latency.memory)",
				    origin);
	return 0;
}

int params_parse(const char *text, const char *origin, struct cm_params *params,
		 char *err, size_t errlen)
{
	int seen[NKEYS] = { 0 };
	char *copy = strdup(text), *line, *next;
	unsigned int lineno = 0;
	int rc = -1;

	if (!copy)
		return cm_fail(err, errlen, "%s: out of memory", origin);
	memset(params, 0, sizeof(*params));
	for (line = copy; line; line = next) {
		char *hash, *eq, *name, *value;
		size_t k;
		uint64_t n;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		line = trim(line);
		if (!*line)
			continue;
		eq = strchr(line, '=');
		if (!eq) {
			cm_fail(err, errlen, "%s:%u: expected 'key = value', got '%s'", origin, lineno, line);
			goto out;
		}
		*eq = '\0';
		name = trim(line);
		value = trim(eq + 1);
		for (k = 0; k < NKEYS && strcmp(keys[k].name, name); k++)
			;
		if (k == NKEYS) {
			char list[512];

			valid_keys(list, sizeof(list));
			cm_fail(err, errlen, "%s:%u: unknown key '%s'; valid keys: %s", origin, lineno, name, list);
			goto out;
		}
		if (seen[k]++) {
			cm_fail(err, errlen, "%s:%u: key '%s' given twice", origin, lineno, name);
			goto out;
		}
		if (keys[k].kind == NAME) {
			if (!*value || strlen(value) >= sizeof(params->name) || strpbrk(value, " \t,=")) {
				cm_fail(err, errlen, "%s:%u: name must be 1 to %zu characters without blanks, commas or '=', not '%s'",
				     origin, lineno, sizeof(params->name) - 1, value);
				goto out;
			}
			strcpy(params->name, value);
			continue;
		}
		if (parse_number(value, keys[k].kind, &n) ||
		    (keys[k].kind == COUNT && n > UINT32_MAX)) {
			cm_fail(err, errlen, "%s:%u: %s must be a positive %s, not '%s'", origin, lineno, name,
			     keys[k].kind == BYTES ? "size in bytes (suffix K, M or G allowed)" : "whole number",
			     value);
			goto out;
		}
		if (keys[k].kind == BYTES)
			*(uint64_t *)((char *)params + keys[k].offset) = n;
		else
			*(uint32_t *)((char *)params + keys[k].offset) = (uint32_t)n;
	}
	for (size_t k = 0; k < NKEYS; k++) {
		if (!seen[k]) {
			cm_fail(err, errlen, "%s: key '%s' is missing", origin, keys[k].name);
			goto out;
		}
	}
	rc = check(params, origin, err, errlen);
out:
	free(copy);
	return rc;
}

int params_load(const char *path, struct cm_params *params, char *err, size_t errlen)
{
	char *text = cm_read_text(path, "the parameter file", err, errlen);
	int rc;

	if (!text)
		return -1;
	rc = params_parse(text, path, params, err, errlen);
	free(text);
	return rc;
}
