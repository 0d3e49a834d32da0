export PATH=/opt/bench:/opt/selftests/mm:$PATH
echo "PROGRESS 1/10 fork-bench --size 1G --folio 4K --reps 1"
echo fork-bench\ --size\ 1G\ --folio\ 4K\ --reps\ 1 > /out/step-1.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-1.perf -- sh -c fork-bench\ --size\ 1G\ --folio\ 4K\ --reps\ 1 || { echo "STEP-FAILED 1"; exit 1; }
echo "PROGRESS 2/10 fork-bench --size 1G --folio 16K --reps 1"
echo fork-bench\ --size\ 1G\ --folio\ 16K\ --reps\ 1 > /out/step-2.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-2.perf -- sh -c fork-bench\ --size\ 1G\ --folio\ 16K\ --reps\ 1 || { echo "STEP-FAILED 2"; exit 1; }
echo "PROGRESS 3/10 fork-bench --size 1G --folio 64K --reps 1"
echo fork-bench\ --size\ 1G\ --folio\ 64K\ --reps\ 1 > /out/step-3.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-3.perf -- sh -c fork-bench\ --size\ 1G\ --folio\ 64K\ --reps\ 1 || { echo "STEP-FAILED 3"; exit 1; }
echo "PROGRESS 4/10 fork-bench --size 1G --folio 2M --reps 1 --forks 64 --cpu 1"
echo fork-bench\ --size\ 1G\ --folio\ 2M\ --reps\ 1\ --forks\ 64\ --cpu\ 1 > /out/step-4.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-4.perf -- sh -c fork-bench\ --size\ 1G\ --folio\ 2M\ --reps\ 1\ --forks\ 64\ --cpu\ 1 || { echo "STEP-FAILED 4"; exit 1; }
echo "PROGRESS 5/10 fork-bench --size 1G --folio 4K --state clean --reps 1"
echo fork-bench\ --size\ 1G\ --folio\ 4K\ --state\ clean\ --reps\ 1 > /out/step-5.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-5.perf -- sh -c fork-bench\ --size\ 1G\ --folio\ 4K\ --state\ clean\ --reps\ 1 || { echo "STEP-FAILED 5"; exit 1; }
echo "PROGRESS 6/10 fault-bench --size 128M --reps 1"
echo fault-bench\ --size\ 128M\ --reps\ 1 > /out/step-6.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-6.perf -- sh -c fault-bench\ --size\ 128M\ --reps\ 1 || { echo "STEP-FAILED 6"; exit 1; }
echo "PROGRESS 7/10 gup-bench.sh 256 1"
echo gup-bench.sh\ 256\ 1 > /out/step-7.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-7.perf -- sh -c gup-bench.sh\ 256\ 1 || { echo "STEP-FAILED 7"; exit 1; }
echo "PROGRESS 8/10 lockless-bench --size 64M --folio 4K --reps 1"
echo lockless-bench\ --size\ 64M\ --folio\ 4K\ --reps\ 1 > /out/step-8.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-8.perf -- sh -c lockless-bench\ --size\ 64M\ --folio\ 4K\ --reps\ 1 || { echo "STEP-FAILED 8"; exit 1; }
echo "PROGRESS 9/10 lockless-bench --size 64M --folio 64K --reps 1"
echo lockless-bench\ --size\ 64M\ --folio\ 64K\ --reps\ 1 > /out/step-9.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-9.perf -- sh -c lockless-bench\ --size\ 64M\ --folio\ 64K\ --reps\ 1 || { echo "STEP-FAILED 9"; exit 1; }
echo "PROGRESS 10/10 mem-bench --size 1G"
echo mem-bench\ --size\ 1G > /out/step-10.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-10.perf -- sh -c mem-bench\ --size\ 1G || { echo "STEP-FAILED 10"; exit 1; }
echo "PROGRESS done"
