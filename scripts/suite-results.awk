#!/usr/bin/awk -f
# suite-results.awk: read the output of one test suite and print one line per
# test case: RESULT<TAB>NUMBER<TAB>DESCRIPTION, RESULT being pass, fail or skip
# and DESCRIPTION the test's name and, for skips and failures, the reason.
#
# Understands KTAP/TAP ("ok N name", "not ok N name", "# SKIP reason"
# directives; nested subtests, which are indented, are not counted) and the
# line format of uffd-unit-tests ("Testing NAME... done|skipped [...]|failed
# [...]"). A KTAP plan "1..N" that the results do not complete, and a suite
# that printed no result at all, count as one failure each.
function emit(result, desc) {
	n++
	gsub(/\t/, " ", desc)
	printf "%s\t%d\t%s\n", result, n, desc
}

# Output that went through a terminal may end its lines with CR.
{ sub(/\r$/, "") }

# kselftest announces each case as a "# [RUN] what" comment; some results
# ("ok 5 # SKIP reason") carry no name of their own.
/^# \[RUN\] / {
	context = substr($0, 9)
	next
}

# Top-level KTAP result lines.
/^(not )?ok [0-9]+/ {
	line = $0
	result = (substr(line, 1, 3) == "not") ? "fail" : "pass"
	sub(/^(not )?ok [0-9]+ ?(- )?/, "", line)
	if (match(line, /# *(SKIP|skip)/)) {
		if (result == "pass")
			result = "skip"
	} else if (match(line, /# *(TODO|XFAIL|xfail)/)) {
		result = "pass"
	}
	if (context != "")
		line = context ": " line
	context = ""
	emit(result, line)
	ktap_results++
	next
}

/^1\.\.[0-9]+/ {
	plan = substr($1, 4) + 0
	next
}

# uffd-unit-tests.
/^Testing .*\.\.\. / {
	line = $0
	sub(/^Testing /, "", line)
	idx = index(line, "... ")
	name = substr(line, 1, idx - 1)
	rest = substr(line, idx + 4)
	if (rest ~ /^done/)
		emit("pass", name)
	else if (rest ~ /^skipped/)
		emit("skip", name " # SKIP " rest)
	else if (rest ~ /^failed/)
		emit("fail", name " # " rest)
	else
		pending = name
	next
}
pending != "" && /^(done|skipped|failed)/ {
	if ($0 ~ /^done/) emit("pass", pending)
	else if ($0 ~ /^skipped/) emit("skip", pending " # SKIP " $0)
	else emit("fail", pending " # " $0)
	pending = ""
	next
}

END {
	if (pending != "")
		emit("fail", pending " # no result: the suite stopped in this test")
	if (plan > 0 && ktap_results < plan)
		emit("fail", "KTAP plan 1.." plan " but only " ktap_results + 0 " results: the suite stopped early")
	if (n == 0)
		emit("fail", "no test results in the output")
}
