#!/usr/bin/env bash
# path-report.sh RUN_DIR "VARIANTS" "LABELS": the tables and the plot of a
# make path run. RUN_DIR/<label>/results.csv holds each step's measurements;
# writes RUN_DIR/path.csv (all of them), RUN_DIR/path.tsv (the change of
# medians against baseline, per step, variant and measurement), RUN_DIR/path.md
# (one table per variant) and RUN_DIR/plots/path.{png,svg}.
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"
run="${1:?usage: path-report.sh RUN_DIR VARIANTS LABELS}"
variants="${2:?usage: path-report.sh RUN_DIR VARIANTS LABELS}"
labels="${3:?usage: path-report.sh RUN_DIR VARIANTS LABELS}"
sdstat="$TOP/build/analysis/sdstat"
vlist=$(echo "$variants" | tr ' ' ',')
command -v gnuplot >/dev/null || die "gnuplot is missing: run 'make deps'"

# The measurements of the tables, the path rows of bench/benchmarks.tsv:
# name, then bench, a piece of its params, phase, metric (tab-separated).
MEASUREMENTS=$(benchmarks path | awk -F'\t' -v OFS='\t' '{ print $5, $1, $4, $2, $3 }')

head -n 1 "$run/${labels%% *}/results.csv" >"$run/path.csv"
# path.tsv: sdstat compare --tsv's columns (its header, once) after the step.
"$sdstat" compare "$run/${labels%% *}/results.csv" --variants "$vlist" --mode icount --tsv |
	sed -n '1s/^/step\t/p' >"$run/path.tsv"
for label in $labels; do
	tail -n +2 "$run/$label/results.csv" >>"$run/path.csv"
	"$sdstat" compare "$run/$label/results.csv" --variants "$vlist" --mode icount --tsv |
		tail -n +2 | sed "s/^/$label\t/" >>"$run/path.tsv"
done

# cell LABEL VARIANT BENCH PARAMS PHASE METRIC: the change of medians, or "-".
cell() {
	awk -F'\t' -v s="$1" -v v="$2" -v b="$3" -v p="$4" -v ph="$5" -v m="$6" '
		$1 == s && $7 == v && $3 == b && index($4, p) && $5 == ph && $6 == m {
			printf "%+.1f%%", $17; found = 1; exit
		}
		END { if (!found) printf "-" }' "$run/path.tsv"
}

{
	for v in $variants; do
		[ "$v" = baseline ] && continue
		echo
		echo "#### \`$v\`: change of the median against baseline at each step (icount)"
		echo
		printf '| step | patch |'
		printf '%s\n' "$MEASUREMENTS" | while IFS=$'\t' read -r name _; do printf ' %s |' "$name"; done
		printf '\n|---|---:|'
		printf '%s\n' "$MEASUREMENTS" | while IFS=$'\t' read -r _; do printf -- '---:|'; done
		printf '\n'
		for label in $labels; do
			patch=$(awk -F'\t' -v l="$label" '$1 == l { print $2 }' "$run/path.steps")
			mark=""
			grep -qx "$v" "$run/$label/rebuilt" 2>/dev/null || mark=" (=)"
			printf '| %s%s | %s |' "$label" "$mark" "$patch"
			printf '%s\n' "$MEASUREMENTS" | while IFS=$'\t' read -r _ b p ph m; do
				printf ' %s |' "$(cell "$label" "$v" "$b" "$p" "$ph" "$m")"
			done
			printf '\n'
		done
	done
	echo
	echo "(=): the patch does not change this variant, whose kernel is the step before's; the"
	echo "change moves only if baseline's does."
} >"$run/path.md"

# The plot: fork()'s overhead on ptdesc (and ptdesc-wp) along the path.
mkdir -p "$run/plots"
{
	printf 'step'
	for v in ptdesc ptdesc-wp; do
		for f in 4K 16K 64K 2M; do printf '\t%s_%s' "$v" "$f"; done
	done
	printf '\n'
	for label in $labels; do
		printf '%s' "$label"
		for v in ptdesc ptdesc-wp; do
			for f in 4K 16K 64K 2M; do
				c=$(cell "$label" "$v" fork "folio=$f," fork instructions | tr -d '%+')
				[ "$c" = "-" ] && c=NaN
				printf '\t%s' "$c"
			done
		done
		printf '\n'
	done
} >"$run/plots/path.dat"
for term in png svg; do
	case "$term" in
	png) t="pngcairo size 960,540 font 'sans,11'" ;;
	svg) t="svg size 960,540 font 'sans,11'" ;;
	esac
	gnuplot -e "datafile='$run/plots/path.dat'; outfile='$run/plots/path.$term'; termspec=\"$t\"; runid='$(basename "$run")'" \
		"$TOP/analysis/plots/path.gp" 2>"$run/plots/path-$term.log" ||
		{ cat "$run/plots/path-$term.log" >&2; die "gnuplot failed on the path plot"; }
done
