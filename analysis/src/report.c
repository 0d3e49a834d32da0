// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "bootstrap.h"
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

static void *grow(void *p, size_t *cap, size_t size, size_t first)
{
	*cap = *cap ? *cap * 2 : first;
	p = realloc(p, *cap * size);
	if (!p) {
		fprintf(stderr, "sdstat: out of memory\n");
		exit(1);
	}
	return p;
}

/* The index of @r's boot among the group's, added if it is new. */
static unsigned int boot_index(struct group *grp, const struct record *r)
{
	for (size_t b = 0; b < grp->nboots; b++)
		if (grp->bootkeys[b]->boot == r->boot && !strcmp(grp->bootkeys[b]->run, r->run))
			return (unsigned int)b;
	if (grp->nboots == grp->bootcap)
		grp->bootkeys = grow(grp->bootkeys, &grp->bootcap, sizeof(*grp->bootkeys), 8);
	grp->bootkeys[grp->nboots] = r;
	return (unsigned int)grp->nboots++;
}

static void push(struct group *grp, const struct record *r)
{
	if (grp->n == grp->cap) {
		size_t cap = grp->cap;

		grp->values = grow(grp->values, &cap, sizeof(*grp->values), 8);
		grp->boot = grow(grp->boot, &grp->cap, sizeof(*grp->boot), 8);
	}
	grp->boot[grp->n] = boot_index(grp, r);
	grp->values[grp->n++] = r->value;
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
			if (g->n == g->cap)
				g->items = grow(g->items, &g->cap, sizeof(*g->items), 64);
			grp = &g->items[g->n++];
			memset(grp, 0, sizeof(*grp));
			grp->key = r;
		}
		push(grp, r);
	}
	for (size_t k = 0; k < g->n; k++)
		g->items[k].s = summarize(g->items[k].values, g->items[k].n);
}

void groups_free(struct groups *g)
{
	for (size_t k = 0; k < g->n; k++) {
		free(g->items[k].values);
		free(g->items[k].boot);
		free(g->items[k].bootkeys);
	}
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

/*
 * A value as the tables show it: a whole number, or four significant digits;
 * with its sign (+ too) if @sign.
 */
static const char *fmt_number(double v, bool sign, char *buf, size_t len)
{
	bool whole = fabs(v) >= 10000 || v == floor(v);

	if (sign)
		snprintf(buf, len, whole ? "%+.0f" : "%+.4g", v);
	else
		snprintf(buf, len, whole ? "%.0f" : "%.4g", v);
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

/* A variant against the baseline: of the medians (bootstrap), of the means (Welch). */
struct change {
	struct median_change m;
	int m_significant;	/* the medians' interval excludes 0 */
	struct welch w;
	int mean_relative;	/* the baseline mean is not 0 */
	double pct, lo, hi;	/* of the means, in % of the baseline mean */
	int significant;	/* Welch: p < 0.05 */
};

static struct clustered sample_of(const struct group *grp)
{
	return (struct clustered){ .values = grp->values, .boot = grp->boot, .n = grp->n };
}

static struct change change_of(const struct group *base, const struct group *v)
{
	struct clustered a = sample_of(base), b = sample_of(v);
	struct change c = { 0 };

	c.m = bootstrap_median_change(&a, &b, 0.05, BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED);
	c.m_significant = c.m.valid && (c.m.diff_low > 0 || c.m.diff_high < 0);
	c.w = welch_test(&base->s, &v->s, 0.05);
	if (!c.w.valid)
		c.w.diff = v->s.mean - base->s.mean;
	c.mean_relative = base->s.mean != 0;
	c.pct = c.mean_relative ? 100 * c.w.diff / base->s.mean : NAN;
	c.lo = c.hi = c.pct;
	if (c.w.valid && c.mean_relative) {
		c.lo = 100 * c.w.ci_low / base->s.mean;
		c.hi = 100 * c.w.ci_high / base->s.mean;
	}
	c.significant = c.w.valid && c.w.p < 0.05;
	return c;
}

/* The baseline against itself: no change, exactly. */
static struct change no_change(const struct group *base)
{
	struct change c = { 0 };

	c.m.valid = c.m.relative = 1;
	c.m.boots_a = c.m.boots_b = base->nboots;
	c.m.median_a = c.m.median_b = base->s.median;
	c.w.valid = 1;
	c.w.p = 1;
	c.mean_relative = 1;
	return c;
}

static void median_cell(const struct change *c, FILE *out)
{
	const struct median_change *m = &c->m;
	char a[32], b[32], d[32];
	const char *star = c->m_significant ? "\\*" : "";

	if (!m->valid && m->relative)
		fprintf(out, " %+.2f%% (n<2) |", 100 * m->rel);
	else if (!m->valid)
		fprintf(out, " Δ %s (n<2; baseline median 0) |", fmt_number(m->diff, true, d, sizeof(d)));
	else if (m->relative)
		fprintf(out, " %+.2f%%%s [%+.2f, %+.2f]%s |", 100 * m->rel, star, 100 * m->rel_low,
			100 * m->rel_high, m->reps_only ? " (1 boot)" : "");
	else
		fprintf(out, " Δ %s%s [%s, %s] (baseline median 0)%s |",
			fmt_number(m->diff, true, d, sizeof(d)), star,
			fmt_number(m->diff_low, true, a, sizeof(a)),
			fmt_number(m->diff_high, true, b, sizeof(b)),
			m->reps_only ? " (1 boot)" : "");
}

static void mean_cell(const struct change *c, FILE *out)
{
	char a[32], b[32], d[32];
	const char *star = c->significant ? "\\*" : "";

	if (!c->w.valid && c->mean_relative)
		fprintf(out, " %+.2f%% (n<2) |", c->pct);
	else if (!c->w.valid)
		fprintf(out, " Δ %s (n<2; baseline mean 0) |", fmt_number(c->w.diff, true, d, sizeof(d)));
	else if (c->mean_relative)
		fprintf(out, " %+.2f%%%s [%+.2f, %+.2f] |", c->pct, star, c->lo, c->hi);
	else
		fprintf(out, " Δ %s%s [%s, %s] (baseline mean 0) |",
			fmt_number(c->w.diff, true, d, sizeof(d)), star,
			fmt_number(c->w.ci_low, true, a, sizeof(a)),
			fmt_number(c->w.ci_high, true, b, sizeof(b)));
}

/* The cell of summary row @row (rows[] of markdown_table()) for group @v. */
static void summary_cell(FILE *out, size_t row, const struct group *v)
{
	const struct summary *s = &v->s;
	const double value[] = { s->min, s->median, s->mean, s->max, s->stddev };
	char buf[64];

	if (row == 0)
		fprintf(out, " %zu |", s->n);
	else if (row == 1)
		fprintf(out, " %zu |", v->nboots);
	else if (row - 2 < sizeof(value) / sizeof(value[0]))
		fprintf(out, " %s |", fmt_number(value[row - 2], false, buf, sizeof(buf)));
	else
		fprintf(out, " %.2f%% |", 100 * s->cov);
}

/* A table's title line, then its header: a column per variant. */
static void table_head(const struct record *key, const char *note,
		       const char *const *variants, size_t nv, FILE *out)
{
	fprintf(out, "\n`%s` %s, phase `%s`, **%s** (%s)%s\n\n|        |", key->bench,
		key->params, key->phase, key->metric, key->mode, note);
	for (size_t i = 0; i < nv; i++)
		fprintf(out, " %s |", variants[i]);
	fprintf(out, "\n|---|");
	for (size_t i = 0; i < nv; i++)
		fprintf(out, "---:|");
	fprintf(out, "\n");
}

/*
 * Was each variant of @key that has measurements measured once? Then a
 * table of spreads (min = median = max, stddev 0) and n<2 intervals says
 * nothing the values do not: markdown_single() prints the values and their
 * change.
 */
static int single_values(const struct groups *g, const struct record *key,
			 const char *const *variants, size_t nv)
{
	int any = 0;

	for (size_t i = 0; i < nv; i++) {
		const struct group *v = find_group(g, key, variants[i]);

		if (!v)
			continue;
		if (v->s.n != 1)
			return 0;
		any = 1;
	}
	return any;
}

static void markdown_single(const struct groups *g, const struct record *key,
			    const char *baseline, const char *const *variants, size_t nv,
			    FILE *out)
{
	const struct group *base = find_group(g, key, baseline);
	char buf[64];

	table_head(key, ": one measurement per variant, so no interval", variants, nv, out);
	fprintf(out, "| Value |");
	for (size_t i = 0; i < nv; i++) {
		const struct group *v = find_group(g, key, variants[i]);

		if (v)
			fprintf(out, " %s |", fmt_number(v->s.mean, false, buf, sizeof(buf)));
		else
			fprintf(out, " - |");
	}
	fprintf(out, "\n| Change |");
	for (size_t i = 0; i < nv; i++) {
		const struct group *v = find_group(g, key, variants[i]);

		if (!v || !base || v == base)
			fprintf(out, " - |");
		else if (base->s.mean != 0)
			fprintf(out, " %+.2f%% |", 100 * (v->s.mean / base->s.mean - 1));
		else
			fprintf(out, " Δ %s (baseline 0) |",
				fmt_number(v->s.mean - base->s.mean, true, buf, sizeof(buf)));
	}
	fprintf(out, "\n");
}

static void markdown_table(const struct groups *g, const struct record *key,
			   const char *baseline, const char *const *variants, size_t nv, FILE *out)
{
	static const char *const rows[] = { "n", "Boots", "Min", "Median", "Mean", "Max", "Stddev", "CoV" };
	static const struct {
		const char *title;
		void (*cell)(const struct change *c, FILE *out);
	} change_rows[] = {
		{ "%change of medians (95% CI: bootstrap of boots, then repetitions)", median_cell },
		{ "%change of means (95% CI: Welch's t-test)", mean_cell },
	};
	const struct group *base = find_group(g, key, baseline);
	struct change *changes;
	int one_boot = 0;

	if (single_values(g, key, variants, nv)) {
		markdown_single(g, key, baseline, variants, nv, out);
		return;
	}
	changes = calloc(nv ? nv : 1, sizeof(*changes));
	if (!changes) {
		fprintf(stderr, "sdstat: out of memory\n");
		exit(1);
	}
	for (size_t i = 0; i < nv; i++) {
		const struct group *v = find_group(g, key, variants[i]);

		if (v && v != base) {
			changes[i] = change_of(base, v);
			one_boot |= changes[i].m.valid && changes[i].m.reps_only;
		}
	}
	table_head(key, "", variants, nv, out);
	for (size_t r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
		fprintf(out, "| %s |", rows[r]);
		for (size_t i = 0; i < nv; i++) {
			const struct group *v = find_group(g, key, variants[i]);

			if (v)
				summary_cell(out, r, v);
			else
				fprintf(out, " - |");
		}
		fprintf(out, "\n");
	}
	for (size_t r = 0; r < sizeof(change_rows) / sizeof(change_rows[0]); r++) {
		fprintf(out, "| %s |", change_rows[r].title);
		for (size_t i = 0; i < nv; i++) {
			const struct group *v = find_group(g, key, variants[i]);

			if (!v || v == base)
				fprintf(out, " - |");
			else
				change_rows[r].cell(&changes[i], out);
		}
		fprintf(out, "\n");
	}
	if (one_boot)
		fprintf(out, "\n(1 boot): baseline or the variant was measured in one boot (or its boots were not recorded): the interval resamples its repetitions only, without the variation between boots.\n");
	free(changes);
}

static const char *tsv_header =
	"mode\tbench\tparams\tphase\tmetric\tvariant\tn\tmean\tstddev\tpct\tpct_low\tpct_high\tp\tsignificant\tmedian\tmedian_pct"
	"\tmedian_pct_low\tmedian_pct_high\tmedian_significant\tmedian_diff\tmedian_diff_low\tmedian_diff_high"
	"\tmean_diff\tmean_diff_low\tmean_diff_high\tboots\tbaseline_boots\n";

static void tsv_lines(const struct groups *g, const struct record *key, const char *baseline,
		      const char *const *variants, size_t nv, FILE *out)
{
	const struct group *base = find_group(g, key, baseline);

	for (size_t i = 0; i < nv; i++) {
		const struct group *v = find_group(g, key, variants[i]);
		struct change c;
		const struct median_change *m = &c.m;
		double mpct, mlo, mhi, dlo, dhi;

		if (!v)
			continue;
		c = v == base ? no_change(base) : change_of(base, v);
		mpct = m->relative ? 100 * m->rel : NAN;
		mlo = m->relative ? 100 * m->rel_low : NAN;
		mhi = m->relative ? 100 * m->rel_high : NAN;
		dlo = c.w.valid ? c.w.ci_low : c.w.diff;
		dhi = c.w.valid ? c.w.ci_high : c.w.diff;
		fprintf(out, "%s\t%s\t%s\t%s\t%s\t%s\t%zu\t%.10g\t%.10g\t%.6g\t%.6g\t%.6g\t%.4g\t%d\t%.10g\t%.6g",
			key->mode, key->bench, key->params, key->phase, key->metric, variants[i],
			v->s.n, v->s.mean, v->s.stddev, c.pct, c.lo, c.hi, c.w.valid ? c.w.p : 1.0,
			c.significant, v->s.median, mpct);
		fprintf(out, "\t%.6g\t%.6g\t%d\t%.10g\t%.10g\t%.10g\t%.10g\t%.10g\t%.10g\t%zu\t%zu\n",
			mlo, mhi, c.m_significant, m->diff, m->diff_low, m->diff_high, c.w.diff, dlo, dhi,
			v->nboots, base->nboots);
	}
}

/* Does any of @variants have results for the measurement of @key? */
static int measured_by_any(const struct groups *g, const struct record *key,
			   const char **variants, size_t nvariants)
{
	for (size_t i = 0; i < nvariants; i++)
		if (find_group(g, key, variants[i]))
			return 1;
	return 0;
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
		fputs(tsv_header, out);
	for (size_t k = 0; k < g->n; k++) {
		const struct record *key = g->items[k].key;
		size_t j;

		/* Each measurement once: at its first group. */
		for (j = 0; j < k && !same_measurement(g->items[j].key, key); j++)
			;
		if (j < k)
			continue;
		/*
		 * A measurement that none of the variants compared has belongs to
		 * other variants of the run (another configuration's folio sizes,
		 * say): not part of this comparison.
		 */
		if (variants && !measured_by_any(g, key, order, norder))
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
