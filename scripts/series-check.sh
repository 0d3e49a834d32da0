#!/usr/bin/env bash
# series-check.sh: does patches/ apply, in order, on a fresh checkout of base?
# Uses a temporary worktree of linux/, so linux/ itself is left alone.
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/series.sh"

[ -d "$LINUX/.git" ] || die "linux/ does not exist: run 'make linux' first"
tree="$BUILD/series-check"
cleanup() {
	lgit worktree remove --force "$tree" >/dev/null 2>&1 || rm -rf "$tree"
	lgit worktree prune
}
cleanup
trap cleanup EXIT
lgit worktree add -q --detach "$tree" base
n=0
for f in $(series_files); do
	if ! git -C "$tree" am -q --whitespace=nowarn "$f" >"$BUILD/series-check-am.log" 2>&1; then
		cat "$BUILD/series-check-am.log" >&2
		die "patch $(basename "$f") does not apply on base ($LINUX_SOURCE_PKG $(base_source_version))"
	fi
	n=$((n + 1))
done
echo "$n patches on $LINUX_SOURCE_PKG $(base_source_version)"
