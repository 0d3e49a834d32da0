# shellcheck shell=bash
# Common helpers for the harness scripts. Source it; it defines functions only.

# The project's top directory, whatever the caller's working directory.
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD="${BUILD:-$TOP/build}"
KCONFIG_DIR="$TOP/experiments/kconfig"
# The benchmarks and their measures, declared once (its header says how).
BENCHMARKS="${BENCHMARKS:-$TOP/bench/benchmarks.tsv}"

die() {
	printf 'error: %s\n' "$*" >&2
	exit 1
}

# benchmarks KIND: the rows of that kind (bench, derive, table, path, plot)
# of bench/benchmarks.tsv, without the kind: tab-separated fields, "-" empty.
benchmarks() {
	awk -F'\t' -v k="$1" '$1 == k { sub(/^[^\t]*\t/, ""); print }' "$BENCHMARKS"
}

# progress STEP MESSAGE: one line a human can follow in a long run.
progress() {
	printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

# The clock of a long run (make results, check, matrix, path, series-build):
# timer_start NAME, once at its start; then elapsed prints the time since
# ("12m05s") and say MESSAGE a progress line "NAME [12m05s] MESSAGE".
# timer_start sets START (seconds since the epoch) and RUN_NAME.
timer_start() {
	RUN_NAME="$1"
	START=$(date +%s)
}
elapsed() {
	local s=$(($(date +%s) - START))
	printf '%dm%02ds' $((s / 60)) $((s % 60))
}
say() { progress "$RUN_NAME [$(elapsed)] $*"; }

# need_positive NAME VALUE UNIT: die unless VALUE is a whole number above 0
# ("NAME must be a positive number of UNIT, not 'VALUE'").
need_positive() {
	case "$2" in '' | *[!0-9]* | 0) die "$1 must be a positive number of $3, not '$2'" ;; esac
}
# need_number NAME VALUE: die unless VALUE is a whole number (0 too).
need_number() {
	case "$2" in '' | *[!0-9]*) die "$1 must be a number, not '$2'" ;; esac
}

# The variants are the Kconfig fragments beside base.config, without the
# fragments that only modify another variant (debug.config).
list_variants() {
	local f name
	for f in "$KCONFIG_DIR"/*.config; do
		name=$(basename "$f" .config)
		case "$name" in
		base | debug) ;;
		*) echo "$name" ;;
		esac
	done | sort_variants
}

# Keep a stable, meaningful order: baseline first, then the others by name.
sort_variants() {
	awk '{ print ($1 == "baseline" ? 0 : 1), $1 }' | sort | cut -d' ' -f2
}

# check_variant NAME: fail with the list of valid variants when NAME is not one.
# A "-debug" suffix selects the debug build of a variant.
check_variant() {
	local name="$1" base="${1%-debug}" v
	for v in $(list_variants); do
		[ "$v" = "$base" ] && return 0
	done
	die "unknown variant '$name'; valid variants: $(list_variants | tr '\n' ' ')(append -debug for a debug build)"
}

# has_soft_dirty VARIANT: does its fragment build soft-dirty (MEM_SOFT_DIRTY)?
# A "-debug" suffix is the variant's debug build, and "@CONFIG" its kernel in
# another configuration, with the same answer.
has_soft_dirty() {
	local variant="${1%%@*}"
	grep -qx 'CONFIG_MEM_SOFT_DIRTY=y' "$KCONFIG_DIR/${variant%-debug}.config"
}

# The variants that build soft-dirty, in list_variants order.
list_soft_dirty_variants() {
	local v
	for v in $(list_variants); do
		has_soft_dirty "$v" && echo "$v"
	done
	return 0
}

# check_soft_dirty_variant NAME: fail with the valid choices when NAME is not
# a variant with soft-dirty ("-debug" allowed).
check_soft_dirty_variant() {
	check_variant "$1"
	has_soft_dirty "$1" ||
		die "variant '$1' has no soft-dirty; choose one of: $(list_soft_dirty_variants | tr '\n' ' ')(or the same with -debug)"
}

# first_match PATH...: the first of its arguments that exists, for the
# expansion of a glob (a glob that matches nothing stays as it is, and does
# not exist); false when none does.
first_match() {
	local f
	for f in "$@"; do
		if [ -e "$f" ]; then
			echo "$f"
			return 0
		fi
	done
	return 1
}

cross_compile() {
	echo aarch64-linux-gnu-
}

# Kernels: VARIANT[-debug][@CONFIG]. Without @CONFIG, the default
# configuration of base.config (4K pages, 48-bit VA, no KASLR): the benchmark
# kernels. CONFIG is a row of experiments/configs.tsv (PAGES-VABITS),
# optionally followed by -kpti (KASLR and KPTI), -failslab (failslab for
# the tests that make atomic allocations fail) and -criu (what CRIU needs:
# networking, namespaces, cgroups), in that order.
CONFIGS_TSV="$TOP/experiments/configs.tsv"

# The rows of configs.tsv: PAGES-VABITS, one a line.
list_configs() {
	awk -F'\t' '!/^#/ && NF >= 3 { print $1 }' "$CONFIGS_TSV"
}

# config_row CONFIG: its row, without the -kpti, -failslab and -criu suffixes.
config_row() {
	local name="${1%-criu}"
	name="${name%-failslab}"
	echo "${name%-kpti}"
}

# check_config CONFIG: fail with the valid choices when CONFIG is not one.
check_config() {
	local name="$1" row c
	row=$(config_row "$name")
	case "${name%-criu}" in
	"$row" | "$row-kpti" | "$row-failslab" | "$row-kpti-failslab") ;;
	*) row="" ;;
	esac
	for c in $(list_configs); do
		[ "$row" = "$c" ] && return 0
	done
	die "unknown configuration '$name'; valid configurations: $(list_configs | tr '\n' ' ')(each may be followed by -kpti, then -failslab, then -criu; see experiments/configs.tsv)"
}

# config_fragments CONFIG: the axis fragments of CONFIG, in order.
config_fragments() {
	local name="$1" row pages va
	row=$(config_row "$name")
	pages="${row%%-*}" va="${row#*-}"
	echo "$KCONFIG_DIR/axes/pages-$pages.config"
	echo "$KCONFIG_DIR/axes/va-$va.config"
	case "${name%-criu}" in *-kpti | *-kpti-failslab) echo "$KCONFIG_DIR/axes/kpti.config" ;; esac
	case "${name%-criu}" in *-failslab) echo "$KCONFIG_DIR/axes/failslab.config" ;; esac
	case "$name" in *-criu) echo "$KCONFIG_DIR/axes/criu.config" ;; esac
}

# config_cpus CONFIG: the CPU models make matrix boots CONFIG on.
config_cpus() {
	awk -F'\t' -v row="$(config_row "$1")" '!/^#/ && $1 == row { print $3 }' "$CONFIGS_TSV"
}

# check_kernel NAME: VARIANT[-debug][@CONFIG], each part valid.
check_kernel() {
	case "$1" in
	*@*) check_variant "${1%%@*}"; check_config "${1#*@}" ;;
	*) check_variant "$1" ;;
	esac
}

# kernel_variant NAME / kernel_config NAME: the parts of a kernel's name.
kernel_variant() { echo "${1%%@*}"; }
kernel_config() { case "$1" in *@*) echo "${1#*@}" ;; esac; }

# kernel_has_criu NAME: whether the kernel has what CRIU needs (the criu
# axis): one in a -criu configuration, and every debug build (test kernels,
# never measured, that run the CRIU suite beside the others).
kernel_has_criu() {
	case "$1" in
	*-criu | *-debug | *-debug@*) return 0 ;;
	*) return 1 ;;
	esac
}

# check_cpu MODEL: fail with the valid choices when QEMU has no such CPU model.
check_cpu() {
	local models
	command -v qemu-system-aarch64 >/dev/null || die "qemu-system-aarch64 is missing: run 'make deps'"
	models=$(qemu-system-aarch64 -M virt -cpu help | awk 'NF == 1 { print $1 }')
	grep -qx -- "$1" <<<"$models" ||
		die "unknown CPU model '$1'; valid models: ${models//$'\n'/ }"
}
