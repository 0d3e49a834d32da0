#!/usr/bin/env bash
# make results [EXPERIMENT=name]: build the kernels of an experiment's
# variants, boot each in each QEMU mode, run the benchmarks under perf,
# analyse (analysis/sdstat), plot (gnuplot) and, for the default experiment
# (or PUBLISH=1), publish: results/ and the generated part of RESULTS.md.
# Raw data of every run stay in runs/<run-id>/.
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/experiment.sh"
. "$(dirname "$0")/lib/results.sh"

experiment="${1:-default}"
publish="${PUBLISH:-}"
[ "$experiment" = default ] && publish="${PUBLISH:-1}"
timer_start results

load_experiment "$experiment"
say "experiment $experiment: $EXP_DESCRIPTION"

# DRY_RUN=1: the plan (kernels, guest boots, what each boot runs), checked
# as a run would check it, and stop: nothing installed, built or booted.
if [ -n "${DRY_RUN:-}" ]; then
	echo "experiment: $EXP_FILE"
	echo "kernels: $EXP_VARIANTS$([ -z "$EXP_PATH_STEP" ] || echo " (the first series up to path step $EXP_PATH_STEP)")"
	echo "guest boots: $(($(echo "$EXP_VARIANTS" | wc -w) * $(echo "$EXP_MODES" | wc -w) * EXP_ROUNDS)) ($EXP_ROUNDS round(s) x variants x modes $EXP_MODES)"
	echo "publishes: $([ -n "$publish" ] && echo "results/ and RESULTS.md" || echo "results/$experiment/")"
	for mode in $EXP_MODES; do
		# Rounds after the first run the same steps (profiles run in round 1 only).
		for round in 1 $([ "$EXP_ROUNDS" = 1 ] || echo 2); do
			echo "--- mode $mode, $([ "$round" = 1 ] && echo "round 1" || echo "rounds 2-$EXP_ROUNDS, each"): the steps of one boot"
			experiment_guest_script "$mode" "$round" |
				awk '/^echo "PROGRESS [0-9]/ { sub(/^echo "PROGRESS /, "  "); sub(/"$/, ""); step = $0; next }
					/perf record/ { print step "   (under perf record: a profile)"; step = ""; next }
					/perf stat/ { print step; step = "" }'
		done
	done
	exit 0
fi

say "dependencies, linux/, guest image, analysis"
bash "$TOP/scripts/deps.sh"
bash "$TOP/scripts/linux-prepare.sh"
bash "$TOP/scripts/guest-image.sh"
make -s -C "$TOP/analysis" >/dev/null
if [[ " $EXP_MODES " == *" cache "* ]]; then
	say "the cache model (make cachemodel)"
	make -s -C "$TOP" cachemodel
fi
command -v gnuplot >/dev/null || die "gnuplot is missing: run 'make deps'"

nvariants=$(echo "$EXP_VARIANTS" | wc -w)
# kernel_image VARIANT: the Image a variant boots (empty: guest-run.sh's own).
kernel_image() { [ -z "$EXP_PATH_STEP" ] || echo "$BUILD/path/step-$EXP_PATH_STEP/$1/arch/arm64/boot/Image"; }
if [ -n "$EXP_PATH_STEP" ]; then
	# "kernels: path-step LABEL": the first series from this repository's
	# history (experiments/path.series), up to that step's patch, in make
	# path's worktree; each variant built into build/path/step-LABEL/.
	. "$TOP/scripts/lib/series.sh"
	. "$TOP/scripts/lib/path.sh"
	series_commit=$(path_series_commit "$EXP_DIR/path.series")
	check_history_commit "$TOP" "$series_commit"
	path_worktree "$series_commit" "$(history_series_files "$TOP" "$series_commit" | wc -l)"
	step_commit=$(path_checkout "$(step_patch "$EXP_DIR/path.steps" "$EXP_PATH_STEP")")
	say "kernels of path step $EXP_PATH_STEP: the first series up to commit ${step_commit:0:12}"
fi
i=0
for variant in $EXP_VARIANTS; do
	i=$((i + 1))
	say "kernel $variant ($i/$nvariants)"
	if [ -n "$EXP_PATH_STEP" ]; then
		KERNEL_SRC="$PATH_SRC" KERNEL_OUT="$BUILD/path/step-$EXP_PATH_STEP/$variant" \
			bash "$TOP/scripts/kernel-build.sh" "$variant"
	else
		bash "$TOP/scripts/kernel-build.sh" "$variant"
	fi
done

run_id="$(date -u +%Y%m%d-%H%M%S)-$experiment"
RUN="$TOP/runs/$run_id"
mkdir -p "$RUN"
cp "$EXP_FILE" "$RUN/experiment.exp"
total_runs=$((nvariants * $(echo "$EXP_MODES" | wc -w) * EXP_ROUNDS))
done_runs=0

# watch_progress OUTPUT_LOG PID LABEL: the guest's progress while it runs.
watch_progress() {
	local log="$1" pid="$2" label="$3" last="" line step reps rep
	while kill -0 "$pid" 2>/dev/null; do
		sleep 5
		line=$(grep -a '^PROGRESS ' "$log" 2>/dev/null | tail -n 1 || true)
		[ -n "$line" ] || continue
		step="${line#PROGRESS }"
		reps=$(printf '%s' "$step" | sed -n 's/.*--reps \([0-9]*\).*/\1/p')
		rep=$(tail -n 1 "$log" | awk -F'\t' '$1 == "RESULT" { print $4 }')
		local now=$(($(date +%s) - START)) left=""
		if [ "$done_runs" -gt 0 ]; then
			left=" (about $(((now * total_runs / done_runs - now) / 60 + 1)) min left)"
		fi
		line="$label: step $step${reps:+, repetition ${rep:-1}/$reps}$left"
		[ "$line" = "$last" ] || say "$line"
		last="$line"
	done
}

# Round by round, every variant in turn: a drift of the host over the run
# (other load, memory) then reaches all variants alike. A round's raw data go
# to RUN/<variant>/<mode> (round 1) or <mode>.r<N>.
for round in $(seq 1 "$EXP_ROUNDS"); do
	for variant in $EXP_VARIANTS; do
		for mode in $EXP_MODES; do
			dir="$RUN/$variant/$mode"
			[ "$round" = 1 ] || dir="$dir.r$round"
			mkdir -p "$dir"
			experiment_guest_script "$mode" "$round" >"$dir/steps.sh"
			say "run $((done_runs + 1))/$total_runs: variant $variant, mode $mode$([ "$EXP_ROUNDS" = 1 ] || echo ", round $round/$EXP_ROUNDS")"
			case "$mode" in
			icount) mode_opt=--icount ;;
			tcg) mode_opt=--single-thread ;;
			cache) mode_opt=--cache ;;
			*) die "results.sh: mode '$mode' has no guest-run.sh option; modes: $EXP_KNOWN_MODES" ;;
			esac
			set +e
			image=$(kernel_image "$variant")
			bash "$TOP/scripts/guest-run.sh" --variant "$variant" ${image:+--kernel "$image"} --smp "$GUEST_SMP" --quiet --timeout 2400 \
				"$mode_opt" --run-dir "$dir" \
				-- "$(cat "$dir/steps.sh")" </dev/null 2>"$dir/runner.stderr" &
			pid=$!
			watch_progress "$dir/output.log" "$pid" "$variant/$mode" &
			watcher=$!
			wait "$pid"
			rc=$?
			set -e
			kill "$watcher" 2>/dev/null || true
			wait "$watcher" 2>/dev/null || true
			if [ "$rc" != 0 ]; then
				cat "$dir/runner.stderr" >&2
				{ grep -a -v '^RESULT' "$dir/output.log" || true; } | tail -n 15 >&2
				die "the $variant guest ($mode) failed (exit $rc); raw data in $dir"
			fi
			done_runs=$((done_runs + 1))
		done
	done
done

say "analysis: tidy CSV, statistics, comparisons"
sdstat="$TOP/build/analysis/sdstat"
"$sdstat" tidy --run "$run_id" "$RUN"/*/* >"$RUN/results.csv"
"$sdstat" summary "$RUN/results.csv" >"$RUN/summary.csv"
bash "$TOP/scripts/results-env.sh" "$RUN" "$experiment" >"$RUN/environment.md"

# One table of comparisons per compare line of the experiment (baseline
# first), medians and means against that baseline.
say "comparisons: $RUN/comparison.md"
{
	echo "# Comparisons of run $run_id ($experiment)"
	compare_tables "$RUN/results.csv" "$EXP_COMPARE"
} >"$RUN/comparison.md"

# The plots compare the default variants with baseline.
if [[ " $EXP_VARIANTS " == *" baseline "* ]]; then
	say "plots"
	bash "$TOP/analysis/plots/plot.sh" "$RUN" "$EXP_VARIANTS"
fi

if [ -n "$publish" ]; then
	say "publishing: results/ and RESULTS.md"
	bash "$TOP/scripts/results-publish.sh" "$RUN" "$EXP_VARIANTS"
elif [ "$experiment" != smoke ] && [ "$experiment" != quick ] && [ "$experiment" != cache-smoke ]; then
	# Another experiment's run is kept in results/EXPERIMENT/, which
	# RESULTS.md cites: tables, environment, experiment, raw guest output.
	dest="$TOP/results/$experiment"
	say "keeping the run in ${dest#"$TOP"/}/"
	rm -rf "$dest"
	mkdir -p "$dest/raw"
	cp "$RUN/results.csv" "$RUN/summary.csv" "$RUN/comparison.md" "$RUN/environment.md" \
		"$RUN/experiment.exp" "$dest/"
	echo "$run_id" >"$dest/RUN"
	for d in "$RUN"/*/*/; do
		rel="${d#"$RUN"/}"
		mkdir -p "$dest/raw/$rel"
		cp "$d/guest.env" "$dest/raw/$rel/"
		# What the guest ran, kept as data: steps.txt, not a script of results/.
		cp "$d/steps.sh" "$dest/raw/$rel/steps.txt"
		gzip -9c "$d/output.log" >"$dest/raw/$rel/output.log.gz"
		gzip -9c "$d/console.log" >"$dest/raw/$rel/console.log.gz"
		# Mode cache: the plugin's counts, and them joined to the samples.
		[ ! -f "$d/cache.out" ] || gzip -9c "$d/cache.out" >"$dest/raw/$rel/cache.out.gz"
		[ ! -f "$d/cache.log" ] || gzip -9c "$d/cache.log" >"$dest/raw/$rel/cache.log.gz"
		# An experiment's profiles (its "profile MODE:" steps), as perf report printed them.
		for p in "$d"/out/profile-*.txt "$d"/out/profile-*.cmd; do
			[ ! -f "$p" ] || cp "$p" "$dest/raw/$rel/"
		done
	done
	# Its plots, and where it has them its cost tables, their plot and
	# their block of RESULTS.md (the tracking run's: issue 21); not a
	# profile's (as results-render.sh).
	case "$experiment" in
	*profile*) ;;
	*)
		say "plots and cost tables of ${dest#"$TOP"/}/"
		bash "$TOP/scripts/results-kept.sh" "$dest"
		;;
	esac
	# results/README.md, the index of results/: the kept run gets its row.
	bash "$TOP/scripts/results-index.sh"
fi
say "done: $RUN"
