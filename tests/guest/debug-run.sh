#!/bin/sh
# debug-run.sh VARIANT ORACLE_OPS SEED [SET]: what make check runs on the
# debug kernel of a variant (KASAN, lockdep, kmemleak, page_table_check,
# DEBUG_VM), in one boot, then a kmemleak scan. SET "soft-dirty" (the
# default) runs the suites that exercise soft-dirty and the extended bits on
# every path (madv_populate's soft-dirty cases, sd-criu, the oracle, CRIU's
# iterative migration) and the bad input cases; "all" adds the selftests that repeat one path thousands of
# times or are generic (soft-dirty's 10000-iteration loops, pagemap_ioctl,
# uffd-unit-tests, cow, gup_test): under KASAN and lockdep in TCG they take
# ten to twenty times longer, more than make check can spend.
# Each suite's output is framed by "=== SUITE name" and "=== END name rc=N".
set -u
variant="${1:?usage: debug-run.sh VARIANT ORACLE_OPS SEED [soft-dirty|all]}"
ops="${2:-100000}"
seed="${3:-1}"
set="${4:-soft-dirty}"
case "$set" in
soft-dirty | all) ;;
*)
	echo "debug-run.sh: unknown suite set '$set'; valid: soft-dirty all" >&2
	exit 2
	;;
esac
# run, run_failslab_suites
# shellcheck source=tests/guest/framed-suites.sh
. /opt/tests/framed-suites.sh
run boot-checks boot-checks.sh "$variant-debug"
suites="madv_populate mkdirty"
[ "$set" = all ] && suites="$suites soft-dirty pagemap_ioctl uffd-unit-tests cow gup_test"
for s in $suites; do
	run "$s" run-suite.sh "$s"
done
run sd-criu sd-criu
run bad-input bad-input
# Splits with every atomic slab allocation failing (failslab): tables that
# uffd-wp needs must have had their bits before.
run_failslab_suites "$variant"
case "$variant" in
ptdesc*)
	run ptdesc-ext ptdesc-ext.sh 1000000
	run ext-scan ext-scan
	;;
esac
run oracle oracle.sh --ops "$ops" --seed "$seed"
# CRIU's iterative migration (debug builds have the criu axis).
run criu criu-suite.sh

# kmemleak ignores objects younger than 5 seconds: wait, then scan twice.
echo "=== SUITE kmemleak"
echo "TAP version 13"
echo "1..1"
f=/sys/kernel/debug/kmemleak
if [ ! -e "$f" ]; then
	echo "not ok 1 kmemleak is not available (CONFIG_DEBUG_KMEMLEAK?)"
else
	sleep 6
	echo scan >"$f"
	echo scan >"$f"
	leaks=$(grep -c "unreferenced object" "$f")
	if [ "$leaks" = 0 ]; then
		echo "ok 1 kmemleak: no leak after the suites"
	else
		sed 's/^/# /' "$f" | head -n 60
		echo "not ok 1 kmemleak: $leaks suspected leaks after the suites"
	fi
fi
echo "=== END kmemleak rc=0"
