#!/usr/bin/env bash
# scripts/suite-results.awk on real outputs kept as fixtures (taken from
# make check on the baseline kernel) and on broken ones: counts, names,
# skip reasons, and failures for suites that stop early or print nothing.
. "$(dirname "$0")/lib.sh"
parse() { awk -f "$TOP/scripts/suite-results.awk" "$@"; }
count() { parse "$1" | awk -F'\t' -v r="$2" '$1 == r' | wc -l | tr -d ' '; }

assert_eq "cow: passes" 684 "$(count "$FIXTURES/cow.out" pass)"
assert_eq "cow: skips" 16 "$(count "$FIXTURES/cow.out" skip)"
assert_eq "cow: no failures" 0 "$(count "$FIXTURES/cow.out" fail)"
assert_contains "a skip is named by its [RUN] line" "$(parse "$FIXTURES/cow.out" | grep -m1 1048576)" \
	"with hugetlb (1048576 kB): # SKIP need more free huge pages"
assert_eq "uffd-unit-tests (its own format): passes" 66 "$(count "$FIXTURES/uffd-unit-tests.out" pass)"
assert_contains "uffd-unit-tests: names" "$(parse "$FIXTURES/uffd-unit-tests.out")" "wp-fork on anon"
assert_eq "gup_test (three runs as run_vmtests.sh): passes" 3 "$(count "$FIXTURES/gup_test.out" pass)"
assert_eq "mkdirty: skips" 2 "$(count "$FIXTURES/mkdirty.out" skip)"
assert_eq "mkdirty: passes" 4 "$(count "$FIXTURES/mkdirty.out" pass)"

assert_eq "a suite cut short fails once (plan not met)" 1 "$(count "$FIXTURES/cow-truncated.out" fail)"
assert_contains "and says so" "$(parse "$FIXTURES/cow-truncated.out")" "the suite stopped early"
printf 'Testing wp-fork on anon... ' >"$T_TMP/uffd-cut"
assert_eq "a uffd test with no result fails" 1 "$(count "$T_TMP/uffd-cut" fail)"
: >"$T_TMP/empty"
assert_eq "no output at all is a failure" 1 "$(count "$T_TMP/empty" fail)"
printf 'TAP version 13\r\n1..2\r\nok 1 first\r\nnot ok 2 second # exit=1\r\n' >"$T_TMP/crlf"
assert_eq "CRLF line ends are read" "pass fail" "$(parse "$T_TMP/crlf" | cut -f1 | tr '\n' ' ' | sed 's/ $//')"
printf 'TAP version 13\n1..2\nok 1 top\n    ok 1 nested\nok 2 # SKIP why\n' >"$T_TMP/nested"
assert_eq "nested subtests are not counted" 2 "$(parse "$T_TMP/nested" | wc -l | tr -d ' ')"
printf 'Testing a... failed [reason: broken]\nTesting b... skipped [reason: no]\n' >"$T_TMP/uffd-bad"
assert_eq "uffd failures and skips" "fail skip" "$(parse "$T_TMP/uffd-bad" | cut -f1 | tr '\n' ' ' | sed 's/ $//')"
finish
