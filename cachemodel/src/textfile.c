// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textfile.h"

int cm_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

char *cm_read_text(const char *path, const char *what, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char *text;
	long len;

	if (!f) {
		cm_fail(err, errlen, "cannot open %s '%s': %s", what, path, strerror(errno));
		return NULL;
	}
	len = fseek(f, 0, SEEK_END) ? -1 : ftell(f);
	text = len < 0 || fseek(f, 0, SEEK_SET) ? NULL : calloc(1, (size_t)len + 1);
	if (!text || fread(text, 1, (size_t)len, f) != (size_t)len) {
		free(text);
		fclose(f);
		cm_fail(err, errlen, "cannot read %s '%s'", what, path);
		return NULL;
	}
	fclose(f);
	return text;
}
