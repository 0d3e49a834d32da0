#!/usr/bin/env bash
# make series-test: do the tests pass at every patch of the series? Boots each
# kernel make series-build kept (build/series-build/images/NN-VARIANT.Image,
# a kernel of the series up to patch NN) once, running
# tests/guest/matrix-run.sh's "step" suites: the boot checks, leaf entries at
# every level, uffd-wp across THP splits, and where soft-dirty is built the
# soft-dirty selftest, sd-criu, the tracking semantics and the oracle (10^5
# operations); on ptdesc* the torn-read test and the table scan once their
# instrument (the last patch) is in. The tests are those of this tree: a test
# that fails at patch NN and passes later names a patch that breaks
# something a later one mends.
#
# A kernel already tested keeps its result (build/series-test/NN-VARIANT/), so
# a rerun tests only the kernels series-build has added or rebuilt since;
# SERIES_TEST_AGAIN=1 tests every one again. SERIES_TEST_PATCHES="9 10" and
# SERIES_TEST_VARIANTS="ptdesc" choose kernels. Prints a table patch x variant
# (cases passed/failed), writes it to build/series-test/table.txt, and ends
# with "N passed, N failed".
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/suite.sh"

images="${SERIES_TEST_IMAGES:-$BUILD/series-build/images}"
dir="$BUILD/series-test"
CASES="$dir/cases.tsv"
timer_start series-test

[ -d "$images" ] && compgen -G "$images/*.Image" >/dev/null ||
	die "no kernels in ${images#"$TOP"/}: run 'make series-build' first (it keeps each kernel it builds)"

# in_list WORD LIST: is WORD in the space-separated LIST (or LIST empty)?
in_list() { [ -z "$2" ] || [[ " $2 " == *" $1 "* ]]; }

for v in ${SERIES_TEST_VARIANTS:-}; do check_variant "$v"; done
for p in ${SERIES_TEST_PATCHES:-}; do
	case "$p" in '' | *[!0-9]*) die "SERIES_TEST_PATCHES: '$p' is not a patch number" ;; esac
done

bash "$TOP/scripts/deps.sh"
bash "$TOP/scripts/guest-image.sh"

mkdir -p "$dir"
: >"$CASES"
append=$(cell_cmdline 4k-48)
for image in "$images"/*.Image; do
	name=$(basename "$image" .Image)
	patch=$((10#${name%%-*}))
	variant=${name#*-}
	in_list "$patch" "${SERIES_TEST_PATCHES:-}" || continue
	in_list "$variant" "${SERIES_TEST_VARIANTS:-}" || continue
	run="$dir/$name"
	kernel="$variant/patch-$(printf '%02d' "$patch")"
	if [ -n "${SERIES_TEST_AGAIN:-}" ] || [ ! -f "$run/status" ] || [ "$image" -nt "$run/status" ]; then
		say "patch $patch, $variant: booting ${image#"$TOP"/}"
		rm -rf "$run"
		mkdir -p "$run"
		set +e
		bash "$TOP/scripts/guest-run.sh" --kernel "$image" --quiet --timeout 1800 \
			--append "$append" --run-dir "$run" -- "matrix-run.sh $variant step" \
			2>"$run/stderr" </dev/null
		echo "$?" >"$run/status"
		set -e
	else
		say "patch $patch, $variant: tested before (${run#"$TOP"/}; SERIES_TEST_AGAIN=1 boots it again)"
	fi
	record_framed "$kernel" "$run"
	rc=$(cat "$run/status")
	if [ "$rc" != 0 ]; then
		sed 's/^/    /' "$run/stderr" | tail -n 40 >&2
		record "$kernel" run fail "the guest exited with status $rc (${run#"$TOP"/}/)"
	fi
done
[ -s "$CASES" ] || die "no kernel of ${images#"$TOP"/} matches SERIES_TEST_PATCHES='${SERIES_TEST_PATCHES:-}' SERIES_TEST_VARIANTS='${SERIES_TEST_VARIANTS:-}'"

# The table: a row per patch, a column per variant, cases passed/failed.
awk -F'\t' '
	{
		split($1, k, "/patch-"); v = k[1]; p = k[2] + 0
		if (!(v in seen)) { seen[v] = 1; order[++nv] = v }
		if (!(p in rows)) { rows[p] = 1; plist[++np] = p }
		if ($3 == "pass") pass[p, v]++
		if ($3 == "fail") fail[p, v]++
		ran[p, v] = 1
	}
	END {
		printf "%-6s", "patch"
		for (i = 1; i <= nv; i++) printf " %-12s", order[i]
		printf "\n"
		for (j = 1; j <= np; j++) {
			p = plist[j]
			printf "%-6s", p
			for (i = 1; i <= nv; i++) {
				v = order[i]
				cell = ((p, v) in ran) ? sprintf("%d/%d", pass[p, v], fail[p, v]) : "-"
				printf " %-12s", cell
			}
			printf "\n"
		}
	}
' "$CASES" >"$dir/table.txt"
echo
sed 's/^/  /' "$dir/table.txt"
echo
echo "  (cells: cases passed/failed in one boot of the kernel built at that patch;"
echo "  -: not built there, the kernel of an earlier patch stands; per-case results:"
echo "  ${CASES#"$TOP"/})"
suite_totals
