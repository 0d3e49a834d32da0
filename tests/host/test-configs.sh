#!/usr/bin/env bash
# Configurations (experiments/configs.tsv): names and the fragments of their
# axes, kernels named VARIANT@CONFIG, CPU models, and the errors that list
# the valid choices.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/lib/common.sh"

configs=$(list_configs | tr '\n' ' ')
assert_eq "every level count and page size is a configuration" \
	"4k-39 4k-48 4k-52 16k-36 16k-47 16k-48 64k-42 64k-48 64k-52 " "$configs"
for c in $configs; do
	row_levels=$(awk -F'\t' -v c="$c" '!/^#/ && $1 == c { print $2 }' "$CONFIGS_TSV")
	missing=""
	for f in $(config_fragments "$c-kpti-failslab"); do [ -r "$f" ] || missing="$missing $f"; done
	assert_eq "$c: its axis fragments exist" "" "$missing"
	if [ -n "$(config_cpus "$c")" ]; then
		ok "$c: has CPU models ($row_levels levels)"
	else
		not_ok "$c: has CPU models"
	fi
done
levels=$(awk -F'\t' '!/^#/ && NF >= 3 { print $2 }' "$CONFIGS_TSV" | sort -u | tr '\n' ' ')
assert_eq "the rows cover 2 to 5 levels" "2 3 4 5 " "$levels"

assert_eq "the fragments of 64k-42-kpti, in order" \
	"pages-64k.config va-42.config kpti.config" \
	"$(config_fragments 64k-42-kpti | xargs -n1 basename | tr '\n' ' ' | sed 's/ $//')"
assert_eq "-failslab adds the failslab fragment last" "failslab.config" \
	"$(config_fragments 4k-39-kpti-failslab | tail -n 1 | xargs basename)"
assert_eq "a plain configuration has no KPTI fragment" "" \
	"$(config_fragments 16k-36 | grep kpti || true)"
assert_eq "the row of a configuration drops its suffixes" "64k-42" "$(config_row 64k-42-kpti-failslab)"
assert_eq "-criu adds the CRIU fragment last, after the others" \
	"pages-4k.config va-39.config kpti.config failslab.config criu.config" \
	"$(config_fragments 4k-39-kpti-failslab-criu | xargs -n1 basename | tr '\n' ' ' | sed 's/ $//')"
assert_eq "-criu alone on a row: the row's fragments and the CRIU one" \
	"pages-4k.config va-48.config criu.config" \
	"$(config_fragments 4k-48-criu | xargs -n1 basename | tr '\n' ' ' | sed 's/ $//')"
assert_eq "the row of a CRIU configuration drops every suffix" "16k-47" "$(config_row 16k-47-kpti-criu)"
assert_eq "no configuration without -criu gets the CRIU fragment" "" \
	"$(for c in $configs; do config_fragments "$c-kpti-failslab"; done | grep criu || true)"
for c in 4k-48-criu 4k-48-kpti-criu 4k-48-failslab-criu 64k-42-kpti-failslab-criu; do
	assert_status "$c is a configuration" 0 bash -c ". '$TOP/scripts/lib/common.sh'; check_config $c"
done
assert_status "-criu before -failslab is refused" 1 bash -c ". '$TOP/scripts/lib/common.sh'; check_config 4k-48-criu-failslab"
assert_contains "the error says -criu comes last" "$OUT" "then -failslab, then -criu"
assert_status "-criu twice is refused" 1 bash -c ". '$TOP/scripts/lib/common.sh'; check_config 4k-48-criu-criu"
assert_status "a CRIU kernel of a debug variant is a kernel" 0 \
	bash -c ". '$TOP/scripts/lib/common.sh'; check_kernel ptdesc-wp-debug@4k-48-criu"
criu_frag="$TOP/experiments/kconfig/axes/criu.config"
for opt in NET INET UNIX IPV6 UNIX_DIAG INET_DIAG NAMESPACES NET_NS PID_NS NETFILTER NF_TABLES \
	NF_TABLES_INET INOTIFY_USER CGROUPS UNIX98_PTYS; do
	if grep -qx "CONFIG_$opt=y" "$criu_frag"; then ok "the CRIU fragment sets $opt"; else not_ok "the CRIU fragment sets $opt"; fi
done
assert_eq "base.config (the benchmark kernels) has no networking" "" \
	"$(grep -E '^CONFIG_(NET|INET|NAMESPACES|CGROUPS)=y' "$TOP/experiments/kconfig/base.config" || true)"

assert_status "an unknown configuration is refused" 1 bash -c ". '$TOP/scripts/lib/common.sh'; check_config 8k-42"
assert_contains "the error lists the configurations" "$OUT" "valid configurations: 4k-39 4k-48"
assert_status "suffixes in the wrong order are refused" 1 bash -c ". '$TOP/scripts/lib/common.sh'; check_config 64k-42-failslab-kpti"
assert_status "a kernel VARIANT@CONFIG with a bad variant is refused" 1 \
	bash -c ". '$TOP/scripts/lib/common.sh'; check_kernel nope@64k-42"
assert_contains "that error lists the variants" "$OUT" "valid variants: baseline"
assert_status "a kernel VARIANT@CONFIG with a bad configuration is refused" 1 \
	bash -c ". '$TOP/scripts/lib/common.sh'; check_kernel ptdesc@64k-41"
assert_status "a debug kernel in a configuration is a kernel" 0 \
	bash -c ". '$TOP/scripts/lib/common.sh'; check_kernel ptdesc-debug@16k-36-kpti"
assert_eq "kernel_variant and kernel_config split the name" "ptdesc-wp 4k-39-kpti" \
	"$(kernel_variant ptdesc-wp@4k-39-kpti) $(kernel_config ptdesc-wp@4k-39-kpti)"
assert_status "has_soft_dirty sees through @CONFIG" 0 bash -c ". '$TOP/scripts/lib/common.sh'; has_soft_dirty ptdesc@64k-42"
assert_status "kernel-build refuses an unknown configuration" 1 bash "$TOP/scripts/kernel-build.sh" ptdesc@64k-43
assert_contains "kernel-build names the configuration" "$OUT" "unknown configuration '64k-43'"
assert_status "make kernel refuses an unknown configuration" 2 make -s -C "$TOP" kernel VARIANT=ptdesc CONFIG=32k-48
assert_contains "make kernel lists the configurations" "$OUT" "valid configurations:"
if command -v qemu-system-aarch64 >/dev/null; then
	assert_status "guest-run refuses an unknown CPU model" 1 bash "$TOP/scripts/guest-run.sh" --cpu cortex-x99 -- true
	assert_contains "the CPU error lists QEMU's models" "$OUT" "valid models:"
	assert_contains "the CPU error lists cortex-a72" "$OUT" "cortex-a72"
	for c in $configs; do
		for cpu in $(config_cpus "$c"); do
			(check_cpu "$cpu") 2>/dev/null || not_ok "$c: QEMU has CPU model $cpu"
		done
	done
	ok "QEMU has every CPU model configs.tsv names"
fi
assert_status "make matrix refuses a cell that is not a row" 1 env CHECK_MATRIX=64k-42-kpti bash "$TOP/scripts/matrix.sh"
assert_contains "the matrix error says it adds the suffix" "$OUT" "make matrix adds -kpti-failslab itself"
assert_status "make matrix refuses an unknown variant in a cell" 1 env CHECK_MATRIX=64k-42:nope bash "$TOP/scripts/matrix.sh"
assert_contains "the matrix error lists the variants" "$OUT" "valid variants: baseline"

# make matrix's table, from its per-case results; a rerun's cells replace
# those of the run before.
printf '%s\t%s\t%s\t%s\n' \
	"ptdesc@64k-42-kpti-failslab/max" sd-criu pass "a" \
	"ptdesc@64k-42-kpti-failslab/max" sd-criu fail "b" \
	"ptdesc@64k-42-kpti-failslab/cortex-a72" sd-criu pass "a" \
	"baseline@64k-42-kpti-failslab/max" leaf-bits pass "a" \
	"baseline@64k-42-kpti-failslab/max" leaf-bits skip "c" \
	"pte@4k-39-kpti-failslab/max" sd-criu pass "a" >"$T_TMP/cases.tsv"
printf '%s\t%s\t%s\t%s\n' \
	"ptdesc@64k-42-kpti-failslab/max" sd-criu pass "a" \
	"ptdesc@64k-42-kpti-failslab/max" sd-criu pass "b" >"$T_TMP/rerun.tsv"
summary=$(bash "$TOP/scripts/matrix-summary.sh" "$T_TMP/cases.tsv" | tr '\t' '|')
assert_eq "matrix summary: configuration x variant, failed cells marked, skips not counted" \
	"config|ptdesc|baseline|pte 64k-42|FAILED 2/3|passed 1/1|- 4k-39|-|-|passed 1/1" "$(xargs <<<"$summary")"
summary=$(bash "$TOP/scripts/matrix-summary.sh" "$T_TMP/cases.tsv" "$T_TMP/rerun.tsv" | tr '\t' '|')
assert_eq "matrix summary: a rerun's cell replaces the earlier run's, other CPUs kept" \
	"config|ptdesc|baseline|pte 64k-42|passed 3/3|passed 1/1|- 4k-39|-|-|passed 1/1" "$(xargs <<<"$summary")"
assert_status "matrix summary: a missing file is an error" 1 bash "$TOP/scripts/matrix-summary.sh" "$T_TMP/none.tsv"
assert_contains "and names the file" "$OUT" "no such file '$T_TMP/none.tsv'"
finish
