gup-bench.sh 256 2
