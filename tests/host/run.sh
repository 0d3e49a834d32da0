#!/usr/bin/env bash
# Runs the host-side tests (tests/host/test-*.sh, or the ones named): prints
# each one's output, its lines prefixed with its name, then its verdict as
# scripts/suite-results.awk reads that output (the reader make check uses
# for the guest's suites too): "NAME: N passed, N failed, N skipped", and a
# "NAME: FAIL ..." line per failure, then "host tests: N passed, N failed"
# over all of them. A test that exits non-zero without a failing case fails
# once for it. With HOST_TEST_RESULTS=DIR, DIR/NAME.results holds each one's
# cases as suite-results.awk prints them (make check records them).
set -eu -o pipefail
here=$(cd "$(dirname "$0")" && pwd)
parser="$here/../../scripts/suite-results.awk"
results_dir="${HOST_TEST_RESULTS:-}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0
files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$here"/test-*.sh)
for f in "${files[@]}"; do
	name=$(basename "$f" .sh)
	status=0
	out=$(bash "$f" 2>&1) || status=$?
	[ -z "$out" ] || printf '%s\n' "$out" | sed "s/^/$name: /"
	results="$tmp/$name.results"
	printf '%s\n' "$out" | awk -f "$parser" >"$results"
	if [ "$status" != 0 ] && ! grep -q '^fail' "$results"; then
		printf 'fail\t%d\t%s exited with status %d\n' "$(($(wc -l <"$results") + 1))" \
			"$name" "$status" >>"$results"
	fi
	read -r p n s < <(awk -F'\t' '{ c[$1]++ } END { print c["pass"] + 0, c["fail"] + 0, c["skip"] + 0 }' "$results")
	echo "$name: $p passed, $n failed, $s skipped"
	awk -F'\t' -v name="$name" '$1 == "fail" { print name ": FAIL " $3 }' "$results"
	[ -z "$results_dir" ] || cp "$results" "$results_dir/$name.results"
	pass=$((pass + p))
	fail=$((fail + n))
	skip=$((skip + s))
done
summary="host tests: $pass passed, $fail failed"
[ "$skip" = 0 ] || summary="$summary, $skip skipped"
echo "$summary"
[ "$fail" = 0 ]
