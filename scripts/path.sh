#!/usr/bin/env bash
# make path: the optimisation path of the extended bits, measured. For each
# step of experiments/path.steps (the series up to one patch), build the
# kernels of the variants that patch changes, boot every variant in icount
# mode and run experiments/path.exp; then one table per variant of the change
# against baseline at every step, and a plot of fork()'s overhead along the
# path next to the RFC's 40%. Raw data stay in runs/<date>-path/; with
# PUBLISH=1 (the default) results/path/ and the path section of RESULTS.md
# are written from them. Long: each step builds up to four kernels (each
# guest runs while the next kernel builds).
# The series is the first one, read from this repository's history (the
# commit named in experiments/path.series) and applied in a linux worktree
# of its own (build/path/src), not patches/.
#
# Environment: OPT_PATH_STEPS (labels of the steps to run, default all; the
# first step must be one of them), OPT_PATH_VARIANTS (the variants to measure, a
# subset of the experiment's with baseline, default all of them), PUBLISH (1
# or empty), PATH_PUBLISH_AS (the folder results/NAME/ it publishes to,
# default path; a run of some of the steps kept beside the whole path gets a
# name of its own: scripts/path-publish.sh), DRY_RUN=1 (list each step's patches and their subjects from
# history, and stop: no build).
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/series.sh"
. "$(dirname "$0")/lib/experiment.sh"

timer_start path

load_experiment path
for mode in $EXP_MODES; do
	[ "$mode" = icount ] || die "experiment path: only the icount mode is measured along the path, not '$mode'"
done
if [ -n "${OPT_PATH_VARIANTS:-}" ]; then
	case " $OPT_PATH_VARIANTS " in
	*" baseline "*) ;;
	*) die "OPT_PATH_VARIANTS='$OPT_PATH_VARIANTS' lacks baseline, against which every step is compared" ;;
	esac
	for v in $OPT_PATH_VARIANTS; do
		case " $EXP_VARIANTS " in
		*" $v "*) ;;
		*) die "OPT_PATH_VARIANTS: '$v' is not a variant of experiment path; its variants: $EXP_VARIANTS" ;;
		esac
	done
	EXP_VARIANTS=$(for v in $EXP_VARIANTS; do case " $OPT_PATH_VARIANTS " in *" $v "*) printf '%s ' "$v" ;; esac; done)
	EXP_VARIANTS="${EXP_VARIANTS% }"
fi
case "${PATH_PUBLISH_AS:-path}" in
*[!a-z0-9-]*) die "PATH_PUBLISH_AS='$PATH_PUBLISH_AS': a results folder name is lower-case letters, digits and '-'" ;;
esac
STEPS_FILE="$EXP_DIR/path.steps"
publish="${PUBLISH-1}"

# The steps, of the series at the commit of path.series: parse_steps fills
# LABELS, PATCH_OF, REBUILD_OF, WHAT_OF.
# shellcheck source=scripts/lib/path.sh
. "$TOP/scripts/lib/path.sh"
series_commit=$(path_series_commit "$EXP_DIR/path.series")
check_history_commit "$TOP" "$series_commit"
npatches=$(history_series_files "$TOP" "$series_commit" | wc -l)
[ "$npatches" -gt 0 ] || die "commit $series_commit (experiments/path.series) has no patches in patches/"
parse_steps "$STEPS_FILE" "$npatches" "${OPT_PATH_STEPS:-}" "$EXP_VARIANTS"
if [ -n "${DRY_RUN:-}" ]; then
	path_plan "$TOP" "$series_commit"
	exit 0
fi

say "dependencies, linux/, guest image, analysis"
bash "$TOP/scripts/deps.sh"
bash "$TOP/scripts/linux-prepare.sh"
bash "$TOP/scripts/guest-image.sh"
make -s -C "$TOP/analysis" >/dev/null
sdstat="$TOP/build/analysis/sdstat"

# The series in a worktree of linux/ of its own (build/path/src).
path_worktree "$series_commit" "$npatches"
src="$PATH_SRC"
images="$BUILD/path/images"
mkdir -p "$images"

run_id="$(date -u +%Y%m%d-%H%M%S)-path"
RUN="$TOP/runs/$run_id"
mkdir -p "$RUN"
cp "$EXP_FILE" "$RUN/experiment.exp"
cp "$STEPS_FILE" "$RUN/path.steps"
echo "$series_commit" >"$RUN/series-commit"
echo "$EXP_VARIANTS" >"$RUN/variants"
script=$(experiment_guest_script icount)

# A guest runs in the background while the next kernel builds: icount
# counts instructions, which do not depend on what else the host runs, and
# the guests take about as long as the builds. One guest at a time; the
# kernels a step keeps from the step before are copied, and each step's
# results tidied, once every guest has finished.
guest_pid=""
guest_what=""
wait_guest() {
	[ -n "$guest_pid" ] || return 0
	wait "$guest_pid" || die "the $guest_what failed; raw data in $guest_dir"
	guest_pid=""
}
kept=()
prev=""
n=0
for label in $LABELS; do
	n=$((n + 1))
	patch="${PATCH_OF[$label]}"
	say "step $n/$(wc -w <<<"$LABELS") '$label' (patches 1-$patch): ${WHAT_OF[$label]}"
	commit=$(path_checkout "$patch")
	mkdir -p "$RUN/$label"
	echo "$commit" >"$RUN/$label/commit"
	for v in $EXP_VARIANTS; do
		dir="$RUN/$label/$v/icount"
		case ",${REBUILD_OF[$label]}," in
		*",$v,"*)
			say "  $label: kernel $v"
			KERNEL_SRC="$src" KERNEL_OUT="$BUILD/path/obj/$v" \
				bash "$TOP/scripts/kernel-build.sh" "$v"
			cp "$BUILD/path/obj/$v/arch/arm64/boot/Image" "$images/$label-$v.Image"
			release=$(cat "$BUILD/path/obj/$v/include/config/kernel.release")
			wait_guest
			say "  $label: $v in the guest (while the next kernel builds)"
			mkdir -p "$dir"
			printf '%s\n' "$script" >"$dir/steps.sh"
			KERNEL_RELEASE="$release (path step $label)" \
				bash "$TOP/scripts/guest-run.sh" --variant "$v" --kernel "$images/$label-$v.Image" \
				--icount --quiet --timeout 2400 --run-dir "$dir" -- "$script" </dev/null &
			guest_pid=$!
			guest_what="$v guest of path step $label"
			guest_dir="$dir"
			echo "$v" >>"$RUN/$label/rebuilt"
			;;
		*)
			[ -n "$prev" ] || die "path step $label keeps the $v kernel of the step before, but it is the first step"
			kept+=("$prev $label $v")
			;;
		esac
	done
	prev="$label"
done
wait_guest
# In step order, as they were recorded: a copy of a copy finds its source.
for k in "${kept[@]}"; do
	read -r from to v <<<"$k"
	mkdir -p "$RUN/$to/$v"
	cp -r "$RUN/$from/$v/icount" "$RUN/$to/$v/icount"
done
for label in $LABELS; do
	"$sdstat" tidy --run "$label" "$RUN/$label"/*/icount >"$RUN/$label/results.csv"
done

say "tables and plot"
bash "$TOP/scripts/path-report.sh" "$RUN" "$EXP_VARIANTS" "$LABELS"
if [ -n "$publish" ]; then
	say "publishing: results/${PATH_PUBLISH_AS:-path}/ and RESULTS.md"
	bash "$TOP/scripts/path-publish.sh" "$RUN" "${PATH_PUBLISH_AS:-path}"
fi
say "done: $RUN"
