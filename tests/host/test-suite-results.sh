#!/usr/bin/env bash
# scripts/suite-results.awk on real outputs kept as fixtures (taken from
# make check on the baseline kernel), on what the kernel's kselftest.h prints
# (fixtures/kselftest-*.out, checked against linux/'s kselftest.h when it is
# there) and on broken outputs: counts, names, skip reasons, and failures for
# suites that stop early, bail out, disagree with their totals or print
# nothing.
. "$(dirname "$0")/lib.sh"
parse() { awk -f "$TOP/scripts/suite-results.awk" "$@"; }
count() { parse "$1" | awk -F'\t' -v r="$2" '$1 == r' | wc -l | tr -d ' '; }
results() { parse "$1" | cut -f1 | tr '\n' ' ' | sed 's/ $//'; }

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

# kselftest.h: the fixtures are what the tree's header prints.
KSELFTEST="$TOP/linux/tools/testing/selftests"
if [ -f "$KSELFTEST/kselftest.h" ]; then
	if gcc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -I "$KSELFTEST" -o "$T_TMP/kselftest-demo" \
		"$FIXTURES/kselftest-demo.c" 2>"$T_TMP/cc.log"; then
		for mode in all bail short skip-all; do
			"$T_TMP/kselftest-demo" "$mode" >"$T_TMP/kselftest-$mode.out" 2>&1
			assert_eq "kselftest.h of linux/ prints fixtures/kselftest-$mode.out" \
				"$(cat "$FIXTURES/kselftest-$mode.out")" "$(cat "$T_TMP/kselftest-$mode.out")"
		done
	else
		not_ok "fixtures/kselftest-demo.c builds against linux/'s kselftest.h" "$(head -n 5 "$T_TMP/cc.log")"
	fi
fi
assert_eq "kselftest.h: pass, fail, skip, xfail, error and a named skip" "pass fail skip pass fail skip" \
	"$(results "$FIXTURES/kselftest-all.out")"
assert_eq "kselftest.h: a skip is named by its reason" "# SKIP skipped: why" \
	"$(parse "$FIXTURES/kselftest-all.out" | awk -F'\t' '$2 == 3 { print $3 }')"
assert_eq "kselftest.h: ksft_test_result_code() skip keeps its name" "named # SKIP why" \
	"$(parse "$FIXTURES/kselftest-all.out" | awk -F'\t' '$2 == 6 { print $3 }')"
assert_eq "kselftest.h: a bail-out is one failure, neither the plan nor its totals another" \
	"pass fail fail" "$(results "$FIXTURES/kselftest-bail.out")"
assert_contains "and it says why" "$(parse "$FIXTURES/kselftest-bail.out")" "Bail out! cannot go on: no memory"
assert_eq "kselftest.h: ksft_exit_fail() before the plan is done fails once" "pass fail skip pass fail" \
	"$(results "$FIXTURES/kselftest-short.out")"
assert_eq "kselftest.h: ksft_exit_skip() with nothing run is one skip, with its reason" \
	"$(printf 'skip\t1\t# SKIP nothing to test here')" "$(parse "$FIXTURES/kselftest-skip-all.out")"
printf 'TAP version 13\n1..2\nok 1 a\nok 2 b\n# Totals: pass:1 fail:1 xfail:0 xpass:0 skip:0 error:0\n' >"$T_TMP/totals"
assert_eq "totals that do not add up to the results fail" "pass pass fail" "$(results "$T_TMP/totals")"
assert_contains "and say so" "$(parse "$T_TMP/totals")" "does not add up to the results read: 2 passed, 0 failed"
printf 'TAP version 13\n1..1\nok 1 a\nok 2 b\n' >"$T_TMP/over"
assert_eq "more results than planned fail" "pass pass fail" "$(results "$T_TMP/over")"
printf 'TAP version 13\n1..1\nok 1 a # XPASS fixed\n' >"$T_TMP/xpass"
assert_eq "an unexpected pass (XPASS) fails, as for ksft_finished()" "fail" "$(results "$T_TMP/xpass")"
printf 'TAP version 13\n1..2\nok 1 a\nTAP version 13\n1..1\nok 1 b\n# Totals: pass:1 fail:0 xfail:0 xpass:0 skip:0 error:0\n' >"$T_TMP/two"
assert_eq "each TAP document has its own plan and totals" "pass fail pass" "$(results "$T_TMP/two")"

# make test's runner (tests/host/run.sh) counts with this reader too.
mkdir -p "$T_TMP/runner" "$T_TMP/runner-results"
printf 'echo "ok 1 fine"\nexit 3\n' >"$T_TMP/runner/test-exit.sh"
printf 'echo "ok 1 fine"\necho "not ok 2 broken"\nexit 1\n' >"$T_TMP/runner/test-fail.sh"
printf 'true\n' >"$T_TMP/runner/test-silent.sh"
printf 'echo "TAP version 13"\necho "1..2"\necho "ok 1 # SKIP not here"\n' >"$T_TMP/runner/test-short.sh"
assert_status "run.sh fails when a test does" 1 env HOST_TEST_RESULTS="$T_TMP/runner-results" \
	bash "$TOP/tests/host/run.sh" "$T_TMP"/runner/test-*.sh
assert_eq "run.sh: its totals are the reader's" "host tests: 2 passed, 4 failed, 1 skipped" \
	"$(printf '%s\n' "$OUT" | tail -n 1)"
assert_contains "run.sh: a test that exits non-zero without a failing case fails once" "$OUT" \
	"test-exit: FAIL test-exit exited with status 3"
assert_contains "run.sh: a test that prints nothing fails" "$OUT" "test-silent: FAIL no test results in the output"
assert_contains "run.sh: a plan not met fails" "$OUT" "test-short: FAIL KTAP plan 1..2 but only 1 results"
assert_eq "run.sh: HOST_TEST_RESULTS gets each test's cases" "pass fail" \
	"$(cut -f1 "$T_TMP/runner-results/test-fail.results" | tr '\n' ' ' | sed 's/ $//')"
finish
