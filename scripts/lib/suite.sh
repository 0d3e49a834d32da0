# shellcheck shell=bash
# Recording test results, for make check and make matrix: one line per test
# case in $CASES (kernel, suite, pass|fail|skip, description), skips checked
# against tests/expected-skips.tsv and case counts against
# tests/expected-counts.tsv. The caller sources lib/common.sh first, calls
# timer_start (say and elapsed are common.sh's) and sets CASES.

# record VARIANT SUITE RESULT DESCRIPTION
record() {
	printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$CASES"
	if [ "$3" = fail ]; then
		printf '  FAIL %s/%s: %s\n' "$1" "$2" "$4" >&2
	fi
}

# expected_skip VARIANT SUITE DESCRIPTION: is this skip listed?
expected_skip() {
	local variant="$1" suite="$2" desc="$3" pv ps sub why
	while IFS=$'\t' read -r pv ps sub why; do
		case "$pv" in '' | '#'*) continue ;; esac
		# shellcheck disable=SC2053 # the variant column is a pattern
		[[ "$variant" == $pv ]] || continue
		[ "$ps" = "$suite" ] || continue
		[[ "$desc" == *"$sub"* ]] && return 0
	done <"$TOP/tests/expected-skips.tsv"
	return 1
}

# record_suite VARIANT SUITE RESULTS_FILE: results from suite-results.awk.
record_suite() {
	local variant="$1" suite="$2" file="$3" result desc
	while IFS=$'\t' read -r result _ desc; do
		if [ "$result" = skip ]; then
			if expected_skip "$variant" "$suite" "$desc"; then
				record "$variant" "$suite" skip "$desc"
			else
				record "$variant" "$suite" fail "unexpected skip: $desc"
			fi
		else
			record "$variant" "$suite" "$result" "$desc"
		fi
	done <"$file"
}

# check_minimum VARIANT SUITE RESULTS_FILE: enough cases passed?
check_minimum() {
	local variant="$1" suite="$2" file="$3" pv ps min why passed
	passed=$(awk -F'\t' '$1 == "pass"' "$file" | wc -l)
	while IFS=$'\t' read -r pv ps min why; do
		case "$pv" in '' | '#'*) continue ;; esac
		# shellcheck disable=SC2053 # the variant column is a pattern
		[[ "$variant" == $pv ]] || continue
		[ "$ps" = "$suite" ] || continue
		if [ "$passed" -lt "$min" ]; then
			record "$variant" "$suite" fail "only $passed cases passed, at least $min expected ($why)"
		fi
	done <"$TOP/tests/expected-counts.tsv"
}

# print_counts SUITE RESULTS_FILE: one progress line of its case counts.
print_counts() {
	awk -F'\t' -v s="$1" '{ c[$1]++ } END { printf "    %s: %d passed, %d failed, %d skipped\n", s, c["pass"], c["fail"], c["skip"] }' \
		"$2" >&2
}

# record_framed KERNEL DIR: the output of several suites in one boot
# (DIR/output.log, each suite framed by "=== SUITE name" and "=== END name
# rc=N", as tests/guest/debug-run.sh and matrix-run.sh print it): split into
# DIR/<suite>.out, then each suite's cases recorded for KERNEL.
record_framed() {
	local kernel="$1" dir="$2" out suite
	awk -v dir="$dir" '
		/^=== SUITE / { name = $3; file = dir "/" name ".out"; printf "" > file; next }
		/^=== END / { if (name != "") { split($4, a, "="); print a[2] > (dir "/" name ".rc") } name = ""; next }
		name != "" { print > file }
	' "$dir/output.log"
	for out in "$dir"/*.out; do
		[ -e "$out" ] || continue
		suite=$(basename "$out" .out)
		awk -f "$TOP/scripts/suite-results.awk" "$out" >"$dir/$suite.results"
		record_suite "$kernel" "$suite" "$dir/$suite.results"
		check_minimum "$kernel" "$suite" "$dir/$suite.results"
		print_counts "$suite" "$dir/$suite.results"
	done
}

# cell_cmdline CONFIG: the kernel command line of a configuration cell.
# Gigantic hugetlb pages (above MAX_PAGE_ORDER) exist only if reserved at
# boot, and leaf-bits write-protects one of each size; earlycon shows an oops
# that comes before the console.
cell_cmdline() {
	local append="earlycon=pl011,0x9000000"
	case "$(config_row "$1")" in
	4k-*) append="$append hugepagesz=1G hugepages=1 hugepagesz=32M hugepages=2" ;;
	16k-*) append="$append hugepagesz=1G hugepages=1" ;;
	esac
	echo "$append"
}

# run_cell KERNEL CPU SET DIR: one boot of KERNEL (VARIANT@CONFIG) on QEMU's
# CPU model CPU running tests/guest/matrix-run.sh SET; its suites recorded as
# KERNEL/CPU, its logs in DIR.
run_cell() {
	local kernel="$1" cpu="$2" set="$3" dir="$4" rc
	mkdir -p "$dir"
	set +e
	bash "$TOP/scripts/guest-run.sh" --variant "$kernel" --cpu "$cpu" --quiet \
		--timeout 2400 --append "$(cell_cmdline "$(kernel_config "$kernel")")" \
		--run-dir "$dir" -- "matrix-run.sh ${kernel/@/-} $set" 2>"$dir.stderr" </dev/null
	rc=$?
	set -e
	record_framed "$kernel/$cpu" "$dir"
	if [ "$rc" != 0 ]; then
		sed 's/^/    /' "$dir.stderr" | tail -n 40 >&2
		record "$kernel/$cpu" run fail "the guest exited with status $rc (${dir#"$TOP"/}/)"
	fi
}

# suite_totals: the last lines of a run, from CASES: the expected skips and
# the time, then "N passed, N failed"; false if any case failed.
suite_totals() {
	local pass fail skip
	pass=$(awk -F'\t' '$3 == "pass"' "$CASES" | wc -l)
	fail=$(awk -F'\t' '$3 == "fail"' "$CASES" | wc -l)
	skip=$(awk -F'\t' '$3 == "skip"' "$CASES" | wc -l)
	echo "  $skip skipped as expected; time $(elapsed)"
	echo "$pass passed, $fail failed"
	[ "$fail" = 0 ]
}
