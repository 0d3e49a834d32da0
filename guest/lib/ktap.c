// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ktap.h"

void ktap_init(struct ktap *t, unsigned int planned)
{
	memset(t, 0, sizeof(*t));
	t->planned = planned;
	printf("TAP version 13\n");
	if (planned)
		printf("1..%u\n", planned);
	fflush(stdout);
}

static void vline(const char *prefix, unsigned int n, const char *directive,
		  const char *fmt, va_list ap)
{
	printf("%s %u ", prefix, n);
	vprintf(fmt, ap);
	if (directive)
		printf(" # %s", directive);
	printf("\n");
	fflush(stdout);
}

bool ktap_result(struct ktap *t, bool ok, const char *fmt, ...)
{
	va_list ap;

	t->count++;
	if (ok)
		t->passed++;
	else
		t->failed++;
	va_start(ap, fmt);
	vline(ok ? "ok" : "not ok", t->count, NULL, fmt, ap);
	va_end(ap);
	return ok;
}

void ktap_skip(struct ktap *t, const char *fmt, ...)
{
	va_list ap;

	t->count++;
	t->skipped++;
	va_start(ap, fmt);
	vline("ok", t->count, "SKIP", fmt, ap);
	va_end(ap);
}

void ktap_diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

int ktap_finish(struct ktap *t)
{
	if (t->planned && t->count != t->planned) {
		ktap_diag("planned %u tests but ran %u", t->planned, t->count);
		t->failed++;
	}
	printf("# Totals: pass:%u fail:%u xfail:0 xpass:0 skip:%u error:0\n",
	       t->passed, t->failed, t->skipped);
	fflush(stdout);
	return t->failed ? 1 : 0;
}
