#!/usr/bin/env bash
# plot.sh RUN_DIR "VARIANTS": the three plots of a run, as PNG and SVG in
# RUN_DIR/plots/, from RUN_DIR/results.csv through sdstat compare --tsv.
#   fork-overhead  fork() overhead against baseline by folio size and
#                  variant: change of medians in %, error bars the 95% CI of
#                  the bootstrap over boots (sdstat compare), the RFC's +40%
#   lockless       the cost of ptep_get_lockless() readers by variant
#   fork-instructions  median instructions per fork() by folio size and variant
# The statistics are those of the tables (sdstat compare): medians.
set -eu -o pipefail
run="${1:?usage: plot.sh RUN_DIR VARIANTS}"
variants="${2:?usage: plot.sh RUN_DIR VARIANTS}"
here=$(cd "$(dirname "$0")" && pwd)
sdstat="${SDSTAT:-$here/../../build/analysis/sdstat}"
csv="$run/results.csv"
out="$run/plots"
mkdir -p "$out"
vlist=$(echo "$variants" | tr ' ' ',')
others=$(echo "$variants" | tr ' ' '\n' | { grep -vx baseline || true; } | tr '\n' ' ')

# compare FILTERS...: the TSV rows, without the header; "" when nothing
# matches (sdstat's status 3); any other failure of sdstat fails the plots.
compare() {
	local rc=0 rows
	rows=$("$sdstat" compare "$csv" --variants "$vlist" --tsv "$@" 2>"$out/sdstat.err") || rc=$?
	[ "$rc" = 0 ] || [ "$rc" = 3 ] || { cat "$out/sdstat.err" >&2; exit 1; }
	[ "$rc" = 3 ] || tail -n +2 <<<"$rows"
}

# row_of ROWS VARIANT FOLIO PHASE: the first of ROWS for VARIANT, with that
# folio size and phase where they are not "".
row_of() {
	awk -F'\t' -v v="$2" -v f="${3:+folio=$3,}" -v p="$4" \
		'$6 == v && (f == "" || index($3, f)) && (p == "" || $4 == p) { print; exit }' <<<"$1"
}

# folio_label ROWS FOLIO: the x label of a folio size, which says so when
# its benchmark ran pinned to one CPU (fork-bench --cpu).
folio_label() {
	local cpu
	cpu=$(printf '%s\n' "$1" | awk -F'\t' -v f="folio=$2," 'index($3, f)' | sed -n '/,cpu=[0-9]/{s/.*,cpu=\([0-9]*\).*/\1/p;q}')
	if [ -n "$cpu" ]; then printf '"%s, 1 CPU"' "$2"; else printf '%s' "$2"; fi
}

# pct_header KEY / pct_line LABEL ROWS FOLIO PHASE: a table of the % change
# of medians and its 95% bootstrap CI (median_pct, median_pct_low,
# median_pct_high: columns 16-18 of sdstat compare --tsv) per non-baseline
# variant; a line only where some variant has a row.
pct_header() {
	printf '%s' "$1"
	for v in $others; do printf '\t%s\t%s_lo\t%s_hi' "$v" "$v" "$v"; done
	printf '\n'
}
pct_line() {
	local line="$1" found=0 v r
	for v in $others; do
		r=$(row_of "$2" "$v" "$3" "$4")
		if [ -n "$r" ]; then
			found=1
			line="$line\t$(printf '%s\n' "$r" | cut -f16-18)"
		else
			line="$line\tNaN\tNaN\tNaN"
		fi
	done
	if [ "$found" = 1 ]; then printf '%b\n' "$line"; fi
}

# median_table ROWS FOLIOS...: folio, then the median per variant (column 15).
median_table() {
	local rows="$1" folio line found v m
	shift
	printf 'folio'
	for v in $variants; do printf '\t%s' "$v"; done
	printf '\n'
	for folio in "$@"; do
		line=$(folio_label "$rows" "$folio") found=0
		for v in $variants; do
			m=$(row_of "$rows" "$v" "$folio" "" | cut -f15)
			[ -z "$m" ] || found=1
			line="$line\t${m:-NaN}"
		done
		if [ "$found" = 1 ]; then printf '%b\n' "$line"; fi
	done
}

# fork-overhead.dat: folio, then pct lo hi per non-baseline variant, per mode.
for mode in icount tcg; do
	metric=$([ "$mode" = icount ] && echo instructions || echo wall_ns)
	rows=$(compare --bench fork --phase fork --metric "$metric" --mode "$mode" | { grep 'state=dirty' || true; })
	{
		pct_header folio
		for folio in 4K 16K 64K 2M; do pct_line "$(folio_label "$rows" "$folio")" "$rows" "$folio" ""; done
	} >"$out/fork-overhead-$mode.dat"
done

# fork-instructions.dat: folio, then median instructions per variant (icount).
rows=$(compare --bench fork --phase fork --metric instructions --mode icount | { grep 'state=dirty' || true; })
median_table "$rows" 4K 16K 64K 2M >"$out/fork-instructions.dat"

# lockless-percall.dat: primitive instructions per call (icount), by folio.
rows=$(compare --bench lockless --phase walk --metric instructions_per_call --mode icount)
median_table "$rows" 4K 64K >"$out/lockless-percall.dat"

# lockless-readers.dat: % change of GUP-fast, PIN-fast and faults (icount).
gup=$(compare --bench gup --metric get_us --mode icount)
fault=$(compare --bench fault --phase touch --metric instructions_per_fault --mode icount)
{
	pct_header reader
	pct_line '"GUP-fast"' "$gup" "" gup_fast
	pct_line '"PIN-fast"' "$gup" "" pin_fast
	pct_line '"page faults"' "$fault" "" touch
} >"$out/lockless-readers.dat"

nothers=$(echo "$others" | wc -w)
# rows FILE: its data rows; a plot with none shows a note instead of failing.
rows() { tail -n +2 "$out/$1" | grep -c . || true; }
counts="rows_over_icount=$(rows fork-overhead-icount.dat); rows_over_tcg=$(rows fork-overhead-tcg.dat)"
counts="$counts; rows_percall=$(rows lockless-percall.dat); rows_readers=$(rows lockless-readers.dat)"
counts="$counts; rows_forkinsn=$(rows fork-instructions.dat)"
for term in png svg; do
	gnuplot -e "outdir='$out'; term='$term'; nothers=$nothers; nvariants=$(echo "$variants" | wc -w); $counts" \
		"$here/plots.gp" 2>"$out/gnuplot-$term.log" ||
		{ cat "$out/gnuplot-$term.log" >&2; echo "plot.sh: gnuplot failed" >&2; exit 1; }
done
