#!/usr/bin/env bash
# scripts/lib/results.sh, shared by the scripts that write results/ and
# RESULTS.md: results_setup, compare_tables (a run's comparison tables),
# keep_raw (a boot's raw output) and md_section, which writes the generated
# sections of RESULTS.md: a section is replaced in place, the hand-written
# text around it kept; a new one goes after its heading, or at the end.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/lib/results.sh"

md="$T_TMP/RESULTS.md" gen="$T_TMP/gen.md"
printf '%s\n' '<!-- BEGIN X by a test -->' new '<!-- END X -->' >"$gen"

printf '%s\n' '# Results' before '<!-- BEGIN X old -->' old1 old2 '<!-- END X -->' after >"$md"
md_section "$md" X "$gen"
assert_eq "md_section: a section is replaced in place" \
	"$(printf '%s\n' '# Results' before '<!-- BEGIN X by a test -->' new '<!-- END X -->' after)" "$(cat "$md")"
md_section "$md" X "$gen"
assert_eq "md_section: replacing it again changes nothing" \
	"$(printf '%s\n' '# Results' before '<!-- BEGIN X by a test -->' new '<!-- END X -->' after)" "$(cat "$md")"

printf '%s\n' '# Results' '<!-- BEGIN Y -->' y '<!-- END Y -->' text >"$md"
md_section "$md" X "$gen"
assert_eq "md_section: a new section goes at the end, other sections kept" \
	"$(printf '%s\n' '# Results' '<!-- BEGIN Y -->' y '<!-- END Y -->' text '<!-- BEGIN X by a test -->' new '<!-- END X -->')" "$(cat "$md")"

printf '%s\n' '# Results' '## Summary' text >"$md"
md_section "$md" X "$gen" '## Summary'
assert_eq "md_section: a new section goes after its heading" \
	"$(printf '%s\n' '# Results' '## Summary' '' '<!-- BEGIN X by a test -->' new '<!-- END X -->' text)" "$(cat "$md")"
md_section "$md" X "$gen" '## Summary'
assert_eq "md_section: and is replaced there, in place" \
	"$(printf '%s\n' '# Results' '## Summary' '' '<!-- BEGIN X by a test -->' new '<!-- END X -->' text)" "$(cat "$md")"

printf '%s\n' '# Results' text >"$md"
md_section "$md" X "$gen" '## Summary'
assert_eq "md_section: without its heading, a new section goes nowhere" \
	"$(printf '%s\n' '# Results' text)" "$(cat "$md")"

# compare_tables: sdstat compare per compare line, on a run of two variants.
if ! make -s -C "$TOP/analysis" >"$T_TMP/build.log" 2>&1; then
	not_ok "analysis builds" "$(tail -n 5 "$T_TMP/build.log")"
	finish
fi
sdstat="$TOP/build/analysis/sdstat"
"$sdstat" tidy --run r "$TOP/analysis/tests/fixtures/run-icount" |
	awk -F, -v OFS=, 'NR == 1 { print; next } /,fork,instructions,/ { print; $2 = "pte"; print }' >"$T_TMP/r.csv"
for _ in 1 2; do
	printf '\n## pte against baseline\n\n'
	"$sdstat" compare "$T_TMP/r.csv" --baseline baseline --variants baseline,pte
done >"$T_TMP/expected.md"
compare_tables "$T_TMP/r.csv" $'baseline pte\n\nbaseline pte\n' >"$T_TMP/tables.md"
assert_eq "compare_tables: one section per compare line, blank lines skipped" \
	"$(cat "$T_TMP/expected.md")" "$(cat "$T_TMP/tables.md")"
assert_status "compare_tables: fails with sdstat's status" 1 \
	compare_tables "$T_TMP/none.csv" $'baseline pte\nbaseline pte'
assert_eq "and stops at the first that fails" 1 "$(grep -c '^## ' <<<"$OUT")"

# keep_raw: a boot's raw output as results/ keeps it.
b="$T_TMP/run/baseline/icount"
mkdir -p "$b/out"
echo env >"$b/guest.env" && echo out >"$b/output.log" && echo steps >"$b/steps.sh"
echo console >"$b/console.log" && echo perf >"$b/out/step-1.perf"
keep_raw "$b/" "$T_TMP/kept/baseline/icount/"
k="$T_TMP/kept/baseline/icount"
assert_eq "keep_raw: guest.env, output.log, steps.txt, the console log compressed, out/" \
	"console.log.gz guest.env out/step-1.perf output.log steps.txt " \
	"$(cd "$k" && find . -type f | sed 's#^\./##' | sort | tr '\n' ' ')"
assert_eq "and their contents" "env out steps console perf" \
	"$(cat "$k/guest.env" "$k/output.log" "$k/steps.txt" | tr '\n' ' ')$(gzip -dc "$k/console.log.gz") $(cat "$k/out/step-1.perf")"
rm -r "$b/out"
keep_raw "$b" "$T_TMP/kept2"
assert_eq "keep_raw: a boot without out/ has an empty one" "" "$(ls -A "$T_TMP/kept2/out")"

# results_setup: the published run's folder, RESULTS.md and variants.
mkdir "$T_TMP/results"
printf 'variants: baseline pte\n' >"$T_TMP/results/experiment.exp"
RESULTS_DIR="$T_TMP/results" RESULTS_MD="$T_TMP/R.md" results_setup
assert_eq "results_setup: RESULTS_DIR, RESULTS_MD, sdstat, the run's variants" \
	"$T_TMP/results $T_TMP/R.md $sdstat baseline pte" "$dest $results_md $sdstat $variants"
finish
