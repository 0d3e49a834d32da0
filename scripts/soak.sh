#!/usr/bin/env bash
# make soak [VARIANT=pte] [DURATION=600] [SEED=...]: the soft-dirty oracle for
# DURATION seconds on one kernel (a -debug variant works too), longer than
# make check's 10^6 operations. The seed defaults to the time, and is printed:
# a failure reproduces with the same SEED (and the operation count it reports).
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"

variant="${1:-pte}"
duration="${2:-600}"
seed="${3:-$(date +%s)}"
check_soft_dirty_variant "$variant"
need_positive DURATION "$duration" seconds
need_number SEED "$seed"

bash "$TOP/scripts/kernel-build.sh" "$variant"
bash "$TOP/scripts/guest-image.sh" >/dev/null
run="$TOP/runs/soak/$(date -u +%Y%m%d-%H%M%S)-$variant-seed$seed"
mkdir -p "$run"
progress "soak: the oracle on $variant for $duration s, seed $seed (log: ${run#"$TOP"/}/output.log)"
bash "$TOP/scripts/guest-run.sh" --variant "$variant" --timeout $((duration + 600)) \
	--append "hugepagesz=32M hugepages=4" --run-dir "$run" \
	-- "oracle.sh --duration $duration --seed $seed" </dev/null
