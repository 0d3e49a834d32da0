fault-bench --size 128M --reps 2
