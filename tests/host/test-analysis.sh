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
	(cd "$TOP/analysis/tests" && "$TOP/build/analysis/$t") | grep -E '^(not )?ok ' | sed "s/^\(\(not \)\{0,1\}ok\) [0-9]* /\1 0 $t: /"
done
finish
