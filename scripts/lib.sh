# shellcheck shell=bash
# Common helpers for the harness scripts. Source it; it defines functions only.

# The project's top directory, whatever the caller's working directory.
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD="${BUILD:-$TOP/build}"
KCONFIG_DIR="$TOP/experiments/kconfig"

die() {
	printf 'error: %s\n' "$*" >&2
	exit 1
}

# progress STEP MESSAGE: one line a human can follow in a long run.
progress() {
	printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
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
# A "-debug" suffix is the variant's debug build, with the same answer.
has_soft_dirty() {
	grep -qx 'CONFIG_MEM_SOFT_DIRTY=y' "$KCONFIG_DIR/${1%-debug}.config"
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

cross_compile() {
	echo aarch64-linux-gnu-
}
