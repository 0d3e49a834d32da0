# The plots of a run (called by plot.sh with outdir, term, nothers, nvariants,
# and the data rows of each file: rows_over_icount, rows_over_tcg,
# rows_percall, rows_readers, rows_forkinsn). A panel without data (a run of
# baseline alone, an experiment without that benchmark) says so.
if (term eq 'png') set terminal pngcairo size 1100,520 font ",10"; else set terminal svg size 1100,520 font "Helvetica,11"
ext = (term eq 'png') ? '.png' : '.svg'
set datafile separator "\t"
set style fill solid 0.8 border -1
set grid ytics
set key top left
# One colour per variant in every plot: baseline first, the others in the
# experiment's order (linetype 1 is baseline's).
set linetype 1 lc rgb "#7f7f7f"
set linetype 2 lc rgb "#9400d3"
set linetype 3 lc rgb "#009e73"
set linetype 4 lc rgb "#56b4e9"
set linetype 5 lc rgb "#e69f00"
set linetype 6 lc rgb "#d55e00"

# empty(why): a panel that only says why it is empty.
empty(why) = sprintf("set label 99 \"%s\" at graph 0.5, 0.5 center; plot [0:1][0:1] NaN notitle; unset label 99", why)
none = "nothing to compare: baseline is the only variant of this run"
unmeasured = "not measured in this run"

# 1. fork() overhead against baseline, by folio size and variant.
set output outdir.'/fork-overhead'.ext
set multiplot layout 1,2 title "fork() of 1 GiB: change of the median against baseline (95% CI: bootstrap over boots); the RFC's +40% for reference"
do for [m in "icount tcg"] {
	set title (m eq 'icount') ? "instructions (QEMU -icount: deterministic)" : "emulated time (QEMU TCG)"
	set ylabel "% change of the median against baseline"
	set style data histogram
	set style histogram errorbars gap 2 lw 1
	set yrange [*:*]
	set xtics nomirror
	f = outdir.'/fork-overhead-'.m.'.dat'
	n = (m eq 'icount') ? rows_over_icount : rows_over_tcg
	if (nothers == 0) { eval empty(none) } else { if (n == 0) { eval empty(unmeasured) } else {
	plot for [i=1:nothers] f using (column(3*i-1)):(column(3*i)):(column(3*i+1)):xtic(1) lt (i+1) title columnhead(3*i-1), \
	     40 with lines dt 2 lw 2 lc rgb "red" title "RFC: +40%"
	} }
}
unset multiplot

# 2. The cost of lockless readers.
set output outdir.'/lockless'.ext
set multiplot layout 1,2 title "ptep\\_get\\_lockless(): the primitive alone, and its users (QEMU -icount)"
set title "the primitive: median instructions per call"
set ylabel "instructions per ptep\\_get\\_lockless()"
set style data histogram
set style histogram clustered gap 2
set yrange [0:*]
if (rows_percall == 0) { eval empty(unmeasured) } else {
plot for [i=2:nvariants+1] outdir.'/lockless-percall.dat' using i:xtic(1) lt (i-1) title columnhead(i)
}
set title "GUP-fast, PIN-fast (get time) and page faults (instructions per fault)"
set ylabel "% change of the median against baseline"
set style histogram errorbars gap 2 lw 1
set yrange [*:*]
if (nothers == 0) { eval empty(none) } else { if (rows_readers == 0) { eval empty(unmeasured) } else {
plot for [i=1:nothers] outdir.'/lockless-readers.dat' using (column(3*i-1)):(column(3*i)):(column(3*i+1)):xtic(1) lt (i+1) title columnhead(3*i-1)
} }
unset multiplot

# 3. Instructions per fork().
set output outdir.'/fork-instructions'.ext
set title "median instructions per fork() of 1 GiB, by folio size (QEMU -icount)"
set ylabel "instructions (log scale)"
set logscale y
set style histogram clustered gap 2
set yrange [*:*]
if (rows_forkinsn == 0) { unset logscale y; eval empty(unmeasured) } else {
plot for [i=2:nvariants+1] outdir.'/fork-instructions.dat' using i:xtic(1) lt (i-1) title columnhead(i)
}
unset logscale y
unset output
