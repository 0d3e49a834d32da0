export PATH=/opt/bench:/opt/selftests/mm:$PATH
echo "PROGRESS 1/1 fork-bench --size 2M --folio base --reps 2 --forks 64 --cpu 1"
echo fork-bench\ --size\ 2M\ --folio\ base\ --reps\ 2\ --forks\ 64\ --cpu\ 1 > /out/step-1.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-1.perf -- sh -c fork-bench\ --size\ 2M\ --folio\ base\ --reps\ 2\ --forks\ 64\ --cpu\ 1 || { echo "STEP-FAILED 1"; exit 1; }
echo "PROGRESS done"
