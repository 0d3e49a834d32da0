fork-bench --size 1G --folio 2M --reps 1 --forks 64 --cpu 1
