#!/usr/bin/env bash
# compare-cost-tables.sh A B: does run B reproduce run A? A and B are the
# cost-tables.tsv of two kept runs of the same experiment (scripts/
# cost-tables.sh writes them; a folder of results/ holding one will do).
# For every change against the reference variant that both runs report
# (same table, phase, parameters, variant, metric and unit), it compares the
# two changes and their bootstrap intervals, and prints in markdown: how many
# there are, in how many the two 95% intervals overlap, the median and the
# largest difference in percentage points, and every row whose intervals do
# not overlap. Rows of one run only are counted and named: a change of
# experiment between the runs shows there.
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"

table_of() {
	local arg="$1"
	if [ -d "$arg" ]; then
		arg="${arg%/}/cost-tables.tsv"
	fi
	[ -f "$arg" ] || die "compare-cost-tables.sh: no cost table '$arg' (give a cost-tables.tsv or a folder of results/ that has one)"
	printf '%s\n' "$arg"
}

[ "$#" -eq 2 ] || die "usage: compare-cost-tables.sh A B (two cost-tables.tsv, or folders of results/ holding them)"
a=$(table_of "$1")
b=$(table_of "$2")

awk -F '\t' -v name_a="$1" -v name_b="$2" -f "$(dirname "$0")/lib/compare-changes.awk" -f /dev/fd/3 "$a" "$b" 3<<'AWK'
function col(name,    i) {
	for (i = 1; i <= NF; i++)
		if ($i == name)
			return i
	printf "compare-cost-tables.sh: %s has no column \"%s\"\n", FILENAME, name > "/dev/stderr"
	bad = 1
	exit 2
}
FNR == 1 {
	file++
	c_table = col("table"); c_phase = col("phase"); c_params = col("params")
	c_variant = col("variant"); c_metric = col("metric"); c_per = col("per")
	c_pct = col("pct"); c_lo = col("lo"); c_hi = col("hi"); c_against = col("against")
	c_memory = col("memory"); c_mech = col("mechanism")
	next
}
# The reference variant has no change of its own (pct, lo and hi are 0).
$c_pct == 0 && $c_lo == 0 && $c_hi == 0 { next }
{
	key = $c_table SUBSEP $c_phase SUBSEP $c_params SUBSEP $c_variant SUBSEP $c_metric SUBSEP $c_per
	unit = ($c_per == "-") ? $c_metric : $c_metric " per " $c_per
	what[key] = $c_memory ", " $c_mech ", " $c_phase " (" unit "), `" $c_variant "`"
	pct[file, key] = $c_pct; lo[file, key] = $c_lo; hi[file, key] = $c_hi
	seen[file, key] = 1
	keys[key] = 1
}
END {
	if (bad)
		exit 2
	if (!report("runs", 0)) {
		print "compare-cost-tables.sh: the two tables have no change in common" > "/dev/stderr"
		exit 1
	}
	report_rest("run", 0)
}
AWK
