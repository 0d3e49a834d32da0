#!/usr/bin/env bash
# series-table.sh RESULTS PLAN "VARIANTS": make series-build's table, a row per
# patch of PLAN (series-plan.sh's output) and a column per variant, from
# RESULTS (patch, variant, status, seconds). A cell: "ok 95s" built,
# "-" unchanged by the patch (its kernel of the patch before stands), "n/a"
# the variant does not exist yet, "config" it cannot be configured yet,
# "FAIL", or empty: not reached.
set -eu -o pipefail
[ $# = 3 ] || { echo "usage: $0 RESULTS PLAN VARIANTS" >&2; exit 2; }
awk -F'\t' -v variants="$3" '
	FNR == NR { cell[$1, $2] = $3 == "ok" ? "ok " $4 "s" : $3 == "keep" ? "-" : $3 == "absent" ? "n/a" : $3; next }
	FNR == 1 {
		nv = split(variants, v, " ")
		printf "%-3s %-52s", "#", "patch"
		for (i = 1; i <= nv; i++) printf " %-10s", v[i]
		printf "\n"
	}
	{
		printf "%-3s %-52s", $1, (length($3) > 52 ? substr($3, 1, 49) "..." : $3)
		for (i = 1; i <= nv; i++) printf " %-10s", ((($1, v[i]) in cell) ? cell[$1, v[i]] : "")
		printf "\n"
	}
' "$1" "$2"
