fork-bench --size 1G --folio 2M --reps 2 --forks 12
