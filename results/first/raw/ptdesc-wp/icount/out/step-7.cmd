gup-bench.sh 256 3
