fork-bench --size 1G --folio 2M --reps 3
