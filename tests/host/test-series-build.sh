#!/usr/bin/env bash
# make series-build without a kernel: the plan (which variants each patch
# rebuilds) on small synthetic series, DRY_RUN on the shipped series, and a
# real run on a miniature tree whose "kernel build" is a Makefile that fails
# when told to: the failure names the patch and the variant, options a patch
# defines later are left out of the configuration.
. "$(dirname "$0")/lib.sh"

# patch N SUBJECT FILE:LINES...: a patch file in $PATCHES_DIR, each FILE
# created with LINES ('|' between lines).
export PATCHES_DIR="$T_TMP/patches"
mkdir -p "$PATCHES_DIR"
patch() {
	local n="$1" subject="$2" f line
	shift 2
	{
		printf 'From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n'
		printf 'From: Test <test@example.org>\nDate: Sat, 21 Nov 2026 00:00:00 +0000\n'
		printf 'Subject: [PATCH %d/9] %s\n\nBecause a test says so.\n---\n' "$n" "$subject"
		for f in "$@"; do
			line="${f#*:}" f="${f%%:*}"
			printf 'diff --git a/%s b/%s\nnew file mode 100644\n--- /dev/null\n+++ b/%s\n@@ -0,0 +1,%d @@\n' \
				"$f" "$f" "$f" "$(($(printf '%s' "$line" | tr -cd '|' | wc -c) + 1))"
			printf '+%s\n' "${line//|/$'\n'+}"
		done
		printf -- '-- \n2.39.5\n\n'
	} >"$PATCHES_DIR/$(printf '%04d' "$n")-p$n.patch"
}
plan() { bash "$TOP/scripts/series-plan.sh" 2>&1; }
# row N: patch N's BUILD, KEEP and ABSENT columns.
row() { printf '%s\n' "$PLAN" | awk -F'\t' -v n="$1" '$1 == n { print $4 " | " $5 " | " $6 }'; }

patch 1 "mm: generic" "mm/a.c:int a;"
patch 2 "arm64: pte" "arch/arm64/Kconfig.pte:config ARM64_SOFT_DIRTY_PTE"
patch 3 "selftests: only" "tools/testing/t.c:int t;"
patch 4 "mm: ext core" "mm/Kconfig.ext:config PTDESC_EXT" "mm/Makefile.ext:obj-\$(CONFIG_PTDESC_EXT) += ext.o" \
	"mm/ext.c:int e;"
patch 5 "arm64: ptdesc" "arch/arm64/Kconfig.ptdesc:config ARM64_SOFT_DIRTY_PTDESC"
patch 6 "mm: ext only" "mm/ext.c:int f;"
patch 7 "arm64: header" "arch/arm64/include/asm/x.h:int x;"
patch 8 "arm64: wp" "arch/arm64/Kconfig.wp:config ARM64_PTDESC_EXT_UFFD_WP"
PLAN=$(plan)
assert_eq "a generic patch before any option: baseline only" "baseline | - | ptdesc,ptdesc-wp,pte" "$(row 1)"
assert_eq "the patch defining a variant's option builds it" "baseline,pte | - | ptdesc,ptdesc-wp" "$(row 2)"
assert_eq "selftests only: nothing to build" "- | baseline,pte | ptdesc,ptdesc-wp" "$(row 3)"
assert_contains "the reason is given" "$(printf '%s\n' "$PLAN" | sed -n 3p)" "no file of the kernel build"
assert_eq "ptdesc-wp waits for its own option, ptdesc appears" "baseline,ptdesc,pte | - | ptdesc-wp" "$(row 5)"
assert_contains "options defined later are left out" "$(printf '%s\n' "$PLAN" | sed -n 1p | cut -f7)" "ARM64_SOFT_DIRTY_PTE"

# A Makefile named Makefile, and a select: ext.o is built where PTDESC_EXT is.
rm "$PATCHES_DIR"/*
patch 1 "mm: ext core" "mm/Kconfig:config PTDESC_EXT" "mm/Makefile:obj-\$(CONFIG_PTDESC_EXT) += ext.o" "mm/ext.c:int e;"
patch 2 "arm64: kconfig" \
	"arch/arm64/Kconfig:config ARM64_SOFT_DIRTY_PTDESC|	bool \"x\"|	select PTDESC_EXT||config ARM64_SOFT_DIRTY_PTE|config ARM64_PTDESC_EXT_UFFD_WP"
patch 3 "mm: ext only" "mm/ext.c:int f;"
patch 4 "mm: ext makefile" "mm/Makefile:obj-\$(CONFIG_PTDESC_EXT) += ext2.o"
patch 5 "mm: sources" "mm/ext.c:int g;" "mm/memory.c:int m;"
patch 6 "docs" "Documentation/x.rst:x" "MAINTAINERS:x"
PLAN=$(plan)
assert_eq "a file built with a selected option: the variants that select it" "ptdesc,ptdesc-wp | baseline,pte | -" "$(row 3)"
assert_eq "a Makefile of obj-\$(CONFIG_...) lines only: the same" "ptdesc,ptdesc-wp | baseline,pte | -" "$(row 4)"
assert_eq "one unconditional source: every variant" "baseline,ptdesc,ptdesc-wp,pte | - | -" "$(row 5)"
assert_eq "documentation and MAINTAINERS: nothing" "- | baseline,ptdesc,ptdesc-wp,pte | -" "$(row 6)"
assert_contains "a source-only patch is narrow" "$(printf '%s\n' "$PLAN" | sed -n 3p | cut -f9)" "narrow"
assert_contains "a Kconfig patch is wide" "$(printf '%s\n' "$PLAN" | sed -n 2p | cut -f9)" "wide"
mkdir "$T_TMP/v2"
for f in "$PATCHES_DIR"/*; do cp "$f" "$T_TMP/v2/v2-$(basename "$f")"; done
assert_eq "a format-patch -v2 series is read" "$PLAN" "$(PATCHES_DIR="$T_TMP/v2" plan | sed 's/\tv2-/\t/')"

out=$(DRY_RUN=1 bash "$TOP/scripts/series-build.sh" 2>&1)
assert_contains "DRY_RUN prints each patch" "$out" "  3 mm: ext only"
assert_contains "and what it builds" "$out" "build: ptdesc,ptdesc-wp   keep: baseline,pte"
assert_contains "and counts the builds" "$out" "13 kernel builds; rough time"
assert_contains "a bad variant is refused" "$(SERIES_BUILD_VARIANTS=nope DRY_RUN=1 bash "$TOP/scripts/series-build.sh" 2>&1)" "unknown variant 'nope'"
assert_contains "a bad start is refused" "$(SERIES_BUILD_FROM=x DRY_RUN=1 bash "$TOP/scripts/series-build.sh" 2>&1)" "SERIES_BUILD_FROM must be a patch number"
assert_contains "a bad end is refused" "$(SERIES_BUILD_TO=x DRY_RUN=1 bash "$TOP/scripts/series-build.sh" 2>&1)" "SERIES_BUILD_TO must be a patch number"
assert_contains "an end before the start is refused" "$(SERIES_BUILD_FROM=3 SERIES_BUILD_TO=2 DRY_RUN=1 bash "$TOP/scripts/series-build.sh" 2>&1)" "SERIES_BUILD_TO=2 is before SERIES_BUILD_FROM=3"

shipped=$(PATCHES_DIR="$TOP/patches" DRY_RUN=1 bash "$TOP/scripts/series-build.sh" 2>&1)
n=$(PATCHES_DIR="$TOP/patches" bash -c ". '$TOP/scripts/lib/common.sh'; . '$TOP/scripts/lib/series.sh'; series_files" | wc -l)
assert_contains "the shipped series has a plan for its last patch" "$shipped" "$(printf '%3d ' "$n")"
assert_contains "the shipped series' plan counts its builds" "$shipped" "kernel builds; rough time"

# A real run on a miniature kernel tree. Its Makefile's allnoconfig keeps the
# options that a Kconfig file of the tree defines (as Kconfig drops unknown
# ones), and Image fails for a variant named in a file BROKEN.
export LINUX_DIR="$T_TMP/linux" BUILD="$T_TMP/build" SERIES_BUILD_VARIANTS="baseline pte"
mkdir -p "$LINUX_DIR"
{
	sed -n 's/^CONFIG_\([A-Za-z0-9_]*\)=.*/config \1/p; s/^# CONFIG_\([A-Za-z0-9_]*\) is not set/config \1/p' \
		"$TOP"/experiments/kconfig/*.config | sort -u |
		grep -v -e ARM64_SOFT_DIRTY_PTE -e PTEP_GET_LOCKLESS_BENCH
	echo "config LOCALVERSION"
} >"$LINUX_DIR/Kconfig"
cat >"$LINUX_DIR/Makefile" <<'EOF'
allnoconfig:
	@find . -name 'Kconfig*' -not -path './.git/*' -exec cat {} + | sed -n 's/^config //p' >$(O)/defined
	@grep -E "^(# )?CONFIG_($$(paste -sd'|' $(O)/defined))[= ]" $(KCONFIG_ALLCONFIG) >$(O)/.config || true
Image:
	@mkdir -p $(O)/include/config $(O)/arch/arm64/boot
	@if [ -f BROKEN ] && grep -q -- "$$(sed -n 's/^CONFIG_LOCALVERSION="-\(.*\)"/\1/p' $(O)/.config)" BROKEN; then \
		echo 'mm/a.c:1:1: error: broken on purpose'; exit 1; fi
	@echo 6.12.0-toy >$(O)/include/config/kernel.release
	@touch $(O)/arch/arm64/boot/Image
EOF
git -C "$LINUX_DIR" init -q
git -C "$LINUX_DIR" add -A
git -C "$LINUX_DIR" -c user.name=Test -c user.email=test@example.org commit -q -m base
git -C "$LINUX_DIR" tag base
git -C "$LINUX_DIR" config user.name Test
git -C "$LINUX_DIR" config user.email test@example.org
rm "$PATCHES_DIR"/*
patch 1 "mm: generic" "mm/a.c:int a;"
patch 2 "arm64: pte" "arch/arm64/Kconfig.pte:config ARM64_SOFT_DIRTY_PTE"
patch 3 "mm: bench" "mm/Kconfig.bench:config PTEP_GET_LOCKLESS_BENCH"
# shellcheck disable=SC2317 # called through assert_status
run() { bash "$TOP/scripts/series-build.sh"; }
assert_status "a series that builds" 0 run
assert_contains "pte is built from the patch that defines its option" \
	"$(sed -n 2p "$BUILD/series-build/table.txt")" "n/a"
table=$(cat "$BUILD/series-build/table.txt")
assert_contains "the table has a column per variant" "$table" "baseline   pte"
assert_contains "and a row per patch" "$table" "3   mm: bench"
assert_eq "every patch built for both variants but pte at patch 1" 5 "$(grep -c ok "$BUILD/series-build/results.tsv")"
assert_contains "once a patch defines the option, it is in the configuration again" \
	"$(grep -c PTEP_GET_LOCKLESS_BENCH "$BUILD/series-build/obj/baseline/fragment.config")" "1"
assert_contains "the build worktree is not linux/" "$(git -C "$LINUX_DIR" worktree list)" "series-build/linux"
assert_eq "each kernel built is kept for make series-test, with its configuration" \
	"01-baseline.Image 02-baseline.Image 02-pte.Image 03-baseline.Image 03-pte.Image" \
	"$(cd "$BUILD/series-build/images" && echo *.Image)"
assert_contains "the configuration kept is the one built" \
	"$(grep -c PTEP_GET_LOCKLESS_BENCH "$BUILD/series-build/images/03-pte.config")" "1"
assert_status "series-test refuses a patch list that is not numbers" 1 env SERIES_TEST_PATCHES="2 x" bash "$TOP/scripts/series-test.sh"
assert_contains "naming the bad entry" "$OUT" "SERIES_TEST_PATCHES: 'x' is not a patch number"
assert_status "and an unknown variant" 1 env SERIES_TEST_VARIANTS=nope bash "$TOP/scripts/series-test.sh"
assert_contains "naming it" "$OUT" "unknown variant 'nope'"
assert_status "series-test without kept kernels says what to run" 1 env BUILD="$T_TMP/empty" bash "$TOP/scripts/series-test.sh"
assert_contains "make series-build first" "$OUT" "run 'make series-build' first"

patch 4 "mm: break pte" "BROKEN:pte"
patch 5 "mm: after" "mm/b.c:int b;"
assert_status "a patch that breaks a variant stops the run" 1 run
assert_contains "naming the patch, its subject and the variant" "$OUT" "patch 4/5 (mm: break pte, 0004-p4.patch) does not build for variant pte"
assert_contains "with the tail of the build log" "$OUT" "error: broken on purpose"
assert_contains "and the table so far" "$OUT" "FAIL"
assert_eq "patch 5 is not reached" "" "$(awk -F'\t' '$1 == 5' "$BUILD/series-build/results.tsv")"
assert_status "SERIES_BUILD_TO stops before the patch that breaks" 0 env SERIES_BUILD_FROM=2 SERIES_BUILD_TO=3 bash "$TOP/scripts/series-build.sh"
assert_eq "... having built patches 2 and 3 only" "2 3" "$(awk -F'\t' '$3 == "ok" { print $1 }' "$BUILD/series-build/results.tsv" | sort -u | tr '\n' ' ' | sed 's/ $//')"
assert_contains "... and says which range built" "$OUT" "every patch from 2 to 3 applies and builds"

rm "$PATCHES_DIR"/0005-p5.patch
patch 5 "mm: conflicting" "mm/a.c:int z;"
assert_status "a patch that does not apply stops the run" 1 env SERIES_BUILD_FROM=5 bash "$TOP/scripts/series-build.sh"
assert_contains "naming it" "$OUT" "patch 5/5 (mm: conflicting) does not apply"
finish
