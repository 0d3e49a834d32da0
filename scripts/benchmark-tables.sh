#!/usr/bin/env bash
# benchmark-tables.sh RESULTS_CSV "VARIANTS": the comparison tables of
# RESULTS.md, one per table row of bench/benchmarks.tsv, in its order, under
# a "## SECTION" heading where the section changes, a blank line before each
# heading but the first (Markdown on stdout).
# A table no measurement matches says "(not measured in this run)" (sdstat's
# status 3); any other failure of sdstat stops with its message.
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"
csv="${1:?usage: benchmark-tables.sh RESULTS_CSV VARIANTS}"
variants="${2:?usage: benchmark-tables.sh RESULTS_CSV VARIANTS}"
sdstat="$TOP/build/analysis/sdstat"
vlist=$(echo "$variants" | tr ' ' ',')
err=$(mktemp)
trap 'rm -f "$err"' EXIT

# table TITLE FILTERS...: the comparison table of the measurements that match.
table() {
	local title="$1" rc=0
	shift
	echo
	echo "#### $title"
	"$sdstat" compare "$csv" --variants "$vlist" "$@" 2>"$err" || rc=$?
	[ "$rc" = 0 ] || [ "$rc" = 3 ] || die "sdstat compare $* (status $rc): $(cat "$err")"
	[ "$rc" = 0 ] || echo "(not measured in this run)"
}

rows=$(benchmarks table)
last=""
while IFS=$'\t' read -r bench phase metric mode section title; do
	if [ "$section" != "$last" ]; then
		[ -z "$last" ] || echo
		echo "## $section"
		last="$section"
	fi
	set -- --bench "$bench"
	[ "$phase" = - ] || set -- "$@" --phase "$phase"
	table "$title" "$@" --metric "$metric" --mode "$mode"
done <<<"$rows"
