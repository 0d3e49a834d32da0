#!/usr/bin/env bash
# series-plan.sh [VARIANTS]: the plan of make series-build, read from the
# patches of patches/ (PATCHES_DIR) alone: one tab-separated line per patch,
#   N  FILE  SUBJECT  BUILD  KEEP  ABSENT  OMIT  WHY  KIND
# which variants to build after it, which it leaves unchanged, which do not
# exist yet, the options of the fragments the series has not defined yet,
# why, and whether it changes headers or build files (wide) or only sources. VARIANTS (space-separated) defaults to every variant. The rules are at
# the top of scripts/series-plan.awk.
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/series.sh"

variants="${1:-$(list_variants | tr '\n' ' ')}"
for v in $variants; do
	check_variant "$v"
	[ "$v" = "${v%-debug}" ] || die "series-build builds the variants, not their debug builds ('$v')"
done
mapfile -t files < <(series_files)
[ "${#files[@]}" -gt 0 ] || die "no patches in $PATCHES"
awk -v variants="$variants" -v kconfig_dir="$KCONFIG_DIR" -f "$TOP/scripts/series-plan.awk" "${files[@]}"
