#!/usr/bin/env bash
# shellcheck disable=SC2016 # the tables quote kernels in Markdown backquotes
# scripts/check-evidence.sh: the torn-read and oracle counts of a make check
# run, gathered into the tables RESULTS.md cites (issue 18). Fixture: a
# plain kernel's ptdesc-ext and oracle output (lines of a real run) and a
# debug kernel's oracle that found a false negative (made up), which the
# table must show as such.
. "$(dirname "$0")/lib.sh"
EVIDENCE="$TOP/scripts/check-evidence.sh"
in="$FIXTURES/check-evidence"
out="$T_TMP/evidence"

CHECK_COMMIT=abc1234 CHECK_DATE=2099-01-01T00:00Z bash "$EVIDENCE" "$in" "$out" 2>/dev/null
assert_eq "exit status 0 on a run with both tests" 0 $?
readme=$(cat "$out/README.md")
assert_contains "the run is named" "$readme" 'make check run of commit `abc1234`'
assert_contains "ptep_get_lockless, one reader: 0 torn in 2000000" "$readme" \
	'| `ptdesc` | lockless | 1 | 2000000 | 1412499 | 0 | 211916 |'
assert_contains "two readers: 0 torn in 4000000" "$readme" \
	'| `ptdesc` | lockless | 2 | 4000000 | 3685597 | 0 | 1468188 |'
assert_contains "the naive reader's torn pairs" "$readme" \
	'| `ptdesc` | naive | 1 | 2000000 | 1524686 | 50 | 962149 |'
assert_contains "the oracle of the plain kernel" "$readme" \
	'| `ptdesc` | no false negative | 1000032 | 40088 | 20261121 | 14735508 |'
assert_contains "a false negative is shown, not hidden" "$readme" \
	'| `pte-debug` | **false negative** | 5120 | 211 | 20261121 | 9000 |'
assert_eq "evidence.tsv: one line per run of a test" 5 "$(wc -l <"$out/evidence.tsv")"
assert_contains "lines.txt keeps the guest's lines with their file" "$(cat "$out/lines.txt")" \
	'ptdesc/ptdesc-ext/output.log: # torn: mode=naive readers=1'

mkdir -p "$T_TMP/empty/ptdesc/cow"
err=$(bash "$EVIDENCE" "$T_TMP/empty" "$T_TMP/out2" 2>&1)
assert_eq "a run without either test: exit 1" 1 $?
assert_contains "... naming the suites" "$err" "no output of the torn-read test or the oracle"
err=$(bash "$EVIDENCE" "$T_TMP/nothing" "$T_TMP/out3" 2>&1)
assert_contains "no make check output: says so" "$err" "run make check first"
finish
