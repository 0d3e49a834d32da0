gup-bench --size 256M --reps 2
