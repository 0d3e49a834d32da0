#!/usr/bin/env bash
# matrix-summary.sh CASES...: the table of make matrix, configuration x
# variant, from its per-case results (build/matrix/cases.tsv: KERNEL/CPU,
# suite, pass|fail|skip, description). Each cell reads "passed" or "FAILED"
# with the cases passed over the cases run, over the CPU models of its row.
# With several files, a cell (KERNEL/CPU) of a later file replaces that of
# the earlier ones: a rerun of some cells over a whole run.
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"

SUFFIX=-kpti-failslab
[ $# -gt 0 ] || die "usage: matrix-summary.sh CASES... (make matrix writes build/matrix/cases.tsv)"
for f in "$@"; do
	[ -f "$f" ] || die "matrix-summary.sh: no such file '$f'"
done

awk -F'\t' -v suffix="$SUFFIX" '
	FNR == 1 { file++ }
	{ owner[$1] = file; rows[file, ++n[file]] = $0 }
	END {
		for (f = 1; f <= file; f++)
			for (r = 1; r <= n[f]; r++) {
				split(rows[f, r], col, "\t")
				if (owner[col[1]] != f)
					continue
				split(col[1], a, "/"); split(a[1], k, "@")
				config = k[2]; sub(suffix "$", "", config); variant = k[1]
				if (!(config in seen_c)) { seen_c[config] = 1; configs[++nc] = config }
				if (!(variant in seen_v)) { seen_v[variant] = 1; variants[++nv] = variant }
				if (col[3] == "pass") pass[config, variant]++
				if (col[3] == "fail") fail[config, variant]++
			}
		printf "config"
		for (j = 1; j <= nv; j++) printf "\t%s", variants[j]
		printf "\n"
		for (i = 1; i <= nc; i++) {
			printf "%s", configs[i]
			for (j = 1; j <= nv; j++) {
				c = configs[i]; v = variants[j]
				if (!((c, v) in pass) && !((c, v) in fail)) printf "\t-"
				else printf "\t%s %d/%d", (fail[c, v] ? "FAILED" : "passed"),
					pass[c, v], pass[c, v] + fail[c, v]
			}
			printf "\n"
		}
	}' "$@"
