// SPDX-License-Identifier: GPL-2.0
/*
 * sdstat: the host side of the benchmark analysis.
 *
 *   sdstat tidy --run NAME GUEST_RUN_DIR...   raw guest runs -> tidy CSV (stdout)
 *   sdstat summary CSV                        n, mean, stddev, CoV, min, median, max
 *   sdstat compare CSV [options]              against the baseline: change of medians
 *                                             (bootstrap over boots) and of means (Welch)
 *       --baseline NAME (default baseline)  --variants a,b,c (column order)
 *       --mode M --bench B --phase P --metric X --params S   (filters)
 *       --tsv (for plots; default: markdown tables)
 *
 * Exit status: 0 done, 1 an error (input that cannot be read or parsed, a
 * baseline missing from a measurement), 2 usage, 3 (compare) no
 * measurement matches the filters: the one status that callers report as
 * "not measured".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect.h"
#include "dataset.h"
#include "report.h"

enum { SDSTAT_ERROR = 1, SDSTAT_USAGE = 2, SDSTAT_NO_MATCH = 3 };

static int usage(void)
{
	fprintf(stderr,
		"usage: sdstat tidy --run NAME GUEST_RUN_DIR...\n"
		"       sdstat summary CSV\n"
		"       sdstat compare CSV [--baseline NAME] [--variants a,b,...] [--mode M]\n"
		"                          [--bench B] [--phase P] [--metric X] [--params S] [--tsv]\n"
		"exit status: 0 done, 1 error, 2 usage, 3 compare: no measurement matches the filters\n");
	return SDSTAT_USAGE;
}

static int load_csv(const char *path, struct dataset *d)
{
	char err[512];
	FILE *f = fopen(path, "r");
	int ret;

	if (!f) {
		fprintf(stderr, "sdstat: cannot open %s\n", path);
		return -1;
	}
	ret = dataset_read_csv(d, f, path, err, sizeof(err));
	fclose(f);
	if (ret)
		fprintf(stderr, "sdstat: %s\n", err);
	return ret;
}

static int cmd_tidy(int argc, char **argv)
{
	struct dataset d;
	const char *run = NULL;
	char err[512];
	int i = 0;

	if (argc >= 2 && !strcmp(argv[0], "--run")) {
		run = argv[1];
		i = 2;
	}
	if (!run || i >= argc)
		return usage();
	dataset_init(&d);
	for (; i < argc; i++) {
		if (collect_guest_run(&d, argv[i], run, err, sizeof(err)) < 0) {
			fprintf(stderr, "sdstat: %s\n", err);
			dataset_free(&d);
			return SDSTAT_ERROR;
		}
	}
	dataset_derive(&d);
	dataset_write_csv(&d, stdout);
	dataset_free(&d);
	return 0;
}

static int cmd_summary(int argc, char **argv)
{
	struct filter f = { 0 };
	struct dataset d;
	struct groups g;

	if (argc != 1)
		return usage();
	dataset_init(&d);
	if (load_csv(argv[0], &d))
		return SDSTAT_ERROR;
	groups_build(&g, &d, &f);
	report_summary_csv(&g, stdout);
	groups_free(&g);
	dataset_free(&d);
	return 0;
}

static int cmd_compare(int argc, char **argv)
{
	enum compare_format format = COMPARE_MARKDOWN;
	const char *baseline = "baseline", *variants[32];
	char err[512], *list = NULL;
	size_t nvariants = 0;
	struct filter f = { 0 };
	struct dataset d;
	struct groups g;
	long n;

	if (argc < 1)
		return usage();
	for (int i = 1; i < argc; i++) {
		const char **slot = NULL;

		if (!strcmp(argv[i], "--tsv")) {
			format = COMPARE_TSV;
			continue;
		}
		if (i + 1 >= argc)
			return usage();
		if (!strcmp(argv[i], "--baseline"))
			slot = &baseline;
		else if (!strcmp(argv[i], "--mode"))
			slot = &f.mode;
		else if (!strcmp(argv[i], "--bench"))
			slot = &f.bench;
		else if (!strcmp(argv[i], "--phase"))
			slot = &f.phase;
		else if (!strcmp(argv[i], "--metric"))
			slot = &f.metric;
		else if (!strcmp(argv[i], "--params"))
			slot = &f.params;
		else if (!strcmp(argv[i], "--variants"))
			list = argv[i + 1];
		else
			return usage();
		if (slot)
			*slot = argv[i + 1];
		i++;
	}
	for (char *v = list ? strtok(list, ",") : NULL; v && nvariants < 32; v = strtok(NULL, ","))
		variants[nvariants++] = v;
	dataset_init(&d);
	if (load_csv(argv[0], &d))
		return SDSTAT_ERROR;
	groups_build(&g, &d, &f);
	n = report_compare(&g, baseline, nvariants ? variants : NULL, nvariants, format, stdout,
			   err, sizeof(err));
	groups_free(&g);
	dataset_free(&d);
	if (n < 0) {
		fprintf(stderr, "sdstat: %s\n", err);
		return SDSTAT_ERROR;
	}
	if (n == 0) {
		fprintf(stderr, "sdstat: no measurement matches the filters\n");
		return SDSTAT_NO_MATCH;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage();
	if (!strcmp(argv[1], "tidy"))
		return cmd_tidy(argc - 2, argv + 2);
	if (!strcmp(argv[1], "summary"))
		return cmd_summary(argc - 2, argv + 2);
	if (!strcmp(argv[1], "compare"))
		return cmd_compare(argc - 2, argv + 2);
	return usage();
}
