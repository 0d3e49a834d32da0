#!/usr/bin/env bash
# Variant names: the list comes from experiments/kconfig/, an unknown name
# fails listing the valid ones, everywhere a variant is taken.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/lib/common.sh"

variants=$(list_variants | tr '\n' ' ')
assert_eq "baseline is the first variant" baseline "$(list_variants | head -n 1)"
case " $variants" in *" base "* | *" debug "*) not_ok "base and debug fragments are not variants" "$variants" ;; *) ok "base and debug fragments are not variants" ;; esac

assert_status "kernel-build rejects an unknown variant" 1 bash "$TOP/scripts/kernel-build.sh" no-such-variant
assert_contains "the error names the variant" "$OUT" "unknown variant 'no-such-variant'"
assert_contains "the error lists the valid variants" "$OUT" "valid variants: $variants"
assert_status "guest-run rejects an unknown variant" 1 bash "$TOP/scripts/guest-run.sh" --variant nope -- true
assert_contains "guest-run lists the valid variants" "$OUT" "valid variants: baseline"
assert_status "make kernel rejects an unknown variant" 2 make -s -C "$TOP" kernel VARIANT=bogus
assert_contains "make kernel names the valid variants" "$OUT" "valid variants: baseline"
assert_status "guest-run rejects too little memory" 1 bash "$TOP/scripts/guest-run.sh" --mem 1G -- true
assert_contains "the memory error says the minimum" "$OUT" "at least 3G"
assert_status "guest-run rejects a bad vCPU count" 1 bash "$TOP/scripts/guest-run.sh" --smp zero -- true
assert_status "soak rejects a variant without soft-dirty" 1 bash "$TOP/scripts/soak.sh" baseline 10
assert_contains "the soak error lists the soft-dirty variants" "$OUT" "choose one of: ptdesc ptdesc-wp pte"
assert_status "soak rejects a bad duration" 1 bash "$TOP/scripts/soak.sh" pte soon
assert_contains "the duration error names the value" "$OUT" "DURATION must be a positive number of seconds, not 'soon'"
assert_status "oracle-demo rejects an unknown variant" 1 bash "$TOP/scripts/oracle-demo.sh" nope
assert_contains "oracle-demo lists the valid variants" "$OUT" "valid variants: baseline"
# make soak and oracle-demo: VARIANT from the command line or the
# environment, pte without it (make -n: the commands, nothing run).
unset VARIANT
assert_contains "make soak without VARIANT soaks pte" "$(make -s -n -C "$TOP" soak)" "soak.sh 'pte' 600"
assert_contains "make soak takes an exported VARIANT" "$(VARIANT=ptdesc make -s -n -C "$TOP" soak)" "soak.sh 'ptdesc' 600"
assert_contains "make oracle-demo takes an exported VARIANT" \
	"$(VARIANT=ptdesc-wp make -s -n -C "$TOP" oracle-demo)" "oracle-demo.sh 'ptdesc-wp'"
assert_contains "make soak VARIANT=... on the command line" "$(make -s -n -C "$TOP" soak VARIANT=ptdesc)" "soak.sh 'ptdesc'"
assert_status "make path refuses the old PATH_VARIANTS" 2 env PATH_VARIANTS=ptdesc make -s -C "$TOP" path
assert_contains "and names the new one" "$OUT" "OPT_PATH_VARIANTS"
finish
