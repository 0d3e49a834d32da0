#!/usr/bin/env bash
# make matrix: every variant in every arm64 configuration of
# experiments/configs.tsv (page size x virtual-address size, so 2 to 5 levels
# of tables), each with KASLR, KPTI and failslab (CONFIG-kpti-failslab),
# booted on each CPU model of its row. One boot per cell and CPU runs
# tests/guest/matrix-run.sh (all): boot checks, leaf entries at every level,
# uffd-wp across THP splits and registration racing with splits, and where
# soft-dirty is built the soft-dirty selftest, sd-criu and the oracle.
# Prints a table of configuration x variant (passed/failed cases, over both
# CPUs), writes it to build/matrix-summary.tsv, and ends with
# "N passed, N failed".
#
#   CHECK_MATRIX="64k-42 4k-39:ptdesc-wp"   cells: a configuration (every
#                                          variant) or CONFIG:VARIANT
#   MATRIX_CPUS="cortex-a72"               only these CPU models
#   MATRIX_SET=holes                       the suites make check runs
#
# Kernels build one at a time in the background while the guest tests the
# previous one (build/VARIANT@CONFIG-kpti-failslab/); logs and per-case
# results in build/matrix/.
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/suite.sh"

MATRIX_DIR="${MATRIX_DIR:-$BUILD/matrix}"
CASES="$MATRIX_DIR/cases.tsv"
SUMMARY="${MATRIX_SUMMARY:-$BUILD/matrix-summary.tsv}"
SET="${MATRIX_SET:-all}"
timer_start matrix
SUFFIX=-kpti-failslab

case "$SET" in
all | holes) ;;
*) die "MATRIX_SET must be 'all' or 'holes', not '$SET'" ;;
esac

# cells: CONFIG VARIANT lines, from CHECK_MATRIX or every row x variant.
cells() {
	local spec c v
	if [ -z "${CHECK_MATRIX:-}" ]; then
		for c in $(list_configs); do
			for v in $(list_variants); do echo "$c $v"; done
		done
		return 0
	fi
	for spec in $CHECK_MATRIX; do
		c="${spec%%:*}"
		check_config "$c"
		[ "$c" = "$(config_row "$c")" ] ||
			die "CHECK_MATRIX names rows of experiments/configs.tsv ('$(config_row "$c")', not '$c'): make matrix adds $SUFFIX itself"
		if [ "$spec" = "$c" ]; then
			for v in $(list_variants); do echo "$c $v"; done
		else
			v="${spec#*:}"
			check_variant "$v"
			echo "$c $v"
		fi
	done
}

# cpus_of CONFIG: its CPU models, or those of MATRIX_CPUS among them.
cpus_of() {
	local cpu
	for cpu in $(config_cpus "$1"); do
		if [ -z "${MATRIX_CPUS:-}" ] || [[ " $MATRIX_CPUS " == *" $cpu "* ]]; then
			echo "$cpu"
		fi
	done
}

cell_list=$(cells)
[ -n "$cell_list" ] || die "no cells to run"
rm -rf "$MATRIX_DIR"
mkdir -p "$MATRIX_DIR/built"
: >"$CASES"

say "step 1: dependencies, guest image"
bash "$TOP/scripts/deps.sh"
bash "$TOP/scripts/guest-image.sh"

kernels=$(echo "$cell_list" | while read -r c v; do echo "$v@$c$SUFFIX"; done)
say "kernels build one at a time in the background: ${kernels//$'\n'/ }"
(
	for kernel in $kernels; do
		if nice -n 15 bash "$TOP/scripts/kernel-build.sh" "$kernel" \
			>"$MATRIX_DIR/build-$kernel.log" 2>&1; then
			echo pass >"$MATRIX_DIR/built/$kernel"
		else
			echo fail >"$MATRIX_DIR/built/$kernel"
		fi
	done
) </dev/null &
builder=$!
trap 'kill "$builder" 2>/dev/null || true' EXIT

# wait_built KERNEL: wait for its build; record a failure; false if it failed.
wait_built() {
	local kernel="$1"
	while [ ! -e "$MATRIX_DIR/built/$kernel" ]; do
		if ! kill -0 "$builder" 2>/dev/null && [ ! -e "$MATRIX_DIR/built/$kernel" ]; then
			echo fail >"$MATRIX_DIR/built/$kernel"
			break
		fi
		sleep 2
	done
	[ "$(cat "$MATRIX_DIR/built/$kernel")" = pass ] && return 0
	sed 's/^/    /' "$MATRIX_DIR/build-$kernel.log" | tail -n 20 >&2
	record "$kernel" build fail "kernel build failed (build/matrix/build-$kernel.log)"
	return 1
}

i=0
n=$(echo "$kernels" | wc -w)
while read -r config variant; do
	i=$((i + 1))
	kernel="$variant@$config$SUFFIX"
	say "cell $i/$n: $variant on $config$SUFFIX: waiting for its kernel"
	wait_built "$kernel" || continue
	for cpu in $(cpus_of "$config"); do
		say "cell $i/$n: $variant on $config$SUFFIX, -cpu $cpu"
		run_cell "$kernel" "$cpu" "$SET" "$MATRIX_DIR/$config/$variant/$cpu"
	done
done <<<"$cell_list"
wait "$builder" || true
trap - EXIT

# The table: configuration x variant, passed/failed over its CPUs.
say "summary"
bash "$TOP/scripts/matrix-summary.sh" "$CASES" >"$SUMMARY"
echo
column -t -s $'\t' "$SUMMARY" | sed 's/^/  /'
echo
echo "  (cells: passed/failed, cases passed/run over the CPU models of the row; skips are"
echo "  checked against tests/expected-skips.tsv; per-case results: build/matrix/cases.tsv)"
suite_totals
