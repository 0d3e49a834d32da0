// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect.h"

static int read_env(const char *dir, char *variant, char *mode, char *err, size_t errlen)
{
	char path[4096], line[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/guest.env", dir);
	f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "%s: cannot open (not a guest run directory?)", path);
		return -1;
	}
	variant[0] = mode[0] = '\0';
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!strncmp(line, "variant=", 8) && strlen(line + 8) < FIELD_LEN)
			strcpy(variant, line + 8);
		else if (!strncmp(line, "mode=", 5) && strlen(line + 5) < FIELD_LEN)
			strcpy(mode, line + 5);
	}
	fclose(f);
	if (!variant[0] || !mode[0]) {
		snprintf(err, errlen, "%s: no variant= or mode= line", path);
		return -1;
	}
	return 0;
}

/* "/opt/bench/fork-bench --size 1G" -> "fork-bench"; "criu-suite.sh --mib 4" -> "criu-suite" */
static void bench_name(const char *cmd, char *out)
{
	const char *word = cmd + strspn(cmd, " \t");
	size_t len = strcspn(word, " \t\r\n");

	for (size_t i = 0; i < len; i++) {
		if (word[i] == '/') {
			word += i + 1;
			len -= i + 1;
			i = (size_t)-1;
		}
	}
	if (len > 3 && !strncmp(word + len - 3, ".sh", 3))
		len -= 3;
	if (len >= FIELD_LEN)
		len = FIELD_LEN - 1;
	memcpy(out, word, len);
	out[len] = '\0';
}

/*
 * The RESULT lines of @f, opened from @path (named in errors), as records of
 * the run, variant, mode and boot of @base, their repetitions numbered after
 * base->rep. Closes @f. Returns the records added or -1.
 */
static long collect_results(struct dataset *d, FILE *f, const char *path,
			    const struct record *base, char *err, size_t errlen)
{
	char line[1024], why[256];
	unsigned long lineno = 0;
	long added = 0;

	while (fgets(line, sizeof(line), f)) {
		struct record parsed, r = *base;
		int ret = parse_result_line(line, &parsed, why, sizeof(why));

		lineno++;
		if (ret < 0) {
			snprintf(err, errlen, "%s:%lu: %s", path, lineno, why);
			fclose(f);
			return -1;
		}
		if (ret == 0)
			continue;
		memcpy(r.bench, parsed.bench, sizeof(r.bench));
		memcpy(r.params, parsed.params, sizeof(r.params));
		memcpy(r.phase, parsed.phase, sizeof(r.phase));
		memcpy(r.metric, parsed.metric, sizeof(r.metric));
		r.rep = base->rep + parsed.rep;
		r.value = parsed.value;
		dataset_add(d, &r);
		added++;
	}
	fclose(f);
	return added;
}

/*
 * DIR/cache.log, when the run had the cache model (mode cache): the plugin's
 * counts as RESULT lines of the guest's own samples (scripts/cache-join.sh),
 * numbered like the guest's repetitions. Returns the records added (0 without
 * the file) or -1.
 */
static long collect_cache(struct dataset *d, const char *dir, const struct record *base,
			  char *err, size_t errlen)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/cache.log", dir);
	f = fopen(path, "r");
	if (!f)
		return 0;
	return collect_results(d, f, path, base, err, errlen);
}

static long collect_perf(struct dataset *d, const char *dir, const struct record *base,
			 char *err, size_t errlen)
{
	char path[4096], line[512], cmd[512], event[FIELD_LEN];
	long added = 0;

	for (int step = 1; step < 1000; step++) {
		struct record r = *base;
		unsigned long lineno = 0;
		double count;
		FILE *f;

		snprintf(path, sizeof(path), "%s/out/step-%d.cmd", dir, step);
		f = fopen(path, "r");
		if (!f)
			continue;	/* a profile step, or no step of that number */
		if (!fgets(cmd, sizeof(cmd), f))
			cmd[0] = '\0';
		fclose(f);
		cmd[strcspn(cmd, "\r\n")] = '\0';
		bench_name(cmd, r.bench);
		snprintf(r.params, sizeof(r.params), "%.*s", FIELD_LEN - 1, cmd);
		strcpy(r.phase, "perf_stat");
		r.rep = base->rep + 1;

		snprintf(path, sizeof(path), "%s/out/step-%d.perf", dir, step);
		f = fopen(path, "r");
		if (!f) {
			snprintf(err, errlen, "%s: missing (step %d ran no perf stat?)", path, step);
			return -1;
		}
		while (fgets(line, sizeof(line), f)) {
			int ret = parse_perf_stat_line(line, event, sizeof(event), &count, err, errlen);

			lineno++;
			if (ret < 0) {
				char why[256];

				snprintf(why, sizeof(why), "%s", err);
				snprintf(err, errlen, "%s:%lu: %s", path, lineno, why);
				fclose(f);
				return -1;
			}
			if (ret == 0)
				continue;
			snprintf(r.metric, sizeof(r.metric), "perf_%.*s", FIELD_LEN - 6, event);
			r.value = count;
			dataset_add(d, &r);
			added++;
		}
		fclose(f);
	}
	return added;
}

/*
 * The highest repetition and boot already collected for the run, variant
 * and mode of @base: a later guest run of the same (another round of an
 * experiment, so another boot) numbers its repetitions after it, so that each
 * stays one sample, and is the next boot.
 */
static void collected_so_far(const struct dataset *d, const struct record *base,
			     unsigned int *max_rep, unsigned int *max_boot)
{
	*max_rep = *max_boot = 0;
	for (size_t i = 0; i < d->count; i++) {
		const struct record *o = &d->records[i];

		if (strcmp(o->run, base->run) || strcmp(o->variant, base->variant) ||
		    strcmp(o->mode, base->mode))
			continue;
		if (o->rep > *max_rep)
			*max_rep = o->rep;
		if (o->boot > *max_boot)
			*max_boot = o->boot;
	}
}

long collect_guest_run(struct dataset *d, const char *dir, const char *run,
		       char *err, size_t errlen)
{
	char path[4096];
	struct record base;
	long added, perf;
	unsigned int offset, boots;
	FILE *f;

	memset(&base, 0, sizeof(base));
	snprintf(base.run, sizeof(base.run), "%.*s", FIELD_LEN - 1, run);
	if (read_env(dir, base.variant, base.mode, err, errlen))
		return -1;
	collected_so_far(d, &base, &offset, &boots);
	base.boot = boots + 1;
	base.rep = offset;
	snprintf(path, sizeof(path), "%s/output.log", dir);
	f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "%s: cannot open", path);
		return -1;
	}
	added = collect_results(d, f, path, &base, err, errlen);
	if (added < 0)
		return -1;
	perf = collect_perf(d, dir, &base, err, errlen);
	if (perf < 0)
		return -1;
	long cache = collect_cache(d, dir, &base, err, errlen);

	return cache < 0 ? -1 : added + perf + cache;
}
