export PATH=/opt/bench:/opt/selftests/mm:$PATH
echo "PROGRESS 1/11 fork-bench --size 1G --folio 4K --reps 2"
echo fork-bench\ --size\ 1G\ --folio\ 4K\ --reps\ 2 > /out/step-1.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-1.perf -- sh -c fork-bench\ --size\ 1G\ --folio\ 4K\ --reps\ 2 || { echo "STEP-FAILED 1"; exit 1; }
echo "PROGRESS 2/11 fork-bench --size 1G --folio 16K --reps 2"
echo fork-bench\ --size\ 1G\ --folio\ 16K\ --reps\ 2 > /out/step-2.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-2.perf -- sh -c fork-bench\ --size\ 1G\ --folio\ 16K\ --reps\ 2 || { echo "STEP-FAILED 2"; exit 1; }
echo "PROGRESS 3/11 fork-bench --size 1G --folio 64K --reps 2"
echo fork-bench\ --size\ 1G\ --folio\ 64K\ --reps\ 2 > /out/step-3.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-3.perf -- sh -c fork-bench\ --size\ 1G\ --folio\ 64K\ --reps\ 2 || { echo "STEP-FAILED 3"; exit 1; }
echo "PROGRESS 4/11 fork-bench --size 1G --folio 2M --reps 2 --forks 64 --cpu 1"
echo fork-bench\ --size\ 1G\ --folio\ 2M\ --reps\ 2\ --forks\ 64\ --cpu\ 1 > /out/step-4.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-4.perf -- sh -c fork-bench\ --size\ 1G\ --folio\ 2M\ --reps\ 2\ --forks\ 64\ --cpu\ 1 || { echo "STEP-FAILED 4"; exit 1; }
echo "PROGRESS 5/11 fork-bench --size 1G --folio 4K --state clean --reps 2"
echo fork-bench\ --size\ 1G\ --folio\ 4K\ --state\ clean\ --reps\ 2 > /out/step-5.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-5.perf -- sh -c fork-bench\ --size\ 1G\ --folio\ 4K\ --state\ clean\ --reps\ 2 || { echo "STEP-FAILED 5"; exit 1; }
echo "PROGRESS 6/11 fault-bench --size 128M --reps 2"
echo fault-bench\ --size\ 128M\ --reps\ 2 > /out/step-6.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-6.perf -- sh -c fault-bench\ --size\ 128M\ --reps\ 2 || { echo "STEP-FAILED 6"; exit 1; }
echo "PROGRESS 7/11 gup-bench.sh 256 2"
echo gup-bench.sh\ 256\ 2 > /out/step-7.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-7.perf -- sh -c gup-bench.sh\ 256\ 2 || { echo "STEP-FAILED 7"; exit 1; }
echo "PROGRESS 8/11 lockless-bench --size 64M --folio 4K --reps 2"
echo lockless-bench\ --size\ 64M\ --folio\ 4K\ --reps\ 2 > /out/step-8.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-8.perf -- sh -c lockless-bench\ --size\ 64M\ --folio\ 4K\ --reps\ 2 || { echo "STEP-FAILED 8"; exit 1; }
echo "PROGRESS 9/11 lockless-bench --size 64M --folio 64K --reps 2"
echo lockless-bench\ --size\ 64M\ --folio\ 64K\ --reps\ 2 > /out/step-9.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-9.perf -- sh -c lockless-bench\ --size\ 64M\ --folio\ 64K\ --reps\ 2 || { echo "STEP-FAILED 9"; exit 1; }
echo "PROGRESS 10/11 mem-bench --size 1G"
echo mem-bench\ --size\ 1G > /out/step-10.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-10.perf -- sh -c mem-bench\ --size\ 1G || { echo "STEP-FAILED 10"; exit 1; }
echo "PROGRESS 11/11 fork-bench --size 1G --folio 4K --reps 2"
echo fork-bench\ --size\ 1G\ --folio\ 4K\ --reps\ 2 > /out/profile-11.cmd
perf record -q -e cpu-clock -a -g -o /tmp/perf.data -- sh -c fork-bench\ --size\ 1G\ --folio\ 4K\ --reps\ 2 >/dev/null || { echo "STEP-FAILED 11"; exit 1; }
perf report -q -i /tmp/perf.data --stdio --no-children --sort symbol --percent-limit 0.5 -g none > /out/profile-11.txt 2>&1; rm -f /tmp/perf.data
echo "PROGRESS done"
