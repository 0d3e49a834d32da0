/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The attribution's report (plugin argument symbols=, attrib.h), written
 * after the RESULT lines: for each phase occurrence, for the task that began
 * it (mode all) and for the other tasks in its window (mode other), and for
 * l1d_misses, slc_misses and instructions, the functions with the largest
 * count, most first:
 *   # cachemodel symbol <TAB> phase <TAB> rep <TAB> mode <TAB> metric <TAB> rank <TAB> function <TAB> count
 * phase and rep as in the RESULT lines (report.h), rank 1 to top, function a
 * name of the System.map, [user] or [unknown]; then, when more functions
 * missed, rank "-" and function "[rest]" with their sum, so that the lines of
 * one phase, mode and metric add up to the value of its RESULT line.
 * Comment lines: the RESULT parsers (scripts/cache-join.sh,
 * scripts/cachemodel-validate.sh) skip them.
 */
#ifndef CACHEMODEL_REPORT_SYMBOLS_H
#define CACHEMODEL_REPORT_SYMBOLS_H

#include <stdbool.h>
#include <stdio.h>

#include "phases.h"
#include "symtab.h"

/*
 * report_symbols: the lines above for every occurrence of book, after one
 * line naming the map (path) and what the lines hold. Returns false when out
 * of memory (the lines written so far stand).
 */
bool report_symbols(FILE *out, const struct symtab *t, const char *path,
		    const struct phase_book *book, unsigned int top);

#endif
