#!/usr/bin/env bash
# make check-publish: the torn-read and oracle counts of the last make check
# (build/check/evidence/, written by scripts/check-evidence.sh at its end)
# become results/check/, the folder RESULTS.md cites for them; then the index
# of results/ is written again. Run it after a make check on a clean clone of
# the commit the counts should stand for.
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"

evidence="$BUILD/check/evidence"
[ -f "$evidence/README.md" ] ||
	die "no counts in $evidence: run make check first (with a soft-dirty variant that has extended bits, e.g. ptdesc)"
rm -rf "$TOP/results/check"
cp -r "$evidence" "$TOP/results/check"
bash "$TOP/scripts/results-index.sh"
progress "check-publish: results/check/README.md"
