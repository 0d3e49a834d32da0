#!/usr/bin/env bash
# results-figures.sh [RESULTS_MD [RESULTS_DIR]]: every signed percentage in the
# prose of RESULTS_MD (default: $RESULTS_MD, else RESULTS.md) that appears in
# none of the generated tables under RESULTS_DIR (default: $RESULTS_DIR, else
# results/), one per line as
# "LINE: FIGURE: the line's text"; exit status 1 when there is one, 0 when
# every figure is found.
#
# The rule:
# - Prose: RESULTS_MD without its generated blocks (the lines from any
#   "<!-- BEGIN ..." marker to the next "<!-- END ...").
# - A figure: a percentage with a sign, +N% or -N% (N with or without
#   decimals; also a figure in a range written "+94% to +102%" or "+1.5 /
#   +2.0%": each signed number directly followed by "%"). Unsigned percentages
#   are targets, thresholds and rough spreads ("within 1%", "10-50%") and are
#   not checked; interval bounds ("[+1.15, +1.95]") carry no "%" and are not
#   checked.
# - The tables: every signed percentage in the files *.md under RESULTS_DIR
#   that the harness writes (generated.md, tables.md, summary.md,
#   comparison.md, path.md, environment.md, and any other), except the
#   hand-written README.md files and anything under raw/.
# - Where: a figure is looked for in the tables of the published run (the
#   files at the top of RESULTS_DIR: summary.md, tables.md...) and in those of
#   every folder of RESULTS_DIR that its section ("## " heading to the next)
#   names (a link or a path, "results/fork-2m/" or "results/path/path.md"),
#   not in every table of every run: with thousands of figures between -5%
#   and +5% in all of them, any one-decimal figure would be somewhere.
# - A match: the figure equals a table's figure rounded to the figure's own
#   decimals (half away from zero; so +1.7% matches +1.67%, +296% matches
#   +296.23%, +0.0% matches -0.04%), and never to more decimals than the
#   table gives (+1.670% matches nothing in a table of two decimals).
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/results.sh"
results_paths_existing "$@"

mapfile -d '' tables < <(find "$dest" -path '*/raw' -prune -o -type f -name '*.md' ! -name README.md -print0 | sort -z)

awk -v dir="${dest%/}/" -v md="$results_md" '
# figures(S): the signed percentages of S, "|"-separated.
function figures(s,   out, m) {
	out = ""
	while (match(s, /(^|[^0-9A-Za-z.])[-+][0-9]+(\.[0-9]+)?%/)) {
		m = substr(s, RSTART, RLENGTH)
		sub(/^[^-+]/, "", m)
		out = out (out == "" ? "" : "|") substr(m, 1, length(m) - 1)
		s = substr(s, RSTART + RLENGTH)
	}
	return out
}
function decimals(f) { return index(f, ".") ? length(f) - index(f, ".") : 0 }
# round(F, D): F (a string) rounded to D decimals, half away from zero, as "%+.Df".
function round(f, d,   x, p) {
	x = f + 0; p = 10 ^ d
	x = (x < 0) ? -int(-x * p + 0.5 + 1e-9) / p : int(x * p + 0.5 + 1e-9) / p
	return sprintf("%+." d "f", x)
}
# folder(PATH): the folder of results/ a path under it belongs to ("" for
# the top: the published run).
function folder(p) {
	sub(/^.*results\//, "", p)
	return index(p, "/") ? substr(p, 1, index(p, "/") - 1) : ""
}
FILENAME != md {
	k = folder(substr(FILENAME, length(dir) - length("results/") + 1))
	n = split(figures($0), fs, "|")
	for (i = 1; i <= n; i++) {
		t = fs[i]; dt = decimals(t)
		for (d = 0; d <= dt; d++) {
			r = round(t, d); have[k, r] = 1
			if (r ~ /^[-+]0(\.0*)?$/) { have[k, "+" substr(r, 2)] = 1; have[k, "-" substr(r, 2)] = 1 }
		}
	}
	next
}
FNR == 1 { pass++; sec = 0 }
/^## / { sec++ }
# First pass: the folders of results/ each section names.
pass == 1 {
	s = $0
	while (match(s, /results\/[A-Za-z0-9@._-]+\/?/)) {
		p = substr(s, RSTART, RLENGTH); s = substr(s, RSTART + RLENGTH)
		cites[sec, (p ~ /\/$/ || p !~ /\.[a-z]+$/) ? folder(p "/x") : folder(p)] = 1
	}
	next
}
/^<!-- BEGIN / { skip = 1 }
!skip {
	n = split(figures($0), fs, "|")
	for (i = 1; i <= n; i++) {
		f = sprintf("%+." decimals(fs[i]) "f", fs[i] + 0)
		found = ((("", f) in have))
		for (kf in cites) {
			if (found) break
			split(kf, ks, SUBSEP)
			if (ks[1] == sec && ((ks[2], f) in have)) found = 1
		}
		if (!found) { printf "%d: %s%%: %s\n", FNR, fs[i], $0; bad = 1 }
	}
}
/^<!-- END / { skip = 0 }
END { exit bad }
' "${tables[@]}" "$results_md" "$results_md"
