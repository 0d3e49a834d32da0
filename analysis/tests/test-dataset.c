// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing: RESULT lines and perf stat -x, output kept from real guest runs
 * (fixtures/), malformed input rejected with a message, the tidy CSV
 * written and read back, derived metrics.
 */
#include <string.h>

#include "check.h"
#include "collect.h"
#include "dataset.h"

static size_t count_metric(const struct dataset *d, const char *mode, const char *metric)
{
	size_t n = 0;

	for (size_t i = 0; i < d->count; i++)
		n += !strcmp(d->records[i].mode, mode) && !strcmp(d->records[i].metric, metric);
	return n;
}

int main(void)
{
	struct checks c = { 0 };
	struct dataset d, back;
	struct record r;
	char err[512], event[64];
	double count;
	long n;
	FILE *f;

	printf("TAP version 13\n");
	check(&c, parse_result_line("RESULT\tfork\tsize=1024M,folio=4K\t3\tfork\twall_ns\t43199232\n",
				    &r, err, sizeof(err)) == 1 &&
		  !strcmp(r.bench, "fork") && !strcmp(r.params, "size=1024M,folio=4K") && r.rep == 3 &&
		  !strcmp(r.phase, "fork") && !strcmp(r.metric, "wall_ns") && r.value == 43199232,
	      "a RESULT line is parsed field by field");
	check(&c, parse_result_line("RESULT\tfork\tp\t1\tfork\tinstructions\tNA\n", &r, err, sizeof(err)) == 0,
	      "NA (a counter the platform lacks) is no record");
	check(&c, parse_result_line("# a comment\n", &r, err, sizeof(err)) == 0, "other lines are skipped");
	check(&c, parse_result_line("RESULT\tfork\tp\t1\tfork\t12\n", &r, err, sizeof(err)) == -1 &&
		  strstr(err, "6 tab-separated fields"), "a short RESULT line is rejected, saying why");
	check(&c, parse_result_line("RESULT\tfork\tp\tx\tfork\tm\t1\n", &r, err, sizeof(err)) == -1 &&
		  strstr(err, "repetition 'x'"), "a bad repetition is rejected");
	check(&c, parse_result_line("RESULT\tfork\tp\t1\tfork\tm\t12abc\n", &r, err, sizeof(err)) == -1 &&
		  strstr(err, "'12abc' is not a number"), "a bad value is rejected");

	check(&c, parse_perf_stat_line("1870645,,cycles,7399996,100.00,,\n", event, sizeof(event), &count,
				       err, sizeof(err)) == 1 && !strcmp(event, "cycles") && count == 1870645,
	      "perf stat -x, line");
	check(&c, parse_perf_stat_line("<not supported>,,instructions,0,100.00,,\n", event, sizeof(event),
				       &count, err, sizeof(err)) == 0, "an unsupported perf event is no value");
	check(&c, parse_perf_stat_line("# started on Thu Jan  1 00:00:02 1970\n", event, sizeof(event),
				       &count, err, sizeof(err)) == 0, "perf stat comments are skipped");
	check(&c, parse_perf_stat_line("garbage\n", event, sizeof(event), &count, err, sizeof(err)) == -1 &&
		  strstr(err, "at least 4"), "a malformed perf stat line is rejected");

	dataset_init(&d);
	n = collect_guest_run(&d, "fixtures/run-tcg", "fixture", err, sizeof(err));
	check(&c, n == 100 - 20 + 3, "a real TCG run: RESULT lines but the NA instructions, and 3 perf stat counters");
	if (n < 0)
		printf("# %s\n", err);
	n = collect_guest_run(&d, "fixtures/run-icount", "fixture", err, sizeof(err));
	check(&c, n == 100 + 4, "a real icount run: every counter, and 4 perf stat counters");
	if (n < 0)
		printf("# %s\n", err);
	check(&c, count_metric(&d, "tcg", "instructions") == 0 && count_metric(&d, "icount", "instructions") == 20,
	      "instructions are counted in icount mode only");
	check(&c, count_metric(&d, "icount", "perf_instructions") == 1 &&
		  count_metric(&d, "tcg", "perf_instructions") == 0, "perf stat values become perf_ metrics");
	check(&c, collect_guest_run(&d, "fixtures/no-such-run", "x", err, sizeof(err)) < 0 &&
		  strstr(err, "guest.env"), "a directory that is no guest run is named in the error");
	check(&c, collect_guest_run(&d, "fixtures/run-bad", "x", err, sizeof(err)) < 0 &&
		  strstr(err, "output.log:2:"), "a malformed output.log is rejected with its line number");

	n = (long)d.count;
	dataset_derive(&d);
	check(&c, d.count > (size_t)n && count_metric(&d, "icount", "instructions_per_fault") == 4,
	      "derived: instructions per page fault for each populate with counters");

	{
		struct dataset rounds;
		unsigned int max_rep = 0, boots[3] = { 0 };
		size_t first;
		int same_boot = 1;

		dataset_init(&rounds);
		collect_guest_run(&rounds, "fixtures/run-icount", "r", err, sizeof(err));
		first = rounds.count;
		collect_guest_run(&rounds, "fixtures/run-icount", "r", err, sizeof(err));
		collect_guest_run(&rounds, "fixtures/run-tcg", "r", err, sizeof(err));
		for (size_t i = 0; i < rounds.count; i++) {
			const struct record *o = &rounds.records[i];

			if (!strcmp(o->mode, "icount") && o->rep > max_rep)
				max_rep = o->rep;
			if (o->boot < 3)
				boots[o->boot]++;
		}
		dataset_derive(&rounds);
		check(&c, max_rep == 4 && count_metric(&rounds, "icount", "instructions_per_fault") == 8,
		      "a second guest run of a variant (another round) numbers its repetitions on");
		check(&c, boots[0] == 0 && boots[1] == first + 83 && boots[2] == first,
		      "each guest run of a variant and mode is the next boot (the TCG run, another mode, is boot 1)");
		for (size_t i = first; i < rounds.count; i++) {
			const struct record *o = &rounds.records[i];

			if (!strcmp(o->metric, "instructions_per_fault") && o->rep > 2 && o->boot != 2)
				same_boot = 0;
		}
		check(&c, same_boot, "a derived value keeps the boot of the values it comes from");
		dataset_free(&rounds);
	}

	f = tmpfile();
	dataset_write_csv(&d, f);
	rewind(f);
	dataset_init(&back);
	check(&c, dataset_read_csv(&back, f, "tmp", err, sizeof(err)) == 0 && back.count == d.count &&
		  !strcmp(back.records[0].params, d.records[0].params) &&
		  back.records[5].value == d.records[5].value,
	      "the tidy CSV reads back the same records (quoted params with commas)");
	{
		int boots_kept = back.count == d.count;

		for (size_t i = 0; boots_kept && i < d.count; i++)
			boots_kept = back.records[i].boot == d.records[i].boot && d.records[i].boot >= 1;
		check(&c, boots_kept, "the tidy CSV keeps each record's boot");
	}
	fclose(f);
	dataset_free(&back);
	dataset_init(&back);
	f = tmpfile();
	fputs("run,variant,mode,bench,params,rep,phase,metric,value\n"
	      "r,baseline,icount,fork,\"size=1G,folio=4K\",2,fork,instructions,1234\n", f);
	rewind(f);
	check(&c, dataset_read_csv(&back, f, "old.csv", err, sizeof(err)) == 0 && back.count == 1 &&
		  back.records[0].rep == 2 && back.records[0].boot == 0 && back.records[0].value == 1234,
	      "a CSV from before the boot column reads, boot 0 (not recorded)");
	fclose(f);
	f = tmpfile();
	fputs("run,variant,mode,bench,params,rep,phase,metric,value,boot\n"
	      "r,baseline,icount,fork,p,2,fork,instructions,1234,x\n", f);
	rewind(f);
	check(&c, dataset_read_csv(&back, f, "bad-boot.csv", err, sizeof(err)) == -1 &&
		  strstr(err, "bad-boot.csv:2: boot 'x'"), "a bad boot is rejected");
	fclose(f);
	f = tmpfile();
	fputs("run,variant\nx,y\n", f);
	rewind(f);
	check(&c, dataset_read_csv(&back, f, "bad.csv", err, sizeof(err)) == -1 && strstr(err, "bad.csv: line 1"),
	      "a CSV with the wrong header is rejected");
	fclose(f);
	dataset_free(&back);
	dataset_free(&d);
	return checks_done(&c);
}
