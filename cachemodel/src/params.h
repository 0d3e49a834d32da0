/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The model's parameters: geometry of each level and the latencies of the
 * cycle model, read from a plain "key = value  # comment" file
 * (cachemodel/neoverse-n1.params documents every key and its source).
 */
#ifndef CACHEMODEL_PARAMS_H
#define CACHEMODEL_PARAMS_H

#include <stddef.h>
#include <stdint.h>

/* The levels an access can be served from, nearest first. */
enum cm_level { CM_L1, CM_L2, CM_SLC, CM_MEMORY, CM_LEVELS };

struct cm_geometry {
	uint64_t size;		/* bytes */
	uint32_t ways;
};

struct cm_params {
	char name[64];		/* the model's name, written into every result line */
	uint32_t line_size;	/* bytes, the same at every level */
	struct cm_geometry l1i, l1d, l2, slc;
	/* load-to-use latency in cycles of an access served by each level */
	uint32_t latency[CM_LEVELS];
};

/*
 * params_load: reads path into params. Every key must be present exactly
 * once; sizes take a K, M or G suffix (binary units). On failure returns -1
 * with a message naming the file, line and problem (and the valid keys where
 * a key is unknown) in err.
 */
int params_load(const char *path, struct cm_params *params, char *err, size_t errlen);

/* params_parse: the same from a string (tests); origin names it in errors. */
int params_parse(const char *text, const char *origin, struct cm_params *params,
		 char *err, size_t errlen);

#endif
