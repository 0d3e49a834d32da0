#!/usr/bin/env bash
# cost-tables.sh RUN_DIR: the cost tables of a run (issue 21: what write
# tracking costs per phase, per MiB and per page written), from
# RUN_DIR/results.csv and RUN_DIR/experiment.exp, as the cost rows of
# bench/benchmarks.tsv declare them (its header says how):
#   RUN_DIR/cost-tables.md   the tables, Markdown (RESULTS.md includes them)
#   RUN_DIR/cost-tables.tsv  their figures, one line per cell: what
#                            analysis/plots/cost.sh plots, so that the plot
#                            cannot disagree with the tables
# Every change is of the median, with the 95% CI of sdstat compare's
# bootstrap (boots, then repetitions; fixed seed). A table against a
# parameter (AGAINST KEY=VALUE, the untracked control) compares parameter sets
# within one variant: sdstat compare runs on a copy of the rows where the
# value of KEY stands in the variant's place and the variant in the
# parameters.
# The units: "MiB" divides by the parameter size= in MiB; "page" by the pages
# written, ceil(size / page / (100 / pct)) as bench/track-bench.c writes them,
# page 4K, or 16K and 64K for a variant of the configurations 16k-* and 64k-*.
# track-bench reports round 1 of tracking apart (its phases round1_*) since
# issue 21's second run; under a table of its other rounds a line says which
# rounds it holds: 2 to N, or, in a run from before, every round.
# Exit status 3 when no cost row matches the run (and nothing is written).
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"
run="${1:?usage: cost-tables.sh RUN_DIR}"
csv="$run/results.csv"
exp="$run/experiment.exp"
[ -f "$csv" ] || die "cost-tables.sh: no $csv"
sdstat="${SDSTAT:-$TOP/build/analysis/sdstat}"
[ -x "$sdstat" ] || make -s -C "$TOP/analysis" >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The variants, baseline first: the first compare line, else the variants line.
variants=$(sed -n 's/^compare: *//p' "$exp" 2>/dev/null | head -n 1)
[ -n "$variants" ] || variants=$(sed -n 's/^variants: *//p' "$exp" 2>/dev/null | head -n 1)
[ -n "$variants" ] || die "cost-tables.sh: $exp names no variants"
base=${variants%% *}
run_id=$(cat "$run/RUN" 2>/dev/null || basename "$run")

# compare CSV BASE VARIANTS FILTERS...: sdstat compare's TSV rows, no header;
# none when nothing matches (status 3).
compare() {
	local f="$1" b="$2" vs="$3" rc=0 rows
	shift 3
	rows=$("$sdstat" compare "$f" --baseline "$b" --variants "$(echo "$vs" | tr ' ' ',')" --tsv "$@" 2>"$tmp/err") || rc=$?
	[ "$rc" = 0 ] || [ "$rc" = 3 ] || die "cost-tables.sh: sdstat compare $* (status $rc): $(cat "$tmp/err")"
	[ "$rc" = 3 ] || tail -n +2 <<<"$rows"
}

# selected(PARAMS, SEL), awk: does PARAMS meet every condition of SEL (a
# cost row's PARAMS: "-", or KEY=VALUE and KEY!=VALUE, comma-separated)?
selected='
function selected(p, s,    n, i, c, k, v, neg, m) {
	if (s == "-") return 1
	n = split(s, c, ",")
	for (i = 1; i <= n; i++) {
		neg = index(c[i], "!=") > 0
		k = neg ? substr(c[i], 1, index(c[i], "!=") - 1) : substr(c[i], 1, index(c[i], "=") - 1)
		v = substr(c[i], length(k) + (neg ? 3 : 2))
		m = index("," p ",", "," k "=" v ",") > 0
		if (m == neg) return 0
	}
	return 1
}'

# describe(PARAMS) and describe_mech(MECH), awk: the parameters of a cost
# table's row in words (track-bench's: size, folio, mem, pct, cpu; any other
# as KEY=VALUE) and its mechanism (mech=).
describe='
function describe_mech(m) {
	if (m == "none") return "untracked"
	if (m == "sd-pagemap") return "soft-dirty: clear_refs + pagemap"
	if (m == "sd-scan") return "soft-dirty: clear_refs + PAGEMAP_SCAN"
	if (m == "uffd-async") return "async uffd-wp: PAGEMAP_SCAN"
	return m
}
# describe(PARAMS): the parameters but mech, in words.
function describe(p,    n, i, a, k, v, size, folio, mem, pct, other) {
	n = split(p, a, ","); size = folio = mem = pct = other = ""
	for (i = 1; i <= n; i++) {
		k = substr(a[i], 1, index(a[i], "=") - 1); v = substr(a[i], index(a[i], "=") + 1)
		if (k == "mech") continue
		if (k == "size") size = (v ~ /^[0-9]+M$/ && v + 0 >= 1024 && (v + 0) % 1024 == 0) ? (v / 1024) "G" : v
		else if (k == "folio") folio = v " folios"
		else if (k == "mem") mem = (v == "anon" ? "anonymous" : v)
		else if (k == "pct") pct = ", " v "% written"
		else if (k == "cpu") other = other ", on CPU " v
		else other = other ", " a[i]
	}
	return size (size != "" && mem != "" ? " " : "") mem (folio != "" ? " " : "") folio pct other
}'

# The CSV's params field is quoted and holds commas. csv_rows BENCH PHASE
# METRIC MODE KEY VALUE PARAMS: the rows of that measure, the value of KEY in
# the variant's field and "variant=V" (the variant) first in the parameters,
# of the parameter sets (within a variant) that have KEY=VALUE and that
# PARAMS selects.
csv_rows() {
	awk -v bench="$1" -v phase="$2" -v metric="$3" -v mode="$4" -v key="$5" -v value="$6" -v sel="$7" "$selected"'
		function split_csv(line, f,    i, c, q, n, cur) {
			n = 1; q = 0; cur = ""
			for (i = 1; i <= length(line); i++) {
				c = substr(line, i, 1)
				if (c == "\"") { q = !q; continue }
				if (c == "," && !q) { f[n++] = cur; cur = ""; continue }
				cur = cur c
			}
			f[n] = cur
			return n
		}
		NR == 1 { print; next }
		{
			if (split_csv($0, f) != 10 || f[4] != bench || f[7] != phase || f[8] != metric || f[3] != mode) next
			if (!selected(f[5], sel)) next
			np = split(f[5], ps, ","); rest = ""; kv = ""
			for (i = 1; i <= np; i++)
				if (index(ps[i], key "=") == 1) kv = substr(ps[i], length(key) + 2)
				else rest = rest "," ps[i]
			if (kv == "") next
			group = "variant=" f[2] rest
			line[++n] = f[1] "," kv "," f[3] "," f[4] ",\"" group "\"," f[6] "," f[7] "," f[8] "," f[9] "," f[10]
			g[n] = group
			if (kv == value) has[group] = 1
		}
		END { for (i = 1; i <= n; i++) if (g[i] in has) print line[i] }
	' "$csv"
}

# The cells: one line per table cell (see the header below), in the order of
# the cost rows and of sdstat compare (the CSV's).
rows=$(benchmarks cost)
[ -n "$rows" ] || exit 3
{
	printf 'table\ttitle\tagainst\tphase\tlabel\tper\tmetric\tmode\tparams\tvariant\tcolumn\tn\tboots\tbase_boots\tmedian\tunits\tvalue\tpct\tlo\thi\tbench\tmemory\tmechanism\n'
	t=0 last=""
	while IFS=$'\t' read -r bench phase metric mode params per against title label; do
		[ "$title" = "$last" ] || { t=$((t + 1)); last="$title"; }
		filters=(--bench "$bench" --phase "$phase" --metric "$metric" --mode "$mode")
		# raw.tsv: params, variant, column, n, boots, baseline's boots, median,
		# pct, lo, hi.
		: >"$tmp/raw.tsv"
		if [ "$against" = - ]; then
			compare "$csv" "$base" "$variants" "${filters[@]}" |
				awk -F'\t' -v OFS='\t' -v sel="$params" "$selected"'
					selected($3, sel) { print $3, $6, $6, $7, $26, $27, $15, $16, $17, $18 }' >"$tmp/raw.tsv"
		else
			key=${against%%=*} value=${against#*=}
			csv_rows "$bench" "$phase" "$metric" "$mode" "$key" "$value" "$params" >"$tmp/against.csv"
			if [ "$(wc -l <"$tmp/against.csv")" -gt 1 ]; then
				cols=$(awk -F, 'NR > 1 { print $2 }' "$tmp/against.csv" |
					awk -v v="$value" 'BEGIN { print v } !seen[$0]++ && $0 != v' | tr '\n' ' ')
				# Back: the variant from the parameters, KEY=column in them.
				compare "$tmp/against.csv" "$value" "$cols" "${filters[@]}" |
					awk -F'\t' -v OFS='\t' -v key="$key" '{
						p = $3; sub(/^variant=/, "", p); v = p; sub(/,.*/, "", v)
						rest = (index(p, ",") ? substr(p, index(p, ",") + 1) : "")
						print rest (rest == "" ? "" : ",") key "=" $6, v, $6, $7, $26, $27, $15, $16, $17, $18
					}' >"$tmp/raw.tsv"
			fi
		fi
		awk -F'\t' -v OFS='\t' -v t="$t" -v title="$title" -v against="$against" -v phase="$phase" \
			-v label="$label" -v per="$per" -v metric="$metric" -v mode="$mode" -v bench="$bench" "$describe"'
			function param(p, k,    n, i, a) {
				n = split(p, a, ",")
				for (i = 1; i <= n; i++) if (index(a[i], k "=") == 1) return substr(a[i], length(k) + 2)
				return ""
			}
			function mib(s,    n, u) {
				n = s + 0; u = substr(s, length(s))
				return u == "G" ? n * 1024 : u == "K" ? n / 1024 : n
			}
			# units: per MiB, per page written, or 1.
			function units(p, v,    page, pages, stride) {
				if (per == "MiB") return mib(param(p, "size"))
				if (per != "page") return 1
				page = v ~ /@16k-/ ? 16 : v ~ /@64k-/ ? 64 : 4
				pages = mib(param(p, "size")) * 1024 / page
				stride = int(100 / param(p, "pct"))
				return int((pages + stride - 1) / stride)
			}
			{
				u = units($1, $2)
				print t, title, against, phase, label, per, metric, mode, $1, $2, $3, $4, $5, $6, $7, u, \
					(u > 0 ? $7 / u : "NaN"), $8, $9, $10, bench, describe($1), describe_mech(param($1, "mech"))
			}' "$tmp/raw.tsv"
	done <<<"$rows"
} >"$tmp/cells.tsv"
[ "$(wc -l <"$tmp/cells.tsv")" -gt 1 ] || exit 3

# Did the run report round 1 of tracking apart (track-bench's round1_* phases)?
round1=0
if grep -q ',track,.*,round1_reset,' "$csv"; then round1=1; fi

# The Markdown.
{
	echo "# Cost tables of run $run_id"
	echo
	echo "Generated by scripts/cost-tables.sh from results.csv, as the cost rows of bench/benchmarks.tsv"
	echo "declare them; the same figures, one line per cell, in cost-tables.tsv (what the plot shows)."
	awk -F'\t' -v base="$base" -v variants="$variants" -v round1="$round1" '
		BEGIN { nv = split(variants, vs, " "); for (i = 1; i <= nv; i++) vord[vs[i]] = i }
		function num(x) {
			if (x == "NaN" || x == "") return "-"
			x += 0
			if (x >= 1e6) return sprintf("%.2f M", x / 1e6)
			if (x >= 1e4) return sprintf("%.1f K", x / 1e3)
			return x >= 100 ? sprintf("%.0f", x) : sprintf("%.1f", x)
		}
		# change: "+96.0% [+79.6, +119.3]", or "40.4x [38.0x, 42.9x]" from 3 times on.
		function change(p, lo, hi) {
			if (p == "nan" || p == "NaN" || p == "") return "-"
			if (p + 0 >= 200) return sprintf("%.1fx [%.1fx, %.1fx]", 1 + p / 100, 1 + lo / 100, 1 + hi / 100)
			return sprintf("%+.1f%% [%+.1f, %+.1f]", p, lo, hi)
		}
		function perword(u) { return u == "MiB" ? "MiB" : u == "page" ? "page written" : "phase" }
		function flush(   i, j, r, c, line, key, nb1, ci) {
			if (t == "") return
			print ""
			print "#### " title[t] " (" metric[t] ", " mode[t] ")"
			print ""
			ci = "its 95% CI (a bootstrap that resamples boots, then repetitions; 10000 resamples, fixed seed)"
			if (against[t] == "-") {
				print "Medians per unit (the whole phase, each MiB of the region, or each page written: every"
				print "(100 / pct)-th page, whose first write faults); in brackets the change of the median against `" base "`"
				print "and " ci "."
			} else {
				print "Medians of the whole phase; in brackets the change of the median against the same kernel " colname[col[1]]
				print "(`" against[t] "`: the same program without tracking) and " ci ","
				print "as \"Nx\" where the median is N times the " colname[col[1]] " one."
			}
			print ""
			if (against[t] == "-") {
				line = "| memory | mechanism | phase | per |"; sep = "|---|---|---|---|"
			} else {
				line = "| memory | phase | kernel |"; sep = "|---|---|---|"
			}
			for (j = 1; j <= ncol; j++) {
				line = line " " (against[t] == "-" ? "`" col[j] "`" : colname[col[j]]) " |"
				sep = sep "---:|"
			}
			print line; print sep
			for (i = 1; i <= nrow; i++) {
				r = row[i]; split(r, key, SUBSEP)
				if (against[t] == "-")
					line = "| " memof[r] " | " mechof[r] " | " lab[r] " | " perword(perof[r]) " |"
				else
					line = "| " memof[r] " | " lab[r] " | `" key[3] "` |"
				for (j = 1; j <= ncol; j++) {
					c = r SUBSEP col[j]
					if (!(c in val)) { line = line " - |"; continue }
					line = line " " num(val[c]) (j == 1 ? "" : " (" change(pct[c], lo[c], hi[c]) ")") " |"
				}
				print line
			}
			print ""
			nb1 = (n1 == ncells)
			if (nb1)
				print "One boot per kernel: the intervals resample the " (nmin == nmax ? nmin : nmin " to " nmax) " samples of that boot only (no interval across boots)."
			else if (n1 > 0)
				print "Some cells come from one boot: their intervals resample that boot'"'"'s samples only."
			else
				print "n = " (nmin == nmax ? nmin : nmin " to " nmax) " samples per cell."
			# track-bench: which rounds a table of its rounds holds.
			if (tbench[t] == "track" && against[t] == "-" && tphase[t] ~ /^(reset|first_write|scan)$/) {
				print ""
				if (round1)
					print "Rounds 2 to N of each repetition: round 1, the first after tracking starts, is in its own table."
				else
					print "Every round, the first included: this run'"'"'s track-bench did not yet report round 1 apart."
			}
		}
		NR == 1 { next }
		$1 != t { flush(); t = $1; title[t] = $2; against[t] = $3; metric[t] = $7; mode[t] = $8; tbench[t] = $21; tphase[t] = $4
			delete row; delete val; delete col; delete seenc; delete seenr; delete order
			nrow = ncol = 0; ncells = n1 = 0; nmin = 1e18; nmax = 0; nph = 0; delete phord; delete memord; delete mechord; nmem = nmech = 0 }
		{
			params = $9; variant = $10; column = $11
			if (!($4 in phord)) phord[$4] = ++nph
			if (against[t] == "-") {
				mem = params; sub(/(^|,)mech=[^,]*/, "", mem); sub(/^,/, "", mem)
				m = params; if (!sub(/.*(^|,)mech=/, "", m)) m = ""; sub(/,.*/, "", m)
				r = params SUBSEP $4
				if (!(mem in memord)) memord[mem] = ++nmem
				if (!((mem, m) in mechord)) mechord[mem, m] = ++nmech
				sortkey = sprintf("%04d %04d %04d", memord[mem], mechord[mem, m], phord[$4])
				mechof[r] = $23
			} else {
				k = substr(against[t], 1, index(against[t], "=") - 1)
				rest = params; sub("(^|,)" k "=[^,]*", "", rest); sub(/^,/, "", rest)
				r = rest SUBSEP $4 SUBSEP variant
				if (!(rest in memord)) memord[rest] = ++nmem
				if (!(variant in vord)) vord[variant] = ++nv
				sortkey = sprintf("%04d %04d %04d", memord[rest], phord[$4], vord[variant])
			}
			if (!(r in seenr)) {
				seenr[r] = 1; lab[r] = $5; perof[r] = $6; memof[r] = $22
				# insertion sort by sortkey
				nrow++; i = nrow
				while (i > 1 && order[i - 1] > sortkey) { row[i] = row[i - 1]; order[i] = order[i - 1]; i-- }
				row[i] = r; order[i] = sortkey
			}
			if (!(column in seenc)) { seenc[column] = 1; col[++ncol] = column; colname[column] = $23 }
			c = r SUBSEP column
			val[c] = $17; pct[c] = $18; lo[c] = $19; hi[c] = $20
			ncells++; if ($13 == 1 || $14 == 1) n1++
			if ($12 < nmin) nmin = $12; if ($12 > nmax) nmax = $12
		}
		END { flush() }
	' "$tmp/cells.tsv"
} >"$tmp/cost-tables.md"
mv "$tmp/cells.tsv" "$run/cost-tables.tsv"
mv "$tmp/cost-tables.md" "$run/cost-tables.md"
