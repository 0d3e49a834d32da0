# shellcheck shell=sh
# framed-suites.sh: sourced by debug-run.sh and matrix-run.sh (in the guest,
# /opt/tests): suites run in one boot, each framed for the host
# (scripts/lib/suite.sh's record_framed) by "=== SUITE name" and
# "=== END name rc=N".

# run NAME COMMAND...: one framed suite.
run() {
	name="$1"
	shift
	echo "=== SUITE $name"
	"$@" 2>&1
	echo "=== END $name rc=$?"
}

# run_failslab_suites KERNEL: the suites that need every atomic slab
# allocation to fail (failslab): uffd-wp across THP splits (where the
# extended bits can fall back, ptdesc*, the fallback is expected), and on
# uffd-wp in extended bits (ptdesc-wp*) registration racing with splits
# from rmap, which cannot allocate bits: only there can anything be lost.
run_failslab_suites() {
	case "$1" in
	ptdesc*) run uffd-wp-thp uffd-wp-thp --fail-nowait --expect-fallback ;;
	*) run uffd-wp-thp uffd-wp-thp --fail-nowait ;;
	esac
	case "$1" in
	ptdesc-wp*) run uffd-wp-race uffd-wp-race --rounds 20 ;;
	esac
}
