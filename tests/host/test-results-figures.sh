#!/usr/bin/env bash
# The percentages of RESULTS.md's prose come from the generated tables:
# scripts/results-figures.sh, whose header states the rule, on small
# fixtures (what it matches, what it refuses), then on RESULTS.md and
# results/ themselves. The rule in short: every signed percentage (+N% or
# -N%) outside the generated blocks (<!-- BEGIN ... --> to <!-- END ... -->)
# must be a signed percentage of a generated table under results/ (every
# *.md there but the hand-written README.md files and raw/): of the
# published run at its top, or of a folder of results/ that the figure's
# section ("## " heading) names; either as
# written or rounded, half away from zero, to fewer decimals (+1.7% for
# +1.67%, +296% for +296.23%); never to more decimals than the table has.
# Unsigned percentages (targets, thresholds, spreads) are not checked.
. "$(dirname "$0")/lib.sh"
CHECK="$TOP/scripts/results-figures.sh"

mkdir -p "$T_TMP/results/run/raw" "$T_TMP/results/probes"
cat >"$T_TMP/results/tables.md" <<'EOF'
| %change of medians (95% CI: bootstrap of boots, then repetitions) | - | +0.05% [-0.00, +1.36] | -0.11%\* [-0.13, -0.05] | +1.67% [+1.60, +1.71] |
| %change of medians | - | +296.23% | +1.25% | -0.04% |
EOF
echo '| x | +5.55% |' >"$T_TMP/results/run/comparison.md"
echo '| x | +9.99% |' >"$T_TMP/results/probes/README.md"
echo '| x | +8.88% |' >"$T_TMP/results/run/raw/notes.md"

# check NAME STATUS PROSE: the check on a RESULTS.md holding PROSE.
check() {
	printf '%s\n' "$3" >"$T_TMP/RESULTS.md"
	assert_status "$1" "$2" bash "$CHECK" "$T_TMP/RESULTS.md" "$T_TMP/results"
}
check "a figure as the table gives it" 0 "fork() at 4K: -0.11% and +0.05%."
check "rounded to one decimal" 0 "page faults +1.7%, the primitive +296%."
check "rounded to none" 0 "page faults +2%, within the spread."
check "rounded half away from zero" 0 "+1.3% of something"
check "a zero of either sign" 0 "nothing: +0.0% and -0.0%"
check "unsigned percentages are not figures" 0 "within 1%, 10-50% apart, target 3%"
check "a figure in no table fails" 1 "fork() at 2M +1.45%."
assert_contains "and is named with its line" "$OUT" "1: +1.45%: fork() at 2M +1.45%."
check "a table's figure with a wrong sign fails" 1 "-1.67% per fault"
check "more decimals than the table fails" 1 "+1.670% per fault"
check "a rounding the table does not give fails" 1 "+1.6% per fault"
check "a hand-written README.md is no table" 1 "the probe: +9.99%"
check "nor is raw/" 1 "the notes: +8.88%"
check "a run's table counts where its section names the run" 0 "$(printf '## A\nrun [results/run/](results/run/): +5.55%%')"
check "or names a file of it" 0 "$(printf '## A\n(results/run/comparison.md) +5.55%%')"
check "not in another section" 1 "$(printf '## A\nresults/run/\n## B\n+5.55%%')"
check "a figure in a range is checked" 1 "from +1.67% to +4.2%"
check "figures inside generated blocks are not prose" 0 "$(printf '<!-- BEGIN X -->\n+7.77%%\n<!-- END X -->\nthen +1.67%%')"
check "after the block, prose again" 1 "$(printf '<!-- BEGIN X -->\n<!-- END X -->\n+7.77%%')"

# The real thing.
if OUT=$(bash "$CHECK" 2>&1); then
	ok "every percentage of RESULTS.md's prose is in a generated table under results/"
else
	not_ok "every percentage of RESULTS.md's prose is in a generated table under results/" \
		"in none (LINE: FIGURE: text):" "$(printf '%s\n' "$OUT" | cut -c1-200)"
fi
finish
