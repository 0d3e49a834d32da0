#!/usr/bin/env bash
# guest-run.sh: boot a variant's kernel under QEMU with the project initramfs.
#
#   guest-run.sh [options] -- COMMAND...   run COMMAND in the guest (sh -c),
#                                          print its output, exit with its status
#   guest-run.sh [options] --interactive   a shell on the serial console
#
# Options:
#   --variant V      kernel build/V/arch/arm64/boot/Image (default: baseline);
#                    V is VARIANT[-debug][@CONFIG] (experiments/configs.tsv)
#   --kernel IMAGE   boot this Image instead (a one-off build, make oracle-demo)
#   --initramfs FILE boot this guest image instead of build/initramfs.cpio
#                    (build/initramfs-criu.cpio for kernels with CRIU: -criu
#                    configurations and debug builds)
#   --smp N          vCPUs (default 2)
#   --cpu MODEL      QEMU CPU model (default max; qemu-system-aarch64 -cpu help
#                    lists them)
#   --mem SIZE       guest memory (default 4G, at least 3G)
#   --icount         -icount shift=0,sleep=off: deterministic, the PMU counts
#                    instructions, virtual time (single-threaded TCG)
#   --single-thread  emulated time with one host thread for all vCPUs
#                    (-accel tcg,thread=single): the benchmarks' TCG mode,
#                    where cross-vCPU TLB flushes do not stall on the other
#                    host core (tests keep the multi-threaded default, which
#                    interleaves vCPUs finely enough to catch races)
#   --cache          --icount plus the cache model (cachemodel/, built by
#                    make cachemodel; CACHEMODEL_PLUGIN: another build of
#                    it): its counts per marked phase go to
#                    cache.out in the run directory, and joined to the
#                    guest's samples (scripts/cache-join.sh) to cache.log.
#                    KASLR is turned off (nokaslr: the same physical layout,
#                    so the same cache sets, every boot), and cpu_switch_to's
#                    address from the kernel's System.map (beside the Image's
#                    build) lets the model count a phase's own task only
#   --cache-symbols N  --cache plus the attribution of each phase's L1d and
#                    SLC misses and instructions to the kernel's functions
#                    (the same System.map): the N functions with the most,
#                    per phase and metric,
#                    as "# cachemodel symbol" lines of cache.out
#   --timeout S      kill the guest after S seconds (default 600)
#   --run-dir DIR    where console.log, output.log and out/ are kept
#                    (default: runs/guest/<date>-<variant>)
#   --append ARGS    extra kernel command line
#   --quiet          do not copy the command's output to stdout
#
# Exit status: the command's own when the guest kernel stayed clean; 120 when
# the kernel reported a panic, oops, BUG, WARNING or sanitizer report; 121
# when the guest ended without reporting the command's status; 124 on timeout.
# In those three cases the tail of the console log is printed. With --cache,
# 125 when the command succeeded but its cache counts could not be joined to
# its samples (the error says why).
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"

variant=baseline kernel="" initramfs="" cache=0 cache_symbols="" cpu=max smp=2 mem=4G icount=0 single=0 timeout=600 run_dir="" append="" interactive=0 quiet=0
while [ $# -gt 0 ]; do
	case "$1" in
	--variant) variant="$2"; shift 2 ;;
	--kernel) kernel="$2"; shift 2 ;;
	--initramfs) initramfs="$2"; shift 2 ;;
	--cache) cache=1; icount=1; shift ;;
	--cache-symbols)
		case "${2:-}" in '' | *[!0-9]* | 0*) die "--cache-symbols takes how many functions to name per phase (a positive number), not '${2:-}'" ;; esac
		cache=1; icount=1; cache_symbols="$2"; shift 2 ;;
	--smp) smp="$2"; shift 2 ;;
	--cpu) cpu="$2"; shift 2 ;;
	--mem) mem="$2"; shift 2 ;;
	--icount) icount=1; shift ;;
	--single-thread) single=1; shift ;;
	--timeout) timeout="$2"; shift 2 ;;
	--run-dir) run_dir="$2"; shift 2 ;;
	--append) append="$2"; shift 2 ;;
	--interactive) interactive=1; shift ;;
	--quiet) quiet=1; shift ;;
	--) shift; break ;;
	*) die "guest-run.sh: unknown option '$1' (see the comment at the top of scripts/guest-run.sh)" ;;
	esac
done
check_kernel "$variant"
check_cpu "$cpu"
need_positive --smp "$smp" vCPUs
need_positive --timeout "$timeout" seconds
case "$mem" in
[0-9]*G) [ "${mem%G}" -ge 3 ] || die "--mem must be at least 3G (the benchmarks map 1 GiB twice over), not '$mem'" ;;
[0-9]*M) [ "${mem%M}" -ge 3072 ] || die "--mem must be at least 3G, not '$mem'" ;;
*) die "--mem takes a size like 4G or 3072M, not '$mem'" ;;
esac
[ "$interactive" = 1 ] || [ $# -gt 0 ] || die "guest-run.sh: give a command after --, or --interactive"

kernel="${kernel:-$BUILD/$variant/arch/arm64/boot/Image}"
[ -f "$kernel" ] || die "no kernel for variant '$variant' ($kernel): run 'make kernel VARIANT=$variant'"
if [ -n "$initramfs" ]; then
	[ -f "$initramfs" ] || die "--initramfs: no such file '$initramfs'"
elif kernel_has_criu "$variant"; then
	initramfs="$BUILD/initramfs-criu.cpio"
	[ -f "$initramfs" ] || die "no guest image with CRIU ($initramfs): run 'make guest-image'"
else
	initramfs="$BUILD/initramfs.cpio"
	[ -f "$initramfs" ] || die "no guest image ($initramfs): run 'make guest-image'"
fi
plugin="${CACHEMODEL_PLUGIN:-$BUILD/cachemodel/libcachemodel.so}"
cache_params="$TOP/cachemodel/neoverse-n1.params"
plugin_args=""
if [ "$cache" = 1 ]; then
	[ -f "$plugin" ] || die "--cache: no cache model plugin ($plugin): run 'make cachemodel'"
	[ "$interactive" = 0 ] || die "--cache needs a command: the plugin's results go to the run directory"
	sysmap="$(dirname "$kernel")/../../../System.map"
	switch_to=$(awk '$3 == "cpu_switch_to" { print $1; exit }' "$sysmap" 2>/dev/null || true)
	[ -n "$switch_to" ] ||
		die "--cache: no cpu_switch_to in $sysmap (the System.map of the kernel's build): the model needs it to count a phase's own task"
	plugin_args="params=$cache_params,switch_to=$switch_to"
	[ -z "$cache_symbols" ] || plugin_args="$plugin_args,symbols=$(cd "$(dirname "$sysmap")" && pwd)/System.map,top=$cache_symbols"
	append="nokaslr $append"
fi
command -v qemu-system-aarch64 >/dev/null || die "qemu-system-aarch64 is missing: run 'make deps'"

cmdline="console=ttyAMA0 panic=-1 oops=panic loglevel=6 $append"
# pauth-impdef: QEMU's own pointer-authentication hash, much cheaper to
# emulate than the architected QARMA (max only: other models have no choice).
cpu_opts="$cpu"
[ "$cpu" = max ] && cpu_opts="max,pauth-impdef=on"
qemu=(qemu-system-aarch64 -M virt -cpu "$cpu_opts" -smp "$smp" -m "$mem" -no-reboot -nic none
	-kernel "$kernel")
# shellcheck disable=SC2054 # QEMU's sub-options are comma-separated
[ "$icount" = 1 ] && qemu+=(-icount shift=0,sleep=off)
# shellcheck disable=SC2054
[ "$single" = 1 ] && qemu+=(-accel tcg,thread=single)
# shellcheck disable=SC2206 # QEMU_EXTRA: options for experiments with the emulator itself
[ -n "${QEMU_EXTRA:-}" ] && qemu+=($QEMU_EXTRA)

if [ "$interactive" = 1 ]; then
	exec "${qemu[@]}" -nographic -initrd "$initramfs" -append "$cmdline"
fi

if [ -z "$run_dir" ]; then
	run_dir="$TOP/runs/guest/$(date +%Y%m%d-%H%M%S)-$variant-$$"
fi
mkdir -p "$run_dir"
run_dir=$(cd "$run_dir" && pwd)
rm -rf "$run_dir/out" "$run_dir/cmd-root" "$run_dir/cache.out" "$run_dir/cache.log"
[ "$cache" = 0 ] || qemu+=(-plugin "$plugin,$plugin_args,out=$run_dir/cache.out")
mkdir -p "$run_dir/cmd-root" "$run_dir/out"

# The command travels as a second cpio archive appended to the image.
printf '%s\n' "$*" >"$run_dir/cmd-root/run-cmd"
(cd "$run_dir/cmd-root" && echo run-cmd | cpio -o -H newc --owner=0:0 --quiet) >"$run_dir/cmd.cpio"
cat "$initramfs" "$run_dir/cmd.cpio" >"$run_dir/initramfs.cpio"
rm -rf "$run_dir/cmd-root" "$run_dir/cmd.cpio"
truncate -s 0 "$run_dir/out.img"
truncate -s 256M "$run_dir/out.img"
: >"$run_dir/console.log"
: >"$run_dir/output.log"
{
	echo "variant=$variant"
	echo "kernel_release=${KERNEL_RELEASE:-$(cat "$BUILD/$variant/include/config/kernel.release" 2>/dev/null || echo unknown)}"
	echo "qemu=$(qemu-system-aarch64 --version | sed -n 1p)"
	echo "mode=$(if [ "$cache" = 1 ]; then echo cache; elif [ "$icount" = 1 ]; then echo icount; else echo tcg; fi)"
	[ "$cache" = 0 ] || echo "cache_model=$plugin_args"
	echo "tcg_threads=$([ "$icount" = 1 ] || [ "$single" = 1 ] && echo single || echo multi)"
	echo "qemu_extra=${QEMU_EXTRA:-}"
	echo "cpu=$cpu"
	echo "smp=$smp"
	echo "mem=$mem"
	echo "cmdline=$cmdline"
	echo "command=$*"
	echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$run_dir/guest.env"

set +e
timeout -k 10 "$timeout" "${qemu[@]}" -display none -monitor none \
	-serial "file:$run_dir/console.log" \
	-initrd "$run_dir/initramfs.cpio" -append "$cmdline" \
	-device virtio-serial-device -chardev "file,id=hvc,path=$run_dir/output.log" \
	-device virtconsole,chardev=hvc \
	-drive "file=$run_dir/out.img,if=none,format=raw,id=out" -device virtio-blk-device,drive=out \
	>"$run_dir/qemu.log" 2>&1 &
qemu_pid=$!
# A panic before PSCI is up cannot reboot ("Reboot failed -- System halted"):
# the guest would sit there until the time limit. Stop it once the panic is
# on the console; the check below reports it.
while kill -0 "$qemu_pid" 2>/dev/null; do
	if grep -q -e 'Kernel panic - not syncing' "$run_dir/console.log" 2>/dev/null; then
		sleep 2
		kill "$qemu_pid" 2>/dev/null
		break
	fi
	sleep 1
done
wait "$qemu_pid"
qemu_rc=$?
set -e
rm -f "$run_dir/initramfs.cpio"
tar -xf "$run_dir/out.img" -C "$run_dir/out" 2>/dev/null || true
rm -f "$run_dir/out.img"

[ "$quiet" = 1 ] || cat "$run_dir/output.log"

console_tail() {
	echo "---- tail of $run_dir/console.log ----" >&2
	tail -n "${1:-40}" "$run_dir/console.log" >&2
	echo "----" >&2
}

if [ "$qemu_rc" = 124 ] || [ "$qemu_rc" = 137 ]; then
	echo "error: guest ($variant) exceeded its time limit of ${timeout}s: $*" >&2
	console_tail
	exit 124
fi
report=$(bash "$TOP/scripts/console-check.sh" "$run_dir/console.log" || true)
if [ -n "$report" ]; then
	echo "error: the guest kernel ($variant) reported a problem while running: $*" >&2
	printf '%s\n' "$report" >&2
	console_tail 60
	exit 120
fi
rc=$(sed -n 's/^@@GUEST-EXIT \([0-9]*\).*/\1/p' "$run_dir/console.log" | tail -n 1)
if [ -z "$rc" ]; then
	echo "error: the guest ($variant) ended without reporting the command's status (qemu exit $qemu_rc): $*" >&2
	[ -s "$run_dir/qemu.log" ] && cat "$run_dir/qemu.log" >&2
	console_tail
	exit 121
fi
if [ "$cache" = 1 ] && [ "$rc" = 0 ]; then
	if ! bash "$TOP/scripts/cache-join.sh" "$run_dir/output.log" "$run_dir/cache.out" >"$run_dir/cache.log"; then
		echo "error: the cache model's counts ($run_dir/cache.out) do not match the guest's samples ($run_dir/output.log): $*" >&2
		exit 125
	fi
fi
exit "$rc"
