#!/usr/bin/env bash
# path-publish.sh RUN_DIR [NAME]: keep a make path run as a published one:
# results/NAME/ (default results/path/) gets its steps, experiment, CSV,
# tables, plot and raw guest output (console logs compressed), and RESULTS.md
# the section written from them: between the PATH markers for results/path/,
# between "STEPS NAME" markers for another NAME (a run of some of the steps,
# kept beside the whole path; put the empty markers where it belongs first,
# or it is appended at the end).
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/results.sh"
run="${1:?usage: path-publish.sh RUN_DIR [NAME]}"
name="${2:-path}"
case "$name" in
*[!a-z0-9-]* | '') die "path-publish.sh: a results folder name is lower-case letters, digits and '-', not '$name'" ;;
esac
[ -f "$run/path.md" ] || die "path-publish.sh: $run is not a make path run with its tables (no path.md)"
dest="$TOP/results/$name"
if [ "$name" = path ]; then marker=PATH; else marker="STEPS $name"; fi
# The steps measured (a subset with OPT_PATH_STEPS): those with a commit.
measured=$(awk -F'\t' '!/^#/ && NF >= 4 { print $1 }' "$run/path.steps" |
	while read -r l; do [ -f "$run/$l/commit" ] && printf '%s ' "$l"; done)
measured="${measured% }"
[ -n "$measured" ] || die "path-publish.sh: $run has no measured step (no <step>/commit)"
all_steps=$(awk -F'\t' '!/^#/ && NF >= 4 { printf "%s%s", sep, $1; sep = " " }' "$run/path.steps")
steps_note=""
[ "$measured" = "$all_steps" ] || steps_note=": ${measured// /, } of its $(wc -w <<<"$all_steps")"

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
	echo "<!-- BEGIN $marker by make path ($(basename "$run")): edit outside the markers -->"
	echo
	echo "![fork() overhead along the path](results/$name/plots/path.png)"
	echo
	echo "Run \`$(basename "$run")\` of \`make path\` (QEMU $(qemu-system-aarch64 --version | sed -n '1{s/QEMU emulator version //;p;q}'), \`-icount shift=0,sleep=off\`,"
	echo "$(sed -n 's/^reps icount: //p' "$run/experiment.exp") repetitions; fork() at 2M: $(sed -n 's/.*folio 2M.*--forks \([0-9]*\).*/\1/p' "$run/experiment.exp") forks per repetition; variants measured: $(sed 's/ /, /g' "$run/variants")). Steps measured ([results/$name/path.steps](results/$name/path.steps)$steps_note):"
	echo
	echo "| step | patch | what it adds |"
	echo "|---|---:|---|"
	awk -F'\t' -v m=" $measured " '!/^#/ && NF >= 4 && index(m, " " $1 " ") { printf "| %s | %s | %s |\n", $1, $2, $4 }' "$run/path.steps"
	cat "$run/path.md"
	echo
	echo "Raw data: [results/$name/raw/](results/$name/raw/); every value: [results/$name/path.csv](results/$name/path.csv);"
	echo "changes with their confidence intervals: [results/$name/path.tsv](results/$name/path.tsv)."
	echo
	echo "<!-- END $marker -->"
} >"$dest/generated.md"

results_md="$TOP/RESULTS.md"
[ -f "$results_md" ] || printf '# Results\n\n' >"$results_md"
md_section "$results_md" "$marker" "$dest/generated.md"

# results/README.md, the index of results/ (path/'s run id and citing sections).
bash "$TOP/scripts/results-index.sh"
