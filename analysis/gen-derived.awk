# The derive rows of bench/benchmarks.tsv (awk -F'\t') as C initialisers of
# dataset.c's derived[]: { bench, phase, metric, numerator, denominator }.
# A row with other than 6 fields, or a field that is not a plain name, stops
# the build with its line number.
BEGIN {
	print "/* Generated from bench/benchmarks.tsv by analysis/gen-derived.awk: do not edit. */"
}
$1 == "derive" {
	if (NF != 6) {
		printf "%s:%d: a derive row has 6 tab-separated fields (derive BENCH PHASE METRIC NUMERATOR DENOMINATOR), this one %d\n", FILENAME, FNR, NF > "/dev/stderr"
		bad = 1
		exit 1
	}
	for (i = 2; i <= 6; i++)
		if ($i !~ /^[A-Za-z0-9_.-]+$/) {
			printf "%s:%d: '%s' is not a name (letters, digits, _ . -)\n", FILENAME, FNR, $i > "/dev/stderr"
			bad = 1
			exit 1
		}
	printf "\t{ \"%s\", \"%s\", \"%s\", \"%s\", \"%s\" },\n", $2, $3, $4, $5, $6
}
END {
	if (bad)
		exit 1
}
