fault-bench --size 128M --reps 1
