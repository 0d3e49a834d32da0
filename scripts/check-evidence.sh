#!/usr/bin/env bash
# check-evidence.sh CHECK_DIR OUT_DIR: the counts of make check that RESULTS.md
# quotes as evidence, gathered from one make check run (CHECK_DIR, normally
# build/check): the torn-read test (tests/guest/ptdesc-ext.sh: reads, torn
# pairs and writer updates of ptep_get_lockless() with one and two readers,
# and of the naive two-load reader that shows the test can fail) and the
# soft-dirty oracle (tests/guest/oracle: operations, checks of every page,
# false negatives, false positives), for every kernel that ran them: the plain
# kernels (<kernel>/<suite>/output.log) and the debug kernels, which run them
# in one boot (<kernel>/all/<suite>.out). Writes OUT_DIR/README.md (the
# tables), OUT_DIR/evidence.tsv (the same, one line per run of a test) and
# OUT_DIR/lines.txt (the guest's lines they come from, with their file).
# CHECK_COMMIT and CHECK_DATE name the run (default: HEAD and now).
# Exits 1 when CHECK_DIR holds neither test's output.
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"

[ $# -eq 2 ] || die "usage: check-evidence.sh CHECK_DIR OUT_DIR"
check_dir="$1" out="$2"
[ -d "$check_dir" ] || die "no make check output in '$check_dir' (run make check first)"
commit="${CHECK_COMMIT:-$(git -C "$TOP" rev-parse --short HEAD)}"
date="${CHECK_DATE:-$(date -u +%Y-%m-%dT%H:%MZ)}"
mkdir -p "$out"

# The files, as KERNEL <TAB> TEST <TAB> PATH, in a stable order.
{
	for f in "$check_dir"/*/ptdesc-ext/output.log "$check_dir"/*/all/ptdesc-ext.out; do
		if [ -f "$f" ]; then printf '%s\ttorn\t%s\n' "$(basename "$(dirname "$(dirname "$f")")")" "$f"; fi
	done
	for f in "$check_dir"/*/oracle/output.log "$check_dir"/*/all/oracle.out; do
		if [ -f "$f" ]; then printf '%s\toracle\t%s\n' "$(basename "$(dirname "$(dirname "$f")")")" "$f"; fi
	done
} | sort -t$'\t' -k1,1 -k2,2 >"$out/files.tsv"
[ -s "$out/files.tsv" ] || {
	rm -f "$out/files.tsv"
	die "no output of the torn-read test or the oracle in '$check_dir' (suites ptdesc-ext, oracle)"
}

# evidence.tsv: torn KERNEL READER READERS READS PRESENT TORN WRITES;
# oracle KERNEL RESULT OPERATIONS CHECKS SEED FALSE_POSITIVES.
while IFS=$'\t' read -r kernel test file; do
	case "$test" in
	torn)
		sed -n 's/^# torn: mode=\([a-z]*\) readers=\([0-9]*\) writers=[0-9]* reads=\([0-9]*\) present=\([0-9]*\) torn=\([0-9]*\) writes=\([0-9]*\) .*/\1\t\2\t\3\t\4\t\5\t\6/p' "$file" |
			sed "s/^/torn\t$kernel\t/"
		{ grep '^# torn: ' "$file" || true; } | sed "s|^|${file#"$check_dir"/}: |" >>"$out/lines.tmp"
		;;
	oracle)
		awk -F'\t' -v k="$kernel" '
			/^(not )?ok 1 no false negative in / {
				result = ($1 ~ /^not/) ? "fail" : "pass"
				ops = $0; sub(/.* no false negative in /, "", ops); sub(/ .*/, "", ops)
				checks = $0; sub(/.*\(/, "", checks); sub(/ .*/, "", checks)
				seed = $0; sub(/.*seed /, "", seed); sub(/\).*/, "", seed)
			}
			/^# false positives / { fp = $0; sub(/.*: /, "", fp); sub(/ .*/, "", fp) }
			END { if (result != "") printf "oracle\t%s\t%s\t%s\t%s\t%s\t%s\n", k, result, ops, checks, seed, fp }
		' "$file"
		{ grep -E '^(not )?ok 1 no false negative|^# false positives|^# seed' "$file" || true; } |
			sed "s|^|${file#"$check_dir"/}: |" >>"$out/lines.tmp"
		;;
	esac
done <"$out/files.tsv" >"$out/evidence.tsv"
touch "$out/lines.tmp"
mv "$out/lines.tmp" "$out/lines.txt"
rm -f "$out/files.tsv"

{
	echo "# The torn-read test and the soft-dirty oracle in make check"
	echo
	echo "Gathered by \`scripts/check-evidence.sh\` from the make check run of commit \`$commit\`"
	echo "($date): the counts RESULTS.md quotes. Raw: [lines.txt](lines.txt), the guest's lines"
	echo "they come from; [evidence.tsv](evidence.tsv), the same as a table."
	echo
	echo "## ptep_get_lockless(): torn pairs (tests/guest/ptdesc-ext.sh)"
	echo
	echo "A writer flips entries and their extended bits between published pairs under the lock;"
	echo "readers check each pair they read. \`lockless\` is ptep_get_lockless(), which must tear"
	echo "none; \`naive\` reads the entry, then its byte, without the sequence count: the test"
	echo "must catch it, or it could not fail."
	echo
	echo "| kernel | reader | readers | reads | present | torn pairs | writer updates |"
	echo "|---|---|---:|---:|---:|---:|---:|"
	awk -F'\t' '$1 == "torn" { printf "| `%s` | %s | %s | %s | %s | %s | %s |\n", $2, $3, $4, $5, $6, $7, $8 }' "$out/evidence.tsv"
	echo
	echo "## The soft-dirty oracle (tests/guest/oracle)"
	echo
	echo "Random operations on soft-dirty-tracked memory, every page checked against a model"
	echo "after each; a false negative is a written page that reads clean (a page a dump would lose)."
	echo
	echo "| kernel | result | operations | checks of every page | seed | false positives (page checks) |"
	echo "|---|---|---:|---:|---:|---:|"
	awk -F'\t' '$1 == "oracle" { printf "| `%s` | %s | %s | %s | %s | %s |\n", $2, ($3 == "pass" ? "no false negative" : "**false negative**"), $4, $5, $6, $7 }' "$out/evidence.tsv"
} >"$out/README.md"
progress "check evidence: $out/README.md"
