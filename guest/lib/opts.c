// SPDX-License-Identifier: GPL-2.0
#include <stddef.h>

#include "opts.h"

int opt_next(int argc, char **argv, const struct option *longopts,
	     void (*usage)(const char *why))
{
	int c = getopt_long(argc, argv, "", longopts, NULL);

	if (c == '?')
		usage("unknown option");
	if (c == -1 && optind != argc)
		usage("unexpected argument");
	return c;
}
