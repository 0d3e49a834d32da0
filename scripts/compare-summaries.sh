#!/usr/bin/env bash
# compare-summaries.sh A B: are the figures of RESULTS.md's Summary in run B
# those of run A, within their intervals? A and B are two summary.md files
# (scripts/results-render.sh writes one per published run), or folders of
# results/ holding one. Every cell "+X% [LO, HI]" of a column that both
# Summaries have, in the same table (named by its first header cell), for
# the same measure and variant, is a change; the columns of the first
# implementation are left out (the same run in both). Prints in markdown:
# how many changes both have, in how many the two 95% intervals overlap and
# B's median lies in A's interval, the median and largest difference in
# percentage points, every change whose intervals do not overlap, and the
# changes of one Summary only. Exit status 0 whether or not they agree
# (the verdict is in the output); 1 when the two have no change in common.
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"

summary_of() {
	local arg="$1"
	if [ -d "$arg" ]; then
		arg="${arg%/}/summary.md"
	fi
	[ -f "$arg" ] || die "compare-summaries.sh: no Summary '$arg' (give a summary.md, or a folder of results/ that has one)"
	printf '%s\n' "$arg"
}

[ "$#" -eq 2 ] || die "usage: compare-summaries.sh A B (two summary.md, or folders of results/ holding them)"
a=$(summary_of "$1")
b=$(summary_of "$2")

awk -v name_a="$1" -v name_b="$2" -f "$(dirname "$0")/lib/compare-changes.awk" -f /dev/fd/3 "$a" "$b" 3<<'AWK'
function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
FNR == 1 { file++; table = ""; header = 0 }
# A table starts with a header row, followed by its |---| row.
/^\|/ && !header && table == "" {
	ncol = split($0, cell, "|")
	table = trim(cell[2])
	for (i = 2; i < ncol; i++)
		colname[i] = trim(cell[i])
	header = 1
	next
}
/^\|---/ && header == 1 { header = 2; next }
!/^\|/ { table = ""; header = 0; next }
header == 2 {
	n = split($0, cell, "|")
	measure = trim(cell[2]); variant = trim(cell[3])
	for (i = 4; i < n; i++) {
		if (colname[i] ~ /^first implementation/)
			continue
		c = trim(cell[i])
		if (!match(c, /^[-+][0-9.]+% \[[-+][0-9.]+, [-+][0-9.]+\]/))
			continue
		c = substr(c, 1, RLENGTH)
		gsub(/[%\[\],]/, " ", c)
		split(c, v, " ")
		key = table SUBSEP measure SUBSEP variant SUBSEP colname[i]
		what[key] = measure ", " variant ": " colname[i]
		pct[file, key] = v[1]; lo[file, key] = v[2]; hi[file, key] = v[3]
		seen[file, key] = 1
		keys[key] = 1
	}
}
END {
	if (!report("Summaries", 1)) {
		print "compare-summaries.sh: the two Summaries have no change in common" > "/dev/stderr"
		exit 1
	}
	report_rest("Summary", 1)
}
AWK
