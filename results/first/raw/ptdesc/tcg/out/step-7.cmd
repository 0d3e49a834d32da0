gup-bench.sh 256 6
