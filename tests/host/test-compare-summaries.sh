#!/usr/bin/env bash
# shellcheck disable=SC2016 # the output quotes variants in Markdown backquotes
# scripts/compare-summaries.sh: are a rerun's Summary figures within the
# intervals of a published one? Fixture: two small Summaries (made up), each
# with the two tables of RESULTS.md's Summary: changes whose intervals
# overlap (one of them with B's median outside A's interval), one whose do
# not, a row of each Summary only, and first-implementation columns that
# differ (left out: the same run in both).
. "$(dirname "$0")/lib.sh"
COMPARE="$TOP/scripts/compare-summaries.sh"
in="$FIXTURES/compare-summaries"

out=$(bash "$COMPARE" "$in/a.md" "$in/b.md" 2>&1)
assert_eq "exit status 0" 0 $?
assert_contains "counts the changes in both, the overlaps and the medians inside" "$out" \
	"7 changes in both Summaries; their 95% intervals overlap in 6; B's median lies in A's interval in 4; difference of the changes: median 0.06, largest 1.18 percentage points."
assert_contains "names the change whose intervals do not overlap" "$out" \
	'| populating, 16K folios, `ptdesc`: final series | +3.96% [+3.89, +4.11] | +2.78% [+2.70, +2.85] |'
case "$out" in
*'fork() of 1 GiB, 4K folios, `pte`: final series |'*) not_ok "an overlapping change is not listed" ;;
*) ok "an overlapping change is not listed" ;;
esac
case "$out" in
*'first implementation'*) not_ok "the first implementation's columns are left out" ;;
*) ok "the first implementation's columns are left out" ;;
esac
assert_contains "a change of A only is named" "$out" '- GUP-fast, `ptdesc`: final series (A only)'
assert_contains "a change of B only is named" "$out" '- page faults, per fault, `ptdesc`: final series (B only)'

out=$(bash "$COMPARE" "$in/a.md" "$in/a.md" 2>&1)
assert_contains "a Summary against itself: every interval overlaps" "$out" \
	"8 changes in both Summaries; their 95% intervals overlap in 8; B's median lies in A's interval in 8; difference of the changes: median 0.00, largest 0.00 percentage points."

mkdir -p "$T_TMP/run"
cp "$in/b.md" "$T_TMP/run/summary.md"
out=$(bash "$COMPARE" "$in/a.md" "$T_TMP/run" 2>&1)
assert_contains "a folder holding summary.md will do" "$out" "7 changes in both Summaries"

err=$(bash "$COMPARE" "$in/a.md" "$T_TMP/none" 2>&1)
assert_eq "a missing Summary: exit 1" 1 $?
assert_contains "... naming it" "$err" "no Summary '$T_TMP/none'"
printf '| a | b |\n|---|---|\n| x | y |\n' >"$T_TMP/other.md"
err=$(bash "$COMPARE" "$in/a.md" "$T_TMP/other.md" 2>&1)
assert_eq "nothing in common: exit 1" 1 $?
assert_contains "... saying so" "$err" "no change in common"
err=$(bash "$COMPARE" "$in/a.md" 2>&1)
assert_eq "one argument: exit 1" 1 $?
assert_contains "... with the usage" "$err" "usage: compare-summaries.sh A B"
finish
