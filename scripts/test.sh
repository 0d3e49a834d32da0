#!/usr/bin/env bash
# make test: the fast tests, without root, kernels or guests, in well under
# two minutes: the host tests of the harness (tests/host/: the analysis unit
# tests, perf-output parsing, experiment files, the series tooling...),
# ShellCheck on every shell script (test-shellcheck.sh) and checkpatch.pl on
# the harness's own C (test-checkpatch-c.sh). KTAP lines per test file and
# its verdict as scripts/suite-results.awk reads them, then "host tests: N
# passed, N failed" (tests/host/run.sh). make check runs it first and records
# each case. Tests named as arguments run alone (tests/host/test-*.sh).
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"

# What the host tests need, all from make deps (scripts/deps.sh).
missing=""
for tool in gcc make awk perl git tar xz shellcheck; do
	command -v "$tool" >/dev/null || missing="$missing $tool"
done
[ -z "$missing" ] || die "missing:$missing: run 'make deps' (as root, or with sudo)"

exec bash "$TOP/tests/host/run.sh" "$@"
