#!/usr/bin/env bash
# The analysis unit tests (analysis/tests): statistics against independently
# worked-out values, the bootstrap against published generator outputs and
# known intervals, parsing of real guest output kept as fixtures, malformed
# input rejected. Builds them first; a build failure is a failure.
. "$(dirname "$0")/lib.sh"
if ! make -s -C "$TOP/analysis" >"$T_TMP/build.log" 2>&1; then
	not_ok "analysis builds with -Wall -Wextra -Werror" "$(tail -n 5 "$T_TMP/build.log")"
	finish
fi
ok "analysis builds with -Wall -Wextra -Werror"
for t in test-stats test-dataset test-report test-bootstrap; do
	status=0
	(cd "$TOP/analysis/tests" && "$TOP/build/analysis/$t") >"$T_TMP/$t.out" 2>&1 || status=$?
	relay "$t" "$T_TMP/$t.out" "$status"
done

# sdstat's exit statuses: only 3 means "not measured" to its callers.
sdstat="$TOP/build/analysis/sdstat"
"$sdstat" tidy --run r "$TOP/analysis/tests/fixtures/run-icount" >"$T_TMP/r.csv"
assert_status "sdstat compare: data that matches, status 0" 0 "$sdstat" compare "$T_TMP/r.csv" --bench fork
assert_status "sdstat compare: no measurement matches, status 3" 3 "$sdstat" compare "$T_TMP/r.csv" --bench no-such
assert_contains "it says so" "$OUT" "no measurement matches"
assert_status "sdstat compare: a missing CSV is an error, status 1" 1 "$sdstat" compare "$T_TMP/none.csv"
assert_status "sdstat: a bad option is a usage error, status 2" 2 "$sdstat" compare "$T_TMP/r.csv" --bad x
assert_contains "the usage names status 3" "$OUT" "3 compare: no measurement matches the filters"
# plot.sh fails, with sdstat's message, on any status but 0 and 3.
mkdir -p "$T_TMP/run"
printf '#!/bin/sh\necho "sdstat: broken" >&2\nexit 1\n' >"$T_TMP/sdstat-broken"
chmod +x "$T_TMP/sdstat-broken"
assert_status "plot.sh fails when sdstat fails" 1 \
	env SDSTAT="$T_TMP/sdstat-broken" bash "$TOP/analysis/plots/plot.sh" "$T_TMP/run" "baseline pte"
assert_contains "and shows sdstat's error" "$OUT" "sdstat: broken"
# A run with one variant and the primitive at 4K entries only (the smoke run
# of make check, kept as a fixture): every plot is drawn, the empty panels
# say so. gnuplot stopped at "x range is invalid" on the 64K panel before.
cp -r "$TOP/analysis/tests/fixtures/smoke-run" "$T_TMP/smoke"
assert_status "plot.sh draws the plots of a run with baseline only and 4K entries only" 0 \
	bash "$TOP/analysis/plots/plot.sh" "$T_TMP/smoke" baseline
for plot in fork-overhead lockless; do
	if [ -s "$T_TMP/smoke/plots/$plot.png" ]; then ok "it draws $plot.png"; else not_ok "it draws $plot.png" "$(ls "$T_TMP/smoke/plots")"; fi
done
if grep -q "intervals beyond the axis" "$T_TMP/smoke/plots/fork-overhead.svg"; then
	not_ok "fork-overhead.svg of a run whose intervals fit its axis has no note of intervals beyond it" "$(grep "beyond" "$T_TMP/smoke/plots/fork-overhead.svg")"
else
	ok "fork-overhead.svg of a run whose intervals fit its axis has no note of intervals beyond it"
fi
# The published run with the first implementation (1 boot, 2M unpinned):
# its intervals at 2M reach past the left panel's -5..+45% and are named in
# a note with their ends, each beyond the axis.
mkdir -p "$T_TMP/published"
cp "$TOP/results/results.csv" "$TOP/results/experiment.exp" "$TOP/results/RUN" "$T_TMP/published/"
assert_status "plot.sh draws the published run with the first implementation and fork() at 2M" 0 \
	env FIRST="$TOP/results/first" FORK2M="$TOP/results/fork-2m" \
	bash "$TOP/analysis/plots/plot.sh" "$T_TMP/published" "baseline pte ptdesc ptdesc-wp"
note=$(grep -o "intervals beyond the axis: [^<]*" "$T_TMP/published/plots/fork-overhead.svg" || true)
assert_contains "fork-overhead.svg names the first implementation's intervals beyond its axis at 2M" "$note" "(first) 2M"
ends=$(printf '%s\n' "${note#*: }" | tr ',' '\n' | sed -n 's/.* \([-+][0-9]*\)%$/\1/p')
if [ -n "$ends" ] && ! printf '%s\n' "$ends" | awk '$1 >= -5 && $1 <= 45 { bad = 1 } END { exit bad }'; then
	not_ok "every end it names lies beyond -5..+45%" "$note"
elif [ -z "$ends" ]; then
	not_ok "every end it names lies beyond -5..+45%" "no end in: $note"
else
	ok "every end it names lies beyond -5..+45%"
fi
finish
