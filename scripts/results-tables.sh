#!/usr/bin/env bash
# results-tables.sh: the generated tables, from the data already in results/
# (no guest, no kernel, no run folder):
# - results/tables.md: every comparison table of the published run (the
#   default experiment at the top of results/), with the environment and
#   the profile excerpts;
# - results/generated.md: the part of RESULTS.md between its GENERATED
#   markers (the environment, the plots and an index linking tables.md),
#   written into RESULTS.md;
# - RUN_FOLDER/comparison.md of every other kept run (a folder of results/
#   with results.csv and experiment.exp; not path/, which make path owns,
#   nor the profiles): one table per "compare:" line of its experiment.exp
#   (baseline first), as scripts/results.sh writes it after a run.
# Called by results-publish.sh; run it alone after a change to sdstat's
# tables or to the list of tables below.
set -eu -o pipefail
. "$(dirname "$0")/lib.sh"
dest="${RESULTS_DIR:-$TOP/results}"
results_md="${RESULTS_MD:-$TOP/RESULTS.md}"
sdstat="$TOP/build/analysis/sdstat"
[ -x "$sdstat" ] || make -s -C "$TOP/analysis" >/dev/null
variants=$(sed -n 's/^variants: *//p' "$dest/experiment.exp")
vlist=$(echo "$variants" | tr ' ' ',')
run_id=$(cat "$dest/RUN")
err=$(mktemp)
trap 'rm -f "$err"' EXIT

# table TITLE FILTERS...: comparison tables of the measurements that match;
# "(not measured in this run)" when none does (sdstat's status 3), and any
# other failure of sdstat stops.
table() {
	local title="$1" rc=0
	shift
	echo
	echo "#### $title"
	"$sdstat" compare "$dest/results.csv" --variants "$vlist" "$@" 2>"$err" || rc=$?
	[ "$rc" = 0 ] || [ "$rc" = 3 ] || die "sdstat compare $* (status $rc): $(cat "$err")"
	[ "$rc" = 0 ] || echo "(not measured in this run)"
}

profile_excerpt() {
	local v="$1" f
	f=$(first_match "$dest/raw/$v"/*/out/profile-*.txt) || return 0
	echo
	echo "\`$v\` ($(cat "${f%.txt}.cmd"), $(basename "$(dirname "$(dirname "$f")")") mode; \`perf record -e cpu-clock -a -g\`, top symbols):"
	echo
	echo '```'
	awk '!/^#/ && !/^$/ && ++n <= 12' "$f"
	echo '```'
}

# What the tables' rows mean, in tables.md and in RESULTS.md.
legend() {
	echo "\`%change\` is against baseline. Of the"
	echo "medians: with the 95% confidence interval of a bootstrap that resamples boots, then repetitions"
	echo "within each drawn boot (10000 resamples, fixed seed: boots are the independent unit, repetitions in"
	echo "one boot are not), \\* where it excludes 0, \"(1 boot)\" where only repetitions could be resampled;"
	echo "from 3 boots it covers the change less often than 95% (82-90% in simulations: analysis/src/bootstrap.h). Of"
	echo "the means: with the 95% confidence interval of Welch's t-test, which takes every repetition as"
	echo "independent, \\* where p < 0.05. Against a baseline of 0, the absolute change (Δ) instead."
}

# The sections of tables.md: "## heading" then its tables.
sections() {
	echo "## fork() of 1 GiB"
	table "fork(): instructions (icount)" --bench fork --phase fork --metric instructions --mode icount
	table "fork(): emulated time (TCG)" --bench fork --phase fork --metric wall_ns --mode tcg
	table "the child's exit and wait: emulated time (TCG)" --bench fork --phase exit_wait --metric wall_ns --mode tcg
	table "MADV_DONTNEED: instructions (icount)" --bench fork --phase dontneed --metric instructions --mode icount
	table "munmap(): instructions (icount)" --bench fork --phase munmap --metric instructions --mode icount
	table "populating (page faults): instructions per fault (icount)" --bench fork --phase populate --metric instructions_per_fault --mode icount
	echo
	echo "## ptep_get_lockless() and its users"
	table "the primitive alone: instructions per call (icount)" --bench lockless --phase walk --metric instructions_per_call --mode icount
	table "the primitive alone: ns per call (TCG)" --bench lockless --phase walk --metric kernel_ns_per_call --mode tcg
	table "GUP-fast and PIN-fast over 256 MiB: get time in us (icount)" --bench gup --metric get_us --mode icount
	table "GUP-fast and PIN-fast over 256 MiB: get time in us (TCG)" --bench gup --metric get_us --mode tcg
	table "page faults: instructions per fault (icount)" --bench fault --phase touch --metric instructions_per_fault --mode icount
	table "page faults: emulated ns per fault (TCG)" --bench fault --phase touch --metric wall_ns_per_fault --mode tcg
	echo
	echo "## Memory"
	table "page tables for 1 GiB of 4K folios (bytes)" --bench mem --metric pagetable_bytes --mode icount
	table "extended bits for the same: one object per page table at its slab cost (bytes)" --bench mem --metric ext_bytes --mode icount
	table "extended bits per page table: slab memory per object (bytes)" --bench mem --metric ext_bytes_per_table --mode icount
	table "rise of unreclaimable slab (SUnreclaim) while populating (bytes; includes unrelated allocations)" --bench mem --metric slab_bytes --mode icount
	echo
	echo "## Profiles of fork() at 4K"
	for v in $variants; do profile_excerpt "$v"; done
}

# tables.md: the published run's tables in full.
{
	echo "# Tables of run $run_id ($(sed -n 's/^description: *//p' "$dest/experiment.exp" | head -n 1))"
	echo
	echo "Generated by scripts/results-tables.sh from [results.csv](results.csv); raw data in [raw/](raw/),"
	echo "statistics of every measurement in [summary.csv](summary.csv), the run's environment in"
	echo "[environment.md](environment.md)."
	echo
	legend
	echo
	sections
} >"$dest/tables.md"

# generated.md: RESULTS.md's part. An index of tables.md, not the tables:
# links to their sections by GitHub's anchors of the "#### " headings.
anchor() { echo "$1" | tr '[:upper:]' '[:lower:]' | sed 's/[^a-z0-9 _-]//g; s/ /-/g'; }
{
	echo "<!-- BEGIN GENERATED by make results ($run_id): edit outside the markers -->"
	echo
	echo "## Environment"
	echo
	cat "$dest/environment.md"
	echo
	echo "Raw data: [results/raw/](results/raw/) (guest output with every RESULT line, perf stat and"
	echo "perf report output, console logs); all values: [results/results.csv](results/results.csv);"
	echo "statistics: [results/summary.csv](results/summary.csv)."
	echo
	echo "## Plots"
	echo
	echo "![fork() overhead against baseline](results/plots/fork-overhead.png)"
	echo
	echo "![lockless readers](results/plots/lockless.png)"
	echo
	echo "![every instruction count of the run](results/plots/changes.png)"
	echo
	echo "(SVG: [fork-overhead](results/plots/fork-overhead.svg), [lockless](results/plots/lockless.svg),"
	echo "[changes](results/plots/changes.svg); the other runs' plots: \`results/<experiment>/plots/changes.png\`.)"
	echo
	echo "## Tables"
	echo
	echo "Every table of the run, with n, boots, min, median, mean, max, spread and the changes against"
	echo "baseline, is in [results/tables.md](results/tables.md)."
	legend
	echo
	grep -E '^(## |#### )' "$dest/tables.md" | while IFS= read -r h; do
		case "$h" in
		"## "*) echo "- [${h#\#\# }](results/tables.md#$(anchor "${h#\#\# }"))" ;;
		*) echo "  - [${h#\#\#\#\# }](results/tables.md#$(anchor "${h#\#\#\#\# }"))" ;;
		esac
	done
	echo
	echo "<!-- END GENERATED -->"
} >"$dest/generated.md"

if [ ! -f "$results_md" ]; then
	printf '# Results\n\n(Interpretation to be written.)\n\n' >"$results_md"
fi
awk -v gen="$dest/generated.md" '
	/^<!-- BEGIN GENERATED/ { skip = 1; while ((getline line < gen) > 0) print line; done = 1; next }
	/^<!-- END GENERATED -->/ { skip = 0; next }
	!skip { print }
	END { if (!done) { while ((getline line < gen) > 0) print line } }
' "$results_md" >"$results_md.new"
mv "$results_md.new" "$results_md"

# comparison.md of every other kept run.
for d in "$dest"/*/; do
	d="${d%/}"
	[ -f "$d/results.csv" ] && [ -f "$d/experiment.exp" ] || continue
	case "$(basename "$d")" in path | *profile*) continue ;; esac
	exp_variants=$(sed -n 's/^variants: *//p' "$d/experiment.exp")
	compare=$(sed -n 's/^compare: *//p' "$d/experiment.exp")
	[ -n "$compare" ] || compare="baseline$(printf '%s' "$exp_variants" | awk '{ for (i = 1; i <= NF; i++) if ($i != "baseline") printf " %s", $i }')"
	{
		echo "# Comparisons of run $(cat "$d/RUN") ($(sed -n 's/^description: *//p' "$d/experiment.exp" | head -n 1))"
		echo
		echo "Generated by scripts/results-tables.sh from [results.csv](results.csv)."
		echo
		legend
		while read -r base others; do
			[ -n "$base" ] || continue
			echo
			echo "## $others against $base"
			echo
			"$sdstat" compare "$d/results.csv" --baseline "$base" \
				--variants "$(echo "$base $others" | tr ' ' ',')" 2>"$err" ||
				die "sdstat compare $d/results.csv (status $?): $(cat "$err")"
		done <<<"$compare"
	} >"$d/comparison.md"
done
