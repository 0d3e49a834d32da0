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
for p in "$TOP"/patches/0005-*.patch "$TOP"/patches/0011-*.patch; do
	assert_contains "$(basename "$p") justifies FILE_PATH_CHANGES" "$(bash "$justified" "$p")" FILE_PATH_CHANGES
done
assert_status "a missing patch is an error" 1 bash "$justified" "$T_TMP/no-such.patch"
assert_contains "the error names the file" "$OUT" "no such patch"
finish
