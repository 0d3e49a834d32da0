/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tidy data set: one record per measured value, with everything that
 * identifies it (run, variant, QEMU mode, benchmark, parameters, repetition,
 * phase, metric) and the guest boot that measured it.
 */
#ifndef SDSTAT_DATASET_H
#define SDSTAT_DATASET_H

#include <stddef.h>
#include <stdio.h>

#define FIELD_LEN 128

struct record {
	char run[FIELD_LEN];
	char variant[FIELD_LEN];
	char mode[FIELD_LEN];
	char bench[FIELD_LEN];
	char params[FIELD_LEN];
	char phase[FIELD_LEN];
	char metric[FIELD_LEN];
	unsigned int rep;
	/*
	 * The guest boot (a round of the experiment): 1, 2, ... per run,
	 * variant and mode; 0 when not recorded (a CSV written before boots
	 * were). Repetitions of one boot are not independent; boots are.
	 */
	unsigned int boot;
	double value;
};

struct dataset {
	struct record *records;
	size_t count, capacity;
};

/* Writes @s as one CSV field: quoted, quotes doubled, if it needs to be. */
void csv_text(FILE *out, const char *s);

void dataset_init(struct dataset *d);
void dataset_free(struct dataset *d);
void dataset_add(struct dataset *d, const struct record *r);

/*
 * Parses one line of benchmark output. Returns 1 for a RESULT line (filled
 * into *r, but for run, variant and mode), 0 for any other line, -1 for a
 * malformed RESULT line (err says why). "NA" values are not records: 0.
 */
int parse_result_line(const char *line, struct record *r, char *err, size_t errlen);

/*
 * Parses one line of `perf stat -x,` output. Returns 1 with the event name
 * and count, 0 for comments, blank lines and unsupported or uncounted
 * events, -1 for a malformed line.
 */
int parse_perf_stat_line(const char *line, char *event, size_t eventlen, double *count,
			 char *err, size_t errlen);

/*
 * Writes the data set as CSV (with a header, boot the last column); reads it
 * back (0, or -1 + err), also a CSV without the boot column (boot 0).
 */
void dataset_write_csv(const struct dataset *d, FILE *out);
int dataset_read_csv(struct dataset *d, FILE *in, const char *name, char *err, size_t errlen);

/* Adds the derived metrics: the derive rows of bench/benchmarks.tsv. */
void dataset_derive(struct dataset *d);

#endif
