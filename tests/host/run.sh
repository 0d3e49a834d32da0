#!/usr/bin/env bash
# Runs the host-side tests (tests/host/test-*.sh, or the ones named) and prints
# their KTAP lines, then "N passed, N failed" for them.
set -eu -o pipefail
here=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0
files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$here"/test-*.sh)
for f in "${files[@]}"; do
	name=$(basename "$f" .sh)
	out=$(bash "$f" 2>&1) || true
	p=$(printf '%s\n' "$out" | grep -c '^ok ' || true)
	n=$(printf '%s\n' "$out" | grep -c '^not ok ' || true)
	if [ "$p" = 0 ] && [ "$n" = 0 ]; then
		n=1
		out="$out
not ok 1 $name printed no results"
	fi
	printf '%s\n' "$out" | sed "s/^/$name: /"
	pass=$((pass + p))
	fail=$((fail + n))
done
echo "host tests: $pass passed, $fail failed"
[ "$fail" = 0 ]
