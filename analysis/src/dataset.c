// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"

void dataset_init(struct dataset *d)
{
	memset(d, 0, sizeof(*d));
}

void dataset_free(struct dataset *d)
{
	free(d->records);
	dataset_init(d);
}

void dataset_add(struct dataset *d, const struct record *r)
{
	if (d->count == d->capacity) {
		size_t cap = d->capacity ? d->capacity * 2 : 256;
		struct record *n = realloc(d->records, cap * sizeof(*n));

		if (!n) {
			fprintf(stderr, "sdstat: out of memory\n");
			exit(1);
		}
		d->records = n;
		d->capacity = cap;
	}
	d->records[d->count++] = *r;
}

/* Copies a field of at most FIELD_LEN - 1 bytes; -1 if it is too long or empty. */
static int copy_field(char *dst, const char *src, size_t len)
{
	if (len == 0 || len >= FIELD_LEN)
		return -1;
	memcpy(dst, src, len);
	dst[len] = '\0';
	return 0;
}

static int parse_number(const char *s, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	return errno || end == s || *end != '\0' || !isfinite(*v) ? -1 : 0;
}

int parse_result_line(const char *line, struct record *r, char *err, size_t errlen)
{
	const char *f[7];
	size_t len[7];
	const char *p = line;
	char buf[FIELD_LEN], *end;
	int n = 0;
	unsigned long rep;

	if (strncmp(line, "RESULT\t", 7) != 0)
		return 0;
	p += 7;
	while (n < 7) {
		const char *tab = strchr(p, '\t');
		size_t l = tab ? (size_t)(tab - p) : strcspn(p, "\r\n");

		f[n] = p;
		len[n++] = l;
		if (!tab)
			break;
		p = tab + 1;
	}
	if (n != 6) {
		snprintf(err, errlen, "a RESULT line has 6 tab-separated fields after RESULT (bench, params, rep, phase, metric, value), this one has %d", n);
		return -1;
	}
	memset(r, 0, sizeof(*r));
	if (copy_field(r->bench, f[0], len[0]) || copy_field(r->params, f[1], len[1]) ||
	    copy_field(r->phase, f[3], len[3]) || copy_field(r->metric, f[4], len[4]) ||
	    copy_field(buf, f[2], len[2])) {
		snprintf(err, errlen, "empty or overlong field in a RESULT line");
		return -1;
	}
	rep = strtoul(buf, &end, 10);
	if (*end || rep == 0 || rep > 1000000) {
		snprintf(err, errlen, "repetition '%s' is not a positive number", buf);
		return -1;
	}
	r->rep = (unsigned int)rep;
	if (copy_field(buf, f[5], len[5])) {
		snprintf(err, errlen, "missing value in a RESULT line");
		return -1;
	}
	if (strcmp(buf, "NA") == 0)
		return 0;
	if (parse_number(buf, &r->value)) {
		snprintf(err, errlen, "value '%s' is not a number (nor NA)", buf);
		return -1;
	}
	return 1;
}

int parse_perf_stat_line(const char *line, char *event, size_t eventlen, double *count,
			 char *err, size_t errlen)
{
	char buf[512], *fields[8], *p, *comma;
	int n = 0;

	if (line[0] == '#' || line[strspn(line, " \t\r\n")] == '\0')
		return 0;
	if (strlen(line) >= sizeof(buf)) {
		snprintf(err, errlen, "line too long for perf stat -x, output");
		return -1;
	}
	strcpy(buf, line);
	buf[strcspn(buf, "\r\n")] = '\0';
	p = buf;
	while (n < 8) {
		fields[n++] = p;
		comma = strchr(p, ',');
		if (!comma)
			break;
		*comma = '\0';
		p = comma + 1;
	}
	if (n < 4) {
		snprintf(err, errlen, "perf stat -x, lines have at least 4 comma-separated fields (value, unit, event, run time), this one has %d", n);
		return -1;
	}
	if (strcmp(fields[0], "<not supported>") == 0 || strcmp(fields[0], "<not counted>") == 0)
		return 0;
	if (parse_number(fields[0], count)) {
		snprintf(err, errlen, "perf stat value '%s' is not a number", fields[0]);
		return -1;
	}
	if (fields[2][0] == '\0' || strlen(fields[2]) >= eventlen) {
		snprintf(err, errlen, "perf stat line without an event name");
		return -1;
	}
	strcpy(event, fields[2]);
	return 1;
}

void csv_text(FILE *out, const char *s)
{
	if (strpbrk(s, ",\"\n")) {
		fputc('"', out);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', out);
			fputc(*s, out);
		}
		fputc('"', out);
	} else {
		fputs(s, out);
	}
}

static void csv_field(FILE *out, const char *s, char sep)
{
	csv_text(out, s);
	fputc(sep, out);
}

/* The header before the boot column was added, and the one after. */
static const char *csv_header_noboot = "run,variant,mode,bench,params,rep,phase,metric,value";
static const char *csv_header = "run,variant,mode,bench,params,rep,phase,metric,value,boot";

void dataset_write_csv(const struct dataset *d, FILE *out)
{
	fprintf(out, "%s\n", csv_header);
	for (size_t i = 0; i < d->count; i++) {
		const struct record *r = &d->records[i];

		csv_field(out, r->run, ',');
		csv_field(out, r->variant, ',');
		csv_field(out, r->mode, ',');
		csv_field(out, r->bench, ',');
		csv_field(out, r->params, ',');
		fprintf(out, "%u,", r->rep);
		csv_field(out, r->phase, ',');
		csv_field(out, r->metric, ',');
		fprintf(out, "%.17g,%u\n", r->value, r->boot);
	}
}

/* Splits one CSV line into n fields (quotes understood); -1 on a bad line. */
static int csv_split(char *line, char **fields, int n)
{
	char *src = line, *dst = line;
	int i = 0;

	while (i < n) {
		fields[i++] = dst;
		if (*src == '"') {
			src++;
			for (;;) {
				if (*src == '\0')
					return -1;
				if (*src == '"' && src[1] != '"') {
					src++;
					break;
				}
				if (*src == '"') {
					*dst++ = '"';
					src += 2;
				} else {
					*dst++ = *src++;
				}
			}
		} else {
			while (*src && *src != ',' && *src != '\n' && *src != '\r')
				*dst++ = *src++;
		}
		if (*src == ',') {
			*dst++ = '\0';
			src++;
			continue;
		}
		*dst = '\0';
		break;
	}
	return i == n && (*src == '\0' || *src == '\n' || *src == '\r') ? 0 : -1;
}

/* The number of fields of a header line: 10 with boot, 9 without, 0 if neither. */
static int csv_header_fields(const char *line)
{
	size_t len = strcspn(line, "\r\n");

	if (len == strlen(csv_header) && !strncmp(line, csv_header, len))
		return 10;
	if (len == strlen(csv_header_noboot) && !strncmp(line, csv_header_noboot, len))
		return 9;
	return 0;
}

int dataset_read_csv(struct dataset *d, FILE *in, const char *name, char *err, size_t errlen)
{
	char line[2048], *f[10], *end;
	unsigned long lineno = 0;
	int nfields = 0;

	while (fgets(line, sizeof(line), in)) {
		struct record r;

		lineno++;
		if (lineno == 1) {
			nfields = csv_header_fields(line);
			if (!nfields) {
				snprintf(err, errlen, "%s: line 1 is not the header '%s' (nor the one without boot)",
					 name, csv_header);
				return -1;
			}
			continue;
		}
		if (csv_split(line, f, nfields)) {
			snprintf(err, errlen, "%s:%lu: not %d CSV fields", name, lineno, nfields);
			return -1;
		}
		memset(&r, 0, sizeof(r));
		if (copy_field(r.run, f[0], strlen(f[0])) || copy_field(r.variant, f[1], strlen(f[1])) ||
		    copy_field(r.mode, f[2], strlen(f[2])) || copy_field(r.bench, f[3], strlen(f[3])) ||
		    copy_field(r.params, f[4], strlen(f[4])) || copy_field(r.phase, f[6], strlen(f[6])) ||
		    copy_field(r.metric, f[7], strlen(f[7]))) {
			snprintf(err, errlen, "%s:%lu: an empty or overlong field", name, lineno);
			return -1;
		}
		r.rep = (unsigned int)strtoul(f[5], &end, 10);
		if (*end || !r.rep) {
			snprintf(err, errlen, "%s:%lu: repetition '%s' is not a positive number", name, lineno, f[5]);
			return -1;
		}
		if (parse_number(f[8], &r.value)) {
			snprintf(err, errlen, "%s:%lu: value '%s' is not a number", name, lineno, f[8]);
			return -1;
		}
		if (nfields == 10) {
			r.boot = (unsigned int)strtoul(f[9], &end, 10);
			if (*end || f[9][0] == '\0' || f[9][0] == '-') {
				snprintf(err, errlen, "%s:%lu: boot '%s' is not a number", name, lineno, f[9]);
				return -1;
			}
		}
		dataset_add(d, &r);
	}
	if (lineno == 0) {
		snprintf(err, errlen, "%s: empty file (no header)", name);
		return -1;
	}
	return 0;
}

static const struct record *find_same(const struct dataset *d, const struct record *r,
				      const char *metric)
{
	for (size_t i = 0; i < d->count; i++) {
		const struct record *o = &d->records[i];

		if (o->rep == r->rep && !strcmp(o->metric, metric) && !strcmp(o->phase, r->phase) &&
		    !strcmp(o->bench, r->bench) && !strcmp(o->params, r->params) &&
		    !strcmp(o->mode, r->mode) && !strcmp(o->variant, r->variant) &&
		    !strcmp(o->run, r->run))
			return o;
	}
	return NULL;
}

/*
 * bench, phase, derived metric, numerator metric, denominator metric: the
 * derive rows of bench/benchmarks.tsv, generated into derived.h at build time.
 */
enum { D_BENCH, D_PHASE, D_METRIC, D_NUM, D_DEN };
static const char *const derived[][5] = {
#include "derived.h"
};

void dataset_derive(struct dataset *d)
{
	size_t n = d->count;

	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < sizeof(derived) / sizeof(derived[0]); k++) {
			const struct record *num = &d->records[i], *den;
			struct record r;

			if (strcmp(num->metric, derived[k][D_NUM]) ||
			    strcmp(num->phase, derived[k][D_PHASE]) ||
			    strcmp(num->bench, derived[k][D_BENCH]))
				continue;
			den = find_same(d, num, derived[k][D_DEN]);
			if (!den || den->value <= 0 || find_same(d, num, derived[k][D_METRIC]))
				continue;
			r = *num;
			strcpy(r.metric, derived[k][D_METRIC]);
			r.value = num->value / den->value;
			dataset_add(d, &r);
		}
	}
}
