#!/usr/bin/env bash
# shellcheck disable=SC2016 # the tables quote kernels in Markdown backquotes
# The table of a CRIU run (scripts/criu-table.sh) from a small results.csv in
# the tidy format, quoted params with commas as sdstat tidy writes them.
. "$(dirname "$0")/lib.sh"
TABLE="$TOP/scripts/criu-table.sh"

csv="$T_TMP/results.csv"
{
	echo "run,variant,mode,bench,params,rep,phase,metric,value,boot"
	row() { printf 'r,%s,icount,criu-migration,"mib=4,seed=1",1,%s,%s,%s,1\n' "$@"; }
	row ptdesc@4k-48-criu copy1 pages_scanned 6608
	row ptdesc@4k-48-criu copy1 pages_written 6178
	row ptdesc@4k-48-criu copy1 dirtied_exact 6144
	row ptdesc@4k-48-criu copy2 pages_written 2108
	row ptdesc@4k-48-criu copy2 pages_skipped_parent 4070
	row ptdesc@4k-48-criu copy2 dirtied_exact 559
	row ptdesc@4k-48-criu copy2 dirtied_max 2092
	row ptdesc@4k-48-criu copy3 pages_written 500
	row ptdesc@4k-48-criu copy3 dirtied_exact 532
	row ptdesc@4k-48-criu restore instructions 123456789
	row baseline@4k-48-criu copy2 pages_written 6178
	printf 'r,ptdesc,icount,fork,"size=1G",0,fork,instructions,5,1\n'
} >"$csv"
out=$(bash "$TABLE" "$csv")
assert_contains "a row per copy, the round's pages exact and in granules" "$out" \
	'| `ptdesc@4k-48-criu` | 2 (pre-dump, parent 1, round 1) | 559 / 2,092 | - | 4,070 | 2,108 | 1,549 |'
assert_contains "a copy that wrote fewer pages than its round shows the loss as negative" "$out" \
	'| 532 / - | - | - | 500 | -32 |'
assert_contains "the restore's instructions" "$out" '| `ptdesc@4k-48-criu` | restore | | | | | | 123,456,789 |'
assert_contains "baseline's copies are full dumps" "$out" '| `baseline@4k-48-criu` | 2 (dump --leave-running, round 1) |'
assert_eq "kernels in the order of the CSV, 4 rows each, and the header" 10 "$(grep -c '^|' <<<"$out")"
# A kept CRIU run (results/criu/): results-kept.sh writes its table and
# replaces RESULTS.md's block between the CRIU markers, text around kept.
kept="$T_TMP/results/criu"
mkdir -p "$kept"
grep -v ",fork," "$csv" >"$kept/results.csv"
printf 'variants: ptdesc@4k-48-criu\n' >"$kept/experiment.exp"
echo r-criu >"$kept/RUN"
printf '%s\n' "# R" "before" "<!-- BEGIN CRIU results/criu/ old -->" "stale table" \
	"<!-- END CRIU results/criu/ -->" "after" >"$T_TMP/RESULTS.md"
assert_status "results-kept.sh keeps a CRIU run" 0 env RESULTS_MD="$T_TMP/RESULTS.md" \
	bash "$TOP/scripts/results-kept.sh" "$kept"
assert_eq "it writes criu-table.md as criu-table.sh does" "$out" "$(cat "$kept/criu-table.md" 2>/dev/null)"
md=$(cat "$T_TMP/RESULTS.md")
assert_contains "RESULTS.md's block holds the table" "$md" '| `ptdesc@4k-48-criu` | restore | | | | | | 123,456,789 |'
assert_contains "the block names the run" "$md" "<!-- BEGIN CRIU results/criu/ by scripts/results-kept.sh (r-criu)"
assert_eq "the stale table is gone, the text around kept" "before|after" \
	"$(grep -v '^|' <<<"$md" | grep -x 'before\|after\|stale table' | paste -sd'|')"
printf 'run,variant\n' >"$T_TMP/empty.csv"
assert_status "a CSV without CRIU results: status 3" 3 bash "$TABLE" "$T_TMP/empty.csv"
assert_status "a missing file: status 2" 2 bash "$TABLE" "$T_TMP/none.csv"
finish
