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
# Other base page sizes have other hugetlb sizes (16K pages: 2M contpte, 32M
# PMD, 1G contpmd; 64K pages: 2M, 512M, 16G): there the default size (the
# PMD's) gets 256 MiB worth but at least the two pages cow needs, and the
# contpte size two pages.
setup_hugetlb() {
	# The base page size; 4K if it cannot be told.
	page_kb=$(awk '/^KernelPageSize:/ { print $2; exit }' /proc/self/smaps 2>/dev/null || true)
	if [ "${page_kb:-4}" = 4 ]; then
		sizes="2048kB:128 64kB:32"
	else
		hugetlb_sizes "$page_kb"
	fi
	for size_count in $sizes; do
		f="/sys/kernel/mm/hugepages/hugepages-${size_count%:*}/nr_hugepages"
		echo "${size_count#*:}" >"$f" || echo "# setup: cannot reserve ${size_count#*:} pages in $f"
	done
	grep -H . /sys/kernel/mm/hugepages/*/free_hugepages | sed 's/^/# setup: /'
}

# hugetlb_sizes PAGE_KB: sets $sizes to "SIZEkB:COUNT ..." for a base page
# size other than 4K. A gigantic size (above MAX_PAGE_ORDER) is left out: it
# cannot be allocated at run time.
hugetlb_sizes() {
	sizes=""
	default_kb=$(awk '/^Hugepagesize:/ { print $2 }' /proc/meminfo)
	[ -n "$default_kb" ] || return 0	# no hugetlb
	# CONT_PTES entries: 128 at 16K pages, 32 at 64K; 2M either way.
	case "$1" in
	16) contpte_kb=$(($1 * 128)) ;;
	*) contpte_kb=$(($1 * 32)) ;;
	esac
	# The columns of /proc/buddyinfo after the zone name: orders 0 to MAX_PAGE_ORDER.
	max_kb=$(($1 << $(awk 'NR == 1 { print NF - 5 }' /proc/buddyinfo)))
	count=$((256 * 1024 / default_kb))
	[ "$count" -ge 2 ] || count=2
	for size_count in "$default_kb:$count" "$contpte_kb:2"; do
		size_kb=${size_count%:*}
		case " $sizes " in
		*" ${size_kb}kB:"*) continue ;;	# the contpte size is the default one
		esac
		if [ "$size_kb" -gt "$max_kb" ]; then
			echo "# setup: ${size_kb}kB hugetlb pages are gigantic (above ${max_kb}kB): not reserved"
			continue
		fi
		sizes="$sizes ${size_kb}kB:${size_count#*:}"
	done
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
