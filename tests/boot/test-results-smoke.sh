#!/usr/bin/env bash
# test-results-smoke.sh: the whole results pipeline once, small (the smoke
# experiment: one variant, one repetition), and what it must leave behind:
# a tidy CSV with the benchmarks' values, statistics, plots, kept raw data.
# Nothing is published (RESULTS.md and results/ stay as they are).
. "$(dirname "$0")/../host/lib.sh"
echo "TAP version 13"
log="$T_TMP/results.log"
assert_status "make results EXPERIMENT=smoke runs to the end" 0 \
	env PUBLISH= bash "$TOP/scripts/results.sh" smoke
printf '%s\n' "$OUT" >"$log"
run=$(sed -n 's/.*done: \(.*\)$/\1/p' "$log" | tail -n 1)
if [ -z "$run" ] || [ ! -d "$run" ]; then
	not_ok "the run directory exists" "$(tail -n 5 "$log")"
	finish
fi
ok "the run directory exists ($(basename "$run"))"
csv="$run/results.csv"
# The params column is quoted and holds commas: replace it before splitting.
fields() { sed 's/"[^"]*"/PARAMS/' "$csv"; }
count() { fields | awk -F, -v b="$1" -v m="$2" '$4 == b && $8 == m' | wc -l | tr -d ' '; }
assert_eq "fork: instructions of each phase of the one repetition (populate, fork, exit_wait, dontneed: munmap is timed on even ones)" 4 \
	"$(fields | awk -F, '$4 == "fork" && $8 == "instructions" && $9 > 0' | wc -l | tr -d ' ')"
[ "$(count lockless instructions_per_call)" -ge 1 ] && ok "the primitive's instructions per call" || not_ok "the primitive's instructions per call"
[ "$(count gup get_us)" -ge 2 ] && ok "GUP-fast and PIN-fast get times" || not_ok "GUP-fast and PIN-fast get times"
[ "$(count fault instructions_per_fault)" -ge 1 ] && ok "instructions per page fault" || not_ok "instructions per page fault"
[ "$(count mem pagetable_bytes)" = 1 ] && ok "page table memory" || not_ok "page table memory"
[ "$(count fork-bench perf_instructions)" -ge 1 ] && ok "perf stat totals are kept per step" || not_ok "perf stat totals are kept per step"
assert_contains "statistics per measurement" "$(head -n 1 "$run/summary.csv")" "n,mean,stddev,cov,min,median,max"
# fork-instructions gave way to changes (every instruction count; issue 18).
for p in fork-overhead lockless changes; do
	[ -s "$run/plots/$p.png" ] && [ -s "$run/plots/$p.svg" ] && ok "plot $p (PNG and SVG)" || not_ok "plot $p (PNG and SVG)"
done
assert_contains "a perf profile is kept" "$(cat "$run"/baseline/icount/out/profile-*.txt 2>/dev/null)" "%"
assert_contains "the environment is recorded" "$(cat "$run/environment.md")" "QEMU emulator version"
assert_status "an unknown experiment is refused with the list" 1 bash "$TOP/scripts/results.sh" no-such-experiment
assert_contains "the list of experiments" "$OUT" "experiments: $(for e in "$TOP"/experiments/*.exp; do e="${e##*/}"; printf '%s ' "${e%.exp}"; done)(experiments/*.exp)"
finish
