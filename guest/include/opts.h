/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest programs' command lines: long options only (--size 1G), each
 * declared by one row of a table that names it, how its argument is read
 * and where the value goes. A bad command line ends the program with status
 * 2 after "PROG: WHY" and the usage text on stderr.
 */
#ifndef GUEST_OPTS_H
#define GUEST_OPTS_H

#include <stdnoreturn.h>

struct opt {
	const char *name;	/* the option is --name; NULL ends the table */
	/*
	 * Reads @text into opt->value: NULL, or what the option takes, to
	 * follow "--name " in the message ("takes a size such as 64M or 1G").
	 */
	const char *(*parse)(const char *text, const struct opt *opt);
	void *value;
	unsigned int max;		/* opt_count(): the largest count */
	const char *choice[2];		/* opt_bool(): the words for false and true */
	const char *takes;		/* what the option takes, if not parse's own */
};

struct opts {
	const char *prog;	/* "fork-bench" */
	const char *usage;	/* "usage: fork-bench [--size SIZE]...\n" */
	const struct opt *opt;
};

/* Reads every option of argv (there is no other argument). */
void opts_parse(int argc, char **argv, const struct opts *opts);
/* "PROG: WHY", the usage text, exit status 2. */
noreturn void opts_fail(const struct opts *opts, const char *why);

/* The readers of the arguments several programs take; value is the type named. */
/* A size such as 64M or 1G (size_parse()): size_t. */
const char *opt_size(const char *text, const struct opt *opt);
/* A folio size, or base, cont or pmd (folio_option_parse()): size_t. */
const char *opt_folio(const char *text, const struct opt *opt);
/* A power-of-two folio size such as 4K or 64K (folio_size_parse()): size_t. */
const char *opt_folio_size(const char *text, const struct opt *opt);
/* A count from 1 to opt->max (count_parse()): unsigned int. */
const char *opt_count(const char *text, const struct opt *opt);
/* The number of a CPU, from 0 (cpu_parse()): int. */
const char *opt_cpu(const char *text, const struct opt *opt);
/* opt->choice[0] (false) or opt->choice[1] (true): bool. */
const char *opt_bool(const char *text, const struct opt *opt);

#endif
