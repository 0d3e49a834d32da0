#!/usr/bin/env bash
# path-publish.sh RUN_DIR: keep a make path run as the published one:
# results/path/ gets its steps, experiment, CSV, tables, plot and raw guest
# output (console logs compressed), and the section of RESULTS.md between the
# PATH markers is written from them.
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/results.sh"
run="${1:?usage: path-publish.sh RUN_DIR}"
dest="$TOP/results/path"

rm -rf "$dest"
mkdir -p "$dest/raw" "$dest/plots"
cp "$run/path.steps" "$run/variants" "$run/experiment.exp" "$run/path.csv" "$run/path.tsv" "$run/path.md" "$dest/"
cp "$run"/plots/path.png "$run"/plots/path.svg "$run"/plots/path.dat "$dest/plots/"
for d in "$run"/*/*/icount/; do
	rel="${d#"$run"/}"
	step="${rel%%/*}"
	grep -qx "$(basename "$(dirname "$d")")" "$run/$step/rebuilt" 2>/dev/null || continue
	keep_raw "$d" "$dest/raw/$rel"
done
for d in "$run"/*/; do
	[ -f "$d/commit" ] || continue
	s=$(basename "$d")
	mkdir -p "$dest/raw/$s"
	cp "$d/commit" "$dest/raw/$s/"
	cp "$d/rebuilt" "$dest/raw/$s/" 2>/dev/null || true
done
basename "$run" >"$dest/RUN"

{
	echo "<!-- BEGIN PATH by make path ($(basename "$run")): edit outside the markers -->"
	echo
	echo "![fork() overhead along the path](results/path/plots/path.png)"
	echo
	echo "Run \`$(basename "$run")\` of \`make path\` (QEMU $(qemu-system-aarch64 --version | sed -n '1{s/QEMU emulator version //;p;q}'), \`-icount shift=0,sleep=off\`,"
	echo "$(sed -n 's/^reps icount: //p' "$run/experiment.exp") repetitions; fork() at 2M: $(sed -n 's/.*folio 2M.*--forks \([0-9]*\).*/\1/p' "$run/experiment.exp") forks per repetition; variants measured: $(sed 's/ /, /g' "$run/variants")). Steps ([results/path/path.steps](results/path/path.steps)):"
	echo
	echo "| step | patch | what it adds |"
	echo "|---|---:|---|"
	awk -F'\t' '!/^#/ && NF >= 4 { printf "| %s | %s | %s |\n", $1, $2, $4 }' "$run/path.steps"
	cat "$run/path.md"
	echo
	echo "Raw data: [results/path/raw/](results/path/raw/); every value: [results/path/path.csv](results/path/path.csv);"
	echo "changes with their confidence intervals: [results/path/path.tsv](results/path/path.tsv)."
	echo
	echo "<!-- END PATH -->"
} >"$dest/generated.md"

results_md="$TOP/RESULTS.md"
[ -f "$results_md" ] || printf '# Results\n\n' >"$results_md"
md_section "$results_md" PATH "$dest/generated.md"

# results/README.md, the index of results/ (path/'s run id and citing sections).
bash "$TOP/scripts/results-index.sh"
