export PATH=/opt/bench:/opt/selftests/mm:$PATH
echo "PROGRESS 1/2 fork-bench --size 2M --folio base --reps 1 --forks 2 --cpu 1"
echo fork-bench\ --size\ 2M\ --folio\ base\ --reps\ 1\ --forks\ 2\ --cpu\ 1 > /out/step-1.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-1.perf -- sh -c fork-bench\ --size\ 2M\ --folio\ base\ --reps\ 1\ --forks\ 2\ --cpu\ 1 || { echo "STEP-FAILED 1"; exit 1; }
echo "PROGRESS 2/2 fork-bench --size 2M --folio base --reps 1 --forks 1000 --cpu 1"
echo fork-bench\ --size\ 2M\ --folio\ base\ --reps\ 1\ --forks\ 1000\ --cpu\ 1 > /out/profile-2.cmd
perf record -q -e cpu-clock -a -g -o /tmp/perf.data -- sh -c fork-bench\ --size\ 2M\ --folio\ base\ --reps\ 1\ --forks\ 1000\ --cpu\ 1 >/dev/null || { echo "STEP-FAILED 2"; exit 1; }
perf report -q -i /tmp/perf.data --stdio --no-children --sort symbol --percent-limit 0.5 -g none > /out/profile-2.txt 2>&1; rm -f /tmp/perf.data
echo "PROGRESS done"
