#!/usr/bin/env bash
# make kernel VARIANT=v: configure (allnoconfig + fragments) and build the
# kernel of a variant out of tree into build/<variant>/, with ccache.
# VARIANT may end in -debug for the variant's debug build (the criu axis and
# debug.config on top),
# and in @CONFIG for its kernel in another configuration of
# experiments/configs.tsv (the axis fragments after base.config), built into
# build/VARIANT@CONFIG/.
# KERNEL_SRC (default linux/) and KERNEL_OUT (default build/<variant>/) let a
# one-off build use another source tree (make oracle-demo's broken kernel).
# KERNEL_CONFIG_ONLY=1 stops after the configuration and its check: whether
# every option of the fragments survives, without building.
# KERNEL_CONFIG_OMIT (symbols without CONFIG_, space-separated) leaves those
# options out of the fragments: options a source tree does not define yet
# (make series-build at a patch before the one that adds them).
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"

variant="${1:-}"
[ -n "$variant" ] || die "usage: $0 VARIANT; valid variants: $(list_variants | tr '\n' ' ')"
check_kernel "$variant"
config=$(kernel_config "$variant")
base_variant=$(kernel_variant "$variant")
debug=0
[ "$base_variant" = "${base_variant%-debug}" ] || debug=1
base_variant="${base_variant%-debug}"

src="${KERNEL_SRC:-$TOP/linux}"
[ -e "$src/.git" ] || die "$src is not a kernel git tree: run 'make linux' first"

# omit_options: the fragment on stdin without the options of KERNEL_CONFIG_OMIT.
omit_options() {
	local sym pattern=""
	for sym in ${KERNEL_CONFIG_OMIT:-}; do
		case "$sym" in '' | *[!A-Za-z0-9_]*) die "KERNEL_CONFIG_OMIT: '$sym' is not a Kconfig symbol" ;; esac
		pattern="$pattern|$sym"
	done
	if [ -z "$pattern" ]; then
		cat
	else
		grep -Ev "^(# )?CONFIG_(${pattern#|})( is not set|=)" || true
	fi
}

out="${KERNEL_OUT:-$BUILD/$variant}"
mkdir -p "$out"
fragment="$out/fragment.config"
{
	cat "$KCONFIG_DIR/base.config"
	if [ -n "$config" ]; then
		# shellcheck disable=SC2046 # one path a line, no spaces
		cat $(config_fragments "$config")
	fi
	cat "$KCONFIG_DIR/$base_variant.config"
	if [ "$debug" = 1 ]; then
		# The debug builds run the CRIU suite too (kernel_has_criu).
		case "$config" in *-criu) ;; *) cat "$KCONFIG_DIR/axes/criu.config" ;; esac
		cat "$KCONFIG_DIR/debug.config"
	fi
	echo "# The release string names the variant: uname -r says what runs."
	echo "CONFIG_LOCALVERSION=\"-${variant/@/-}\""
} | omit_options >"$fragment.new"
mv "$fragment.new" "$fragment"

export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
export CCACHE_BASEDIR="$TOP"
export CCACHE_NOHASHDIR=1
# No depend mode (CCACHE_DEPEND): on a miss of the direct lookup ccache
# preprocesses and looks again, so a file whose preprocessed text is the same
# in two variants (one that includes no page-table header) compiles once for
# all: pte built after baseline from an empty cache hit 283 of 744 (2026-12-02).
export CCACHE_SLOPPINESS="time_macros,include_file_mtime,include_file_ctime"
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
export KBUILD_BUILD_TIMESTAMP="@0"
export KBUILD_BUILD_USER=sdfork KBUILD_BUILD_HOST=qemu
kmake() {
	make -C "$src" O="$out" ARCH=arm64 CROSS_COMPILE="$(cross_compile)" \
		CC="ccache $(cross_compile)gcc" LOCALVERSION= -j"$(nproc)" "$@"
}

progress "kernel $variant: configuring (allnoconfig + $(basename "$KCONFIG_DIR")/{base,${config:+$config axes,}$base_variant$([ "$debug" = 1 ] && echo ,debug)}.config)"
kmake -s allnoconfig KCONFIG_ALLCONFIG="$fragment" >"$out/config.log" 2>&1 || {
	tail -n 20 "$out/config.log" >&2
	die "kernel $variant: configuration failed (log: $out/config.log)"
}
bash "$TOP/scripts/kconfig-verify.sh" "$fragment" "$out/.config" ||
	die "kernel $variant: the configuration lost options of the fragments (above)"
if [ "${KERNEL_CONFIG_ONLY:-0}" = 1 ]; then
	progress "kernel $variant: configured ($out/.config), not built (KERNEL_CONFIG_ONLY=1)"
	exit 0
fi

progress "kernel $variant: building Image (log: ${out#"$TOP"/}/build.log)"
start=$(date +%s)
if ! kmake Image >"$out/build.log" 2>&1; then
	grep -m 20 -E 'error|Error' "$out/build.log" >&2 || true
	die "kernel $variant: build failed (log: $out/build.log)"
fi

# Warnings in files the series changes are errors of ours.
changed=$(git -C "$src" diff --name-only base..HEAD -- '*.c' '*.h' | tr '\n' '|')
changed="${changed%|}"
# The compiler names a file by its path from the build directory to the source.
srcrel=$(realpath -m --relative-to="$out" "$src" | sed 's/[.]/\\./g')
if [ -n "$changed" ] && grep -E "^((\.\./)*(linux/)?|$srcrel/)($changed):[0-9]+:[0-9]+: warning:" "$out/build.log" >"$out/series-warnings.log"; then
	cat "$out/series-warnings.log" >&2
	die "kernel $variant: the build warns in files changed by the series (above)"
fi
rm -f "$out/series-warnings.log"
progress "kernel $variant: built in $(($(date +%s) - start)) s: $(cat "$out/include/config/kernel.release")"
