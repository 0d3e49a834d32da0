#!/usr/bin/env bash
# results/README.md indexes every folder of results/: scripts/results-index.sh
# on a small fixture (a kept run, a folder kept by hand, the published run's
# raw/ and plots/, a RESULTS.md citing them by path and by run id, a
# generated block's markers, which cite nothing), then on
# results/ itself: every folder has its row, no raw copy of the guest's
# commands is still named steps.sh, and the committed README.md is what the
# script writes now (rerun scripts/results-index.sh after changing RESULTS.md
# or results/).
# shellcheck disable=SC2016 # the expected rows hold Markdown's backquotes, not expansions
. "$(dirname "$0")/lib.sh"
INDEX="$TOP/scripts/results-index.sh"

# The fixture.
r="$T_TMP/results"
mkdir -p "$r/raw" "$r/plots" "$r/kept/raw" "$r/probes" "$r/quiet"
echo 20990101-000000-default >"$r/RUN"
printf 'description: the default one\nvariants: baseline\n' >"$r/experiment.exp"
echo 20990102-000000-kept >"$r/kept/RUN"
printf 'description: a kept run\nvariants: baseline\n' >"$r/kept/experiment.exp"
printf '# Probes by hand\n\nNot a run.\n' >"$r/probes/README.md"
printf '# notes\nkept\tWhat the kept run measured.\n' >"$r/notes.tsv"
cat >"$T_TMP/RESULTS.md" <<'EOF'
# Results

## Summary

Raw data in [results/raw/](results/raw/), see `results/<run>/plots`.

## Details

### By path

The probes: [results/probes/](results/probes/README.md).
<!-- BEGIN X by make results (20990101-000000-default): edit outside the markers -->
<!-- END X -->

### By run id

Run `20990102-000000-kept`.

```
## not a heading
```

The quiet one: results/quiet/.
EOF
assert_status "the script runs on the fixture" 0 env RESULTS_DIR="$r" RESULTS_MD="$T_TMP/RESULTS.md" RESULTS_INDEX=- bash "$INDEX"
idx="$OUT"
row() { printf '%s\n' "$idx" | grep -F "| $1 |" || true; }
assert_contains "the published run has its row" "$(row '[results/](./)')" '`20990101-000000-default` | [`default`](experiment.exp): the default one'
assert_contains "cited where a path names it" "$(row '[results/](./)')" '[Summary](../RESULTS.md#summary) |'
assert_contains "a kept run: its run id, experiment and note" "$(row '[kept/](kept/)')" '| `20990102-000000-kept` | [`kept`](kept/experiment.exp): a kept run (no experiments/kept.exp now) | What the kept run measured. |'
assert_contains "a kept run cited by its run id" "$(row '[kept/](kept/)')" '[By run id](../RESULTS.md#by-run-id) |'
assert_contains "a folder kept by hand: its README's heading" "$(row '[probes/](probes/)')" '| - | not a `make results` run | Probes by hand ([README.md](probes/README.md)) | [By path](../RESULTS.md#by-path) |'
assert_contains "a folder without a note still has its row" "$(row '[quiet/](quiet/)')" '| - | not a `make results` run | (no note: add one to notes.tsv) |'
assert_eq "a generated block's marker, with its run id, is no citation" "" \
	"$(row '[results/](./)' | grep -F '[By path]' || true)"
assert_contains "a heading in a code block is no section" "$(row '[quiet/](quiet/)')" '| [By run id](../RESULTS.md#by-run-id) |'
assert_eq "raw/ and plots/ are the published run's, no rows" "" "$(row '[raw/](raw/)')$(row '[plots/](plots/)')"

# The real thing: results/ and its README.md.
missing=""
for d in "$TOP"/results/*/; do
	f=$(basename "$d")
	case "$f" in raw | plots) continue ;; esac
	grep -qF "| [$f/]($f/) |" "$TOP/results/README.md" 2>/dev/null || missing+=" $f"
done
assert_eq "every folder of results/ is in results/README.md" "" "$missing"
assert_eq "no steps.sh under results/ (the guest's commands are kept as steps.txt)" "" \
	"$(cd "$TOP" && find results -name steps.sh | head -n 5)"
RESULTS_INDEX="$T_TMP/README.md" bash "$INDEX"
if cmp -s "$T_TMP/README.md" "$TOP/results/README.md"; then
	ok "results/README.md is up to date"
else
	not_ok "results/README.md is up to date" "rerun scripts/results-index.sh:" \
		"$(diff "$TOP/results/README.md" "$T_TMP/README.md" | head -n 10 | cut -c1-200)"
fi
finish
