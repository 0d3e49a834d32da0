#!/usr/bin/env bash
# make series-build: is the series bisectable? Applies the patches of
# patches/ one at a time on base in a worktree of linux/ of its own
# (build/series-build/linux) and, after each, builds the kernel of every
# variant the patch changes (scripts/series-plan.sh decides, from the files
# it touches and the Kconfig options it defines; a variant appears with the
# patch that defines its options), with scripts/kernel-build.sh, one build at
# a time, in build/series-build/obj/<variant>/ (ccache). Stops at the first
# patch that does not apply or build, naming it and the variant, with the
# tail of the build log. Ends with a table patch x variant, also in
# build/series-build/table.txt. Long: a patch that changes a header rebuilds
# most of each kernel. Not part of make check. Each kernel built is kept
# (build/series-build/images/NN-VARIANT.Image, with its .config) for make
# series-test, which boots them.
#
# Environment: DRY_RUN=1 prints the plan (and a rough time) without building;
# SERIES_BUILD_VARIANTS (space-separated, default every variant);
# SERIES_BUILD_FROM=N applies patches 1..N-1 without building and builds
# every variant at N (to resume after a fix); SERIES_BUILD_TO=M stops after
# patch M (a range of patches, with FROM).
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/series.sh"

variants="${SERIES_BUILD_VARIANTS:-$(list_variants | tr '\n' ' ')}"
from="${SERIES_BUILD_FROM:-1}"
case "$from" in '' | *[!0-9]* | 0) die "SERIES_BUILD_FROM must be a patch number (from 1), not '$from'" ;; esac
plan=$(bash "$TOP/scripts/series-plan.sh" "$variants")
total=$(printf '%s\n' "$plan" | wc -l)
[ "$from" -le "$total" ] || die "SERIES_BUILD_FROM=$from: the series has $total patches"
to="${SERIES_BUILD_TO:-$total}"
case "$to" in '' | *[!0-9]* | 0) die "SERIES_BUILD_TO must be a patch number (from 1), not '$to'" ;; esac
[ "$to" -le "$total" ] || die "SERIES_BUILD_TO=$to: the series has $total patches"
[ "$to" -ge "$from" ] || die "SERIES_BUILD_TO=$to is before SERIES_BUILD_FROM=$from"
dir="$BUILD/series-build"

# Rough minutes per build: a variant's first build (cold ccache), a patch that
# changes a header or build file (most of the kernel recompiles), one that
# changes only sources.
MIN_FIRST=3 MIN_WIDE=3 MIN_NARROW=1

if [ -n "${DRY_RUN:-}" ]; then
	printf 'series-build plan for %s (%d patches), variants: %s\n' "${PATCHES#"$TOP"/}" "$total" "$variants"
	builds=0 minutes=0
	declare -A seen=()
	while IFS=$'\t' read -r n file subject build keep absent omit why kind; do
		printf '%3d %s\n    build: %s   keep: %s   not yet: %s\n    why: %s\n' \
			"$n" "$subject" "$build" "$keep" "$absent" "$why"
		[ "$omit" = - ] || printf '    options left out (defined later): %s\n' "$omit"
		[ "$build" = - ] && continue
		for v in ${build//,/ }; do
			builds=$((builds + 1))
			if [ -z "${seen[$v]:-}" ]; then
				seen[$v]=1 minutes=$((minutes + MIN_FIRST))
			elif [ "$kind" = wide ]; then
				minutes=$((minutes + MIN_WIDE))
			else
				minutes=$((minutes + MIN_NARROW))
			fi
		done
	done <<<"$plan"
	printf '%d kernel builds; rough time %d minutes (%d per first or header-wide build, %d per sources-only one, with ccache)\n' \
		"$builds" "$minutes" "$MIN_WIDE" "$MIN_NARROW"
	exit 0
fi

timer_start series-build

[ -d "$LINUX/.git" ] && lgit rev-parse -q --verify refs/tags/base >/dev/null ||
	die "$LINUX has no base commit: run 'make linux' first"

src="$dir/linux"
mkdir -p "$dir/logs"
lgit worktree prune
if [ ! -e "$src/.git" ]; then
	rm -rf "$src"
	lgit worktree add -q --detach "$src" base
fi
git -C "$src" am --abort >/dev/null 2>&1 || true
git -C "$src" reset -q --hard base
git -C "$src" checkout -q --detach base

# results.tsv: patch, variant, status (ok, keep, absent, config: not
# configurable yet, FAIL), seconds.
results="$dir/results.tsv"
: >"$results"
printf '%s\n' "$plan" >"$dir/plan.tsv"

table() {
	bash "$TOP/scripts/series-table.sh" "$results" "$dir/plan.tsv" "$variants" | tee "$dir/table.txt"
}

# keep_image N VARIANT OBJ: the kernel just built at patch N, for series-test.
keep_image() {
	local name
	name="$dir/images/$(printf '%02d' "$1")-$2"
	mkdir -p "$dir/images"
	cp "$3/arch/arm64/boot/Image" "$name.Image"
	cp "$3/.config" "$name.config"
}

# A resumed run (SERIES_BUILD_FROM) keeps the kernels of the patches before.
[ "$from" -gt 1 ] || rm -rf "$dir/images"
declare -A built=()
while IFS=$'\t' read -r n file subject build keep absent omit why kind; do
	[ "$n" -le "$to" ] || break
	say "patch $n/$total: $subject"
	if ! git -C "$src" am -q --whitespace=nowarn --committer-date-is-author-date "$PATCHES/$file" >"$dir/am.log" 2>&1; then
		sed -n '1,15p' "$dir/am.log" >&2
		git -C "$src" am --abort >/dev/null 2>&1 || true
		table
		die "patch $n/$total ($subject) does not apply on the patches before it"
	fi
	[ "$n" -ge "$from" ] || continue
	[ "$omit" = - ] && omit=""
	for v in $variants; do
		case ",$absent," in *",$v,"*) printf '%s\t%s\tabsent\t\n' "$n" "$v" >>"$results"; continue ;; esac
		# A variant not built yet in this run is built whatever the plan.
		case ",$build," in
		*",$v,"*) ;;
		*) [ -z "${built[$v]:-}" ] || { printf '%s\t%s\tkeep\t\n' "$n" "$v" >>"$results"; continue; } ;;
		esac
		out="$dir/obj/$v"
		log="$dir/logs/$(printf '%04d' "$n")-$v.log"
		say "  patch $n: kernel $v"
		t0=$(date +%s)
		if KERNEL_SRC="$src" KERNEL_OUT="$out" KERNEL_CONFIG_OMIT="$omit" \
			bash "$TOP/scripts/kernel-build.sh" "$v" >"$log" 2>&1 </dev/null; then
			built[$v]=1
			keep_image "$n" "$v" "$out"
			printf '%s\t%s\tok\t%s\n' "$n" "$v" "$(($(date +%s) - t0))" >>"$results"
			continue
		fi
		if ! grep -q "kernel $v: building Image" "$log" && [ -z "${built[$v]:-}" ]; then
			# Its options exist but cannot all be had yet (a dependency that a
			# later patch adds): the variant begins later.
			say "  patch $n: $v cannot be configured yet (log: ${log#"$TOP"/}); it is built at the next patch"
			printf '%s\t%s\tconfig\t\n' "$n" "$v" >>"$results"
			continue
		fi
		printf '%s\t%s\tFAIL\t%s\n' "$n" "$v" "$(($(date +%s) - t0))" >>"$results"
		table
		echo "--- the end of the build of $v at patch $n:" >&2
		if [ -f "$out/build.log" ] && grep -q "kernel $v: building Image" "$log"; then
			tail -n 30 "$out/build.log" >&2
		fi
		tail -n 15 "$log" >&2
		die "patch $n/$total ($subject, $file) does not build for variant $v (logs: ${log#"$TOP"/}, ${out#"$TOP"/}/build.log)"
	done
done <<<"$plan"

table
for v in $variants; do
	[ -n "${built[$v]:-}" ] || die "variant $v was never built: it could not be configured at any patch (logs: ${dir#"$TOP"/}/logs/)"
done
say "every patch$([ "$from" = 1 ] && [ "$to" = "$total" ] || echo " from $from to $to") applies and builds for the variants it changes ($(awk -F'\t' '$3 == "ok"' "$results" | wc -l) builds)"
