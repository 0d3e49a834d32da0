#!/usr/bin/env bash
# changes.sh RUN_DIR OUTDIR: one plot of every measurement of a run in
# instructions (QEMU -icount), OUTDIR/changes.{png,svg}: per measurement and
# variant, the change of the median against the baseline of its compare line
# (the experiment's "compare:" lines; without any, baseline against the
# others) with the 95% CI of the bootstrap over boots, then repetitions: the
# statistics of the tables (sdstat compare). A measurement is a benchmark's
# parameters and phase, in the metric its "plot ... changes" row of
# bench/benchmarks.tsv names (instructions per call, per fault, or of the
# phase; GUP's get time, which under -icount counts instructions); phases
# without such a row are left out.
# CHANGES_PHASES="a b": only those phases. CHANGES_MODE: the QEMU mode
# (default icount; cache: the "plot ... changes" rows of mode cache, the
# memory-hierarchy model's modelled cycles). CHANGES_TARGETS="1 3 4": dashed
# lines at those percentages (the targets the run is held to).
set -eu -o pipefail
run="${1:?usage: changes.sh RUN_DIR OUTDIR}"
out="${2:?usage: changes.sh RUN_DIR OUTDIR}"
# here, sdstat, benchmarks (the measure of each benchmark's phase: its
# "plot ... changes" rows), run_id.
. "$(dirname "$0")/plot-env.sh"
exp="$run/experiment.exp"
mode="${CHANGES_MODE:-icount}"
case "$mode" in
icount) what="instructions (QEMU -icount)" name=changes ;;
cache) what="modelled cycles (N1 cache model)" name=changes-cache ;;
*) echo "changes.sh: CHANGES_MODE '$mode' has no plot; modes: icount cache" >&2; exit 2 ;;
esac
measures=$(awk -F'\t' -v mode="$mode" '$1 == "plot" && $6 == "changes" && $5 == mode { print $2 "\t" $3 "\t" $4 }' "$benchmarks")
mkdir -p "$out"

lines=$(sed -n 's/^compare: *//p' "$exp" 2>/dev/null || true)
if [ -z "$lines" ]; then
	variants=$(sed -n 's/^variants: *//p' "$exp" 2>/dev/null || true)
	[ -n "$variants" ] || variants=$(cut -d, -f2 "$run/results.csv" | tail -n +2 | sort -u | tr '\n' ' ')
	lines="baseline $(echo "$variants" | tr ' ' '\n' | { grep -vx baseline || true; } | tr '\n' ' ')"
fi

# compare_rows ARGS...: sdstat compare's TSV rows without the header; none
# when nothing matches (status 3); any other failure fails the plot.
compare_rows() {
	local rc=0 rows
	rows=$("$sdstat" compare "$run/results.csv" "$@" 2>"$out/sdstat.err") || rc=$?
	[ "$rc" = 0 ] || [ "$rc" = 3 ] || { cat "$out/sdstat.err" >&2; exit 1; }
	[ "$rc" = 3 ] || tail -n +2 <<<"$rows"
}

# changes.dat: label, variant, its position in the compare line, pct, lo, hi.
while read -r base others; do
	[ -n "$others" ] || continue
	compare_rows --baseline "$base" --mode "$mode" --tsv --variants "$(echo "$base $others" | tr ' ' ',')" |
		awk -F'\t' -v base="$base" -v others="$others" -v multi="$(printf '%s\n' "$lines" | grep -c .)" -v phases="${CHANGES_PHASES:-}" -v measures="$measures" '
		BEGIN {
			n = split(others, o, " ")
			for (i = 1; i <= n; i++) pos[o[i]] = i
			# rank: the row of the measure in the table; where a phase has
			# more than one, the first wins.
			m = split(measures, ms, "\n")
			for (i = 1; i <= m; i++) {
				split(ms[i], f, "\t")
				if (!((f[1], f[2], f[3]) in rank)) rank[f[1], f[2], f[3]] = i
			}
		}
		!(($2, $4, $5) in rank) || !($6 in pos) { next }
		phases != "" && index(" " phases " ", " " $4 " ") == 0 { next }
		{
			params = $3; gsub(/size=1024M,?/, "", params); gsub(/,?loops=[0-9]+/, "", params)
			gsub(/(mem|mech)=/, "", params)
			key = $2 " " params " " $4
			if (multi > 1) { cfg = base; sub(/^[^@]*@/, "", cfg); key = cfg ": " key }
			r = rank[$2, $4, $5]
			if (!(key in best) || r < best[key]) { best[key] = r }
			row[key, $6] = $6 "\t" pos[$6] "\t" $16 "\t" $17 "\t" $18 "\t" r
			if (!(key in seen)) { seen[key] = 1; order[++k] = key }
		}
		END {
			for (i = 1; i <= k; i++)
				for (j = 1; j <= n; j++)
					if ((order[i], o[j]) in row) {
						split(row[order[i], o[j]], f, "\t")
						if (f[6] == best[order[i]])
							printf "\"%s\"\t%s\t%s\t%s\t%s\t%s\n", order[i], f[1], f[2], f[3], f[4], f[5]
					}
		}'
done <<<"$lines" | awk -F'\t' '!($1 in idx) { idx[$1] = ++m } { print idx[$1] - 1 "\t" $0 }' >"$out/$name.dat"

rows=$(cut -f1 "$out/$name.dat" | sort -u | grep -c . || true)
# The key: the variants by their position in a compare line, without a
# configuration (ptdesc@16k-48 is ptdesc).
vars=$(sed -n 1p <<<"$lines" | awk '{ for (i = 2; i <= NF; i++) { sub(/@.*/, "", $i); printf "%s ", $i } }')
height=$((160 + 22 * (rows > 4 ? rows : 4)))
labelw=$(cut -f2 "$out/$name.dat" | awk '{ if (length($0) > w) w = length($0) } END { print w + 0 }')
# CHANGES_XRANGE="lo:hi": the x axis (intervals beyond it are cut at its edge).
xrange="${CHANGES_XRANGE:-*:*}"
for term in png svg; do
	gnuplot -e "datafile='$out/$name.dat'; outbase='$out/$name'; term='$term'; rows=$rows; height=$height; vars='$vars'; runid='$run_id'; what='$what'; targets='${CHANGES_TARGETS:-}'; lmargin=$((labelw * 9 / 10 + 3)); xr='$xrange'" \
		"$here/changes.gp" 2>"$out/$name-$term.log" ||
		{ cat "$out/$name-$term.log" >&2; echo "changes.sh: gnuplot failed" >&2; exit 1; }
done
