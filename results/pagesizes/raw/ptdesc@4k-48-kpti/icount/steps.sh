export PATH=/opt/bench:/opt/selftests/mm:$PATH
echo "PROGRESS 1/3 fork-bench --size 1G --folio base --reps 1"
echo fork-bench\ --size\ 1G\ --folio\ base\ --reps\ 1 > /out/step-1.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-1.perf -- sh -c fork-bench\ --size\ 1G\ --folio\ base\ --reps\ 1 || { echo "STEP-FAILED 1"; exit 1; }
echo "PROGRESS 2/3 fork-bench --size 1G --folio cont --reps 1"
echo fork-bench\ --size\ 1G\ --folio\ cont\ --reps\ 1 > /out/step-2.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-2.perf -- sh -c fork-bench\ --size\ 1G\ --folio\ cont\ --reps\ 1 || { echo "STEP-FAILED 2"; exit 1; }
echo "PROGRESS 3/3 fork-bench --size 1G --folio pmd --reps 1 --forks 64 --cpu 1"
echo fork-bench\ --size\ 1G\ --folio\ pmd\ --reps\ 1\ --forks\ 64\ --cpu\ 1 > /out/step-3.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-3.perf -- sh -c fork-bench\ --size\ 1G\ --folio\ pmd\ --reps\ 1\ --forks\ 64\ --cpu\ 1 || { echo "STEP-FAILED 3"; exit 1; }
echo "PROGRESS done"
