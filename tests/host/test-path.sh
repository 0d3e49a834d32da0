#!/usr/bin/env bash
# make path's steps file: the shipped one parses against the series; bad
# ones are refused with the line and the problem; the path experiment loads.
# The series comes from history (experiments/path.series): DRY_RUN lists the
# patches of each step from the recorded commit, whatever patches/ holds, and
# a clone without that commit is told what to fetch.
. "$(dirname "$0")/lib.sh"

# parse FILE NPATCHES [LABELS]: the labels parse_steps keeps, or its error.
parse() {
	bash -c ". '$TOP/scripts/lib/common.sh'; . '$TOP/scripts/lib/path.sh'; parse_steps '$1' '$2' '${3:-}' '${4:-}'; echo \"\$LABELS\"; for l in \$LABELS; do echo \"\$l=\${PATCH_OF[\$l]}:\${REBUILD_OF[\$l]}\"; done" 2>&1
}
pathlib() { bash -c ". '$TOP/scripts/lib/common.sh'; . '$TOP/scripts/lib/path.sh'; $1" 2>&1; }
series=$(pathlib "path_series_commit '$TOP/experiments/path.series'")
assert_status "the recorded series commit is in this clone's history" 0 git -C "$TOP" cat-file -e "$series^{commit}"
npatches=$(pathlib "history_series_files '$TOP' '$series'" | wc -l)
assert_eq "the recorded commit holds the first series, 29 patches" 29 "$npatches"

out=$(parse "$TOP/experiments/path.steps" "$npatches")
assert_contains "the shipped steps start with the first implementation" "$out" "first=12:baseline,pte,ptdesc,ptdesc-wp"
last=$(grep -v '^#' "$TOP/experiments/path.steps" | tail -n 1 | cut -f2)
assert_eq "the last step is the whole series" "$npatches" "$last"
assert_status "the path experiment loads" 0 bash -c ". '$TOP/scripts/lib/common.sh'; . '$TOP/scripts/lib/experiment.sh'; load_experiment path"

steps() { printf '%s\n' "$@" >"$T_TMP/s"; echo "$T_TMP/s"; }
all=baseline,pte,ptdesc,ptdesc-wp
assert_contains "a subset keeps the file's order" \
	"$(parse "$(steps "a	1	$all	x" "b	2	pte	y" "c	3	pte	z")" 5 "c a")" "a c"
assert_contains "a step after a skipped one rebuilds what the skipped one changes" \
	"$(parse "$(steps "a	1	$all	x" "b	2	ptdesc	y" "c	3	pte	z")" 5 "a c")" \
	"step 'c' would keep the ptdesc kernel of step 'a', but the skipped step 'b' changes ptdesc"
assert_contains "unless that variant is not measured" \
	"$(parse "$(steps "a	1	$all	x" "b	2	ptdesc	y" "c	3	pte	z")" 5 "a c" "baseline pte")" "c=3:pte"
assert_contains "a skipped step before the first one asked for does not count" \
	"$(parse "$(steps "a	1	$all	x" "b	2	ptdesc	y" "c	3	$all	z" "d	4	pte	w")" 5 "c d")" "d=4:pte"
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
# The steps resolve to the patches of the first series, from history.
assert_contains "make path refuses a bad folder to publish to" \
	"$(PATH_PUBLISH_AS=a/b bash "$TOP/scripts/path.sh" 2>&1)" "PATH_PUBLISH_AS='a/b': a results folder name"
plan=$(DRY_RUN=1 bash "$TOP/scripts/path.sh" 2>&1)
assert_contains "DRY_RUN names the series commit" "$plan" "the series at commit $series (29 patches)"
assert_contains "the first step is patches 1-12" "$plan" "first: patches 1-12, rebuilds baseline,pte,ptdesc,ptdesc-wp"
assert_contains "whose first patch is the Kconfig choice" "$plan" "   1 arm64/mm: Add a Kconfig choice for soft-dirty and reserve its bits"
assert_contains "and last the async uffd-wp fix" "$plan" "  12 mm: Modify the entry as mprotect() does when resolving async uffd-wp"
assert_contains "bulk is patches 15-16" "$plan" "bulk: patches 15-16, rebuilds ptdesc,ptdesc-wp"
assert_contains "ending with the arm64 table copy" "$plan" "  16 arm64/mm: Copy the extended bits of a table at once on fork()"
assert_contains "mask-words is patch 25" "$plan" $'mask-words: patches 25-25, rebuilds ptdesc,ptdesc-wp: fork masks uffd-wp out of the copied bits four words at a time\n  25 mm: Mask extended bits four words at a time on fork()'
assert_contains "configs is patches 26-29" "$plan" "  29 userfaultfd: Give the tables of a registered range bits once more"
assert_contains "a subset of steps spans the patches since the step before" \
	"$(OPT_PATH_STEPS="first batch" DRY_RUN=1 bash "$TOP/scripts/path.sh" 2>&1)" "batch: patches 13-14"
assert_contains "a subset that would keep a kernel the skipped patches change is refused" \
	"$(OPT_PATH_STEPS="first bulk" DRY_RUN=1 bash "$TOP/scripts/path.sh" 2>&1)" \
	"step 'bulk' would keep the pte kernel of step 'first', but the skipped step 'contpte' changes pte"

# A small repository whose patches/ is replaced by a v2 after the commit
# recorded: the first series is still read from that commit.
repo="$T_TMP/repo"
mkdir -p "$repo/patches"
git -C "$repo" init -q
mkpatch() { printf 'From 0 Mon Sep 17 00:00:00 2001\nSubject: [PATCH %s] %s\n continued\n\nbody\n' "$2" "$3" >"$repo/patches/$1"; }
mkpatch 0000-cover-letter.patch 0/2 "the cover"
mkpatch 0001-a.patch 1/2 "mm: one"
mkpatch 0002-b.patch 2/2 "mm: two"
git -C "$repo" add -A && git -C "$repo" -c user.name=T -c user.email=t@e commit -q -m v1
v1=$(git -C "$repo" rev-parse HEAD)
git -C "$repo" rm -q patches/0001-a.patch patches/0002-b.patch patches/0000-cover-letter.patch
mkdir -p "$repo/patches"
mkpatch v2-0001-c.patch v2 "mm: all at once"
git -C "$repo" add -A && git -C "$repo" -c user.name=T -c user.email=t@e commit -q -m v2
assert_eq "after v2, the v1 commit still lists v1's patches" $'0001-a.patch\n0002-b.patch' "$(pathlib "history_series_files '$repo' '$v1'")"
assert_eq "a folded subject is read whole" "mm: two continued" "$(pathlib "history_patch_subject '$repo' '$v1' 0002-b.patch")"
assert_eq "and the v2 commit its own" "v2-0001-c.patch" "$(pathlib "history_series_files '$repo' HEAD")"
git clone -q --depth 1 "file://$repo" "$T_TMP/shallow" 2>/dev/null
assert_contains "a shallow clone is told to unshallow" "$(pathlib "check_history_commit '$T_TMP/shallow' '$v1'")" \
	"is not in this shallow clone: run 'git -C $T_TMP/shallow fetch --unshallow'"
assert_contains "a clone without the commit is told to fetch it" \
	"$(pathlib "check_history_commit '$repo' 0123456789012345678901234567890123456789")" "is not in this clone's history: fetch it"
printf 'commit: 0fd8b7d\n' >"$T_TMP/short.series"
assert_contains "a short commit id is refused" "$(pathlib "path_series_commit '$T_TMP/short.series'")" "a full id (40 hex digits)"
printf '# nothing\n' >"$T_TMP/none.series"
assert_contains "a series file without a commit is refused" "$(pathlib "path_series_commit '$T_TMP/none.series'")" "expected a line 'commit: <40 hex digits>'"
# path-publish.sh keeps a run of some of the steps beside the whole path: in
# results/NAME/ and between its own markers, the steps measured named, the
# PATH block untouched. A copy of the scripts, so that TOP is the copy.
pub="$T_TMP/pub"
mkdir -p "$pub/results/path" "$pub/bench"
cp -r "$TOP/scripts" "$pub/"
cp "$TOP/bench/benchmarks.tsv" "$pub/bench/"
printf 'path\tthe whole path\npath-last\tthe last steps\n' >"$pub/results/notes.tsv"
printf '# R\n\n## The path\n\n<!-- BEGIN PATH by make path (old): edit outside the markers -->\nold block\n<!-- END PATH -->\n\nbetween\n\n<!-- BEGIN STEPS path-last -->\n<!-- END STEPS path-last -->\n\nafter\n' >"$pub/RESULTS.md"
fake="$T_TMP/runs/20260101-000000-path"
mkdir -p "$fake/plots"
printf '# steps\na\t1\tbaseline,ptdesc\tthe first\nb\t2\tptdesc\tthe second\nc\t3\tptdesc\tthe third\n' >"$fake/path.steps"
printf 'reps icount: 2\nbench: fork-bench --size 1G --folio 2M --reps @REPS@ --forks 12\n' >"$fake/experiment.exp"
echo "baseline ptdesc" >"$fake/variants"
printf '\n#### ptdesc: a table\n' >"$fake/path.md"
touch "$fake/path.csv" "$fake/path.tsv" "$fake/plots/path.png" "$fake/plots/path.svg" "$fake/plots/path.dat"
for st in a c; do
	mkdir -p "$fake/$st"
	echo 0123 >"$fake/$st/commit"
	echo ptdesc >"$fake/$st/rebuilt"
	mkdir -p "$fake/$st/ptdesc/icount/out"
	for f in guest.env output.log steps.sh console.log; do echo x >"$fake/$st/ptdesc/icount/$f"; done
done
assert_status "a run of steps a and c is published as path-last" 0 bash "$pub/scripts/path-publish.sh" "$fake" path-last
gen=$(cat "$pub/results/path-last/generated.md" 2>/dev/null)
assert_contains "it names the steps measured, of how many" "$gen" "(results/path-last/path.steps): a, c of its 3):"
assert_contains "its steps table has the steps measured" "$gen" "| c | 3 | the third |"
assert_eq "and not the others" "" "$(grep -F '| b | 2 |' <<<"$gen" || true)"
assert_contains "RESULTS.md gets it between its markers" "$(sed -n '/BEGIN STEPS path-last/,/END STEPS path-last/p' "$pub/RESULTS.md")" "results/path-last/plots/path.png"
assert_contains "the PATH block is left as it was" "$(cat "$pub/RESULTS.md")" $'<!-- BEGIN PATH by make path (old): edit outside the markers -->\nold block\n<!-- END PATH -->\n\nbetween'
assert_eq "the raw output of the rebuilt kernels is kept" "console.log.gz guest.env out output.log steps.txt " "$(find "$pub/results/path-last/raw/c/ptdesc/icount" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort | tr '\n' ' ')"
assert_contains "a bad folder name is refused" "$(bash "$pub/scripts/path-publish.sh" "$fake" 'Path/x' 2>&1)" "lower-case letters, digits and '-'"
assert_contains "a folder that is not a path run is refused" "$(bash "$pub/scripts/path-publish.sh" "$T_TMP" x 2>&1)" "is not a make path run"
finish
