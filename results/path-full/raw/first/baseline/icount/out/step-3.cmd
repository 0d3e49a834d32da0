fork-bench --size 1G --folio 64K --reps 2
