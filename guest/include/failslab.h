/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Failing the slab allocations of one task that cannot wait (failslab), so
 * that a test can make the kernel do without them: CONFIG_FAILSLAB and
 * CONFIG_FAULT_INJECTION_DEBUG_FS, debugfs mounted.
 */
#ifndef GUEST_FAILSLAB_H
#define GUEST_FAILSLAB_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Every slab allocation that cannot wait fails, silently, for tasks whose
 * /proc/PID/make-it-fail is 1 (none yet). 0, or -1 with errno and the file
 * that could not be written in err.
 */
int failslab_setup(char *err, size_t errlen);
/* This task's allocations fail (on) or not (off). 0 or -1 with errno. */
int failslab_self(bool on);

#endif
