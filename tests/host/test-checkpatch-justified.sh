#!/usr/bin/env bash
# The checkpatch warnings a commit message justifies: types in parentheses in
# a paragraph that mentions checkpatch, wherever the paragraph wraps; nothing
# else in the message, nothing below the "---" line.
. "$(dirname "$0")/lib.sh"
justified="$TOP/scripts/checkpatch-justified.sh"
dir="$FIXTURES/checkpatch"

assert_eq "types in a wrapped paragraph that mentions checkpatch" "AVOID_BUG,FILE_PATH_CHANGES" \
	"$(bash "$justified" "$dir/wrapped.patch")"
assert_eq "no justification: parentheses elsewhere and below the cut do not count" "" \
	"$(bash "$justified" "$dir/none.patch")"
# The shipped series: every patch that adds a file without touching
# MAINTAINERS justifies checkpatch's question about it.
n=0
mapfile -t shipped < <(PATCHES_DIR="$TOP/patches" && . "$TOP/scripts/lib/common.sh" && . "$TOP/scripts/lib/series.sh" && series_files)
for patch in "${shipped[@]}"; do
	# grep without -q: with pipefail, sed must not be cut off by an early exit.
	sed -n '/^---$/,$p' "$patch" | grep '^new file mode' >/dev/null || continue
	sed -n '/^---$/,$p' "$patch" | grep '^diff --git a/MAINTAINERS ' >/dev/null && continue
	n=$((n + 1))
	assert_contains "$(basename "$patch") justifies FILE_PATH_CHANGES" "$(bash "$justified" "$patch")" FILE_PATH_CHANGES
done
assert_status "the shipped series has patches that add files" 1 test "$n" -eq 0
assert_status "a missing patch is an error" 1 bash "$justified" "$T_TMP/no-such.patch"
assert_contains "the error names the file" "$OUT" "no such patch"
finish
