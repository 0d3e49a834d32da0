#!/bin/sh
# gup-bench.sh [SIZE_MB] [REPS]: GUP-fast and PIN-fast through the kernel's
# gup_test (CONFIG_GUP_TEST), as run_vmtests.sh runs them (-u, -a), over
# SIZE_MB (default 256) of memory, REPS (default 10) ioctl calls each. The
# kernel times get and put itself; each call becomes RESULT lines in the
# format of guest/include/results.h.
set -eu
size="${1:-256}"
reps="${2:-10}"
case "$size$reps" in *[!0-9]*) echo "gup-bench.sh: SIZE_MB and REPS are numbers" >&2; exit 2 ;; esac
for mode in -u -a; do
	case "$mode" in -u) phase=gup_fast ;; -a) phase=pin_fast ;; esac
	out=$(/opt/selftests/mm/gup_test "$mode" -m "$size" -r "$reps") || {
		echo "gup-bench.sh: gup_test $mode failed:" >&2
		echo "$out" >&2
		exit 1
	}
	echo "$out" | awk -v phase="$phase" -v params="size=${size}M" '
		/_BENCHMARK: Time: get:/ {
			rep++
			match($0, /get:[0-9]+/); get = substr($0, RSTART + 4, RLENGTH - 4)
			match($0, /put:[0-9]+/); put = substr($0, RSTART + 4, RLENGTH - 4)
			printf "RESULT\tgup\t%s\t%d\t%s\tget_us\t%s\n", params, rep, phase, get
			printf "RESULT\tgup\t%s\t%d\t%s\tput_us\t%s\n", params, rep, phase, put
		}
		END { if (rep == 0) exit 1 }'
done
