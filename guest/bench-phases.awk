# bench-phases.awk: the "phase" rows of bench/benchmarks.tsv as the X-macro
# table of guest/include/bench-phases.h (BENCH_PHASE_TABLE), on stdout:
#   phase  NAME  ID  BENCHES  ->  X(BENCH_PHASE_<NAME in capitals>, ID, NAME)
# Run by guest/programs.mk into its build directory (gen/bench-phases-table.h).
BEGIN { FS = "\t" }
$1 == "phase" {
	if (NF < 4 || $2 !~ /^[a-z][a-z0-9_]*$/ || $3 !~ /^[0-9]+$/) {
		printf "bench-phases.awk: %s:%d: a phase row is: phase NAME ID BENCHES\n", FILENAME, FNR > "/dev/stderr"
		exit 1
	}
	n++
	entry[n] = sprintf("\tX(BENCH_PHASE_%s, %d, %s)", toupper($2), $3, $2)
}
END {
	if (n == 0) {
		print "bench-phases.awk: no phase rows" > "/dev/stderr"
		exit 1
	}
	print "/* Generated from bench/benchmarks.tsv by guest/bench-phases.awk: do not edit. */"
	print "#define BENCH_PHASE_TABLE(X) \\"
	for (i = 1; i <= n; i++)
		print entry[i] (i < n ? " \\" : "")
}
