fault-bench --size 128M --reps 6
