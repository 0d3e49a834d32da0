fork-bench --size 1G --folio 4K --state clean --reps 1
