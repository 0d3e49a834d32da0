#!/usr/bin/env bash
# cost.sh RUN_DIR [OUTDIR]: the plot of a run's cost table (issue 21: write
# tracking's cost per phase, per MiB and per page written, by mechanism and
# variant), OUTDIR/cost.{png,svg} (default RUN_DIR/plots/), from
# RUN_DIR/cost-tables.tsv (scripts/cost-tables.sh): the figures of the
# tables, so the plot shows what they say. One row of panels per "plot ...
# cost" row of bench/benchmarks.tsv (the parameter sets whose parameters
# include its LABEL's), one panel per phase of that benchmark's first cost
# table against the first variant ("-") that the run has (track: the rounds
# after the first; round 1's table is not plotted); in a panel, a cluster per parameter set
# left (the mechanism) and a bar per variant: the median per unit; over the
# bars of the other variants, the change of the median against the first
# and its 95% CI (the bootstrap's, as in the tables) drawn as a whisker on
# the first variant's scale, cut at the top of the panel.
# Exit status 3 when RUN_DIR has no cost tables or no plot row matches them.
set -eu -o pipefail
run="${1:?usage: cost.sh RUN_DIR [OUTDIR]}"
out="${2:-$run/plots}"
# here, benchmarks, run_id.
. "$(dirname "$0")/plot-env.sh"
tsv="$run/cost-tables.tsv"
[ -f "$tsv" ] || { echo "cost.sh: no $tsv (scripts/cost-tables.sh writes it)" >&2; exit 3; }
mkdir -p "$out"

plots=$(awk -F'\t' '$1 == "plot" && $6 == "cost" { print $2 "\t" $4 "\t" $5 "\t" $7 }' "$benchmarks")
[ -n "$plots" ] || { echo "cost.sh: no \"plot ... cost\" row in $benchmarks" >&2; exit 3; }

# cost.dat: a block per panel (gnuplot's index), a line per bar: x, median per
# unit, whisker low and high (NaN for the first variant), the variant's
# number, its label ("+96%", or the median for the first variant), the
# cluster's name on its middle bar ("|" for a line break; "-" on the others). cost.panels: per panel, tab-separated:
# title, y label, top of the y axis, clusters.
awk -F'\t' -v plots="$plots" -v dat="$out/cost.dat" -v panels="$out/cost.panels" '
	function num(x) {
		if (x >= 1e6) return sprintf("%.2fM", x / 1e6)
		if (x >= 1e4) return sprintf("%.1fK", x / 1e3)
		return x >= 100 ? sprintf("%.0f", x) : sprintf("%.1f", x)
	}
	function has_all(p, want,    n, i, c) {
		n = split(want, c, ",")
		for (i = 1; i <= n; i++) if (index("," p ",", "," c[i] ",") == 0) return 0
		return 1
	}
	BEGIN {
		nr = split(plots, pr, "\n")
		for (r = 1; r <= nr; r++) { split(pr[r], f, "\t"); pb[r] = f[1]; pm[r] = f[2]; pmode[r] = f[3]; pp[r] = f[4] }
	}
	NR == 1 { next }
	$3 == "-" {
		for (r = 1; r <= nr; r++) {
			if ($21 != pb[r] || $7 != pm[r] || $8 != pmode[r] || !has_all($9, pp[r])) continue
			# The first of the tables against "-" that match (track: the
			# rounds after the first; round 1 is in the tables only).
			if (!(r in ptab)) ptab[r] = $1
			if ($1 != ptab[r]) continue
			if (!((r, $4) in phidx)) { phidx[r, $4] = 1; if (!($4 in phnum)) { phnum[$4] = ++nph; phname[nph] = $4 } }
			if (!($4 in plabel)) { plabel[$4] = $5; pper[$4] = $6 }
			if (!(r in rowname)) { rowname[r] = $22; used[++nused] = r }
			if (!($10 in vnum)) { vnum[$10] = ++nv; vname[nv] = $10 }
			k = r SUBSEP $4
			if (!((k, $9) in cnum)) { cnum[k, $9] = ++ncl[k]; clname[k, ncl[k]] = $23 }
			cell[k, cnum[k, $9], vnum[$10]] = $17 "\t" $18 "\t" $19 "\t" $20 "\t" $16 "\t" $15
		}
	}
	END {
		if (nv == 0) exit 3
		printf "" >dat; printf "" >panels
		w = 0.8 / nv
		# The plot rows this run matched (a run in one mode matches the
		# rows of that mode only), in the order of the table.
		for (u = 1; u <= nused; u++) for (c = 1; c <= nph; c++) {
			r = used[u]
			k = r SUBSEP phname[c]; top = 0
			for (i = 1; i <= ncl[k]; i++) {
				# the first variant: the scale of the whiskers
				b = ""
				for (v = 1; v <= nv; v++) {
					if (!((k, i, v) in cell)) continue
					split(cell[k, i, v], x, "\t")
					if (b == "") b = x[1]
					if (x[1] + 0 > top) top = x[1] + 0
					if (v == 1) { lo = hi = "NaN"; lab = num(x[1]) }
					else {
						lo = b * (1 + x[3] / 100); hi = b * (1 + x[4] / 100)
						lab = sprintf("%+.0f%%", x[2])
						if (x[2] + 0 >= 200) lab = sprintf("%.1fx", 1 + x[2] / 100)
					}
					xc = i - 1 + (v - (nv + 1) / 2) * w
					name = (v == int((nv + 1) / 2)) ? clname[k, i] : "-"
					gsub(/: /, "|", name); gsub(/ \+ /, " +|", name)
					printf "%.4f\t%s\t%s\t%s\t%d\t%s\t%s\n", xc, x[1], lo, hi, v, lab, name >dat
				}
			}
			printf "\n\n" >dat
			per = pper[phname[c]]
			unit = (per == "MiB" ? "per MiB of the region" : per == "page" ? "per page written" : "(the whole phase)")
			printf "%s: %s\tmedian %s %s\t%s\t%d\n", rowname[r], plabel[phname[c]], \
				(pm[r] == "cache_cycles" ? "modelled cycles" : pm[r]), unit, \
				(top > 0 ? top * 1.3 : 1), ncl[k] >panels
		}
		for (v = 1; v <= nv; v++) printf "%s%s", (v > 1 ? " " : ""), vname[v] >(dat ".vars")
		printf "\n%d %d\n%s\n", nused, nph, pm[used[1]] >(dat ".vars")
	}
' "$tsv" || { rc=$?; [ "$rc" != 3 ] || echo "cost.sh: no cost table of $tsv matches the plot rows" >&2; exit "$rc"; }

vars=$(sed -n 1p "$out/cost.dat.vars")
# The measure, for the title: the metric of the plot rows the run matched.
case "$(sed -n 3p "$out/cost.dat.vars")" in
cache_cycles) what="modelled cycles (mode cache)" ;;
*) what="instructions (QEMU -icount)" ;;
esac
read -r nrows ncols < <(sed -n 2p "$out/cost.dat.vars")
rm -f "$out/cost.dat.vars"
# One colour per variant in every plot (analysis/plots/plots.gp's, by name).
colors=""
for v in $vars; do
	case "${v%%@*}" in
	baseline) c="#7f7f7f" ;;
	pte) c="#9400d3" ;;
	ptdesc) c="#009e73" ;;
	ptdesc-wp) c="#56b4e9" ;;
	*) c="#e69f00" ;;
	esac
	colors="$colors $c"
done
# gnuplot arrays of the panels' title, y label, y top and clusters.
arrays=$(awk -F'\t' '
	function q(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" }
	{ t = t (NR > 1 ? ", " : "") q($1); y = y (NR > 1 ? ", " : "") q($2); m = m (NR > 1 ? ", " : "") $3; c = c (NR > 1 ? ", " : "") $4 }
	END { printf "array ptitle[%d] = [%s]; array pylabel[%d] = [%s]; array pymax[%d] = [%s]; array pclusters[%d] = [%s]", NR, t, NR, y, NR, m, NR, c }
' "$out/cost.panels")
rm -f "$out/cost.panels"
base=${vars%% *}
# What the intervals resampled: boots, or one boot's samples only.
ci=$(awk -F'\t' 'NR > 1 && $3 == "-" && ($13 != 1 || $14 != 1) { several = 1 }
	END { print (several ? "bootstrap over boots, then repetitions" : "bootstrap over the repetitions (and rounds) of one boot per kernel") }' "$tsv")
for term in png svg; do
	gnuplot -e "datafile='$out/cost.dat'; outbase='$out/cost'; term='$term'; nrows=$nrows; ncols=$ncols; vars='$vars'; colors='${colors# }'; runid='$run_id'; what='$what'; base='$base'; ci='$ci'; $arrays" \
		"$here/cost.gp" 2>"$out/cost-$term.log" ||
		{ cat "$out/cost-$term.log" >&2; echo "cost.sh: gnuplot failed" >&2; exit 1; }
done
