# shellcheck shell=bash
# Reading experiment definitions (experiments/NAME.exp). Source after lib/common.sh.
# Sets EXP_DESCRIPTION, EXP_VARIANTS (kernels: VARIANT or VARIANT@CONFIG, see
# experiments/configs.tsv), EXP_MODES, EXP_REPS_<mode>, EXP_ROUNDS
# (guest boots per variant and mode, taken in turn across the variants so that
# a drift of the host spreads over all of them; the repetitions are divided
# among them), EXP_COMPARE (lines "BASELINE OTHER...", from "compare:" lines;
# without any, every variant against baseline) and EXP_STEPS: lines
# "bench<TAB>*<TAB>command" or "profile<TAB>MODE<TAB>command"; EXP_PATH_STEP:
# the label of the step of experiments/path.steps whose kernels the run boots
# ("kernels: path-step LABEL": the first series in this repository's history
# up to that step's patch, for every variant), empty for linux/'s.

EXP_DIR="$TOP/experiments"
GUEST_MEM_MB=4096
GUEST_SMP=2

# The QEMU modes (scripts/results.sh turns each into guest-run.sh options):
# icount (deterministic, the PMU counts instructions), tcg (emulated time)
# and cache (icount plus the cache model, cachemodel/).
EXP_KNOWN_MODES="icount tcg cache"
# In mode cache every step runs pinned to this CPU: the phase markers are
# per CPU, so a task that migrates inside a phase would spoil its counts.
CACHE_MODE_CPU=1

# check_mode LINENO MODE [WHERE]: fail, listing the valid modes, unless MODE is one.
check_mode() {
	# shellcheck disable=SC2016 # the quotes inside ${3:+...} are literal
	case " $EXP_KNOWN_MODES " in
	*" $2 "*) ;;
	*) exp_error "$1" "unknown mode '$2'${3:+ in '$3'}; modes: $EXP_KNOWN_MODES" ;;
	esac
}

list_experiments() {
	local f
	for f in "$EXP_DIR"/*.exp; do basename "$f" .exp; done | tr '\n' ' '
}

# The programs a step may run (in the guest image's /opt/bench or
# /opt/tests): the bench rows of bench/benchmarks.tsv.
KNOWN_BENCHES=$(benchmarks bench | cut -f1 | tr '\n' ' ')
KNOWN_BENCHES="${KNOWN_BENCHES% }"

# check_step_options LINENO COMMAND: every --option of the step is one its
# program takes (the OPTIONS of its bench row), so that a misspelt option
# fails here rather than in the guest after the kernels are built.
check_step_options() {
	local lineno="$1" prog="${2%% *}" opts word name
	opts=$(benchmarks bench | awk -F'\t' -v p="$prog" '$1 == p { print $3; exit }')
	for word in ${2#"$prog"}; do
		case "$word" in --?*) ;; *) continue ;; esac
		name="${word#--}"
		name="${name%%=*}"
		case ",$opts," in
		*",$name,"*) ;;
		*) exp_error "$lineno" "$prog takes no option --$name; its options (bench/benchmarks.tsv): $([ "$opts" = - ] && echo none || echo "--${opts//,/, --}")" ;;
		esac
	done
}

# exp_error LINE MESSAGE
exp_error() {
	die "experiment $EXP_NAME ($EXP_FILE:$1): $2"
}

# check_step_params LINENO COMMAND: sizes that cannot fit the guest and CPUs
# it does not have fail here, before anything is built or booted.
check_step_params() {
	local lineno="$1" cmd="$2" word prev="" mb
	for word in $cmd; do
		if [ "$prev" = --size ]; then
			case "$word" in
			*[Gg]) mb=$((${word%[Gg]} * 1024)) ;;
			*[Mm]) mb=${word%[Mm]} ;;
			*) mb=0 ;;
			esac
			case "$mb" in '' | *[!0-9]*) exp_error "$lineno" "--size $word is not a size like 256M or 1G" ;; esac
			# The fork benchmark's child shares the memory; the guest needs
			# room for its own kernel and the page tables.
			if [ "$mb" -gt $((GUEST_MEM_MB - 1024)) ]; then
				exp_error "$lineno" "--size $word cannot work: the guest has ${GUEST_MEM_MB} MiB and needs 1 GiB for itself"
			fi
		fi
		if [ "$prev" = --cpu ]; then
			case "$word" in
			'' | *[!0-9]*) exp_error "$lineno" "--cpu $word is not a CPU number" ;;
			esac
			[ "$word" -lt "$GUEST_SMP" ] ||
				exp_error "$lineno" "--cpu $word cannot work: the guest has CPUs 0 to $((GUEST_SMP - 1))"
		fi
		prev="$word"
	done
}

load_experiment() {
	EXP_NAME="$1"
	EXP_FILE="$EXP_DIR/$1.exp"
	[ -f "$EXP_FILE" ] || die "unknown experiment '$1'; experiments: $(list_experiments)(experiments/*.exp)"
	EXP_DESCRIPTION="" EXP_VARIANTS="" EXP_MODES="" EXP_STEPS="" EXP_ROUNDS=1 EXP_COMPARE="" EXP_PATH_STEP=""
	local lineno=0 line key value mode v prog reps
	while IFS= read -r line || [ -n "$line" ]; do
		lineno=$((lineno + 1))
		case "$line" in '' | '#'*) continue ;; esac
		key="${line%%:*}"
		value="${line#*:}"
		value="${value# }"
		[ "$key" != "$line" ] || exp_error "$lineno" "expected 'key: value', got '$line'"
		# shellcheck disable=SC2034 # EXP_DESCRIPTION: read by the scripts that source this
		case "$key" in
		description) EXP_DESCRIPTION="$value" ;;
		variants)
			for v in $value; do
				(check_kernel "$v") 2>/dev/null ||
					exp_error "$lineno" "unknown variant '$v'; valid variants: $(list_variants | tr '\n' ' ')(each may be followed by @CONFIG, a configuration of experiments/configs.tsv)"
			done
			EXP_VARIANTS="$value" ;;
		compare)
			[ "$(echo "$value" | wc -w)" -ge 2 ] ||
				exp_error "$lineno" "compare takes a baseline and at least one variant to compare with it"
			for v in $value; do
				case " $EXP_VARIANTS " in *" $v "*) ;; *) exp_error "$lineno" "compare names '$v', which is not in the variants line above" ;; esac
			done
			EXP_COMPARE="$EXP_COMPARE$value"$'\n' ;;
		modes)
			for mode in $value; do
				check_mode "$lineno" "$mode"
			done
			EXP_MODES="$value" ;;
		kernels)
			case "$value" in
			"path-step "*[!\ ]*) ;;
			*) exp_error "$lineno" "kernels takes 'path-step LABEL' (a step of experiments/path.steps), not '$value'" ;;
			esac
			EXP_PATH_STEP="${value#path-step }"
			awk -F'\t' -v l="$EXP_PATH_STEP" '!/^#/ && $1 == l { found = 1 } END { exit !found }' "$EXP_DIR/path.steps" ||
				exp_error "$lineno" "no step '$EXP_PATH_STEP' in ${EXP_DIR#"$TOP"/}/path.steps; steps: $(awk -F'\t' '!/^#/ && NF { printf "%s ", $1 }' "$EXP_DIR/path.steps")" ;;
		rounds)
			case "$value" in '' | *[!0-9]* | 0) exp_error "$lineno" "rounds must be a positive number, not '$value'" ;; esac
			[ "$value" -le 100 ] || exp_error "$lineno" "$value rounds is more than 100"
			EXP_ROUNDS="$value" ;;
		"reps "*)
			mode="${key#reps }"
			check_mode "$lineno" "$mode" "$key"
			case "$value" in '' | *[!0-9]* | 0) exp_error "$lineno" "repetitions must be a positive number, not '$value'" ;; esac
			[ "$value" -le 1000 ] || exp_error "$lineno" "$value repetitions is more than 1000"
			eval "EXP_REPS_$mode=\$value" ;;
		bench | "profile "*)
			prog="${value%% *}"
			case " $KNOWN_BENCHES " in *" $prog "*) ;; *) exp_error "$lineno" "unknown benchmark '$prog'; benchmarks: $KNOWN_BENCHES" ;; esac
			check_step_options "$lineno" "$value"
			check_step_params "$lineno" "$value"
			if [ "$key" = bench ]; then
				EXP_STEPS="$EXP_STEPS"$'bench\t*\t'"$value"$'\n'
			else
				mode="${key#profile }"
				check_mode "$lineno" "$mode" "$key"
				# A profile step's output is discarded: its phases would have
				# no samples to join the cache model's counts to.
				[ "$mode" != cache ] ||
					exp_error "$lineno" "'profile cache' is not supported: profile in mode icount or tcg (a profile step's output is discarded, and the cache model's counts are joined to the output's samples)"
				EXP_STEPS="$EXP_STEPS"$'profile\t'"$mode"$'\t'"$value"$'\n'
			fi ;;
		*) exp_error "$lineno" "unknown key '$key' (description, variants, compare, kernels, modes, rounds, reps MODE, bench, profile MODE)" ;;
		esac
	done <"$EXP_FILE"
	[ -n "$EXP_VARIANTS" ] || exp_error "$lineno" "no 'variants:' line"
	[ -n "$EXP_MODES" ] || exp_error "$lineno" "no 'modes:' line"
	[ -n "$EXP_STEPS" ] || exp_error "$lineno" "no 'bench:' line"
	[ -n "$EXP_COMPARE" ] ||
		EXP_COMPARE="baseline$(printf '%s' "$EXP_VARIANTS" | awk '{ for (i = 1; i <= NF; i++) if ($i != "baseline") printf " %s", $i }')"$'\n'
	for mode in $EXP_MODES; do
		eval "[ -n \"\${EXP_REPS_$mode:-}\" ]" || exp_error "$lineno" "no 'reps $mode:' line"
		eval "reps=\$EXP_REPS_$mode"
		# shellcheck disable=SC2154 # set by the eval above
		[ $((reps % EXP_ROUNDS)) = 0 ] ||
			exp_error "$lineno" "reps $mode: $reps cannot be divided among $EXP_ROUNDS rounds"
	done
}

# experiment_guest_script MODE [ROUND]: the guest script of one variant-mode
# run (one round of it): every step under perf stat; the profile steps in the
# first round only.
experiment_guest_script() {
	local mode="$1" round="${2:-1}" reps n=0 total kind only cmd
	eval "reps=\$((EXP_REPS_$mode / EXP_ROUNDS))"
	total=$(printf '%s' "$EXP_STEPS" | awk -F'\t' -v m="$mode" -v r="$round" '$2 == "*" || ($2 == m && r == 1)' | wc -l)
	# shellcheck disable=SC2016 # the guest's $PATH, expanded there
	echo 'export PATH=/opt/bench:/opt/selftests/mm:$PATH'
	printf '%s' "$EXP_STEPS" | while IFS=$'\t' read -r kind only cmd; do
		[ "$only" = "*" ] || { [ "$only" = "$mode" ] && [ "$round" = 1 ]; } || continue
		n=$((n + 1))
		cmd="${cmd//@REPS@/$reps}"
		printf 'echo "PROGRESS %d/%d %s"\n' "$n" "$total" "$cmd"
		if [ "$kind" = bench ]; then
			printf "echo %q > /out/step-%d.cmd\n" "$cmd" "$n"
			printf "perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-%d.perf -- %ssh -c %q || { echo \"STEP-FAILED %d\"; exit 1; }\n" \
				"$n" "$([ "$mode" = cache ] && echo "taskset -c $CACHE_MODE_CPU ")" "$cmd" "$n"
		else
			printf "echo %q > /out/profile-%d.cmd\n" "$cmd" "$n"
			printf "perf record -q -e cpu-clock -a -g -o /tmp/perf.data -- sh -c %q >/dev/null || { echo \"STEP-FAILED %d\"; exit 1; }\n" "$cmd" "$n"
			printf "perf report -q -i /tmp/perf.data --stdio --no-children --sort symbol --percent-limit 0.5 -g none > /out/profile-%d.txt 2>&1; rm -f /tmp/perf.data\n" "$n"
		fi
	done
	echo 'echo "PROGRESS done"'
}
