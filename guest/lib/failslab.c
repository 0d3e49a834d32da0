// SPDX-License-Identifier: GPL-2.0
/* failslab for the guest tests (see failslab.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "failslab.h"
#include "sysfs.h"

#define FAILSLAB "/sys/kernel/debug/failslab"

int failslab_setup(char *err, size_t errlen)
{
	/*
	 * The filters first and the probability last: until the task filter
	 * is on, a probability of 100 fails (and, verbose, dumps the stack of)
	 * an allocation of any task in the guest.
	 */
	static const char *const settings[][2] = {
		{ FAILSLAB "/task-filter", "Y" },
		{ FAILSLAB "/ignore-gfp-wait", "Y" },
		{ FAILSLAB "/verbose", "0" },
		{ FAILSLAB "/space", "0" },
		{ FAILSLAB "/times", "-1" },
		{ FAILSLAB "/interval", "1" },
		{ FAILSLAB "/probability", "100" },
	};

	for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++)
		if (sysfs_write(settings[i][0], settings[i][1])) {
			snprintf(err, errlen, "cannot write %s (CONFIG_FAILSLAB and "
				 "CONFIG_FAULT_INJECTION_DEBUG_FS, debugfs mounted?): %s",
				 settings[i][0], strerror(errno));
			return -1;
		}
	return 0;
}

int failslab_self(bool on)
{
	return sysfs_write("/proc/self/make-it-fail", on ? "1" : "0");
}
