fork-bench --size 1G --folio 4K --reps 2
