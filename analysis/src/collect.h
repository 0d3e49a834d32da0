/* SPDX-License-Identifier: GPL-2.0 */
/* Reading a run directory of the harness into the tidy data set. */
#ifndef SDSTAT_COLLECT_H
#define SDSTAT_COLLECT_H

#include "dataset.h"

/*
 * Adds the records of one guest run: DIR/guest.env (variant, mode),
 * DIR/output.log (RESULT lines) and DIR/out/step-N.cmd + step-N.perf
 * (perf stat -x, output of each step). run names the run. Each call is one
 * guest boot: its records get the next boot number of their run, variant
 * and mode, and repetitions numbered after the earlier boots'. Returns the
 * number of records added, or -1 with err naming the file and problem.
 */
long collect_guest_run(struct dataset *d, const char *dir, const char *run,
		       char *err, size_t errlen);
/*
 * In mode cache, the run directory also has cache.log: the cache model's
 * counts as RESULT lines of the guest's samples (scripts/cache-join.sh);
 * collect_guest_run() adds them with the same repetition numbering.
 */

#endif
