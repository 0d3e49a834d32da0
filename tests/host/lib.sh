# shellcheck shell=bash
# Tiny test library for the host-side tests. Each test file sources it, calls
# its assertions, and ends with `finish`. Results are KTAP lines on stdout;
# tests/host/run.sh adds them up.
set -u -o pipefail
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck disable=SC2034 # read by the tests that source this
FIXTURES="$TOP/tests/host/fixtures"
T_COUNT=0
T_FAILED=0
T_TMP=$(mktemp -d)
trap 'rm -rf "$T_TMP"' EXIT

ok() {
	T_COUNT=$((T_COUNT + 1))
	echo "ok $T_COUNT $1"
}

not_ok() {
	T_COUNT=$((T_COUNT + 1))
	T_FAILED=$((T_FAILED + 1))
	echo "not ok $T_COUNT $1"
	shift
	[ $# -gt 0 ] && printf '# %s\n' "$@"
	return 0
}

# assert_eq NAME EXPECTED ACTUAL
assert_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $2" "actual:   $3"; fi
}

# assert_contains NAME HAYSTACK NEEDLE
assert_contains() {
	case "$2" in
	*"$3"*) ok "$1" ;;
	*) not_ok "$1" "expected to find: $3" "in: ${2:0:600}" ;;
	esac
}

# assert_status NAME EXPECTED_STATUS COMMAND...: runs COMMAND, keeps its
# combined output in $OUT.
assert_status() {
	local name="$1" want="$2" got
	shift 2
	set +e
	OUT=$("$@" 2>&1)
	got=$?
	set -e
	if [ "$got" = "$want" ]; then
		ok "$name"
	else
		not_ok "$name" "expected exit status $want, got $got from: $*" "$(printf '%s' "$OUT" | tail -n 5)"
	fi
}

# per_file NAME FINDINGS FILE...: one result per FILE, "NAME FILE": not ok
# with the lines of FINDINGS that start with "FILE:" (a linter's findings),
# ok when there are none.
per_file() {
	local name="$1" findings="$2" f found
	shift 2
	for f in "$@"; do
		mapfile -t found < <(awk -v f="$f:" 'index($0, f) == 1' "$findings")
		if [ ${#found[@]} -gt 0 ]; then
			not_ok "$name $f" "${found[@]}"
		else
			ok "$name $f"
		fi
	done
}

# relay NAME FILE [STATUS]: the cases of a test program's output (FILE) as
# ours, named "NAME: ...", as scripts/suite-results.awk reads them (so a
# plan not met, a bail-out or no result at all fails once each); its
# comments follow, indented so that they stay comments ("# # ..."). STATUS,
# the program's exit status, fails once more if it is not 0 and no case did.
relay() {
	local name="$1" file="$2" status="${3:-0}" result desc failed=0
	while IFS=$'\t' read -r result _ desc; do
		case "$result" in
		fail) not_ok "$name: $desc"; failed=1 ;;
		*) ok "$name: $desc" ;;	# a skip's description holds its "# SKIP"
		esac
	done < <(awk -f "$TOP/scripts/suite-results.awk" "$file")
	grep '^#' "$file" | sed 's/^/# /' || true
	if [ "$status" != 0 ] && [ "$failed" = 0 ]; then
		not_ok "$name exits with status 0" "status $status"
	fi
}

finish() {
	exit $((T_FAILED > 0))
}
