// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static int match(const char *want, const char *have)
{
	return !want || !strcmp(want, have);
}

static int same_measurement(const struct record *a, const struct record *b)
{
	return !strcmp(a->mode, b->mode) && !strcmp(a->bench, b->bench) &&
	       !strcmp(a->params, b->params) && !strcmp(a->phase, b->phase) &&
	       !strcmp(a->metric, b->metric);
}

static void push(double **v, size_t *n, size_t *cap, double x)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*v = realloc(*v, *cap * sizeof(**v));
		if (!*v) {
			fprintf(stderr, "sdstat: out of memory\n");
			exit(1);
		}
	}
	(*v)[(*n)++] = x;
}

void groups_build(struct groups *g, const struct dataset *d, const struct filter *f)
{
	memset(g, 0, sizeof(*g));
	for (size_t i = 0; i < d->count; i++) {
		const struct record *r = &d->records[i];
		struct group *grp = NULL;

		if (!match(f->mode, r->mode) || !match(f->bench, r->bench) ||
		    !match(f->phase, r->phase) || !match(f->metric, r->metric) ||
		    !match(f->params, r->params))
			continue;
		for (size_t k = 0; k < g->n; k++)
			if (!strcmp(g->items[k].key->variant, r->variant) &&
			    same_measurement(g->items[k].key, r)) {
				grp = &g->items[k];
				break;
			}
		if (!grp) {
			if (g->n == g->cap) {
				g->cap = g->cap ? g->cap * 2 : 64;
				g->items = realloc(g->items, g->cap * sizeof(*g->items));
				if (!g->items) {
					fprintf(stderr, "sdstat: out of memory\n");
					exit(1);
				}
			}
			grp = &g->items[g->n++];
			memset(grp, 0, sizeof(*grp));
			grp->key = r;
		}
		push(&grp->values, &grp->n, &grp->cap, r->value);
	}
	for (size_t k = 0; k < g->n; k++)
		g->items[k].s = summarize(g->items[k].values, g->items[k].n);
}

void groups_free(struct groups *g)
{
	for (size_t k = 0; k < g->n; k++)
		free(g->items[k].values);
	free(g->items);
	memset(g, 0, sizeof(*g));
}

void report_summary_csv(const struct groups *g, FILE *out)
{
	fprintf(out, "variant,mode,bench,params,phase,metric,n,mean,stddev,cov,min,median,max\n");
	for (size_t k = 0; k < g->n; k++) {
		const struct record *r = g->items[k].key;
		const struct summary *s = &g->items[k].s;

		fprintf(out, "%s,%s,%s,", r->variant, r->mode, r->bench);
		csv_text(out, r->params);
		fprintf(out, ",%s,%s,%zu,%.10g,%.10g,%.6g,%.10g,%.10g,%.10g\n", r->phase, r->metric,
			s->n, s->mean, s->stddev, s->cov, s->min, s->median, s->max);
	}
}

static const char *fmt_value(double v, char *buf, size_t len)
{
	if (fabs(v) >= 10000 || v == floor(v))
		snprintf(buf, len, "%.0f", v);
	else
		snprintf(buf, len, "%.4g", v);
	return buf;
}

static const struct group *find_group(const struct groups *g, const struct record *key,
				      const char *variant)
{
	for (size_t k = 0; k < g->n; k++)
		if (!strcmp(g->items[k].key->variant, variant) && same_measurement(g->items[k].key, key))
			return &g->items[k];
	return NULL;
}

struct change {
	int valid;
	double pct, lo, hi, p;
	int significant;
	double median_pct;	/* of the medians; valid whenever pct is */
};

static struct change change_of(const struct group *base, const struct group *v)
{
	struct change c = { 0 };
	struct welch w;

	if (!base || !v || base->s.mean == 0)
		return c;
	w = welch_test(&base->s, &v->s, 0.05);
	c.pct = 100 * (v->s.mean - base->s.mean) / base->s.mean;
	c.median_pct = base->s.median ? 100 * (v->s.median - base->s.median) / base->s.median : 0;
	if (!w.valid)
		return c;
	c.valid = 1;
	c.lo = 100 * w.ci_low / base->s.mean;
	c.hi = 100 * w.ci_high / base->s.mean;
	c.p = w.p;
	c.significant = w.p < 0.05;
	return c;
}

static void markdown_table(const struct groups *g, const struct record *key,
			   const char *baseline, const char *const *variants, size_t nv, FILE *out)
{
	static const char *const rows[] = { "n", "Min", "Median", "Mean", "Max", "Stddev", "CoV" };
	const struct group *base = find_group(g, key, baseline);
	char buf[64];

	fprintf(out, "\n`%s` %s, phase `%s`, **%s** (%s)\n\n|        |", key->bench, key->params,
		key->phase, key->metric, key->mode);
	for (size_t i = 0; i < nv; i++)
		fprintf(out, " %s |", variants[i]);
	fprintf(out, "\n|---|");
	for (size_t i = 0; i < nv; i++)
		fprintf(out, "---:|");
	fprintf(out, "\n");
	for (size_t r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
		fprintf(out, "| %s |", rows[r]);
		for (size_t i = 0; i < nv; i++) {
			const struct group *v = find_group(g, key, variants[i]);
			const struct summary *s;

			if (!v) {
				fprintf(out, " - |");
				continue;
			}
			s = &v->s;
			switch (r) {
			case 0: fprintf(out, " %zu |", s->n); break;
			case 1: fprintf(out, " %s |", fmt_value(s->min, buf, sizeof(buf))); break;
			case 2: fprintf(out, " %s |", fmt_value(s->median, buf, sizeof(buf))); break;
			case 3: fprintf(out, " %s |", fmt_value(s->mean, buf, sizeof(buf))); break;
			case 4: fprintf(out, " %s |", fmt_value(s->max, buf, sizeof(buf))); break;
			case 5: fprintf(out, " %s |", fmt_value(s->stddev, buf, sizeof(buf))); break;
			default: fprintf(out, " %.2f%% |", 100 * s->cov); break;
			}
		}
		fprintf(out, "\n");
	}
	fprintf(out, "| %%change (95%% CI) |");
	for (size_t i = 0; i < nv; i++) {
		const struct group *v = find_group(g, key, variants[i]);
		struct change c = change_of(base, v);

		if (!v || v == base)
			fprintf(out, " - |");
		else if (!c.valid)
			fprintf(out, " %+.2f%% (n<2) |", c.pct);
		else
			fprintf(out, " %+.2f%%%s [%+.2f, %+.2f] |", c.pct, c.significant ? "\\*" : "",
				c.lo, c.hi);
	}
	fprintf(out, "\n| %%change of medians |");
	for (size_t i = 0; i < nv; i++) {
		const struct group *v = find_group(g, key, variants[i]);
		struct change c = change_of(base, v);

		if (!v || v == base)
			fprintf(out, " - |");
		else
			fprintf(out, " %+.2f%% |", c.median_pct);
	}
	fprintf(out, "\n");
}

static void tsv_lines(const struct groups *g, const struct record *key, const char *baseline,
		      const char *const *variants, size_t nv, FILE *out)
{
	const struct group *base = find_group(g, key, baseline);

	for (size_t i = 0; i < nv; i++) {
		const struct group *v = find_group(g, key, variants[i]);
		struct change c = change_of(base, v);

		if (!v)
			continue;
		fprintf(out, "%s\t%s\t%s\t%s\t%s\t%s\t%zu\t%.10g\t%.10g\t%.6g\t%.6g\t%.6g\t%.4g\t%d\t%.10g\t%.6g\n",
			key->mode, key->bench, key->params, key->phase, key->metric, variants[i],
			v->s.n, v->s.mean, v->s.stddev, c.pct, c.valid ? c.lo : c.pct,
			c.valid ? c.hi : c.pct, c.valid ? c.p : 1.0, c.significant,
			v->s.median, c.median_pct);
	}
}

long report_compare(const struct groups *g, const char *baseline, const char *const *variants,
		    size_t nvariants, enum compare_format format, FILE *out,
		    char *err, size_t errlen)
{
	const char **order = NULL;
	size_t norder = 0;
	long measurements = 0;

	if (variants) {
		order = (const char **)variants;
		norder = nvariants;
	} else {
		order = calloc(g->n + 1, sizeof(*order));
		for (size_t k = 0; k < g->n; k++) {
			size_t i;

			for (i = 0; i < norder && strcmp(order[i], g->items[k].key->variant); i++)
				;
			if (i == norder)
				order[norder++] = g->items[k].key->variant;
		}
	}
	if (format == COMPARE_TSV)
		fprintf(out, "mode\tbench\tparams\tphase\tmetric\tvariant\tn\tmean\tstddev\tpct\tpct_low\tpct_high\tp\tsignificant\tmedian\tmedian_pct\n");
	for (size_t k = 0; k < g->n; k++) {
		const struct record *key = g->items[k].key;
		size_t j;

		/* Each measurement once: at its first group. */
		for (j = 0; j < k && !same_measurement(g->items[j].key, key); j++)
			;
		if (j < k)
			continue;
		if (!find_group(g, key, baseline)) {
			snprintf(err, errlen, "no %s results for %s %s phase %s metric %s (%s)", baseline,
				 key->bench, key->params, key->phase, key->metric, key->mode);
			if (!variants)
				free(order);
			return -1;
		}
		if (format == COMPARE_MARKDOWN)
			markdown_table(g, key, baseline, order, norder, out);
		else
			tsv_lines(g, key, baseline, order, norder, out);
		measurements++;
	}
	if (!variants)
		free(order);
	return measurements;
}
