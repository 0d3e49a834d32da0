# shellcheck shell=bash
# What the plot scripts (plot.sh, changes.sh, cost.sh) find the same way.
# Source it once run (the run folder, RUN_DIR) is set; it sets
# - here: this folder (the gnuplot scripts),
# - sdstat: SDSTAT, else build/analysis/sdstat of this tree,
# - benchmarks: BENCHMARKS, else bench/benchmarks.tsv (the plot rows say
#   which measure each plot shows),
# - run_id: the run's RUN, else the folder's name (a run kept by hand).
# shellcheck disable=SC2034,SC2154 # sdstat, benchmarks, run_id: read by the caller; run: set by it
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
sdstat="${SDSTAT:-$here/../../build/analysis/sdstat}"
benchmarks="${BENCHMARKS:-$here/../../bench/benchmarks.tsv}"
run_id=$(cat "$run/RUN" 2>/dev/null || basename "$run")
