#!/bin/sh
# matrix-run.sh KERNEL [all|holes]: the suites of one cell of make matrix (a
# variant in one arm64 configuration, on one CPU model), in one boot. KERNEL
# is the release suffix boot-checks expects (ptdesc-64k-42-kpti-failslab).
# "all" (make matrix): the boot checks, leaf entries at every level
# (leaf-bits), uffd-wp across THP splits with failing atomic allocations
# (uffd-wp-thp --fail-nowait), on ptdesc-wp registration racing with splits
# from rmap (uffd-wp-race), and where soft-dirty is built the soft-dirty selftest,
# sd-criu and the oracle (10^5 operations). "holes" (what make check runs on
# its configuration cells): the suites that test the holes of the extended
# bits outside the default configuration, without the soft-dirty selftest,
# sd-criu and the oracle, which the default kernels run. "step" (make
# series-test: a kernel built at one patch of the series, without failslab):
# the boot checks, leaf-bits, uffd-wp across THP splits, and where soft-dirty
# is built the soft-dirty selftest, sd-criu, the tracking semantics and the
# oracle; on ptdesc* the torn-read test and the scan of every table, once the
# patch that adds their debugfs instrument is in.
# Each suite's output is framed by "=== SUITE name" and "=== END name rc=N".
set -u
kernel="${1:?usage: matrix-run.sh KERNEL [all|holes]}"
set="${2:-all}"
case "$set" in
all | holes | step) ;;
*)
	echo "matrix-run.sh: unknown suite set '$set'; valid: all holes step" >&2
	exit 2
	;;
esac
# run, run_failslab_suites
# shellcheck source=tests/guest/framed-suites.sh
. /opt/tests/framed-suites.sh
soft_dirty=0
case "$kernel" in pte* | ptdesc*) soft_dirty=1 ;; esac

run boot-checks boot-checks.sh "$kernel"
run leaf-bits leaf-bits
if [ "$set" = step ]; then
	run uffd-wp-thp uffd-wp-thp
	[ "$soft_dirty" = 1 ] || exit 0
	run soft-dirty run-suite.sh soft-dirty
	run sd-criu sd-criu
	run tracking tracking-semantics.sh
	run oracle oracle.sh --ops 100000 --seed 20261130
	case "$kernel" in ptdesc*) ;; *) exit 0 ;; esac
	instrument=/sys/kernel/debug/ptdesc_ext_test
	grep -q ' /sys/kernel/debug debugfs ' /proc/mounts ||
		mount -t debugfs debugfs /sys/kernel/debug
	if [ -e "$instrument" ]; then
		run ptdesc-ext ptdesc-ext.sh 1000000
		run ext-scan ext-scan
	else
		echo "# $instrument absent: not built at this patch (CONFIG_ARM64_PTDESC_EXT_TEST)"
	fi
	exit 0
fi
run_failslab_suites "$kernel"
if [ "$set" = all ] && [ "$soft_dirty" = 1 ]; then
	run soft-dirty run-suite.sh soft-dirty
	run sd-criu sd-criu
	run oracle oracle.sh --ops 100000 --seed 20261130
fi
