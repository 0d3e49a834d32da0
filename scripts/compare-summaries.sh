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

awk -v name_a="$1" -v name_b="$2" '
function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
function abs(x) { return x < 0 ? -x : x }
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
	n = 0; overlap = 0; inside = 0; only = 0
	for (k in keys) {
		if (!((1, k) in seen) || !((2, k) in seen)) {
			only++
			onlyrow[only] = what[k] (((1, k) in seen) ? " (A only)" : " (B only)")
			continue
		}
		n++
		d[n] = abs(pct[2, k] - pct[1, k])
		if ((lo[1, k] > lo[2, k] ? lo[1, k] : lo[2, k]) <= (hi[1, k] < hi[2, k] ? hi[1, k] : hi[2, k]))
			overlap++
		else
			apart[k] = 1
		if (pct[2, k] >= lo[1, k] && pct[2, k] <= hi[1, k])
			inside++
	}
	if (n == 0) {
		print "compare-summaries.sh: the two Summaries have no change in common" > "/dev/stderr"
		exit 1
	}
	for (i = 2; i <= n; i++) {
		v1 = d[i]
		for (j = i - 1; j >= 1 && d[j] > v1; j--)
			d[j + 1] = d[j]
		d[j + 1] = v1
	}
	median = (n % 2) ? d[(n + 1) / 2] : (d[n / 2] + d[n / 2 + 1]) / 2
	printf "A: `%s`; B: `%s`.\n\n", name_a, name_b
	printf "%d changes in both Summaries; their 95%% intervals overlap in %d; B'"'"'s median lies in A'"'"'s interval in %d; difference of the changes: median %.2f, largest %.2f percentage points.\n", n, overlap, inside, median, d[n]
	if (only)
		printf "%d changes in one Summary only.\n", only
	if (n > overlap) {
		print ""
		print "| change whose intervals do not overlap | A | B |"
		print "|---|---:|---:|"
		m = 0
		for (k in apart)
			row[++m] = k
		for (i = 2; i <= m; i++) {
			v1 = row[i]
			for (j = i - 1; j >= 1 && what[row[j]] > what[v1]; j--)
				row[j + 1] = row[j]
			row[j + 1] = v1
		}
		for (i = 1; i <= m; i++) {
			k = row[i]
			printf "| %s | %+.2f%% [%+.2f, %+.2f] | %+.2f%% [%+.2f, %+.2f] |\n", what[k], pct[1, k], lo[1, k], hi[1, k], pct[2, k], lo[2, k], hi[2, k]
		}
	}
	if (only)
		print ""
	for (i = 1; i <= only; i++)
		printf "- %s\n", onlyrow[i]
}' "$a" "$b"
