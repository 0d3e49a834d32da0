#!/usr/bin/env bash
# shellcheck disable=SC2016 # the output quotes variants in Markdown backquotes
# scripts/compare-cost-tables.sh: does a rerun reproduce a kept run's cost
# tables? Fixture: two small tables (made up) with one change whose intervals
# overlap, one whose do not, one against the untracked run (no unit), the
# reference variant (no change: not compared), and a row of B only.
. "$(dirname "$0")/lib.sh"
COMPARE="$TOP/scripts/compare-cost-tables.sh"
in="$FIXTURES/compare-cost-tables"

out=$(bash "$COMPARE" "$in/a.tsv" "$in/b.tsv" 2>&1)
assert_eq "exit status 0" 0 $?
assert_contains "counts the changes in both and the overlaps" "$out" \
	"3 changes in both runs; their 95% intervals overlap in 2; difference of the changes: median 2.00, largest 3.00 percentage points."
assert_contains "names the row whose intervals do not overlap" "$out" \
	'| 256M anon, sd, scan (instructions per MiB), `ptdesc` | +50.00% [+49.00, +51.00] | +53.00% [+52.00, +54.00] |'
case "$out" in
*"reset (instructions per MiB), \`ptdesc\` |"*) not_ok "an overlapping row is not listed" ;;
*) ok "an overlapping row is not listed" ;;
esac
assert_contains "a row of one run only is named" "$out" '- 1G anon, sd, reset (instructions per MiB), `ptdesc` (B only)'

err=$(bash "$COMPARE" "$in/a.tsv" "$T_TMP/none" 2>&1)
assert_eq "a missing table: exit 1" 1 $?
assert_contains "... naming it" "$err" "no cost table '$T_TMP/none'"
printf 'a\tb\n1\t2\n' >"$T_TMP/bad.tsv"
err=$(bash "$COMPARE" "$in/a.tsv" "$T_TMP/bad.tsv" 2>&1)
assert_eq "a table without the columns: exit 2" 2 $?
assert_contains "... naming the column" "$err" 'has no column "table"'
finish
