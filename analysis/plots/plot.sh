#!/usr/bin/env bash
# plot.sh RUN_DIR "VARIANTS": the plots of a run, as PNG and SVG in
# RUN_DIR/plots/, from RUN_DIR/results.csv through sdstat compare --tsv,
# so with the statistics of the tables: the change of the median against
# baseline and the 95% CI of the bootstrap over boots, then repetitions.
#   fork-overhead  fork() of 1 GiB by folio size and variant: against the
#                  RFC's +40% (and the first implementation, with FIRST), and
#                  zoomed on the series with the targets of issue 7
#   lockless       ptep_get_lockless() alone (instructions per call, 4K and
#                  64K entries each on its own axis) and its users (% change)
#   changes        every measurement of the run in instructions (changes.sh)
#   changes-cache  the same in modelled cycles, where the run has mode cache
# Optional, for the published plots (scripts/results-render.sh):
#   FIRST=DIR   the first implementation's run (DIR/results.csv), plotted
#               beside the series
#   FORK2M=DIR  fork() at 2M from that run (pinned to one CPU) instead of
#               RUN_DIR's
set -eu -o pipefail
run="${1:?usage: plot.sh RUN_DIR VARIANTS}"
variants="${2:?usage: plot.sh RUN_DIR VARIANTS}"
# here, sdstat, benchmarks (which measure each plot shows: its plot rows),
# run_id.
. "$(dirname "$0")/plot-env.sh"
first="${FIRST:-}"
fork2m="${FORK2M:-}"
csv="$run/results.csv"
out="$run/plots"
mkdir -p "$out"
vlist=$(echo "$variants" | tr ' ' ',')
others=$(echo "$variants" | tr ' ' '\n' | { grep -vx baseline || true; } | tr '\n' ' ')

# plot_rows PLOT: its rows, "FILTERS<TAB>PHASE<TAB>LABEL" each, FILTERS the
# sdstat compare options that select the measure.
plot_rows() {
	awk -F'\t' -v p="$1" '$1 == "plot" && $6 == p {
		printf "--bench %s%s --metric %s --mode %s\t%s\t%s\n", $2, ($3 == "-" ? "" : " --phase " $3), $4, $5, $3, $7
	}' "$benchmarks"
}

# compare CSV FILTERS...: the TSV rows, without the header; "" when nothing
# matches (sdstat's status 3); any other failure of sdstat fails the plots.
compare() {
	local f="$1" rc=0 rows
	shift
	rows=$("$sdstat" compare "$f" --variants "$vlist" --tsv "$@" 2>"$out/sdstat.err") || rc=$?
	[ "$rc" = 0 ] || [ "$rc" = 3 ] || { cat "$out/sdstat.err" >&2; exit 1; }
	[ "$rc" = 3 ] || tail -n +2 <<<"$rows"
}

# row_of ROWS VARIANT FOLIO PHASE: the first of ROWS for VARIANT, with that
# folio size and phase where they are not "".
row_of() {
	printf '%s\n' "$1" |
		awk -F'\t' -v v="$2" -v f="${3:+folio=$3,}" -v p="$4" \
			'$6 == v && (f == "" || index($3 ",", f)) && (p == "" || $4 == p) { print; exit }'
}

# pct_of ROWS VARIANT FOLIO PHASE: "pct lo hi" of the change of medians
# (median_pct, median_pct_low, median_pct_high: columns 16-18 of sdstat
# compare --tsv), or "NaN NaN NaN".
pct_of() {
	local r
	r=$(row_of "$@")
	if [ -n "$r" ]; then printf '%s\n' "$r" | cut -f16-18; else printf 'NaN\tNaN\tNaN\n'; fi
}

# fork-overhead.dat: folio, then per non-baseline variant the series' pct lo
# hi and the first implementation's pct lo hi (NaN without FIRST).
fork_filters=$(plot_rows fork-overhead | head -n 1 | cut -f1)
fork_rows() {
	# shellcheck disable=SC2086 # the filters are words
	compare "$1" $fork_filters | { grep 'state=dirty' || true; }
}
series=$(fork_rows "$csv")
firsts=""
[ -z "$first" ] || firsts=$(fork_rows "$first/results.csv")
twom="$series"
[ -z "$fork2m" ] || twom=$(fork_rows "$fork2m/results.csv" | { grep 'cpu=1' || true; })
{
	printf 'folio'
	for v in $others; do printf '\t%s\t%s_lo\t%s_hi\t%s (first)\t%s_first_lo\t%s_first_hi' "$v" "$v" "$v" "$v" "$v" "$v"; done
	printf '\n'
	for folio in 4K 16K 64K 2M; do
		rows="$series" label="$folio"
		if [ "$folio" = 2M ]; then
			rows="$twom"
			if grep -q 'folio=2M,.*cpu=' <<<"$rows"; then label="2M (series: 1 CPU)"; fi
		fi
		line="\"$label\""
		found=0
		for v in $others; do
			p=$(pct_of "$rows" "$v" "$folio" "")
			[ "$p" = "NaN	NaN	NaN" ] || found=1
			line="$line\t$p"
			if [ -n "$first" ]; then
				line="$line\t$(pct_of "$firsts" "$v" "$folio" "")"
			else
				line="$line\tNaN\tNaN\tNaN"
			fi
		done
		if [ "$found" = 1 ]; then printf '%b\n' "$line"; fi
	done
} >"$out/fork-overhead.dat"

# lockless-percall.dat: per variant (one row each, baseline first), the
# median instructions per call at 4K and 64K entries and their % change (icount).
# shellcheck disable=SC2046 # the filters are words
rows=$(compare "$csv" $(plot_rows lockless-percall | head -n 1 | cut -f1))
{
	printf 'variant\t4K\t4K_pct\t64K\t64K_pct\n'
	for v in $variants; do
		line="$v" found=0
		for folio in 4K 64K; do
			r=$(row_of "$rows" "$v" "$folio" "")
			[ -z "$r" ] || found=1
			line="$line\t$(printf '%s\n' "$r" | awk -F'\t' 'NF { print $15 "\t" $16; next } { print "NaN\tNaN" }')"
		done
		if [ "$found" = 1 ]; then printf '%b\n' "$line"; fi
	done
} >"$out/lockless-percall.dat"

# lockless-readers.dat: % change of each reader of the plot's rows (GUP-fast,
# PIN-fast, faults; icount).
readers=$(plot_rows lockless-readers)
{
	printf 'reader'
	for v in $others; do printf '\t%s\t%s_lo\t%s_hi' "$v" "$v" "$v"; done
	printf '\n'
	while IFS=$'\t' read -r filters phase label; do
		[ -n "$filters" ] || continue
		# shellcheck disable=SC2086 # the filters are words
		rows=$(compare "$csv" $filters)
		line="\"$label\"" found=0
		for v in $others; do
			p=$(pct_of "$rows" "$v" "" "$phase")
			[ "$p" = "NaN	NaN	NaN" ] || found=1
			line="$line\t$p"
		done
		if [ "$found" = 1 ]; then printf '%b\n' "$line"; fi
	done <<<"$readers"
} >"$out/lockless-readers.dat"

# rows FILE: its data rows; a plot with none shows a note instead of failing.
rows() { tail -n +2 "$out/$1" | grep -c . || true; }
nothers=$(echo "$others" | wc -w)
title_runs="run $run_id"
[ -z "$fork2m" ] || title_runs="$title_runs; 2M: run $(cat "$fork2m/RUN")"
[ -z "$first" ] || title_runs="$title_runs; first implementation: run $(cat "$first/RUN")"
# valid FILE COLUMN: the data rows with a value in that column (a run may
# measure the primitive at 4K entries only, as the smoke run does).
valid() { tail -n +2 "$out/$1" | awk -F'\t' -v c="$2" '$c != "" && $c != "NaN"' | grep -c . || true; }
# The left panel of fork-overhead runs from -5% to +45% (plots.gp): the
# intervals that reach beyond it (the first implementation's, 1 boot, at 2M
# unpinned) are named with their ends in a note, e.g. "ptdesc (first) 2M +53%".
fork_cut=$(awk -F'\t' -v lo=-5 -v hi=45 '
	function cut(c, end) { out = out sep name[c] " " folio " " sprintf("%+.0f%%", end); sep = ", " }
	NR == 1 { for (c = 2; c <= NF; c++) name[c] = $c; next }
	{
		folio = $1; gsub(/"/, "", folio); sub(/ .*/, "", folio)
		for (c = 2; c + 2 <= NF; c += 3) {
			if ($(c + 1) != "NaN" && $(c + 1) < lo) cut(c, $(c + 1))
			if ($(c + 2) != "NaN" && $(c + 2) > hi) cut(c, $(c + 2))
		}
	}
	END { print out }' "$out/fork-overhead.dat")
counts="rows_over=$(rows fork-overhead.dat); rows_readers=$(rows lockless-readers.dat)"
counts="$counts; fork_cut='$fork_cut'"
counts="$counts; rows_percall_4k=$(valid lockless-percall.dat 2); rows_percall_64k=$(valid lockless-percall.dat 4)"
for term in png svg; do
	gnuplot -e "outdir='$out'; term='$term'; nothers=$nothers; nvariants=$(echo "$variants" | wc -w); runs='$title_runs'; hasfirst=$([ -n "$first" ] && echo 1 || echo 0); $counts" \
		"$here/plots.gp" 2>"$out/gnuplot-$term.log" ||
		{ cat "$out/gnuplot-$term.log" >&2; echo "plot.sh: gnuplot failed" >&2; exit 1; }
done
# The lockless primitive (+400%) and a clean fork() (-17%) would squeeze every
# other row into a few pixels: they sit at the edge of the axis, with their
# value beside them.
CHANGES_TARGETS="1 3" CHANGES_XRANGE="-4:12" bash "$here/changes.sh" "$run" "$out"
# A run with mode cache (the memory-hierarchy model): its modelled cycles,
# against issue 16's targets.
if grep -q ',cache,' "$run/results.csv"; then
	CHANGES_MODE=cache CHANGES_TARGETS="-1 1 3 4" CHANGES_XRANGE="-4:10" \
		CHANGES_PHASES="populate fork dontneed munmap touch gup_fast pin_fast reset first_write scan" \
		bash "$here/changes.sh" "$run" "$out"
fi
