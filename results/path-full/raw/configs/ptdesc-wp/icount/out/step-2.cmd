fork-bench --size 1G --folio 16K --reps 2
