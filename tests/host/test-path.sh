#!/usr/bin/env bash
# make path's steps file: the shipped one parses against the series; bad
# ones are refused with the line and the problem; the path experiment loads.
. "$(dirname "$0")/lib.sh"

# parse FILE NPATCHES [LABELS]: the labels parse_steps keeps, or its error.
parse() {
	bash -c ". '$TOP/scripts/lib.sh'; . '$TOP/scripts/path-lib.sh'; parse_steps '$1' '$2' '${3:-}' '${4:-}'; echo \"\$LABELS\"; for l in \$LABELS; do echo \"\$l=\${PATCH_OF[\$l]}:\${REBUILD_OF[\$l]}\"; done" 2>&1
}
npatches=$(find "$TOP/patches" -name '[0-9][0-9][0-9][0-9]-*.patch' ! -name '0000-*' | wc -l)

out=$(parse "$TOP/experiments/path.steps" "$npatches")
assert_contains "the shipped steps start with the first implementation" "$out" "first=12:baseline,pte,ptdesc,ptdesc-wp"
last=$(grep -v '^#' "$TOP/experiments/path.steps" | tail -n 1 | cut -f2)
assert_eq "the last step is the whole series" "$npatches" "$last"
assert_status "the path experiment loads" 0 bash -c ". '$TOP/scripts/lib.sh'; . '$TOP/scripts/experiment-lib.sh'; load_experiment path"

steps() { printf '%s\n' "$@" >"$T_TMP/s"; echo "$T_TMP/s"; }
all=baseline,pte,ptdesc,ptdesc-wp
assert_contains "a subset keeps the file's order" \
	"$(parse "$(steps "a	1	$all	x" "b	2	ptdesc	y" "c	3	pte	z")" 5 "c a")" "a c"
assert_contains "a patch beyond the series is named with the range" \
	"$(parse "$(steps "a	1	$all	x" "b	9	ptdesc	y")" 5)" "s:2: patch 9 is not in the series (patches 1-5)"
assert_contains "an unknown variant is named with the valid ones" \
	"$(parse "$(steps "a	1	$all	x" "b	2	nope	y")" 5)" "unknown variant 'nope'; valid variants: baseline"
assert_contains "steps go forward in the series" \
	"$(parse "$(steps "a	2	$all	x" "b	2	ptdesc	y")" 5)" "step 'b' (patch 2) does not come after patch 2"
assert_contains "a label is defined once" \
	"$(parse "$(steps "a	1	$all	x" "a	2	ptdesc	y")" 5)" "step 'a' is defined twice"
assert_contains "a missing column" \
	"$(parse "$(steps "a	1	$all")" 5)" "s:1: expected 'label<TAB>patch<TAB>variants<TAB>description'"
assert_contains "the first step builds every variant" \
	"$(parse "$(steps "a	1	ptdesc	x")" 5)" "the first step, 'a', must build every variant"
assert_contains "the first step builds every variant measured" \
	"$(parse "$(steps "a	1	baseline,ptdesc	x" "b	2	ptdesc	y")" 5 "" "baseline ptdesc")" "b=2:ptdesc"
assert_contains "a variant measured but not built by the first step" \
	"$(parse "$(steps "a	1	baseline,ptdesc	x")" 5 "" "baseline pte")" "must build every variant measured (baseline,pte)"
assert_contains "an unknown step asked for" \
	"$(parse "$(steps "a	1	$all	x")" 5 "zz")" "unknown path step 'zz'; steps: a"
assert_contains "make path refuses variants without baseline" \
	"$(OPT_PATH_VARIANTS=ptdesc bash "$TOP/scripts/path.sh" 2>&1)" "lacks baseline"
assert_contains "make path names the variants it knows" \
	"$(OPT_PATH_VARIANTS="baseline nope" bash "$TOP/scripts/path.sh" 2>&1)" "'nope' is not a variant of experiment path; its variants: baseline pte ptdesc ptdesc-wp"
finish
