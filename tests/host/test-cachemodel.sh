#!/usr/bin/env bash
# The cache model (cachemodel/): its core's known-answer tests on synthetic
# streams against the shipped Neoverse N1 parameters, and the plugin's
# handling of bad arguments in QEMU (when the plugin header is available).
. "$(dirname "$0")/lib.sh"
set -e -o pipefail

out="$T_TMP/cachemodel"
if ! make -s -C "$TOP/cachemodel" test OUT="$out" >"$T_TMP/build.log" 2>&1; then
	not_ok "the model core and its test build" "$(tail -n 5 "$T_TMP/build.log")"
	finish
fi
ok "the model core and its test build (-Wall -Wextra -Werror)"

# Each KTAP line of test-model becomes one of ours.
set +e
"$out/test-model" "$TOP/cachemodel/neoverse-n1.params" >"$T_TMP/model.out" 2>&1
status=$?
set -e
while IFS= read -r line; do
	case "$line" in
	"ok "*) ok "model: ${line#ok [0-9]* }" ;;
	"not ok "*) not_ok "model: ${line#not ok [0-9]* }" ;;
	"# "*) echo "$line" ;;
	"Bail out!"*) not_ok "model: bailed out" "$line" ;;
	esac
done <"$T_TMP/model.out"
assert_eq "test-model exits 0" 0 "$status"

header_dir="${QEMU_PLUGIN_INCLUDE:-$TOP/build/qemu-plugin}"
if [ ! -f "$header_dir/qemu-plugin.h" ] || ! command -v qemu-system-aarch64 >/dev/null; then
	ok "the plugin build # SKIP no QEMU plugin header in $header_dir or no qemu-system-aarch64 (make deps)"
	finish
fi
if make -s -C "$TOP/cachemodel" plugin OUT="$out" QEMU_PLUGIN_INCLUDE="$header_dir" >"$T_TMP/plugin.log" 2>&1; then
	ok "the plugin builds (-Wall -Wextra -Werror)"
else
	not_ok "the plugin builds" "$(tail -n 5 "$T_TMP/plugin.log")"
	finish
fi
plugin="$out/libcachemodel.so"
qemu_with() {
	timeout 20 qemu-system-aarch64 -M virt -cpu max -display none -monitor none -serial none \
		-nic none -no-reboot -kernel /dev/null -plugin "$1" </dev/null
}
assert_status "QEMU refuses an unknown plugin argument" 1 qemu_with "$plugin,colour=blue"
assert_contains "the error names it and lists the valid arguments" "$OUT" "unknown argument 'colour=blue'; valid arguments: params=FILE"
assert_status "QEMU refuses the plugin without params=" 1 qemu_with "$plugin,out=$T_TMP/x"
assert_contains "the error says both are required" "$OUT" "params=FILE (the model's parameters) out=FILE (the results) are both required"
printf 'name = x\nline_size = 48\n' >"$T_TMP/bad.params"
assert_status "QEMU refuses a bad parameter file" 1 qemu_with "$plugin,params=$T_TMP/bad.params,out=$T_TMP/x"
assert_contains "the error names the file and the problem" "$OUT" "bad.params: key 'l1i.size' is missing"

# The guest check, where a kernel is at hand (a few seconds under icount).
kernel="${CACHEMODEL_KERNEL:-}"
for v in baseline pte ptdesc; do
	[ -n "$kernel" ] || [ ! -f "$TOP/build/$v/arch/arm64/boot/Image" ] || kernel="$TOP/build/$v/arch/arm64/boot/Image"
done
if [ -z "$kernel" ]; then
	ok "a guest stream misses each level it exceeds once per line # SKIP no kernel in build/ (CACHEMODEL_KERNEL=IMAGE)"
	finish
fi
assert_status "a guest stream misses each level it exceeds once per line, none it fits" 0 \
	bash "$TOP/scripts/cachemodel-validate.sh" --kernel "$kernel" --run-dir "$T_TMP/validate"
printf '%s\n' "$OUT" | grep -A 4 '^bytes' | sed 's/^/# /'
finish
