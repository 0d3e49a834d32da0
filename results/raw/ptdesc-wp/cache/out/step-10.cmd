mem-bench --size 1G
