#!/bin/sh
# run-suite.sh SUITE: runs one mm selftest suite in the guest the way the
# kernel's run_vmtests.sh prepares and runs it, and prints its output.
# uffd-unit-tests prints "Testing X... done|skipped|failed" lines; the host
# parser (scripts/suite-results.awk) reads both that and KTAP.
set -eu
suite="${1:?usage: run-suite.sh SUITE}"
cd /opt/selftests/mm

# hugetlb pages of every size the tests detect, except 1 GiB (see
# tests/expected-skips.tsv). run_vmtests.sh reserves 256 MiB of the default
# size; cow needs two pages of each size it tests. 32 MiB pages are gigantic
# (above MAX_PAGE_ORDER): make check reserves them on the kernel command line
# (hugepagesz=32M hugepages=4).
setup_hugetlb() {
	for size_count in 2048kB:128 64kB:32; do
		f="/sys/kernel/mm/hugepages/hugepages-${size_count%:*}/nr_hugepages"
		echo "${size_count#*:}" >"$f" || echo "# setup: cannot reserve ${size_count#*:} pages in $f"
	done
	grep -H . /sys/kernel/mm/hugepages/*/free_hugepages | sed 's/^/# setup: /'
}

# zram swap, so that MADV_PAGEOUT can push anonymous pages out and swap-in
# paths are exercised.
setup_swap() {
	if grep -q zram0 /proc/swaps; then
		return 0
	fi
	echo 1G >/sys/block/zram0/disksize
	mkswap /dev/zram0 >/dev/null
	swapon /dev/zram0
	echo "# setup: swap on zram0, 1 GiB"
}

# Runs a program as run_vmtests.sh's run_test does: exit 0 pass, 4 skip,
# anything else fail; one KTAP line per run, its output as comments.
run_test_ktap() {
	n=$1
	shift
	set +e
	"$@" >/tmp/run_test.out 2>&1
	rc=$?
	set -e
	sed 's/^/# /' /tmp/run_test.out
	case "$rc" in
	0) echo "ok $n $*" ;;
	4) echo "ok $n $* # SKIP" ;;
	*) echo "not ok $n $* # exit=$rc" ;;
	esac
}

case "$suite" in
madv_populate | mkdirty | pagemap_ioctl | soft-dirty)
	setup_hugetlb >/dev/null
	exec "./$suite"
	;;
cow)
	setup_hugetlb
	setup_swap
	exec ./cow
	;;
uffd-unit-tests)
	setup_hugetlb
	exec ./uffd-unit-tests
	;;
gup_test)
	# As run_vmtests.sh (without -a/RUN_ALL): the GUP-fast and PIN-fast
	# benchmarks, then a dump of pages 0, 19 and 4096 through pin_user_pages.
	echo "TAP version 13"
	echo "1..3"
	run_test_ktap 1 ./gup_test -u
	run_test_ktap 2 ./gup_test -a
	run_test_ktap 3 ./gup_test -ct -F 0x1 0 19 0x1000
	;;
*)
	echo "run-suite.sh: unknown suite '$suite'" >&2
	exit 2
	;;
esac
