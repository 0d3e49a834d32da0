#!/usr/bin/env bash
# cachemodel-validate.sh: the cache model in a real guest. Boots a kernel
# with cachemodel/guest/stream-levels as /init (a minimal initramfs) under
# -icount with the plugin, and checks that a streaming read over N bytes
# (one load per 64-byte line, second pass) misses each level once per line
# when N exceeds that level's size, and (almost) never when N fits.
#
#   cachemodel-validate.sh [--kernel IMAGE] [--run-dir DIR]
#
# IMAGE defaults to the first built of build/{baseline,pte,ptdesc}. Any
# arm64 kernel with an initramfs, devtmpfs and the PL011 console will do.
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"

kernel="" run_dir=""
while [ $# -gt 0 ]; do
	case "$1" in
	--kernel) kernel="$2"; shift 2 ;;
	--run-dir) run_dir="$2"; shift 2 ;;
	*) die "cachemodel-validate.sh: unknown option '$1'; valid options: --kernel IMAGE, --run-dir DIR" ;;
	esac
done
if [ -z "$kernel" ]; then
	for v in baseline pte ptdesc; do
		[ -f "$BUILD/$v/arch/arm64/boot/Image" ] && { kernel="$BUILD/$v/arch/arm64/boot/Image"; break; }
	done
	[ -n "$kernel" ] || die "no kernel in build/{baseline,pte,ptdesc}: run 'make kernel', or give --kernel IMAGE"
fi
[ -f "$kernel" ] || die "--kernel: no such file '$kernel'"
command -v qemu-system-aarch64 >/dev/null || die "qemu-system-aarch64 is missing: run 'make deps'"
cc="$(cross_compile)gcc"
command -v "$cc" >/dev/null || die "$cc is missing: run 'make deps'"

run_dir="${run_dir:-$TOP/runs/cachemodel/$(date +%Y%m%d-%H%M%S)-$$}"
mkdir -p "$run_dir/root"
run_dir=$(cd "$run_dir" && pwd)
bash "$TOP/scripts/qemu-plugin-header.sh"
make -s -C "$TOP/cachemodel" plugin OUT="$BUILD/cachemodel" QEMU_PLUGIN_INCLUDE="$BUILD/qemu-plugin"
plugin="$BUILD/cachemodel/libcachemodel.so"
params="$TOP/cachemodel/neoverse-n1.params"

"$cc" -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -static -I"$TOP/guest/include" \
	-o "$run_dir/root/init" "$TOP/cachemodel/guest/stream-levels.c"
(cd "$run_dir/root" && echo init | cpio -o -H newc --owner=0:0 --quiet) >"$run_dir/initramfs.cpio"
cp "$kernel" "$run_dir/Image"	# the build may be replaced while we run

progress "cachemodel-validate: booting $kernel with the plugin (icount)"
set +e
timeout -k 10 900 qemu-system-aarch64 -M virt -cpu max,pauth-impdef=on -smp 1 -m 512M \
	-no-reboot -nic none -display none -monitor none -serial "file:$run_dir/console.log" \
	-icount shift=0,sleep=off \
	-plugin "$plugin,params=$params,out=$run_dir/cache.out" \
	-kernel "$run_dir/Image" -initrd "$run_dir/initramfs.cpio" \
	-append "console=ttyAMA0 panic=-1 rdinit=/init" >"$run_dir/qemu.log" 2>&1
qemu_rc=$?
set -e
grep -q 'stream-levels: done' "$run_dir/console.log" || {
	tail -n 20 "$run_dir/console.log" >&2
	cat "$run_dir/qemu.log" >&2
	die "the guest did not finish (qemu exit $qemu_rc; logs in $run_dir)"
}
[ -s "$run_dir/cache.out" ] || die "the plugin wrote no results ($run_dir/cache.out)"

# Per phase: bytes, lines, then misses per level in user mode; check them.
sizes=$(awk '$1 == "size" { sub(/\r$/, ""); split($2, p, "="); split($3, b, "="); split($4, l, "=");
	print p[2], b[2], l[2] }' "$run_dir/console.log")
read -r l1d l2 slc < <(awk -F' *= *' '$1 == "l1d.size" || $1 == "l2.size" || $1 == "slc.size" { sub(/[ \t]*#.*/, "", $2); print $2 }' "$params" |
	awk '{ n = $1; u = substr(n, length(n)); m = 1
		if (u == "K") m = 1024; else if (u == "M") m = 1048576; else if (u == "G") m = 1073741824
		if (m > 1) n = substr(n, 1, length(n) - 1); printf "%s ", n * m } END { print "" }')
failed=0
printf '%-10s %9s %12s %12s %12s\n' bytes lines l1d_misses l2_misses slc_misses
while read -r phase bytes lines; do
	row=""
	for level in l1d:"$l1d" l2:"$l2" slc:"$slc"; do
		name=${level%%:*} size=${level#*:}
		misses=$(awk -F'\t' -v ph="phase$phase" -v m="${name}_misses" \
			'$1 == "RESULT" && $3 ~ /mode=user$/ && $4 == 1 && $5 == ph && $6 == m { print $7 }' "$run_dir/cache.out")
		row="$row $misses"
		if [ "$bytes" -gt "$size" ]; then
			want="one per line"
			ok=$(awk -v m="$misses" -v l="$lines" 'BEGIN { print (m >= 0.98 * l && m <= 1.02 * l) }')
		else
			want="none"
			ok=$(awk -v m="$misses" -v l="$lines" 'BEGIN { print (m <= 0.02 * l) }')
		fi
		if [ "$ok" != 1 ]; then
			echo "FAIL: $bytes bytes: $name misses $misses of $lines lines, expected $want" >&2
			failed=1
		fi
	done
	# shellcheck disable=SC2086 # row is three numbers
	printf '%-10s %9s %12s %12s %12s\n' "$bytes" "$lines" $row
done <<<"$sizes"
[ "$failed" = 0 ] || die "the model does not show one miss per line per exceeded level (results: $run_dir/cache.out)"
echo "cachemodel-validate: one miss per line at each level a stream exceeds, none where it fits ($run_dir)"
