#!/usr/bin/awk -f
# suite-results.awk: read the output of one test suite and print one line per
# test case: RESULT<TAB>NUMBER<TAB>DESCRIPTION, RESULT being pass, fail or skip,
# NUMBER counting the cases from 1 and DESCRIPTION the test's name and, for
# skips and failures, the reason. The one reader of test output on the host:
# make check reads the guest's suites and make test (tests/host/run.sh) the
# host's tests with it.
#
# Understands KTAP/TAP as the kernel's kselftest.h prints it:
#   TAP version 13                       a document starts (its counts start;
#                                        also "KTAP version 1")
#   1..N                                 the plan
#   ok N name / not ok N name            a result ("- " after N is allowed)
#   ok N # SKIP reason                   ksft_test_result_skip(): skip
#   ok N name # SKIP reason              ksft_test_result_code(KSFT_SKIP): skip
#   ok N # XFAIL reason                  an expected failure: pass
#   ok N name # XPASS reason             an unexpected pass: fail, as
#                                        ksft_finished() has it
#   not ok N # error reason              ksft_test_result_error(): fail
#   1..0 # SKIP reason                   ksft_exit_skip() before any result:
#                                        the whole program skipped, one skip
#   Bail out! reason                     ksft_exit_fail_msg(): one failure
#   # Totals: pass:P fail:F xfail:X xpass:XP skip:S error:E
#                                        ksft_print_cnts(): must agree with
#                                        the results read since the header
#   # [RUN] what                         a comment that names the next result
#                                        (cow), which may carry no name
#   # anything else                      a diagnostic, ignored
# Nested subtests, which are indented (and run-suite.sh's "# "-prefixed
# outputs of whole programs), are not counted. Also the line format of
# uffd-unit-tests ("Testing NAME... done|skipped [...]|failed [...]").
# A plan that the results do not complete or exceed, and a suite that printed
# no result at all, count as one failure each.
function emit(result, desc) {
	n++
	gsub(/\t/, " ", desc)
	printf "%s\t%d\t%s\n", result, n, desc
}

# The checks of a TAP document that need all of it: the plan and the totals.
function end_document() {
	if (!bailed && plan != "" && doc_results < plan + 0)
		emit("fail", "KTAP plan 1.." plan " but only " doc_results " results: the suite stopped early")
	else if (!bailed && plan != "" && doc_results > plan + 0)
		emit("fail", "KTAP plan 1.." plan " but " doc_results " results")
	if (!bailed && totals != "" && totals != doc_pass " " doc_fail " " doc_skip)
		emit("fail", "the totals line (" totals_line ") does not add up to the results read: " \
			doc_pass " passed, " doc_fail " failed, " doc_skip " skipped")
	plan = ""
	totals = ""
	doc_results = doc_pass = doc_fail = doc_skip = 0
	bailed = 0
}

# Output that went through a terminal may end its lines with CR.
{ sub(/\r$/, "") }

/^K?TAP version / {
	end_document()
	context = ""
	next
}

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
	} else if (match(line, /# *(XPASS|xpass)/)) {
		result = "fail"
	}
	if (context != "")
		line = context ": " line
	context = ""
	emit(result, line)
	doc_results++
	if (result == "pass")
		doc_pass++
	else if (result == "fail")
		doc_fail++
	else
		doc_skip++
	next
}

# ksft_exit_skip() with nothing run: "1..0 # SKIP reason".
/^1\.\.0 *# *(SKIP|skip)/ {
	line = $0
	sub(/^1\.\.0 *# */, "", line)
	emit("skip", "# " line)
	next
}

/^1\.\.[0-9]+/ {
	plan = substr($1, 4) + 0
	next
}

/^Bail out!/ {
	emit("fail", $0)
	bailed = 1
	next
}

/^# Totals: / {
	totals_line = substr($0, 3)
	split(totals_line, field, /[ :]+/)
	split("", count)
	for (i = 2; i < 13; i += 2)
		count[field[i]] = field[i + 1] + 0
	totals = (count["pass"] + count["xfail"]) " " (count["fail"] + count["error"] + count["xpass"]) \
		" " count["skip"]
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
	end_document()
	if (n == 0)
		emit("fail", "no test results in the output")
}
