lockless-bench --size 64M --folio 4K --reps 2
