# The plot of a run's cost table (called by cost.sh with datafile, outbase,
# term, nrows and ncols (the panels), vars and colors (the variants, the
# first the reference, and their colours), base (the first variant), runid,
# what (the measure, for the title), ci (what the bootstrap resampled),
# and the arrays ptitle, pylabel, pymax and pclusters, one entry per panel).
# Columns of datafile, a block per panel: x, median per unit, whisker low and
# high, the variant's number, the bar's label, the cluster's name ("|" for a
# line break; "-": none).
if (term eq 'png') set terminal pngcairo size 1800,(480 * nrows + 90) font ",10"; else set terminal svg size 1800,(480 * nrows + 90) font "Helvetica,11"
set output outbase.((term eq 'png') ? '.png' : '.svg')
set termoption noenhanced
set datafile separator "\t"
set datafile missing "NaN"
set style fill solid 0.85 border -1
# The labels over the bars hide the whiskers behind them.
set style textbox opaque noborder margins 1, 1
set grid ytics
set xtics scale 0 nomirror
set ytics nomirror
# "a|b" -> two lines
nl(s) = (strstrt(s, "|") > 0) ? s[1:strstrt(s, "|") - 1]."\n".nl(s[strstrt(s, "|") + 1:]) : s
nv = words(vars)
w = 0.8 / nv
set multiplot layout nrows, ncols margins 0.05, 0.99, 0.07, 0.90 spacing 0.06, 0.13 \
	title sprintf("run %s: write tracking, %s: the median of each phase per unit, by mechanism and kernel\nover %s's bars its median; over the others' the change of their median against %s, whiskers: its 95%% CI\n(%s; an arrow: the whisker goes on beyond the top of the panel)", runid, what, base, base, ci)
do for [p = 1:nrows * ncols] {
	set title ptitle[p]
	set ylabel pylabel[p]
	set yrange [0:pymax[p]]
	set xrange [-0.5:pclusters[p] - 0.5]
	set format y "%.0f"
	# One key, at the top right of the page, above the panels.
	if (p == 1) { set key at screen 0.99, 0.99 right top horizontal reverse Left samplen 2 width 2 } else { unset key }
	if (pclusters[p] == 0) {
		set label 99 "not measured in this run" at graph 0.5, 0.5 center
		plot [0:1][0:1] NaN notitle
		unset label 99
	} else {
		plot for [i = 1:nv] datafile index (p - 1) using ($5 == i ? $1 : NaN):2:(w) with boxes lc rgb word(colors, i) title word(vars, i), \
		     datafile index (p - 1) using 1:(NaN):xticlabels(strcol(7) eq "-" ? "" : nl(strcol(7))) notitle, \
		     datafile index (p - 1) using 1:3:(0):($4 > pymax[p] ? NaN : $4 - $3) with vectors nohead lc rgb "black" notitle, \
		     datafile index (p - 1) using 1:3:(0):($4 > pymax[p] ? pymax[p] - $3 : NaN) with vectors head filled size screen 0.006, 25 lc rgb "black" notitle, \
		     datafile index (p - 1) using ($1 - w / 6):3:(w / 3):(0) with vectors nohead lc rgb "black" notitle, \
		     datafile index (p - 1) using ($1 - w / 6):($4 > pymax[p] ? NaN : $4):(w / 3):(0) with vectors nohead lc rgb "black" notitle, \
		     datafile index (p - 1) using 1:($4 == $4 ? ($4 > pymax[p] ? pymax[p] * 0.9 : ($4 > $2 ? $4 : $2) + pymax[p] * 0.035) : $2 + pymax[p] * 0.035):6 with labels boxed center font ",9" notitle
	}
}
unset multiplot
unset output
