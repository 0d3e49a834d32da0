lockless-bench --size 64M --folio 64K --reps 2
