# shellcheck shell=bash
# What the scripts that write results/ and RESULTS.md share. Source after
# lib/common.sh.

# results_paths [RESULTS_MD [RESULTS_DIR]]: sets results_md and dest, the
# RESULTS.md and the results folder a script works on: the arguments, else
# RESULTS_MD and RESULTS_DIR from the environment, else RESULTS.md and
# results/ at the top of the tree.
# shellcheck disable=SC2034 # results_md, dest: read by the caller
results_paths() {
	results_md="${1:-${RESULTS_MD:-$TOP/RESULTS.md}}"
	dest="${2:-${RESULTS_DIR:-$TOP/results}}"
}

# results_paths_existing [RESULTS_MD [RESULTS_DIR]]: results_paths, for the
# scripts that only read them (results-figures.sh, results-index.sh): dies
# unless both exist.
results_paths_existing() {
	results_paths "$@"
	[ -f "$results_md" ] || die "no $results_md"
	[ -d "$dest" ] || die "no $dest"
}

# results_setup: for the scripts that work from the published run in
# results/ alone (results-tables.sh, results-render.sh): sets dest and
# results_md (results_paths: RESULTS_DIR, else results/; RESULTS_MD, else
# RESULTS.md), sdstat, made first (a changed derive row of
# bench/benchmarks.tsv rebuilds it), and variants (the published run's).
# shellcheck disable=SC2034 # sdstat, variants: read by the caller
results_setup() {
	results_paths
	sdstat="$TOP/build/analysis/sdstat"
	make -s -C "$TOP/analysis" >/dev/null
	variants=$(sed -n 's/^variants: *//p' "$dest/experiment.exp")
}

# compare_tables CSV COMPARE: the comparison tables of a run's CSV, one
# section "## OTHERS against BASE" (sdstat compare) per line
# "BASE OTHERS..." of COMPARE (an experiment's compare lines). Stops at the
# first sdstat that fails, with its status.
compare_tables() {
	local csv="$1" base others
	while read -r base others; do
		[ -n "$base" ] || continue
		echo
		echo "## $others against $base"
		echo
		"$TOP/build/analysis/sdstat" compare "$csv" --baseline "$base" \
			--variants "$(echo "$base $others" | tr ' ' ',')" || return
	done <<<"$2"
}

# keep_raw BOOT_DIR DEST: one boot's raw guest output, kept in results/
# (results-publish.sh, path-publish.sh): guest.env, output.log, out/, the
# console log compressed, and the guest's commands as steps.txt (data, not a
# script of results/).
keep_raw() {
	mkdir -p "$2/out"
	cp "$1/guest.env" "$1/output.log" "$2/"
	cp "$1/steps.sh" "$2/steps.txt"
	gzip -9c "$1/console.log" >"$2/console.log.gz"
	cp "$1"/out/* "$2/out/" 2>/dev/null || true
}

# The generated sections of RESULTS.md: the text between a
# "<!-- BEGIN NAME ..." line and the next "<!-- END NAME -->" line belongs
# to the script that writes it (results-tables.sh: GENERATED,
# results-render.sh: SUMMARY, path-publish.sh: PATH); the rest is written by
# hand and kept as it is.
#
# md_section FILE NAME GENERATED [HEADING]: FILE's NAME section becomes the
# file GENERATED, which carries its own BEGIN and END lines. Where FILE has
# no NAME section yet, it goes after the first line that is HEADING (a blank
# line between; nowhere when FILE has no such line), or without HEADING at
# the end.
md_section() {
	local file="$1" name="$2" gen="$3" heading="${4:-}" has=0
	grep -q "^<!-- BEGIN $name" "$file" && has=1
	awk -v gen="$gen" -v begin="<!-- BEGIN $name" -v end="<!-- END $name -->" \
		-v has="$has" -v heading="$heading" '
		function put(  line) { while ((getline line < gen) > 0) print line; done = 1 }
		index($0, begin) == 1 { skip = 1; put(); next }
		index($0, end) == 1 { skip = 0; next }
		!skip { print }
		!has && !done && heading != "" && $0 == heading { print ""; put() }
		END { if (!done && heading == "") put() }
	' "$file" >"$file.new"
	mv "$file.new" "$file"
}
