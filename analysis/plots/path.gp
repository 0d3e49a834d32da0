# The optimisation path (make path): fork()'s overhead on the extended-bits
# variants at each step, in instructions, against the RFC's +40% and the
# targets of issue 7. Called by scripts/path-report.sh with datafile,
# outfile, termspec and runid. fork() at 2M is not pinned here (24 forks a
# step): its points move by several points from run to run.
eval "set terminal ".termspec
set output outfile
set datafile separator "\t"
set datafile missing "NaN"
set key outside right top
set grid ytics
set ylabel "fork() of 1 GiB: % instructions over baseline"
set xlabel "step of the series (make path)"
set xtics rotate by -30 nomirror
set yrange [-10:45]
set title "The extended bits along the optimisation path (QEMU -icount), run ".runid
set linetype 1 lc rgb "#009e73" lw 2 pt 7
set linetype 2 lc rgb "#009e73" lw 2 pt 5 dt 3
set linetype 3 lc rgb "#56b4e9" lw 2 pt 7
set linetype 4 lc rgb "#56b4e9" lw 2 pt 5 dt 3
plot datafile using 0:2:xtic(1) with linespoints lt 1 title "ptdesc, 4K folios", \
     '' using 0:4 with linespoints lt 3 title "ptdesc, 64K", \
     '' using 0:5 with linespoints lt 2 title "ptdesc, 2M (unpinned)", \
     '' using 0:3 with linespoints lc rgb "#e69f00" lw 2 pt 9 title "ptdesc, 16K", \
     '' using 0:6 with linespoints lt 4 title "ptdesc-wp, 4K", \
     '' using 0:9 with linespoints lc rgb "#56b4e9" lw 2 pt 4 dt 3 title "ptdesc-wp, 2M (unpinned)", \
     40 with lines dt 2 lw 2 lc rgb "red" title "RFC: +40%", \
     5 with lines dt 4 lw 1 lc rgb "black" title "target at 4K: +5%", \
     3 with lines dt 3 lw 1 lc rgb "#7f7f7f" title "target at 64K, 2M: +3%"
