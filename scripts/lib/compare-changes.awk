# compare-changes.awk: the report shared by compare-cost-tables.sh and
# compare-summaries.sh. The caller's rules fill, for file 1 (A) and file 2
# (B): pct[f, k], lo[f, k], hi[f, k], seen[f, k] and keys[k] for every change
# k, and what[k], its name; its END calls report(NOUN, INSIDE), NOUN naming
# what holds the changes ("runs", "Summaries"), INSIDE (0 or 1) whether to
# count B's medians within A's intervals too; then report_rest(ONE, BLANK):
# the changes of one side only (ONE: "run", "Summary") and those whose
# intervals do not overlap, BLANK (0 or 1) a blank line before the list.
function abs(x) { return x < 0 ? -x : x }
function report(noun, inside_too,    k, n, overlap, inside, i, j, v, median) {
	n = 0; overlap = 0; inside = 0; only = 0
	for (k in keys) {
		if (!((1, k) in seen) || !((2, k) in seen)) {
			only++
			onlyrow[only] = what[k] (((1, k) in seen) ? " (A only)" : " (B only)")
			continue
		}
		n++
		d[n] = abs(pct[2, k] - pct[1, k])
		if ((lo[1, k] > lo[2, k] ? lo[1, k] : lo[2, k]) <= (hi[1, k] < hi[2, k] ? hi[1, k] : hi[2, k]))
			overlap++
		else
			apart[k] = 1
		if (pct[2, k] >= lo[1, k] && pct[2, k] <= hi[1, k])
			inside++
	}
	if (n == 0)
		return 0
	for (i = 2; i <= n; i++) {
		v = d[i]
		for (j = i - 1; j >= 1 && d[j] > v; j--)
			d[j + 1] = d[j]
		d[j + 1] = v
	}
	median = (n % 2) ? d[(n + 1) / 2] : (d[n / 2] + d[n / 2 + 1]) / 2
	printf "A: `%s`; B: `%s`.\n\n", name_a, name_b
	printf "%d changes in both %s; their 95%% intervals overlap in %d; ", n, noun, overlap
	if (inside_too)
		printf "B's median lies in A's interval in %d; ", inside
	printf "difference of the changes: median %.2f, largest %.2f percentage points.\n", median, d[n]
	return n
}
function report_rest(one, blank,    k, m, i, j, v) {
	if (only)
		printf "%d changes in one %s only.\n", only, one
	m = 0
	for (k in apart)
		row[++m] = k
	if (m) {
		print ""
		print "| change whose intervals do not overlap | A | B |"
		print "|---|---:|---:|"
		for (i = 2; i <= m; i++) {
			v = row[i]
			for (j = i - 1; j >= 1 && what[row[j]] > what[v]; j--)
				row[j + 1] = row[j]
			row[j + 1] = v
		}
		for (i = 1; i <= m; i++) {
			k = row[i]
			printf "| %s | %+.2f%% [%+.2f, %+.2f] | %+.2f%% [%+.2f, %+.2f] |\n", what[k], pct[1, k], lo[1, k], hi[1, k], pct[2, k], lo[2, k], hi[2, k]
		}
	}
	if (only && blank)
		print ""
	for (i = 1; i <= only; i++)
		printf "- %s\n", onlyrow[i]
}
