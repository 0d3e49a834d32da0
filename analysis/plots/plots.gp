# The plots of a run (called by plot.sh with outdir, term, nothers,
# nvariants, runs (the run ids for the titles), hasfirst (1 when the first
# implementation is plotted beside the series) and the data rows of each
# file: rows_over, rows_readers; rows_percall_4k and rows_percall_64k, the
# rows with a value in that panel's column; fork_cut, the intervals of
# fork-overhead's left panel beyond its axis, named, or ""). Every change is of the
# median against baseline, with the 95% CI of the bootstrap over boots, then
# repetitions, as in the tables. A panel without data says so.
if (term eq 'png') set terminal pngcairo size 1200,600 font ",10"; else set terminal svg size 1200,600 font "Helvetica,11"
ext = (term eq 'png') ? '.png' : '.svg'
set datafile separator "\t"
set datafile missing "NaN"
set style fill solid 0.85 border -1
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

empty(why) = sprintf("set label 99 \"%s\" at graph 0.5, 0.5 center; plot [0:1][0:1] NaN notitle; unset label 99", why)
none = "nothing to compare: only baseline ran"
unmeasured = "not measured in this run"
f = outdir.'/fork-overhead.dat'

# 1. fork() of 1 GiB against baseline, by folio size and variant: left, the
# scale of the RFC's claim (and of the first implementation); right, the
# series zoomed, with the targets of issue 7.
set output outdir.'/fork-overhead'.ext
set multiplot layout 1,2 title "fork() of 1 GiB, instructions (QEMU -icount): change of the median against baseline, 95% CI of the bootstrap over boots\n".runs
set xlabel "folio size of the 1 GiB forked"
set ylabel "% change of the median against baseline"
set style data histogram
set style histogram errorbars gap 2 lw 1
set xtics nomirror
if (nothers == 0) { eval empty(none) } else { if (rows_over == 0) { eval empty(unmeasured) } else {
	set title (hasfirst ? "the first implementation (light) and the series (solid) against the RFC's claim" : "against the RFC's claim")
	set yrange [-5:45]
	set key top left opaque
	set label 1 "RFC: fork() up to +40%" at graph 0.99, first 41.5 right tc rgb "red"
	if (hasfirst) { set label 7 "first implementation: 1 boot, 3 repetitions; at 2M not pinned" at graph 0.99, first -3.5 right font ",9" }
	# Intervals cut by the axis, with their ends (from plot.sh), in a line
	# of their own under the note.
	if (fork_cut ne "") { set yrange [-7.5:45]; set label 8 "intervals beyond the axis: ".fork_cut at graph 0.99, first -6 right font ",8" }
	if (hasfirst) {
		plot for [i=1:nothers] f using (column(6*i-1)):(column(6*i)):(column(6*i+1)):xtic(1) lt (i+1) fs pattern 5 title columnhead(6*i-1), \
		     for [i=1:nothers] f using (column(6*i-4)):(column(6*i-3)):(column(6*i-2)) lt (i+1) title columnhead(6*i-4), \
		     40 with lines dt 2 lw 2 lc rgb "red" notitle
	} else {
		plot for [i=1:nothers] f using (column(6*i-4)):(column(6*i-3)):(column(6*i-2)):xtic(1) lt (i+1) title columnhead(6*i-4), \
		     40 with lines dt 2 lw 2 lc rgb "red" notitle
	}
	unset label 1
	unset label 7
	unset label 8
	set title "the series, zoomed: targets of issue 7 as lines over the folio sizes they apply to"
	set yrange [-2:10]
	set key top right opaque
	# Targets: pte within 1% everywhere (grey band edges); ptdesc 5% and
	# ptdesc-wp 8% at 4K (cluster 0); 3% at 64K and 2M (clusters 2, 3); no
	# target at 16K.
	set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead dt 3 lw 1.5 lc rgb "#9400d3" front
	set arrow 2 from graph 0, first -1 to graph 1, first -1 nohead dt 3 lw 1.5 lc rgb "#9400d3" front
	set label 2 "pte: within ±1%" at graph 0.99, first -1.35 right tc rgb "#9400d3" front
	set arrow 3 from -0.45, first 5 to 0.45, first 5 nohead lw 2 lc rgb "#009e73" front
	set label 3 "ptdesc: 5%" at -0.45, first 5.4 left tc rgb "#009e73" front
	set arrow 4 from -0.45, first 8 to 0.45, first 8 nohead lw 2 lc rgb "#56b4e9" front
	set label 4 "ptdesc-wp: 8%" at -0.45, first 8.4 left tc rgb "#56b4e9" front
	set arrow 5 from 1.55, first 3 to 3.45, first 3 nohead lw 2 lc rgb "black" front
	set label 5 "target at 64K and 2M: 3%" at 1.55, first 3.4 left front
	set label 6 "no target" at 1, first 5.4 center tc rgb "#7f7f7f" front
	plot for [i=1:nothers] f using (column(6*i-4)):(column(6*i-3)):(column(6*i-2)):xtic(1) lt (i+1) title columnhead(6*i-4)
	unset arrow; unset label
} }
unset multiplot
unset xlabel

# 2. ptep_get_lockless(): the primitive alone at 4K and at 64K entries, each
# on its own axis (a 64K contpte read costs 400 instructions, a 4K one 7),
# and the change for its users.
set output outdir.'/lockless'.ext
set multiplot layout 1,3 title "ptep\\_get\\_lockless() alone and its users (QEMU -icount), ".runs
set style data boxes
set boxwidth 0.6
set key off
set xtics nomirror
set ylabel "median instructions per call"
set yrange [0:*]
p = outdir.'/lockless-percall.dat'
do for [k=0:1] {
	set title (k == 0 ? "the primitive alone, 4K entries" : "the primitive alone, 64K contpte entries")
	if ((k == 0 ? rows_percall_4k : rows_percall_64k) == 0) { eval empty(unmeasured) } else {
		set offsets 0.5, 0.5, graph 0.12, 0
		set key autotitle columnheader
		plot p using 0:(column(2+2*k)):($0+1):xtic(1) with boxes lc variable, \
		     p using 0:(column(2+2*k)):(sprintf("%.1f\n%+.1f%%", column(2+2*k), column(3+2*k))) with labels font ",9" offset 0,1.4
		unset offsets
		set key noautotitle
	}
}
set title "its users: % change of the median, 95% CI"
set ylabel "% change of the median against baseline"
set style data histogram
set style histogram errorbars gap 2 lw 1
set key top left
set arrow 1 from graph 0, first 3 to graph 1, first 3 nohead lw 2 lc rgb "black" front
set label 1 "target: 3%" at graph 0.99, first 3 right front offset 0,0.7
if (nothers == 0) { eval empty(none) } else { if (rows_readers == 0) { eval empty(unmeasured) } else {
	# The axis holds every interval and the target line with room above it
	# for its label, and goes down to -1 at least.
	# (stats keeps only the points inside a fixed range: none here.)
	set autoscale y
	ylo = -1; yhi = 3
	do for [i=1:nothers] {
		stats outdir.'/lockless-readers.dat' using (column(3*i)) nooutput
		if (STATS_min < ylo) { ylo = STATS_min }
		stats outdir.'/lockless-readers.dat' using (column(3*i+1)) nooutput
		if (STATS_max > yhi) { yhi = STATS_max }
	}
	set yrange [floor(ylo * 2) / 2.0 - 0.5 : ceil(yhi * 2) / 2.0 + 1]
	plot for [i=1:nothers] outdir.'/lockless-readers.dat' using (column(3*i-1)):(column(3*i)):(column(3*i+1)):xtic(1) lt (i+1) title columnhead(3*i-1)
} }
unset arrow; unset label
unset multiplot
unset output
