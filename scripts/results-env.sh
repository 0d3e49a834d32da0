#!/usr/bin/env bash
# results-env.sh RUN_DIR EXPERIMENT: the environment of a run, as markdown.
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/experiment.sh"
run="$1"
load_experiment "$2"
first_env=$(first_match "$run"/*/*/guest.env) || die "no guest.env in $run"
value() { sed -n "/^$1=/{s///p;q}" "$2"; }
echo "| | |"
echo "|---|---|"
echo "| run | \`$(basename "$run")\` (experiment \`$2\`: $EXP_DESCRIPTION) |"
echo "| date (UTC) | $(value date "$first_env") |"
if [ -n "$EXP_PATH_STEP" ]; then
	# shellcheck disable=SC2016 # Markdown's backquotes
	printf '| kernel source | Debian linux-source-6.12 %s, the first series (experiments/path.series: commit `%s`) up to path step `%s` (patch %s) |\n' \
		"$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null)" \
		"$(sed -n 's/^commit:[[:space:]]*//p' "$EXP_DIR/path.series" | cut -c1-12)" "$EXP_PATH_STEP" \
		"$(awk -F'\t' -v l="$EXP_PATH_STEP" '!/^#/ && $1 == l { print $2; exit }' "$EXP_DIR/path.steps")"
else
	echo "| kernel source | Debian linux-source-6.12 $(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null), $(git -C "$TOP/linux" rev-list --count base..HEAD) patches of this series |"
fi
kernels=$(for v in $EXP_VARIANTS; do
	f=$(first_match "$run/$v"/*/guest.env) || die "no guest.env in $run/$v"
	# shellcheck disable=SC2016 # markdown backquotes
	printf '%s: `%s`; ' "$v" "$(value kernel_release "$f")"
done)
echo "| kernels | ${kernels%; } |"
echo "| compiler | $(aarch64-linux-gnu-gcc --version | sed -n 1p) |"
echo "| QEMU | $(value qemu "$first_env"); \`-M virt -cpu max,pauth-impdef=on -smp $(value smp "$first_env") -m $(value mem "$first_env")\` |"
for mode in $EXP_MODES; do
	reps=""
	eval "reps=\$EXP_REPS_$mode"
	case "$mode" in
	icount) desc="\`-icount shift=0,sleep=off\`: one instruction per virtual ns, single-threaded TCG; the PMU counts instructions" ;;
	tcg) desc="TCG with one host thread for both vCPUs (\`-accel tcg,thread=single\`): emulated time, which follows the host's clock; the PMU has no instruction count" ;;
	cache) desc="icount with the cache model (\`cachemodel/\`, a TCG plugin; parameters \`cachemodel/neoverse-n1.params\`): accesses and misses per cache level and modelled cycles (also with every latency halved and doubled) for each phase the benchmarks mark, \`nokaslr\`, every step pinned to CPU 1" ;;
	*) desc="mode $mode" ;;
	esac
	rounds=""
	[ "$EXP_ROUNDS" = 1 ] || rounds=" in $EXP_ROUNDS guest boots per variant, the variants taken in turn"
	echo "| mode $mode | $desc; $reps repetitions$rounds |"
done
echo "| host | $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) CPUs, $(free -g | awk '/Mem:/ { print $2 }') GiB, $(. /etc/os-release && echo "$PRETTY_NAME") |"
echo "| harness | commit \`$(git -C "$TOP" rev-parse --short HEAD 2>/dev/null || echo unknown)\`$(git -C "$TOP" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)') |"
