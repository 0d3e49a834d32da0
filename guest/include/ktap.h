/* SPDX-License-Identifier: GPL-2.0 */
/* KTAP output for the project's guest tests: one struct per test program. */
#ifndef GUEST_KTAP_H
#define GUEST_KTAP_H

#include <stdbool.h>

struct ktap {
	unsigned int planned;
	unsigned int count;
	unsigned int passed;
	unsigned int failed;
	unsigned int skipped;
};

/* Prints the KTAP header and the plan (0: no plan line). */
void ktap_init(struct ktap *t, unsigned int planned);
/* One test case: "ok N desc" or "not ok N desc". Returns ok. */
bool ktap_result(struct ktap *t, bool ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ktap_skip(struct ktap *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A diagnostic line: "# ...". */
void ktap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the totals; returns the exit status (0 when nothing failed). */
int ktap_finish(struct ktap *t);

#endif
