#!/bin/sh
# ptdesc-ext.sh: the torn-read proof for extended software bits, as KTAP.
# ptep_get_lockless() must return no torn pair over READS reads while a
# writer updates entries and their extended bits; the same test must catch a
# naive two-load reader (a test that cannot fail proves nothing).
set -u
reads="${1:-2000000}"
f=/sys/kernel/debug/ptdesc_ext_test
echo "TAP version 13"
echo "1..3"
run() {
	echo "torn $1 $2 $reads $3" >"$f" || { echo "# writing to $f failed"; return 1; }
	cat "$f"
}
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

out=$(run 1 1 lockless) || out=""
echo "# $out"
torn=$(field "$out" torn); present=$(field "$out" present)
if [ -n "$torn" ] && [ "$torn" = 0 ] && [ "${present:-0}" -ge $((reads / 2)) ]; then
	echo "ok 1 ptep_get_lockless: 0 torn pairs in $(field "$out" reads) reads ($present present, $(field "$out" writes) writer updates)"
else
	echo "not ok 1 ptep_get_lockless: torn=${torn:-?} present=${present:-?}"
fi

out=$(run 2 1 lockless) || out=""
echo "# $out"
torn=$(field "$out" torn)
if [ -n "$torn" ] && [ "$torn" = 0 ]; then
	echo "ok 2 ptep_get_lockless, two readers: 0 torn pairs in $(field "$out" reads) reads"
else
	echo "not ok 2 ptep_get_lockless, two readers: torn=${torn:-?}"
fi

out=$(run 1 1 naive) || out=""
echo "# $out"
torn=$(field "$out" torn)
if [ -n "$torn" ] && [ "$torn" -gt 0 ]; then
	echo "ok 3 the test catches a naive two-load reader: $torn torn pairs in $(field "$out" reads) reads"
else
	echo "not ok 3 the naive reader was not caught (torn=${torn:-?}): the test would miss a broken reader"
fi
