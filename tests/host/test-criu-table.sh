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
printf 'run,variant\n' >"$T_TMP/empty.csv"
assert_status "a CSV without CRIU results: status 3" 3 bash "$TABLE" "$T_TMP/empty.csv"
assert_status "a missing file: status 2" 2 bash "$TABLE" "$T_TMP/none.csv"
finish
