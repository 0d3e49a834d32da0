/* SPDX-License-Identifier: GPL-2.0 */
/* The guest programs' long options (--size 1G), read one at a time. */
#ifndef GUEST_OPTS_H
#define GUEST_OPTS_H

#include <getopt.h>

/*
 * getopt_long() over long options only: the next option's val, or -1 when
 * none is left. An unknown option calls usage("unknown option"), an argument
 * that is no option usage("unexpected argument"); usage does not return.
 */
int opt_next(int argc, char **argv, const struct option *longopts,
	     void (*usage)(const char *why));

#endif
