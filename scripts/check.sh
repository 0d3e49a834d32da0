#!/usr/bin/env bash
# make check: make test (host tests of the harness, ShellCheck, checkpatch on
# the harness's C); the series applies on a fresh base and passes checkpatch;
# then, for every variant, build its kernel, boot it and run the guest suites
# (tests/suites.tsv), parse their results and compare skips with
# tests/expected-skips.tsv. Ends with a table of variant x suite, written to
# build/check-summary.tsv, and the line "N passed, N failed".
# Then the configuration cell (CHECK_CELLS): ptdesc-wp with 64K pages, 2
# levels and KPTI on cortex-a72, as make matrix runs it, with the suites that
# test the extended bits where the default configuration cannot (leaves in
# the PGD, splits without bits). Five kernels: what an empty ccache builds in
# the hour CI allows (about 7 minutes each on 2 cores, 9 to 10 beside the
# guest). Kernels build in the background, one at a time, from the moment
# linux/ is ready, while the rest of the setup and then the guest run.
# CHECK_FULL=1 adds what does not fit in that hour (two hours and more
# cold): the debug build of every soft-dirty variant (KASAN, lockdep,
# kmemleak, page_table_check, DEBUG_VM), which runs the soft-dirty suites,
# the failslab suites, CRIU's iterative migration and the oracle in one
# boot; the 4K 3-level cell on max; and CRIU on baseline's kernel with the
# criu axis (VARIANT@4k-48-criu).
# CHECK_VARIANTS="baseline pte" limits the variants (CHECK_DEBUG_VARIANTS the
# debug ones, "" for none; CHECK_CRIU_VARIANTS the CRIU kernels, "" for none;
# CHECK_CELLS the cells, "" for none, each VARIANT@CONFIG:CPU);
# The torn-read test's and the oracle's counts go to build/check/evidence/
# (scripts/check-evidence.sh), which make check-publish copies to results/.
# CHECK_LINUX_AS_IS=1 tests
# linux/ as it is (uncommitted work included) instead of patches/.
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/suite.sh"

CHECK_DIR="$BUILD/check"
# Gigantic hugetlb pages cannot be allocated at run time: reserve them at boot.
CHECK_CMDLINE="hugepagesz=32M hugepages=4"
CASES="$CHECK_DIR/cases.tsv"
SUMMARY="$BUILD/check-summary.tsv"
timer_start check
rm -rf "$CHECK_DIR"
mkdir -p "$CHECK_DIR"
: >"$CASES"

finish() {
	say "summary"
	awk -F'\t' '
		{ key = $1 "\t" $2; if (!(key in seen)) { seen[key] = 1; order[++n] = key }
		  count[key, $3]++ }
		END {
			for (i = 1; i <= n; i++)
				printf "%s\t%d\t%d\t%d\n", order[i], count[order[i], "pass"],
					count[order[i], "fail"], count[order[i], "skip"]
		}' "$CASES" >"$SUMMARY.body"
	{ printf 'variant\tsuite\tpass\tfail\tskip\n'; cat "$SUMMARY.body"; } >"$SUMMARY"
	rm -f "$SUMMARY.body"
	echo
	column -t -s $'\t' "$SUMMARY" | sed 's/^/  /'
	echo
	echo "  (skip: expected skips, listed in tests/expected-skips.tsv; an unexpected skip counts as failed)"
	echo "  per-case results: build/check/cases.tsv; console logs: build/check/<variant>/<suite>/"
	suite_totals
}

# fatal STEP LOG: a step without which nothing else can run.
fatal() {
	record setup "$1" fail "$1 failed (see above)"
	finish || true
	exit 1
}

say "step 1: dependencies (make deps)"
bash "$TOP/scripts/deps.sh" || fatal deps

case "${CHECK_FULL:-0}" in 0 | 1) ;; *) die "CHECK_FULL='${CHECK_FULL}': valid values are 0 and 1" ;; esac
variants=${CHECK_VARIANTS:-$(list_variants)}
for variant in $variants; do check_variant "$variant"; done
# The debug builds (KASAN, lockdep, kmemleak, page_table_check, DEBUG_VM),
# with CHECK_FULL: every soft-dirty variant's (its fragment enables
# MEM_SOFT_DIRTY). From an empty ccache one takes about 17 minutes to build
# on 2 cores (KASAN, and the criu axis for CRIU's suite), more than the hour
# has left after the four variants and the cell.
default_debug=""
if [ "${CHECK_FULL:-0}" = 1 ]; then
	default_debug=$(for v in $variants; do has_soft_dirty "$v" && echo "$v"; done; true)
fi
debug_variants=${CHECK_DEBUG_VARIANTS-$default_debug}
# The cells, each VARIANT@CONFIG:CPU, a kernel in another configuration on
# another CPU model, which runs what make matrix runs (matrix-run.sh holes).
# By default ptdesc-wp (both bits in extended bits) with 64K pages and 2
# levels, where the PGD holds PMD leaves, and KASLR with KPTI, on
# cortex-a72; with CHECK_FULL also with 4K pages and 3 levels, where the PGD
# holds the PUD leaves of 1G hugetlb.
default_cells="ptdesc-wp@64k-42-kpti-failslab:cortex-a72"
[ "${CHECK_FULL:-0}" = 1 ] && default_cells="$default_cells ptdesc-wp@4k-39-kpti-failslab:max"
cells=${CHECK_CELLS-$default_cells}
for cell in $cells; do
	check_kernel "${cell%%:*}"
	check_cpu "${cell#*:}"
done
# CRIU's iterative migration (tests/guest/criu-suite.sh) runs in every debug
# build, which has the criu axis (networking, namespaces, cgroups). With
# CHECK_FULL, a variant without one (baseline) runs it in its kernel with the
# criu axis beside the benchmark kernel, VARIANT@4k-48-criu. A CRIU kernel
# for every variant would cost more cold builds than make check can afford;
# make results EXPERIMENT=criu runs the suite on all four. CHECK_CRIU_VARIANTS
# picks ("" for none).
default_criu=""
if [ "${CHECK_FULL:-0}" = 1 ]; then
	default_criu=$(for v in $variants; do
		case " $(xargs <<<"$debug_variants") " in *" $v "*) ;; *) echo "$v" ;; esac
	done; true)
fi
criu_variants=${CHECK_CRIU_VARIANTS-$default_criu}
for v in $criu_variants; do check_variant "$v"; done
# Cells last: their runs are short, so little is left to do once the last
# kernel is built.
builds="$variants $(for v in $debug_variants; do echo "$v-debug"; done) \
	$(for v in $criu_variants; do echo "$v@4k-48-criu"; done) \
	$(for cell in $cells; do echo "${cell%%:*}"; done | awk '!seen[$0]++')"
nbuilds=$(wc -w <<<"$builds")

if [ -n "${CHECK_LINUX_AS_IS:-}" ]; then
	say "step 2: using linux/ as it is (CHECK_LINUX_AS_IS): work in progress, not patches/"
else
	say "step 2: linux/ from Debian's source and patches/ (make linux)"
	bash "$TOP/scripts/linux-prepare.sh" || fatal linux
fi

# One kernel build at a time, in the background, in the order the suites
# need them, from the moment linux/ is ready: the first builds beside the
# rest of the setup (make test, checkpatch, the guest images), then each
# builds while the guest runs the suites of the one before, at a low
# priority (nice) so that the guest's timing-sensitive tests keep their
# CPUs and the build takes what they leave idle.
# build/check/built/<kernel> holds pass or fail.
BUILT="$CHECK_DIR/built"
mkdir -p "$BUILT"
(
	for kernel in $builds; do
		if nice -n 15 bash "$TOP/scripts/kernel-build.sh" "$kernel" >"$CHECK_DIR/build-$kernel.log" 2>&1; then
			echo pass >"$BUILT/$kernel"
		else
			echo fail >"$BUILT/$kernel"
		fi
	done
) </dev/null &
builder=$!
trap 'kill "$builder" 2>/dev/null || true' EXIT
say "kernels build one at a time in the background: $(xargs <<<"$builds") (logs: build/check/build-<kernel>.log)"

say "step 3: make test (host tests of the harness, ShellCheck, checkpatch on its C)"
test_rc=0
rm -rf "$CHECK_DIR/host-tests"
mkdir -p "$CHECK_DIR/host-tests"
HOST_TEST_RESULTS="$CHECK_DIR/host-tests" bash "$TOP/scripts/test.sh" >"$CHECK_DIR/host-tests.log" 2>&1 ||
	test_rc=$?
# Each test file's cases as tests/host/run.sh read them (suite-results.awk).
test_failed=0
for results in "$CHECK_DIR"/host-tests/*.results; do
	[ -e "$results" ] || continue
	record_suite host "$(basename "$results" .results)" "$results"
	if grep -q '^fail' "$results"; then test_failed=1; fi
done
# A failure that is no test's (a missing tool) must not pass unseen.
if [ "$test_rc" != 0 ] && [ "$test_failed" = 0 ]; then
	record host make-test fail "make test exited with status $test_rc: $(tail -n 1 "$CHECK_DIR/host-tests.log")"
fi
tail -n 1 "$CHECK_DIR/host-tests.log" | sed 's/^/  /' >&2

say "step 4: the series applies on a fresh base"
if bash "$TOP/scripts/series-check.sh" >"$CHECK_DIR/series-check.log" 2>&1; then
	record setup series pass "patches/ applies on a fresh checkout of base ($(tail -n 1 "$CHECK_DIR/series-check.log"))"
else
	cat "$CHECK_DIR/series-check.log" >&2
	record setup series fail "patches/ does not apply on a fresh checkout of base"
fi

say "step 4: checkpatch.pl --strict on every patch of the series"
# The patch files of patches/, without the cover letter, of whichever version.
for patch in $(PATCHES_DIR="$TOP/patches" && . "$(dirname "$0")/lib/series.sh" && series_files); do
	name=$(basename "$patch")
	# Warnings the commit message justifies (scripts/checkpatch-justified.sh).
	justified=$(bash "$TOP/scripts/checkpatch-justified.sh" "$patch")
	# Debian's python3 (with python3-ply for spdxcheck.py), not another one on PATH.
	if (cd "$TOP/linux" && PATH="/usr/bin:$PATH" ./scripts/checkpatch.pl --strict --quiet --show-types \
		${justified:+--ignore "$justified"} "$patch") \
		>"$CHECK_DIR/checkpatch-$name.log" 2>&1; then
		record setup checkpatch pass "$name${justified:+ (justified in the commit message: $justified)}"
	else
		head -n 20 "$CHECK_DIR/checkpatch-$name.log" | sed 's/^/    /' >&2
		record setup checkpatch fail "$name: checkpatch.pl --strict reports problems"
	fi
done

say "step 5: guest image (busybox, perf, mm selftests, project programs)"
bash "$TOP/scripts/guest-image.sh" || fatal guest-image

# wait_kernel KERNEL: wait for its build; record the result; false if it failed.
wait_kernel() {
	local kernel="$1" waited=0
	while [ ! -e "$BUILT/$kernel" ]; do
		if ! kill -0 "$builder" 2>/dev/null && [ ! -e "$BUILT/$kernel" ]; then
			echo fail >"$BUILT/$kernel"
			break
		fi
		[ "$waited" = 0 ] && say "waiting for the kernel $kernel to build"
		waited=1
		sleep 2
	done
	if [ "$(cat "$BUILT/$kernel")" = pass ]; then
		record "$kernel" build pass "kernel $(cat "$BUILD/$kernel/include/config/kernel.release") built"
		return 0
	fi
	sed 's/^/    /' "$CHECK_DIR/build-$kernel.log" | tail -n 20 >&2
	record "$kernel" build fail "kernel build failed (build/check/build-$kernel.log, build/$kernel/build.log)"
	return 1
}

# run_suite VARIANT SUITE COMMAND LIMIT [CMDLINE]: one boot of the variant's
# kernel, with CMDLINE added to the kernel command line.
run_suite() {
	local variant="$1" suite="$2" command="$3" limit="$4" extra="${5:-}" dir rc
	dir="$CHECK_DIR/$variant/$suite"
	mkdir -p "$dir"
	set +e
	bash "$TOP/scripts/guest-run.sh" --variant "$variant" --quiet --timeout "$limit" \
		--append "$CHECK_CMDLINE${extra:+ $extra}" --run-dir "$dir" -- "$command" \
		2>"$dir.stderr" </dev/null
	rc=$?
	set -e
	awk -f "$TOP/scripts/suite-results.awk" "$dir/output.log" >"$dir/results.tsv"
	record_suite "$variant" "$suite" "$dir/results.tsv"
	check_minimum "$variant" "$suite" "$dir/results.tsv"
	if [ "$rc" != 0 ]; then
		sed 's/^/    /' "$dir.stderr" | tail -n 40 >&2
		record "$variant" "$suite" fail "guest run exited with status $rc (build/check/$variant/$suite/)"
	fi
	print_counts "$suite" "$dir/results.tsv"
}

# run_variant VARIANT: the suites of tests/suites.tsv that apply to it.
run_variant() {
	local variant="$1" soft_dirty=0 suite applies command limit extra
	if [ "$variant" = baseline ]; then
		say "kernel $variant: the guest runner's own tests (exit status, panic, oops, warning, hang)"
		bash "$TOP/tests/boot/test-guest-run.sh" "$variant" "$CHECK_DIR/$variant/runner" \
			>"$CHECK_DIR/runner.log" 2>&1 </dev/null || true
		awk -f "$TOP/scripts/suite-results.awk" "$CHECK_DIR/runner.log" >"$CHECK_DIR/runner.results"
		record_suite "$variant" guest-runner "$CHECK_DIR/runner.results"
		say "kernel $variant: smoke run of make results (experiment smoke)"
		bash "$TOP/tests/boot/test-results-smoke.sh" >"$CHECK_DIR/results-smoke.log" 2>&1 </dev/null || true
		awk -f "$TOP/scripts/suite-results.awk" "$CHECK_DIR/results-smoke.log" >"$CHECK_DIR/results-smoke.results"
		record_suite "$variant" results-smoke "$CHECK_DIR/results-smoke.results"
		# The cache model in a guest (issue 16): make test ran before any
		# kernel was built, so its guest stream check skipped there.
		say "kernel $variant: the cache model's guest stream check (scripts/cachemodel-validate.sh)"
		if bash "$TOP/scripts/cachemodel-validate.sh" --kernel "$BUILD/$variant/arch/arm64/boot/Image" \
			--run-dir "$CHECK_DIR/$variant/cachemodel" >"$CHECK_DIR/cachemodel.log" 2>&1 </dev/null; then
			record "$variant" cachemodel pass "a guest stream misses each level it exceeds once per line, none it fits"
		else
			tail -n 15 "$CHECK_DIR/cachemodel.log" | sed 's/^/    /' >&2
			record "$variant" cachemodel fail "the guest stream check failed (build/check/cachemodel.log)"
		fi
	fi
	grep -qx 'CONFIG_MEM_SOFT_DIRTY=y' "$BUILD/$variant/.config" && soft_dirty=1
	while IFS=$'\t' read -r suite applies command limit extra; do
		case "$suite" in '' | '#'*) continue ;; esac
		case "$applies" in
		all) ;;
		soft-dirty) [ "$soft_dirty" = 1 ] || continue ;;
		*) # shellcheck disable=SC2053
			[[ "$variant" == $applies ]] || continue ;;
		esac
		say "kernel $variant ($i/$nbuilds): suite $suite"
		run_suite "$variant" "$suite" "${command//@VARIANT@/$variant}" "$limit" "$extra"
	done <"$TOP/tests/suites.tsv"
}

# run_debug VARIANT: the debug kernel runs the soft-dirty suites, the bad
# input cases and the oracle in one boot, then a kmemleak scan
# (tests/guest/debug-run.sh; CHECK_DEBUG_SUITES=all adds the slow generic
# suites, which the plain kernels run anyway).
run_debug() {
	local base="$1" variant="$1-debug" dir rc
	local ops="${CHECK_DEBUG_ORACLE_OPS:-100000}" set="${CHECK_DEBUG_SUITES:-soft-dirty}"
	dir="$CHECK_DIR/$variant/all"
	mkdir -p "$dir"
	say "kernel $variant ($i/$nbuilds): suites ($set), oracle ($ops operations) and kmemleak in one boot"
	set +e
	bash "$TOP/scripts/guest-run.sh" --variant "$variant" --quiet --timeout 1800 \
		--append "$CHECK_CMDLINE" --run-dir "$dir" \
		-- "debug-run.sh $base $ops 20261121 $set" 2>"$dir.stderr" </dev/null
	rc=$?
	set -e
	record_framed "$variant" "$dir"
	if [ "$rc" != 0 ]; then
		sed 's/^/    /' "$dir.stderr" | tail -n 40 >&2
		record "$variant" run fail "the debug guest exited with status $rc (build/check/$variant/all/)"
	fi
}

i=0
for kernel in $builds; do
	i=$((i + 1))
	wait_kernel "$kernel" || continue
	case "$kernel" in
	*@4k-48-criu)
		say "kernel $kernel ($i/$nbuilds): suite criu"
		run_suite "$kernel" criu "criu-suite.sh" 900
		;;
	*@*)
		for cell in $cells; do
			[ "${cell%%:*}" = "$kernel" ] || continue
			say "kernel $kernel ($i/$nbuilds): the configuration suites on -cpu ${cell#*:}"
			run_cell "$kernel" "${cell#*:}" holes "$CHECK_DIR/$kernel/${cell#*:}"
		done
		;;
	*-debug) run_debug "${kernel%-debug}" ;;
	*) run_variant "$kernel" ;;
	esac
done
wait "$builder" || true
trap - EXIT
# The counts RESULTS.md quotes (torn pairs, the oracle), for make check-publish.
if bash "$TOP/scripts/check-evidence.sh" "$CHECK_DIR" "$CHECK_DIR/evidence" >/dev/null 2>&1; then
	say "torn-read and oracle counts: build/check/evidence/README.md (make check-publish puts them in results/check/)"
fi
finish
