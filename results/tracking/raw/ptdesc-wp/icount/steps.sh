export PATH=/opt/bench:/opt/selftests/mm:$PATH
echo "PROGRESS 1/26 track-bench --size 256M --folio 4K --mem anon --mech none --pct 10 --rounds 3 --reps 3"
echo track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ anon\ --mech\ none\ --pct\ 10\ --rounds\ 3\ --reps\ 3 > /out/step-1.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-1.perf -- sh -c track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ anon\ --mech\ none\ --pct\ 10\ --rounds\ 3\ --reps\ 3 || { echo "STEP-FAILED 1"; exit 1; }
echo "PROGRESS 2/26 track-bench --size 256M --folio 4K --mem anon --mech sd-pagemap --pct 1 --rounds 3 --reps 3"
echo track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ anon\ --mech\ sd-pagemap\ --pct\ 1\ --rounds\ 3\ --reps\ 3 > /out/step-2.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-2.perf -- sh -c track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ anon\ --mech\ sd-pagemap\ --pct\ 1\ --rounds\ 3\ --reps\ 3 || { echo "STEP-FAILED 2"; exit 1; }
echo "PROGRESS 3/26 track-bench --size 256M --folio 4K --mem anon --mech sd-pagemap --pct 10 --rounds 3 --reps 3"
echo track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ anon\ --mech\ sd-pagemap\ --pct\ 10\ --rounds\ 3\ --reps\ 3 > /out/step-3.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-3.perf -- sh -c track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ anon\ --mech\ sd-pagemap\ --pct\ 10\ --rounds\ 3\ --reps\ 3 || { echo "STEP-FAILED 3"; exit 1; }
echo "PROGRESS 4/26 track-bench --size 256M --folio 4K --mem anon --mech sd-pagemap --pct 100 --rounds 3 --reps 3"
echo track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ anon\ --mech\ sd-pagemap\ --pct\ 100\ --rounds\ 3\ --reps\ 3 > /out/step-4.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-4.perf -- sh -c track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ anon\ --mech\ sd-pagemap\ --pct\ 100\ --rounds\ 3\ --reps\ 3 || { echo "STEP-FAILED 4"; exit 1; }
echo "PROGRESS 5/26 track-bench --size 256M --folio 4K --mem anon --mech sd-scan --pct 1 --rounds 3 --reps 3"
echo track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ anon\ --mech\ sd-scan\ --pct\ 1\ --rounds\ 3\ --reps\ 3 > /out/step-5.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-5.perf -- sh -c track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ anon\ --mech\ sd-scan\ --pct\ 1\ --rounds\ 3\ --reps\ 3 || { echo "STEP-FAILED 5"; exit 1; }
echo "PROGRESS 6/26 track-bench --size 256M --folio 4K --mem anon --mech sd-scan --pct 10 --rounds 3 --reps 3"
echo track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ anon\ --mech\ sd-scan\ --pct\ 10\ --rounds\ 3\ --reps\ 3 > /out/step-6.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-6.perf -- sh -c track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ anon\ --mech\ sd-scan\ --pct\ 10\ --rounds\ 3\ --reps\ 3 || { echo "STEP-FAILED 6"; exit 1; }
echo "PROGRESS 7/26 track-bench --size 256M --folio 4K --mem anon --mech sd-scan --pct 100 --rounds 3 --reps 3"
echo track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ anon\ --mech\ sd-scan\ --pct\ 100\ --rounds\ 3\ --reps\ 3 > /out/step-7.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-7.perf -- sh -c track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ anon\ --mech\ sd-scan\ --pct\ 100\ --rounds\ 3\ --reps\ 3 || { echo "STEP-FAILED 7"; exit 1; }
echo "PROGRESS 8/26 track-bench --size 256M --folio 4K --mem anon --mech uffd-async --pct 1 --rounds 3 --reps 3"
echo track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ anon\ --mech\ uffd-async\ --pct\ 1\ --rounds\ 3\ --reps\ 3 > /out/step-8.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-8.perf -- sh -c track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ anon\ --mech\ uffd-async\ --pct\ 1\ --rounds\ 3\ --reps\ 3 || { echo "STEP-FAILED 8"; exit 1; }
echo "PROGRESS 9/26 track-bench --size 256M --folio 4K --mem anon --mech uffd-async --pct 10 --rounds 3 --reps 3"
echo track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ anon\ --mech\ uffd-async\ --pct\ 10\ --rounds\ 3\ --reps\ 3 > /out/step-9.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-9.perf -- sh -c track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ anon\ --mech\ uffd-async\ --pct\ 10\ --rounds\ 3\ --reps\ 3 || { echo "STEP-FAILED 9"; exit 1; }
echo "PROGRESS 10/26 track-bench --size 256M --folio 4K --mem anon --mech uffd-async --pct 100 --rounds 3 --reps 3"
echo track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ anon\ --mech\ uffd-async\ --pct\ 100\ --rounds\ 3\ --reps\ 3 > /out/step-10.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-10.perf -- sh -c track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ anon\ --mech\ uffd-async\ --pct\ 100\ --rounds\ 3\ --reps\ 3 || { echo "STEP-FAILED 10"; exit 1; }
echo "PROGRESS 11/26 track-bench --size 256M --folio 64K --mem anon --mech none --pct 10 --rounds 3 --reps 3"
echo track-bench\ --size\ 256M\ --folio\ 64K\ --mem\ anon\ --mech\ none\ --pct\ 10\ --rounds\ 3\ --reps\ 3 > /out/step-11.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-11.perf -- sh -c track-bench\ --size\ 256M\ --folio\ 64K\ --mem\ anon\ --mech\ none\ --pct\ 10\ --rounds\ 3\ --reps\ 3 || { echo "STEP-FAILED 11"; exit 1; }
echo "PROGRESS 12/26 track-bench --size 256M --folio 64K --mem anon --mech sd-scan --pct 10 --rounds 3 --reps 3"
echo track-bench\ --size\ 256M\ --folio\ 64K\ --mem\ anon\ --mech\ sd-scan\ --pct\ 10\ --rounds\ 3\ --reps\ 3 > /out/step-12.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-12.perf -- sh -c track-bench\ --size\ 256M\ --folio\ 64K\ --mem\ anon\ --mech\ sd-scan\ --pct\ 10\ --rounds\ 3\ --reps\ 3 || { echo "STEP-FAILED 12"; exit 1; }
echo "PROGRESS 13/26 track-bench --size 256M --folio 64K --mem anon --mech uffd-async --pct 10 --rounds 3 --reps 3"
echo track-bench\ --size\ 256M\ --folio\ 64K\ --mem\ anon\ --mech\ uffd-async\ --pct\ 10\ --rounds\ 3\ --reps\ 3 > /out/step-13.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-13.perf -- sh -c track-bench\ --size\ 256M\ --folio\ 64K\ --mem\ anon\ --mech\ uffd-async\ --pct\ 10\ --rounds\ 3\ --reps\ 3 || { echo "STEP-FAILED 13"; exit 1; }
echo "PROGRESS 14/26 track-bench --size 256M --folio 2M --mem anon --mech none --pct 10 --rounds 3 --reps 3"
echo track-bench\ --size\ 256M\ --folio\ 2M\ --mem\ anon\ --mech\ none\ --pct\ 10\ --rounds\ 3\ --reps\ 3 > /out/step-14.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-14.perf -- sh -c track-bench\ --size\ 256M\ --folio\ 2M\ --mem\ anon\ --mech\ none\ --pct\ 10\ --rounds\ 3\ --reps\ 3 || { echo "STEP-FAILED 14"; exit 1; }
echo "PROGRESS 15/26 track-bench --size 256M --folio 2M --mem anon --mech sd-scan --pct 10 --rounds 3 --reps 3"
echo track-bench\ --size\ 256M\ --folio\ 2M\ --mem\ anon\ --mech\ sd-scan\ --pct\ 10\ --rounds\ 3\ --reps\ 3 > /out/step-15.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-15.perf -- sh -c track-bench\ --size\ 256M\ --folio\ 2M\ --mem\ anon\ --mech\ sd-scan\ --pct\ 10\ --rounds\ 3\ --reps\ 3 || { echo "STEP-FAILED 15"; exit 1; }
echo "PROGRESS 16/26 track-bench --size 256M --folio 2M --mem anon --mech uffd-async --pct 10 --rounds 3 --reps 3"
echo track-bench\ --size\ 256M\ --folio\ 2M\ --mem\ anon\ --mech\ uffd-async\ --pct\ 10\ --rounds\ 3\ --reps\ 3 > /out/step-16.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-16.perf -- sh -c track-bench\ --size\ 256M\ --folio\ 2M\ --mem\ anon\ --mech\ uffd-async\ --pct\ 10\ --rounds\ 3\ --reps\ 3 || { echo "STEP-FAILED 16"; exit 1; }
echo "PROGRESS 17/26 track-bench --size 256M --folio 4K --mem shmem --mech none --pct 10 --rounds 3 --reps 3"
echo track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ shmem\ --mech\ none\ --pct\ 10\ --rounds\ 3\ --reps\ 3 > /out/step-17.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-17.perf -- sh -c track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ shmem\ --mech\ none\ --pct\ 10\ --rounds\ 3\ --reps\ 3 || { echo "STEP-FAILED 17"; exit 1; }
echo "PROGRESS 18/26 track-bench --size 256M --folio 4K --mem shmem --mech sd-scan --pct 10 --rounds 3 --reps 3"
echo track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ shmem\ --mech\ sd-scan\ --pct\ 10\ --rounds\ 3\ --reps\ 3 > /out/step-18.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-18.perf -- sh -c track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ shmem\ --mech\ sd-scan\ --pct\ 10\ --rounds\ 3\ --reps\ 3 || { echo "STEP-FAILED 18"; exit 1; }
echo "PROGRESS 19/26 track-bench --size 256M --folio 4K --mem shmem --mech uffd-async --pct 10 --rounds 3 --reps 3"
echo track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ shmem\ --mech\ uffd-async\ --pct\ 10\ --rounds\ 3\ --reps\ 3 > /out/step-19.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-19.perf -- sh -c track-bench\ --size\ 256M\ --folio\ 4K\ --mem\ shmem\ --mech\ uffd-async\ --pct\ 10\ --rounds\ 3\ --reps\ 3 || { echo "STEP-FAILED 19"; exit 1; }
echo "PROGRESS 20/26 track-bench --size 256M --folio 2M --mem shmem --mech none --pct 10 --rounds 3 --reps 3"
echo track-bench\ --size\ 256M\ --folio\ 2M\ --mem\ shmem\ --mech\ none\ --pct\ 10\ --rounds\ 3\ --reps\ 3 > /out/step-20.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-20.perf -- sh -c track-bench\ --size\ 256M\ --folio\ 2M\ --mem\ shmem\ --mech\ none\ --pct\ 10\ --rounds\ 3\ --reps\ 3 || { echo "STEP-FAILED 20"; exit 1; }
echo "PROGRESS 21/26 track-bench --size 256M --folio 2M --mem shmem --mech sd-scan --pct 10 --rounds 3 --reps 3"
echo track-bench\ --size\ 256M\ --folio\ 2M\ --mem\ shmem\ --mech\ sd-scan\ --pct\ 10\ --rounds\ 3\ --reps\ 3 > /out/step-21.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-21.perf -- sh -c track-bench\ --size\ 256M\ --folio\ 2M\ --mem\ shmem\ --mech\ sd-scan\ --pct\ 10\ --rounds\ 3\ --reps\ 3 || { echo "STEP-FAILED 21"; exit 1; }
echo "PROGRESS 22/26 track-bench --size 256M --folio 2M --mem shmem --mech uffd-async --pct 10 --rounds 3 --reps 3"
echo track-bench\ --size\ 256M\ --folio\ 2M\ --mem\ shmem\ --mech\ uffd-async\ --pct\ 10\ --rounds\ 3\ --reps\ 3 > /out/step-22.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-22.perf -- sh -c track-bench\ --size\ 256M\ --folio\ 2M\ --mem\ shmem\ --mech\ uffd-async\ --pct\ 10\ --rounds\ 3\ --reps\ 3 || { echo "STEP-FAILED 22"; exit 1; }
echo "PROGRESS 23/26 track-bench --size 1G --folio 4K --mem anon --mech none --pct 10 --rounds 2 --reps 3"
echo track-bench\ --size\ 1G\ --folio\ 4K\ --mem\ anon\ --mech\ none\ --pct\ 10\ --rounds\ 2\ --reps\ 3 > /out/step-23.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-23.perf -- sh -c track-bench\ --size\ 1G\ --folio\ 4K\ --mem\ anon\ --mech\ none\ --pct\ 10\ --rounds\ 2\ --reps\ 3 || { echo "STEP-FAILED 23"; exit 1; }
echo "PROGRESS 24/26 track-bench --size 1G --folio 4K --mem anon --mech sd-pagemap --pct 10 --rounds 2 --reps 3"
echo track-bench\ --size\ 1G\ --folio\ 4K\ --mem\ anon\ --mech\ sd-pagemap\ --pct\ 10\ --rounds\ 2\ --reps\ 3 > /out/step-24.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-24.perf -- sh -c track-bench\ --size\ 1G\ --folio\ 4K\ --mem\ anon\ --mech\ sd-pagemap\ --pct\ 10\ --rounds\ 2\ --reps\ 3 || { echo "STEP-FAILED 24"; exit 1; }
echo "PROGRESS 25/26 track-bench --size 1G --folio 4K --mem anon --mech sd-scan --pct 10 --rounds 2 --reps 3"
echo track-bench\ --size\ 1G\ --folio\ 4K\ --mem\ anon\ --mech\ sd-scan\ --pct\ 10\ --rounds\ 2\ --reps\ 3 > /out/step-25.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-25.perf -- sh -c track-bench\ --size\ 1G\ --folio\ 4K\ --mem\ anon\ --mech\ sd-scan\ --pct\ 10\ --rounds\ 2\ --reps\ 3 || { echo "STEP-FAILED 25"; exit 1; }
echo "PROGRESS 26/26 track-bench --size 1G --folio 4K --mem anon --mech uffd-async --pct 10 --rounds 2 --reps 3"
echo track-bench\ --size\ 1G\ --folio\ 4K\ --mem\ anon\ --mech\ uffd-async\ --pct\ 10\ --rounds\ 2\ --reps\ 3 > /out/step-26.cmd
perf stat -x, -e task-clock,cycles,instructions,page-faults -o /out/step-26.perf -- sh -c track-bench\ --size\ 1G\ --folio\ 4K\ --mem\ anon\ --mech\ uffd-async\ --pct\ 10\ --rounds\ 2\ --reps\ 3 || { echo "STEP-FAILED 26"; exit 1; }
echo "PROGRESS done"
