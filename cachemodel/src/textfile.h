/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef CM_TEXTFILE_H
#define CM_TEXTFILE_H

#include <stddef.h>

/*
 * Formats an error message into err (errlen bytes) and returns -1: the
 * error convention of the model's loaders.
 */
int cm_fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * The whole of the file at path, NUL-terminated, allocated (the caller
 * frees it); NULL with a message naming what (e.g. "the System.map") and
 * path in err when it cannot be opened or read.
 */
char *cm_read_text(const char *path, const char *what, char *err, size_t errlen);

#endif
