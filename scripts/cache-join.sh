#!/usr/bin/env bash
# cache-join.sh OUTPUT_LOG CACHE_OUT [BENCHMARKS_TSV]: the cache model's counts as
# RESULT lines of the benchmarks' own samples, on stdout.
#
# The plugin (cachemodel/) writes, per occurrence of a marked phase,
#   RESULT cache model=M,mode=user|kernel|all OCCURRENCE phaseID METRIC VALUE
# with occurrences numbered per id in the order the begin markers ran. The
# guest's output (OUTPUT_LOG) has one sample per measured phase, in the order
# they ran: its RESULT lines, the first of which has the metric wall_ns
# (guest/lib/results.c). The phase rows of BENCHMARKS_TSV (default
# bench/benchmarks.tsv, the table the guest programs' phase ids come from)
# name the ids. The k-th occurrence of id N is the k-th sample of N's name,
# and becomes, for that sample (same bench, params, rep, phase):
#   RESULT bench params rep phase cache_METRIC VALUE          (mode all)
#   RESULT bench params rep phase cache_kernel_METRIC VALUE   (and user)
#   RESULT bench params rep phase cache_other_METRIC VALUE    (other tasks
#                                  on the phase's CPU inside it)
#
# Fails, naming the phase, when the counts differ (a step's output was
# discarded, as a profile step's is, or it died inside a phase), when the
# plugin saw a phase end on another CPU than it began (the task migrated:
# pin it) or never end, when task tracking was asked for and never saw a
# switch, or when an id is not in BENCHMARKS_TSV.
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"

[ $# -ge 2 ] && [ $# -le 3 ] || die "usage: cache-join.sh OUTPUT_LOG CACHE_OUT [BENCHMARKS_TSV]"
output_log="$1" cache_out="$2" phases_h="${3:-$TOP/bench/benchmarks.tsv}"
for f in "$output_log" "$cache_out" "$phases_h"; do
	[ -f "$f" ] || die "cache-join.sh: no such file '$f'"
done

awk -F'\t' -v OFS='\t' -v phases_h="$phases_h" -v output_log="$output_log" -v cache_out="$cache_out" '
function fail(msg) { printf "error: cache-join: %s\n", msg > "/dev/stderr"; failed = 1; exit 1 }
BEGIN {
	# The phase rows: phase NAME ID BENCHES.
	while ((getline line < phases_h) > 0) {
		if (split(line, f, "\t") >= 3 && f[1] == "phase") {
			if (f[3] in name_of) fail(phases_h ": id " f[3] " is in the table twice")
			name_of[f[3]] = f[2]
			id_of[f[2]] = f[3]
		}
	}
	close(phases_h)
	if (length(name_of) == 0) fail(phases_h ": no phase row (phase NAME ID BENCHES)")
}
# The guest samples, in order, per phase name.
FILENAME == output_log && $1 == "RESULT" && NF == 7 && $6 == "wall_ns" && ($5 in id_of) {
	n = ++samples[$5]
	sample[$5, n] = $2 OFS $3 OFS $4 OFS $5
	order[++nsamples] = $5 SUBSEP n
	next
}
FILENAME == cache_out && /^# cachemodel warning: phase[0-9]+ occurrence [0-9]+ .*never ended/ {
	fail(cache_out ": " substr($0, 3) " (the task migrated to another CPU inside the phase, or died in it: pin the measured task)")
}
FILENAME == cache_out && /^# cachemodel warning: .* unbalanced markers/ {
	fail(cache_out ": " substr($0, 3) " (a phase ended on another CPU than it began: pin the measured task)")
}
FILENAME == cache_out && /^# cachemodel error/ { fail(cache_out ": " substr($0, 3)) }
FILENAME == cache_out && /^# cachemodel warning: switch_to=.* never executed/ {
	fail(cache_out ": " substr($0, 3))
}
FILENAME == cache_out && $1 == "RESULT" && $2 == "cache" && $5 ~ /^phase[0-9]+$/ {
	id = substr($5, 6)
	if (!(id in name_of)) fail(cache_out ": " $5 " is not in " phases_h)
	mode = $3
	sub(/.*mode=/, "", mode)
	sub(/,.*/, "", mode)
	metric = (mode == "all" ? "cache_" : "cache_" mode "_") $6
	key = name_of[id] SUBSEP $4
	if (!(key in nmetrics)) occurrences[name_of[id]]++
	lines[key, ++nmetrics[key]] = metric OFS $7
	next
}
END {
	if (failed) exit 1
	for (p in id_of) {
		if (samples[p] + 0 != occurrences[p] + 0)
			fail(sprintf("phase %s (id %s): %d samples in %s but %d occurrences in %s (a step whose output was discarded, such as a profile step, or one that died inside a phase)",
				p, id_of[p], samples[p], output_log, occurrences[p], cache_out))
	}
	for (i = 1; i <= nsamples; i++) {
		split(order[i], k, SUBSEP)
		key = k[1] SUBSEP k[2]
		for (j = 1; j <= nmetrics[key]; j++)
			print "RESULT", sample[k[1], k[2]], lines[key, j]
	}
}' "$output_log" "$cache_out"
