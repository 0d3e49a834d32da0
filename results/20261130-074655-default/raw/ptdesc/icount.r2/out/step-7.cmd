gup-bench.sh 256 1
