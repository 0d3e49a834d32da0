#!/usr/bin/env bash
# The benchmark table (bench/benchmarks.tsv): each row has the fields of its
# kind; every program in bench/ has a bench row and every bench row a
# program; the measure rows name declared benchmarks and known modes; the
# derived metrics are the ones sdstat was built with; a cost row's unit,
# control and parameter conditions are ones scripts/cost-tables.sh knows, the
# same control for every row of a table, and the cost plot's rows name
# parameters.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/lib/common.sh"
. "$TOP/scripts/lib/experiment.sh"
tsv="${BENCHMARKS_UNDER_TEST:-$BENCHMARKS}"

# Field counts per kind; names are what may stand in a RESULT line's field.
problems=$(awk -F'\t' -v modes=" $EXP_KNOWN_MODES " '
	/^#/ || /^$/ { next }
	{ where = FILENAME ":" FNR ": " }
	$1 == "bench" { want = 5 } $1 == "derive" { want = 6 } $1 == "table" { want = 7 }
	$1 == "path" { want = 6 } $1 == "plot" { want = 7 } $1 == "cost" { want = 10 }
	$1 !~ /^(bench|derive|table|path|plot|cost)$/ { print where "unknown kind \"" $1 "\""; next }
	NF != want { print where $1 " has " want " tab-separated fields, this row " NF; next }
	$1 == "bench" { if ($3 in benches) print where "benchmark " $3 " declared twice"; benches[$3] = 1; next }
	{ for (i = 2; i <= 4; i++) if ($i !~ /^[A-Za-z0-9_.-]+$/) print where "\"" $i "\" is not a name" }
	$1 != "bench" { uses[$2] = uses[$2] where "\n" }
	($1 == "table" || $1 == "plot" || $1 == "cost") && index(modes, " " $5 " ") == 0 { print where "unknown mode \"" $5 "\"" }
	$1 == "cost" && $6 != "-" && $6 !~ /^[A-Za-z0-9_]+!?=[A-Za-z0-9_.-]+(,[A-Za-z0-9_]+!?=[A-Za-z0-9_.-]+)*$/ { print where "PARAMS is \"-\" or KEY=VALUE and KEY!=VALUE, comma-separated" }
	$1 == "cost" && $7 !~ /^(-|MiB|page)$/ { print where "PER is -, MiB or page" }
	$1 == "cost" && $8 != "-" && $8 !~ /^[A-Za-z0-9_]+=[A-Za-z0-9_.-]+$/ { print where "AGAINST is \"-\" or KEY=VALUE" }
	$1 == "cost" { if (($9 in against) && against[$9] != $8) print where "table \"" $9 "\" has two controls"; against[$9] = $8 }
	$1 == "plot" && $6 == "cost" && ($3 != "-" || $7 !~ /^[A-Za-z0-9_]+=[A-Za-z0-9_.-]+(,[A-Za-z0-9_]+=[A-Za-z0-9_.-]+)*$/) { print where "a cost plot row has PHASE \"-\" and LABEL KEY=VALUE,..." }
	$1 == "derive" && ($5 !~ /^[A-Za-z0-9_.-]+$/ || $6 !~ /^[A-Za-z0-9_.-]+$/) { print where "numerator and denominator are metric names" }
	END { for (b in uses) if (!(b in benches)) print "a measure of benchmark \"" b "\", which has no bench row" }
' "$tsv")
assert_eq "every row has the fields of its kind and names declared benchmarks" "" "$problems"

programs=$(awk -F'\t' '$1 == "bench" { print $2 }' "$tsv")
missing=""
for f in "$TOP"/bench/*.c "$TOP"/bench/*.sh; do
	[ -e "$f" ] || continue	# a glob that matches nothing (no script)
	p=$(basename "$f" .c)
	grep -qxF "$p" <<<"$programs" || missing="$missing $p"
done
assert_eq "every program in bench/ has a bench row" "" "$missing"
missing=""
for p in $programs; do
	[ -f "$TOP/bench/$p.c" ] || [ -f "$TOP/bench/$p" ] || [ -f "$TOP/tests/guest/$p" ] || missing="$missing $p"
done
assert_eq "every bench row names a program of bench/ or tests/guest/" "" "$missing"

make -s -C "$TOP/analysis" >/dev/null
assert_eq "sdstat derives what the derive rows say" \
	"$(awk -F'\t' '$1 == "derive" { print $2, $3, $4 }' "$tsv")" \
	"$(sed -n 's/^\t{ "\([^"]*\)", "\([^"]*\)", "\([^"]*\)".*/\1 \2 \3/p' "$TOP/build/analysis/gen/derived.h")"
finish
