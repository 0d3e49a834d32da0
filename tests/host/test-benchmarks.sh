#!/usr/bin/env bash
# The benchmark table (bench/benchmarks.tsv): each row has the fields of its
# kind; every program in bench/ has a bench row and every bench row a
# program; the measure rows name declared benchmarks and known modes; the
# derived metrics are the ones sdstat was built with; the phase rows give
# each phase one marker id and make the guest programs' phase table; a cost row's unit,
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
	$1 == "path" { want = 6 } $1 == "plot" { want = 7 } $1 == "cost" { want = 10 } $1 == "phase" { want = 4 }
	$1 !~ /^(bench|derive|table|path|plot|cost|phase)$/ { print where "unknown kind \"" $1 "\""; next }
	NF != want { print where $1 " has " want " tab-separated fields, this row " NF; next }
	$1 == "phase" {
		if ($2 !~ /^[a-z][a-z0-9_]*$/) print where "phase name \"" $2 "\" is not a lower-case C name"
		if ($3 !~ /^[0-9]+$/ || $3 + 0 > 15) print where "phase id \"" $3 "\" is not a marker id 0..15"
		if ($2 in phase_names) print where "phase " $2 " declared twice"
		if ($3 in phase_ids) print where "phase id " $3 " given twice"
		phase_names[$2] = 1; phase_ids[$3] = 1
		n = split($4, pb, ",")
		for (i = 1; i <= n; i++) uses[pb[i]] = uses[pb[i]] where "\n"
		next
	}
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

# The phase rows become the guest programs' table (guest/bench-phases.awk).
table=$(awk -f "$TOP/guest/bench-phases.awk" "$tsv")
assert_contains "the phase rows make the table bench-phases.h includes" "$table" "X(BENCH_PHASE_FIRST_WRITE, 8, first_write)"
used=$(grep -oh 'BENCH_PHASE_[A-Z0-9_]*' "$TOP"/bench/*.c | sort -u)
missing=""
for e in $used; do
	grep -qF "X($e," <<<"$table" || missing="$missing $e"
done
assert_eq "every phase a benchmark measures has a phase row" "" "$missing"
assert_status "a phase row without its id is refused" 1 awk -f "$TOP/guest/bench-phases.awk" <(printf 'phase\tfork\n')

make -s -C "$TOP/analysis" >/dev/null
assert_eq "sdstat derives what the derive rows say" \
	"$(awk -F'\t' '$1 == "derive" { print $2, $3, $4 }' "$tsv")" \
	"$(sed -n 's/^\t{ "\([^"]*\)", "\([^"]*\)", "\([^"]*\)".*/\1 \2 \3/p' "$TOP/build/analysis/gen/derived.h")"
finish
