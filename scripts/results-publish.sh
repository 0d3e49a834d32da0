#!/usr/bin/env bash
# results-publish.sh RUN_DIR "VARIANTS": keep a run as the published one:
# results/ gets its tidy CSV, statistics, plots, profiles and raw guest
# output (small; console logs compressed); then the tables, the plots and
# the generated parts of RESULTS.md are written from results/ alone
# (results-tables.sh, results-render.sh). results/profile/
# and results/path/ (make path) are left as they are.
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/results.sh"
run="${1:?usage: results-publish.sh RUN_DIR VARIANTS}"
# shellcheck disable=SC2034 # checked for the usage; the tables take the variants from experiment.exp
variants="${2:?usage: results-publish.sh RUN_DIR VARIANTS}"
dest="$TOP/results"

# results/ also keeps what other runs publish (profile/, path/): replace only
# what this run owns.
rm -rf "$dest/raw" "$dest/plots"
rm -f "$dest/results.csv" "$dest/summary.csv" "$dest/environment.md" "$dest/experiment.exp" \
	"$dest/generated.md" "$dest/tables.md" "$dest/RUN"
mkdir -p "$dest/raw" "$dest/plots"
cp "$run/results.csv" "$run/summary.csv" "$run/environment.md" "$run/experiment.exp" "$dest/"
cp "$run"/plots/*.png "$run"/plots/*.svg "$run"/plots/*.dat "$dest/plots/"
for d in "$run"/*/*/; do
	rel="${d#"$run"/}"
	keep_raw "$d" "$dest/raw/$rel"
done
basename "$run" >"$dest/RUN"

# The generated tables (results/tables.md, the GENERATED part of RESULTS.md,
# each kept run's comparison.md), from results/ alone.
bash "$TOP/scripts/results-tables.sh"

# The published plots and RESULTS.md's Summary table, from results/ alone.
bash "$TOP/scripts/results-render.sh"
