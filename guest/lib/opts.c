// SPDX-License-Identifier: GPL-2.0
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio.h"
#include "opts.h"
#include "size.h"

/* The most options a program has. */
#define OPTS_MAX 16

noreturn void opts_fail(const struct opts *opts, const char *why)
{
	fprintf(stderr, "%s: %s\n%s", opts->prog, why, opts->usage);
	exit(2);
}

void opts_parse(int argc, char **argv, const struct opts *opts)
{
	struct option longopts[OPTS_MAX + 1] = { 0 };
	const struct opt *opt;
	const char *takes;
	char why[160];
	int n, c;

	for (n = 0; opts->opt[n].name; n++) {
		if (n == OPTS_MAX)
			opts_fail(opts, "too many options for opts_parse()");
		longopts[n] = (struct option){ opts->opt[n].name, required_argument, NULL, n + 1 };
	}
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c < 1 || c > n)
			opts_fail(opts, "unknown option");
		opt = &opts->opt[c - 1];
		takes = opt->parse(optarg, opt);
		if (takes) {
			snprintf(why, sizeof(why), "--%s %s", opt->name, opt->takes ? opt->takes : takes);
			opts_fail(opts, why);
		}
	}
	if (optind != argc)
		opts_fail(opts, "unexpected argument");
}

const char *opt_size(const char *text, const struct opt *opt)
{
	return size_parse(text, opt->value) ? "takes a size such as 64M or 1G" : NULL;
}

const char *opt_folio(const char *text, const struct opt *opt)
{
	return folio_option_parse(text, opt->value) ?
	       "takes a power-of-two size such as 4K, 16K, 64K or 2M, or base, cont or pmd" : NULL;
}

const char *opt_folio_size(const char *text, const struct opt *opt)
{
	return folio_size_parse(text, opt->value) ?
	       "takes a power-of-two size such as 4K or 64K" : NULL;
}

const char *opt_count(const char *text, const struct opt *opt)
{
	static char takes[64];

	if (!count_parse(text, opt->max, opt->value))
		return NULL;
	snprintf(takes, sizeof(takes), "takes a number from 1 to %u", opt->max);
	return takes;
}

const char *opt_cpu(const char *text, const struct opt *opt)
{
	return cpu_parse(text, opt->value) ? "takes the number of a CPU, from 0" : NULL;
}

const char *opt_bool(const char *text, const struct opt *opt)
{
	static char takes[64];

	if (strcmp(text, opt->choice[0]) && strcmp(text, opt->choice[1])) {
		snprintf(takes, sizeof(takes), "is %s or %s", opt->choice[0], opt->choice[1]);
		return takes;
	}
	*(bool *)opt->value = !strcmp(text, opt->choice[1]);
	return NULL;
}
