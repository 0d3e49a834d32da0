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

cross_compile() {
	echo aarch64-linux-gnu-
}
