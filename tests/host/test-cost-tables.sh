#!/usr/bin/env bash
# shellcheck disable=SC2016 # the tables quote kernels in Markdown backquotes
# The cost tables of a kept run (scripts/cost-tables.sh, from the cost rows of
# bench/benchmarks.tsv) and their plot (analysis/plots/cost.sh): on a small
# results.csv in the tidy format, the medians per MiB and per page written,
# the changes against the first variant and against the untracked control,
# the order of the rows; then on results/tracking itself: the committed
# tables, the plot's data and RESULTS.md's COST block are what the scripts
# write from its results.csv (issue 21; no hand-written tables, issue 18).
. "$(dirname "$0")/lib.sh"
TABLES="$TOP/scripts/cost-tables.sh"
make -s -C "$TOP/analysis" >/dev/null

run="$T_TMP/run"
mkdir -p "$run"
printf 'variants: pte ptdesc\ncompare: pte ptdesc\n' >"$run/experiment.exp"
echo 20990101-000000-tracking >"$run/RUN"
# row VARIANT MECH PHASE VALUES...: one sample per value, 256 MiB of 4K
# folios, 10% written (6554 pages written, one in ten of 65536).
row() {
	local v="$1" m="$2" ph="$3" i=0 x
	shift 3
	for x in "$@"; do
		i=$((i + 1))
		printf 'r,%s,icount,track,"size=256M,folio=4K,mem=anon,mech=%s,pct=10",%d,%s,instructions,%s,1\n' "$v" "$m" "$i" "$ph" "$x"
	done
}
{
	echo "run,variant,mode,bench,params,rep,phase,metric,value,boot"
	for v in pte ptdesc; do
		f=1
		[ "$v" = pte ] || f=2
		row "$v" none reset 3360 3360 3360
		row "$v" none first_write 36000 36000 36000
		row "$v" none scan 3360 3360 3360
		row "$v" sd-scan reset $((2560000 * f)) $((2560000 * f)) $((2560000 * f))
		row "$v" sd-scan first_write 6554000 6554000 6554000
		row "$v" sd-scan scan 1280000 1280000 1280000
		row "$v" uffd-async reset 768000 768000 768000
		row "$v" uffd-async first_write 7209400 7209400 7209400
		row "$v" uffd-async scan 512000 512000 512000
		# Round 1, apart: async uffd-wp's first reset protects every page.
		row "$v" sd-scan round1_reset $((2560000 * f)) $((2560000 * f)) $((2560000 * f))
		row "$v" sd-scan round1_first_write 6554000 6554000 6554000
		row "$v" sd-scan round1_scan 1280000 1280000 1280000
		row "$v" uffd-async round1_reset $((5120000 * f)) $((5120000 * f)) $((5120000 * f))
		row "$v" uffd-async round1_first_write 7209400 7209400 7209400
		row "$v" uffd-async round1_scan 512000 512000 512000
		row "$v" none fork 1000000 1000000 1000000
		row "$v" sd-scan fork 1100000 1100000 1100000
		row "$v" uffd-async fork 5000000 5000000 5000000
		row "$v" none dontneed 2000000 2000000 2000000
		row "$v" sd-scan dontneed 2000000 2000000 2000000
		row "$v" uffd-async dontneed 2000000 2000000 2000000
	done
	printf 'r,pte,icount,fork,"size=1024M,folio=4K",1,fork,instructions,5,1\n'
} >"$run/results.csv"

assert_status "the tables of a run with write tracking" 0 bash "$TABLES" "$run"
md=$(cat "$run/cost-tables.md" 2>/dev/null)
assert_contains "the reset per MiB of the region, and its change against the first variant" "$md" \
	'| 256M anonymous 4K folios, 10% written | soft-dirty: clear_refs + PAGEMAP_SCAN | reset | MiB | 10.0 K | 20.0 K (+100.0% [+100.0, +100.0]) |'
assert_contains "the first write per page written" "$md" \
	'| 256M anonymous 4K folios, 10% written | async uffd-wp: PAGEMAP_SCAN | first write | page written | 1100 | 1100 (+0.0% [+0.0, +0.0]) |'
assert_contains "the scan per MiB" "$md" '| soft-dirty: clear_refs + PAGEMAP_SCAN | scan | MiB | 5000 |'
assert_eq "the untracked control is not a row of the rounds' table" "" "$(grep '| untracked | reset' <<<"$md")"
assert_contains "the steady cost against the same kernel untracked, a column per mechanism" "$md" \
	'| memory | phase | kernel | untracked | soft-dirty: clear_refs + PAGEMAP_SCAN | async uffd-wp: PAGEMAP_SCAN |'
assert_contains "a change as a percentage" "$md" \
	'| 256M anonymous 4K folios, 10% written | fork() | `pte` | 1.00 M | 1.10 M (+10.0% [+10.0, +10.0]) | 5.00 M (5.0x [5.0x, 5.0x]) |'
# The rows: mechanism and phase (the later rounds, then round 1), phase and
# kernel (tracking on).
sd="soft-dirty: clear_refs + PAGEMAP_SCAN" uffd="async uffd-wp: PAGEMAP_SCAN"
rounds="$sd/reset;$sd/first write;$sd/scan;$uffd/reset;$uffd/first write;$uffd/scan"
assert_eq "rows by memory, mechanism, phase; kernels in the compare line's order" \
	"$rounds;$rounds;fork()/\`pte\`;fork()/\`ptdesc\`;zap (MADV_DONTNEED)/\`pte\`;zap (MADV_DONTNEED)/\`ptdesc\`" \
	"$(awk -F' [|] ' '/^[|] 256M/ { print $2 "/" $3 }' <<<"$md" | paste -sd';')"
assert_contains "one boot: said once under each table" "$md" "One boot per kernel: the intervals resample the 3 samples of that boot only"
r1=$(awk '/^#### Round 1 of tracking, /, /^Some cells|^One boot/' <<<"$md")
assert_contains "round 1 in its own table" "$r1" \
	'| 256M anonymous 4K folios, 10% written | async uffd-wp: PAGEMAP_SCAN | reset | MiB | 20.0 K | 40.0 K (+100.0% [+100.0, +100.0]) |'
assert_eq "and not among the later rounds" "" "$(awk '/^#### Each round of tracking: /, /^One boot/' <<<"$md" | grep -F '| 20.0 K |')"
assert_contains "the later rounds' table says it holds rounds 2 to N" "$md" "Rounds 2 to N of each repetition: round 1"
assert_eq "the figures: a line per cell (2 x 6, 2 x 6 and 2 x 2 x 3) and the header" 37 "$(wc -l <"$run/cost-tables.tsv")"

assert_status "the plot of the tables" 0 bash "$TOP/analysis/plots/cost.sh" "$run"
assert_eq "as PNG and SVG" "PNG svg" "$(head -c 4 "$run/plots/cost.png" | tail -c 3) $(grep -o -m1 '<svg' "$run/plots/cost.svg" | tr -d '<')"
assert_contains "with the changes of the table over the bars" "$(cat "$run/plots/cost.dat")" "+100%"
assert_eq "a panel per phase of the later rounds (round 1 in the tables only)" 3 "$(awk 'NF == 0 { blank++ } END { print blank / 2 }' "$run/plots/cost.dat")"

printf 'run,variant,mode,bench,params,rep,phase,metric,value,boot\nr,pte,icount,fork,"size=1G",1,fork,instructions,5,1\n' >"$run/results.csv"
rm -f "$run/cost-tables.md"
assert_status "a run without write tracking: status 3" 3 bash "$TABLES" "$run"
assert_eq "and no tables" "no" "$([ -f "$run/cost-tables.md" ] && echo yes || echo no)"

# The committed run: what the scripts write from its results.csv.
kept="$T_TMP/results/tracking"
mkdir -p "$kept/plots"
cp "$TOP/results/tracking/results.csv" "$TOP/results/tracking/experiment.exp" "$TOP/results/tracking/RUN" "$kept/"
cp "$TOP/RESULTS.md" "$T_TMP/RESULTS.md"
assert_status "results-kept.sh on a copy of results/tracking" 0 env RESULTS_MD="$T_TMP/RESULTS.md" bash "$TOP/scripts/results-kept.sh" "$kept"
for f in cost-tables.md cost-tables.tsv plots/cost.dat; do
	assert_eq "results/tracking/$f is what the scripts write" "" "$(diff "$kept/$f" "$TOP/results/tracking/$f" 2>&1 | head -n 5)"
done
block() { awk '/^<!-- BEGIN COST results\/tracking\//, /^<!-- END COST results\/tracking\//' "$1"; }
assert_contains "RESULTS.md has the block of results/tracking" "$(block "$TOP/RESULTS.md")" "| memory | mechanism | phase | per |"
assert_contains "whose rounds include the first (round 1 not yet apart)" "$(cat "$kept/cost-tables.md")" "Every round, the first included"
assert_eq "and it is what results-kept.sh writes" "" "$(diff <(block "$T_TMP/RESULTS.md") <(block "$TOP/RESULTS.md") | head -n 5)"
finish
