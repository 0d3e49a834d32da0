#!/usr/bin/env bash
# Experiment definitions: the shipped ones load; bad ones are refused before
# anything is built, with the line and the problem.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/lib/common.sh"
. "$TOP/scripts/lib/experiment.sh"
for e in $(list_experiments); do
	assert_status "experiment $e loads" 0 bash -c ". '$TOP/scripts/lib/common.sh'; . '$TOP/scripts/lib/experiment.sh'; load_experiment $e"
done
load_experiment default
# shellcheck disable=SC2086 # one line per variant
assert_eq "the default experiment covers every variant" "$(list_variants | sort | tr "\n" " ")" "$(printf '%s\n' $EXP_VARIANTS | sort | tr "\n" " ")"
script=$(experiment_guest_script icount)
assert_contains "each step runs under perf stat" "$script" "perf stat -x, -e task-clock,cycles,instructions,page-faults"
# shellcheck disable=SC2154 # EXP_REPS_icount: set by load_experiment's eval
assert_contains "repetitions are filled in, a round's share" "$script" "fork-bench --size 1G --folio 4K --reps $((EXP_REPS_icount / EXP_ROUNDS))"
case "$script" in *profile*) not_ok "the TCG-only profile is not in icount" ;; *) ok "the TCG-only profile is not in icount" ;; esac
case "$script$(experiment_guest_script tcg 1)" in *taskset*) not_ok "modes icount and tcg do not pin the steps" ;; *) ok "modes icount and tcg do not pin the steps" ;; esac
case "$(experiment_guest_script tcg 1)" in *"perf record"*) ok "the profile runs in the first round" ;; *) not_ok "the profile runs in the first round" ;; esac
case "$(experiment_guest_script tcg 2)" in *"perf record"*) not_ok "the profile runs in the first round only" ;; *) ok "the profile runs in the first round only" ;; esac

bad() {
	printf '%s\n' "$@" >"$EXP_DIR_TMP/bad.exp"
	bash -c ". '$TOP/scripts/lib/common.sh'; . '$TOP/scripts/lib/experiment.sh'; EXP_DIR='$EXP_DIR_TMP'; load_experiment bad" 2>&1
}
EXP_DIR_TMP="$T_TMP"
base=(description: "variants: baseline" "modes: icount" "reps icount: 2")
assert_contains "an unknown variant is named with the valid ones" "$(bad "${base[@]}" 'variants: nope' 'bench: fork-bench')" "unknown variant 'nope'; valid variants: baseline"
assert_contains "an unknown mode" "$(bad "${base[@]}" 'modes: kvm' 'bench: fork-bench')" "unknown mode 'kvm'; modes: icount tcg cache"
assert_contains "an unknown mode in a reps line lists the modes" "$(bad "${base[@]}" 'reps kvm: 2' 'bench: fork-bench')" "unknown mode 'kvm' in 'reps kvm'; modes: icount tcg cache"
assert_contains "a profile in mode cache is refused, with the modes that can" \
	"$(bad description: 'variants: baseline' 'modes: cache' 'reps cache: 1' 'bench: fork-bench' 'profile cache: fork-bench')" \
	"'profile cache' is not supported: profile in mode icount or tcg"
assert_contains "an unknown benchmark" "$(bad "${base[@]}" 'bench: rm -rf /')" "unknown benchmark 'rm'"
assert_contains "a misspelt option is refused with the program's options" "$(bad "${base[@]}" 'bench: fork-bench --sise 1G')" \
	"fork-bench takes no option --sise; its options (bench/benchmarks.tsv): --size, --folio"
assert_contains "an option of another program is refused" "$(bad "${base[@]}" 'bench: gup-bench --folio 4K')" "gup-bench takes no option --folio; its options (bench/benchmarks.tsv): --size, --reps"
assert_status "an --option=value is checked by its name" 0 bash -c "printf '%s\n' description: 'variants: baseline' 'modes: icount' 'reps icount: 2' 'bench: fork-bench --size=64M' >'$EXP_DIR_TMP/o.exp'; . '$TOP/scripts/lib/common.sh'; . '$TOP/scripts/lib/experiment.sh'; EXP_DIR='$EXP_DIR_TMP'; load_experiment o"
assert_contains "a size the guest cannot hold" "$(bad "${base[@]}" 'bench: fork-bench --size 8G')" "--size 8G cannot work"
assert_contains "a CPU the guest does not have" "$(bad "${base[@]}" 'bench: fork-bench --cpu 2')" "--cpu 2 cannot work: the guest has CPUs 0 to 1"
assert_contains "a CPU that is no number" "$(bad "${base[@]}" 'bench: fork-bench --cpu x')" "--cpu x is not a CPU number"
assert_status "a CPU the guest has" 0 bash -c "printf '%s\n' description: 'variants: baseline' 'modes: icount' 'reps icount: 2' 'bench: fork-bench --cpu 1' >'$EXP_DIR_TMP/c.exp'; . '$TOP/scripts/lib/common.sh'; . '$TOP/scripts/lib/experiment.sh'; EXP_DIR='$EXP_DIR_TMP'; load_experiment c"
assert_contains "bad repetitions" "$(bad "${base[@]}" 'reps icount: 0' 'bench: fork-bench')" "positive number"
assert_contains "a missing reps line" "$(bad description: 'variants: baseline' 'modes: tcg' 'bench: fork-bench')" "no 'reps tcg:' line"
assert_contains "the line number is given" "$(bad "${base[@]}" 'oops')" "bad.exp:5"
assert_contains "repetitions must divide among the rounds" "$(bad "${base[@]}" 'rounds: 3' 'bench: fork-bench')" "reps icount: 2 cannot be divided among 3 rounds"
assert_contains "bad rounds" "$(bad "${base[@]}" 'rounds: x' 'bench: fork-bench')" "rounds must be a positive number, not 'x'"
assert_contains "a variant in an unknown configuration" "$(bad "${base[@]}" 'variants: ptdesc@64k-41' 'bench: fork-bench')" "each may be followed by @CONFIG"
assert_contains "compare names only variants of the run" "$(bad "${base[@]}" 'compare: baseline ptdesc' 'bench: fork-bench')" "compare names 'ptdesc', which is not in the variants line above"
assert_contains "compare needs two variants" "$(bad "${base[@]}" 'compare: baseline' 'bench: fork-bench')" "compare takes a baseline and at least one variant"
load_experiment pagesizes
assert_eq "pagesizes compares each configuration with its own baseline" \
	"baseline@16k-48 ptdesc@16k-48|baseline@64k-48 ptdesc@64k-48|baseline@4k-48-kpti ptdesc@4k-48-kpti|" \
	"$(printf '%s' "$EXP_COMPARE" | tr '\n' '|')"
load_experiment cache-smoke
assert_eq "cache-smoke runs in mode cache only" "cache" "$EXP_MODES"
script=$(experiment_guest_script cache)
assert_contains "mode cache pins each step to one CPU, under perf stat" "$script" \
	"-o /out/step-1.perf -- taskset -c $CACHE_MODE_CPU sh -c fork-bench"
case " $(sed -n 's/^modes: //p' "$TOP/experiments/default.exp") " in
*" cache "*) ok "the default experiment runs its steps in mode cache too (issue 16)" ;;
*) not_ok "the default experiment runs its steps in mode cache too (issue 16)" ;;
esac
# "kernels: path-step LABEL": the first series up to a step of path.steps.
load_experiment cache-first
assert_eq "cache-first boots the kernels of path step first" "first" "$EXP_PATH_STEP"
assert_eq "cache-first runs cache.exp's steps" \
	"$(sed -n 's/^bench: //p' "$TOP/experiments/cache.exp")" "$(sed -n 's/^bench: //p' "$TOP/experiments/cache-first.exp")"
load_experiment cache
assert_eq "an experiment without a kernels line boots linux/'s kernels" "" "$EXP_PATH_STEP"
assert_contains "a kernels line names a path step" "$(bad "${base[@]}" 'kernels: first' 'bench: fork-bench')" "kernels takes 'path-step LABEL'"
cp "$TOP/experiments/path.steps" "$EXP_DIR_TMP/"
assert_contains "an unknown path step is named, with the steps" "$(bad "${base[@]}" 'kernels: path-step nope' 'bench: fork-bench')" \
	"no step 'nope' in $EXP_DIR_TMP/path.steps; steps: first contpte"
# cache.exp is the default's benchmarks in mode cache (mem-bench measures
# memory, not a region, and is left out).
assert_eq "cache.exp runs the default experiment's steps but mem-bench" \
	"$(sed -n 's/^bench: //p' "$TOP/experiments/default.exp" | grep -v '^mem-bench')" \
	"$(sed -n 's/^bench: //p' "$TOP/experiments/cache.exp")"
load_experiment quick
assert_eq "without compare lines, every variant against baseline" "baseline ptdesc" "$(printf '%s' "$EXP_COMPARE" | head -n 1)"
printf '%s\n' description: "variants: baseline" "modes: icount" "reps icount: 4" "rounds: 2" "bench: fork-bench --reps @REPS@" >"$EXP_DIR_TMP/r.exp"
assert_contains "each round runs its share of the repetitions" \
	"$(bash -c ". '$TOP/scripts/lib/common.sh'; . '$TOP/scripts/lib/experiment.sh'; EXP_DIR='$EXP_DIR_TMP'; load_experiment r; experiment_guest_script icount")" "fork-bench --reps 2"
# make results DRY_RUN=1: the plan of the default experiment, nothing built.
plan=$(cd "$T_TMP" && DRY_RUN=1 bash "$TOP/scripts/results.sh" default 2>&1)
assert_eq "DRY_RUN=1 make results: exit 0" 0 $?
load_experiment default
boots=$(($(echo "$EXP_VARIANTS" | wc -w) * $(echo "$EXP_MODES" | wc -w) * EXP_ROUNDS))
assert_contains "... counts the guest boots from the experiment" "$plan" "guest boots: $boots ("
assert_contains "... lists a boot's steps with their repetitions" "$plan" "1/10 fork-bench --size 1G --folio 4K --reps $((EXP_REPS_icount / EXP_ROUNDS))"
assert_contains "... the TCG profile in round 1" "$plan" "profile"
case "$plan" in *"kernel baseline"*|*"deps:"*) not_ok "... and builds nothing" ;; *) ok "... and builds nothing" ;; esac
plan=$(DRY_RUN=1 bash "$TOP/scripts/results.sh" nosuch 2>&1 || true)
assert_contains "DRY_RUN=1 with an unknown experiment names the valid ones" "$plan" "unknown experiment 'nosuch'; experiments:"
finish
