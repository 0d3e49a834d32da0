fork-bench --size 2M --folio base --reps 1 --forks 1000 --cpu 1
