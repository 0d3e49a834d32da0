#!/usr/bin/env bash
# criu-table.sh RESULTS_CSV: the Markdown table of a CRIU run (experiment
# criu, tests/guest/criu-suite.sh --results): per kernel and copy, the pages
# written in the round before the copy (exactly, and in whole soft-dirty
# granules), CRIU's pages scanned, skipped as unchanged and written, and the
# instructions of the criu process tree; then the restore's instructions.
set -eu -o pipefail
csv="${1:?usage: criu-table.sh RESULTS_CSV}"
[ -f "$csv" ] || { echo "criu-table.sh: no such file '$csv'" >&2; exit 2; }
grep -q ',criu-migration,' "$csv" ||
	{ echo "criu-table.sh: $csv has no criu-migration results (make results EXPERIMENT=criu)" >&2; exit 3; }
# The CSV's params field is quoted and holds commas: split by hand.
awk '
	function field(line, n,    i, c, q, f, out) {
		f = 1; q = 0; out = ""
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (c == "\"") { q = !q; continue }
			if (c == "," && !q) { if (f == n) return out; f++; out = ""; continue }
			out = out c
		}
		return f == n ? out : ""
	}
	NR == 1 { next }
	field($0, 4) == "criu-migration" {
		k = field($0, 2); p = field($0, 7); m = field($0, 8)
		v[k, p, m] = field($0, 9)
		if (!(k in seen)) { seen[k] = 1; order[++n] = k }
	}
	function num(x) { return x == "" ? "-" : x }
	function c(x,    s) {
		# thousands separated by a thin space, for reading
		if (x == "" || x !~ /^[0-9]+$/) return num(x)
		s = ""
		while (length(x) > 3) { s = "," substr(x, length(x) - 2) s; x = substr(x, 1, length(x) - 3) }
		return x s
	}
	END {
		print "| kernel | copy | pages written in the round (exact / in soft-dirty granules) | scanned | skipped as unchanged | written | written beyond the round | criu instructions |"
		print "|---|---|---|---|---|---|---|---|"
		for (i = 1; i <= n; i++) {
			k = order[i]
			for (cp = 1; cp <= 3; cp++) {
				ph = "copy" cp
				ex = v[k, ph, "dirtied_exact"]; mx = v[k, ph, "dirtied_max"]
				w = v[k, ph, "pages_written"]
				label = cp == 1 ? "1 (" (k ~ /^baseline/ ? "dump --leave-running" : "pre-dump --track-mem") ", all)" : \
					cp == 2 ? "2 (" (k ~ /^baseline/ ? "dump --leave-running" : "pre-dump, parent 1") ", round 1)" : \
					"3 (dump" (k ~ /^baseline/ ? "" : ", parent 2") ", round 2)"
				printf "| `%s` | %s | %s / %s | %s | %s | %s | %s | %s |\n", k, label, c(ex), c(mx), \
					c(v[k, ph, "pages_scanned"]), c(v[k, ph, "pages_skipped_parent"]), c(w), \
					(w == "" || ex == "") ? "-" : c(w - ex), c(v[k, ph, "instructions"])
			}
			printf "| `%s` | restore | | | | | | %s |\n", k, c(v[k, "restore", "instructions"])
		}
	}' "$csv"
