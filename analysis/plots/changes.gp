# Every measurement of a run in one measure (called by changes.sh with
# datafile, outbase, term, rows, height, vars (the compared variants, for the
# key), runid, what (the measure, for the title), targets (percentages drawn
# as dashed lines, may be empty), lmargin (characters) and xr (the x range,
# "lo:hi")). Columns of datafile: row, label, variant, its position in
# its compare line, % change of the median, CI low, CI high.
if (term eq 'png') set terminal pngcairo size 1100,height font ",10"; else set terminal svg size 1100,height font "Helvetica,11"
set output outbase.((term eq 'png') ? '.png' : '.svg')
set datafile separator "\t"
set datafile missing "NaN"
set linetype 1 lc rgb "#9400d3" pt 7 ps 1.2
set linetype 2 lc rgb "#009e73" pt 5 ps 1.2
set linetype 3 lc rgb "#56b4e9" pt 9 ps 1.4
set linetype 4 lc rgb "#e69f00" pt 11 ps 1.4
set title "run ".runid.": change of the median against baseline, ".what.",\n95% CI of the bootstrap over boots, then repetitions".((xr eq "*:*") ? "" : " (beyond the axis: the median at its edge, its value beside it)")
set xlabel "% change of the median against the baseline of its comparison"
set grid xtics
set key outside top center horizontal
# Room above the first measurement for the targets' labels (two rows).
set yrange [rows - 0.5:-2]
set ytics scale 0 font ",9"
set xzeroaxis
set arrow 1 from first 0, graph 0 to first 0, graph 1 nohead lc rgb "black"
set lmargin lmargin
set ytics noenhanced
eval "set xrange [".xr."]"
# Intervals beyond a fixed range end at its edge; a median beyond it is drawn
# at the edge, with its value beside it (one column per variant).
xlo = (xr[1:1] eq '*') ? -1e30 : real(xr[1:strstrt(xr, ':') - 1])
xhi = (xr[strlen(xr):strlen(xr)] eq '*') ? 1e30 : real(xr[strstrt(xr, ':') + 1:])
# Target labels in a row above the first measurement; a label closer than
# 6% of a fixed axis to the one before it goes to a second row, so that they
# do not overlap (on an axis scaled to the data their distance is not known
# here, and the labels stay in one row).
close(a, b) = (xhi - xlo < 1e29) && abs(a - b) < 0.06 * (xhi - xlo)
label_row = -1.45
do for [i=1:words(targets)] {
	t = real(word(targets, i))
	if (i > 1 && close(t, real(word(targets, i - 1)))) {
		label_row = (label_row == -1.45) ? -0.85 : -1.45
	} else {
		label_row = -1.45
	}
	set arrow 10 + i from first t, graph 0 to first t, graph 1 nohead dt 2 lc rgb "#cc0000"
	set label 10 + i sprintf("%+g%%", t) at first t, first label_row center tc rgb "#cc0000" font ",8" front
}
clip(x) = x < xlo ? xlo : (x > xhi ? xhi : x)
if (rows == 0) {
	set label 99 "no ".what." in this run" at graph 0.5, 0.5 center
	plot [0:1][0:1] NaN notitle
} else {
	# Each variant a little above or below its row, so that the intervals
	# of one measurement do not overlap.
	# The labels from a series of their own at the row itself: from the
	# variants' series (each a little off the row) they were drawn as many
	# times as there are variants, each a little apart.
	plot for [i=1:words(vars)] datafile using ($4 == i ? clip($5) : NaN):($1 + 0.18 * (i - (words(vars) + 1) / 2.0)):(clip($6)):(clip($7)) \
		with xerrorbars lt i title word(vars, i), \
	     for [i=1:words(vars)] datafile using ($4 == i && $5 < xlo ? xlo : NaN):1:(sprintf("%+.1f%%", $5)) \
		with labels left offset char 1.5 + 7 * (i - 1), 0 tc lt i font ",8" notitle, \
	     for [i=1:words(vars)] datafile using ($4 == i && $5 > xhi ? xhi : NaN):1:(sprintf("%+.1f%%", $5)) \
		with labels right offset char -1.5 - 7 * (words(vars) - i), 0 tc lt i font ",8" notitle, \
		datafile using (NaN):1:yticlabels(2) with points notitle
}
