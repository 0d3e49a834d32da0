# shellcheck shell=bash
# Reading experiments/path.steps (make path). Source after lib/common.sh.

# parse_steps FILE NPATCHES [LABELS [VARIANTS]]: fills LABELS (in file order,
# or those of the space-separated LABELS given), and PATCH_OF, REBUILD_OF,
# WHAT_OF indexed by label. VARIANTS (space-separated, default every variant)
# are the variants measured: the first step must build all of them. Fails
# with the line and the problem on bad input.
parse_steps() {
	local file="$1" npatches="$2" only="${3:-}" measured="${4:-}" lineno=0 line label patch variants what v last=0 l
	[ -n "$measured" ] || measured=$(list_variants | tr '\n' ' ')
	declare -gA PATCH_OF=() REBUILD_OF=() WHAT_OF=()
	LABELS=""
	[ -f "$file" ] || die "no steps file $file"
	while IFS= read -r line || [ -n "$line" ]; do
		lineno=$((lineno + 1))
		case "$line" in '' | '#'*) continue ;; esac
		IFS=$'\t' read -r label patch variants what <<<"$line"
		[ -n "$what" ] || die "$file:$lineno: expected 'label<TAB>patch<TAB>variants<TAB>description'"
		case "$label" in *[!a-z0-9-]* | '') die "$file:$lineno: a label is lower-case letters, digits and '-', not '$label'" ;; esac
		[ -z "${PATCH_OF[$label]:-}" ] || die "$file:$lineno: step '$label' is defined twice"
		case "$patch" in '' | *[!0-9]*) die "$file:$lineno: the patch is a number, not '$patch'" ;; esac
		[ "$patch" -ge 1 ] && [ "$patch" -le "$npatches" ] ||
			die "$file:$lineno: patch $patch is not in the series (patches 1-$npatches)"
		[ "$patch" -gt "$last" ] || die "$file:$lineno: step '$label' (patch $patch) does not come after patch $last"
		last="$patch"
		for v in ${variants//,/ }; do
			(check_variant "$v") 2>/dev/null ||
				die "$file:$lineno: unknown variant '$v'; valid variants: $(list_variants | tr '\n' ' ')"
		done
		PATCH_OF[$label]="$patch"
		REBUILD_OF[$label]="$variants"
		# shellcheck disable=SC2034 # read by path.sh
		WHAT_OF[$label]="$what"
		LABELS="$LABELS $label"
	done <"$file"
	LABELS="${LABELS# }"
	[ -n "$LABELS" ] || die "$file: no steps"
	if [ -n "$only" ]; then
		for l in $only; do
			[ -n "${PATCH_OF[$l]:-}" ] || die "unknown path step '$l'; steps: $LABELS"
		done
		# Keep the file's order.
		local kept="" all="$LABELS"
		for l in $LABELS; do
			case " $only " in *" $l "*) kept="$kept $l" ;; esac
		done
		LABELS="${kept# }"
		# A step keeps the kernels of the step before it in the run: a step
		# after skipped ones must rebuild every variant measured that they
		# change.
		local prev_kept="" gap="" sk
		for l in $all; do
			case " $LABELS " in
			*" $l "*)
				if [ -n "$prev_kept" ]; then
					for sk in $gap; do
						for v in ${REBUILD_OF[$sk]//,/ }; do
							case " $measured " in *" $v "*) ;; *) continue ;; esac
							case ",${REBUILD_OF[$l]}," in *",$v,"*) continue ;; esac
							die "step '$l' would keep the $v kernel of step '$prev_kept', but the skipped step '$sk' changes $v: add '$sk' to the steps, or a step that rebuilds $v"
						done
					done
				fi
				prev_kept="$l"
				gap=""
				;;
			*) [ -z "$prev_kept" ] || gap="$gap $l" ;;
			esac
		done
	fi
	# The first step builds every variant: later ones may keep its kernels.
	l="${LABELS%% *}"
	for v in $measured; do
		case ",${REBUILD_OF[$l]}," in
		*",$v,"*) ;;
		*) die "the first step, '$l', must build every variant measured ($(xargs <<<"$measured" | tr ' ' ',')), not only ${REBUILD_OF[$l]}" ;;
		esac
	done
}

# The series of make path comes from this repository's history: a commit
# whose patches/ holds it (experiments/path.series), never from patches/.

# path_series_commit FILE: the commit of FILE's "commit:" line.
path_series_commit() {
	local file="$1" c
	[ -f "$file" ] || die "no series file $file"
	c=$(sed -n 's/^commit:[[:space:]]*\([^[:space:]]*\)[[:space:]]*$/\1/p' "$file")
	case "$c" in
	*[!0-9a-f]* | '') die "$file: expected a line 'commit: <40 hex digits>'" ;;
	esac
	[ "${#c}" = 40 ] || die "$file: the commit is a full id (40 hex digits), not '$c'"
	echo "$c"
}

# check_history_commit REPO COMMIT: fail, saying what to run, when COMMIT is
# not in REPO's history (a shallow clone, or one that lacks it).
check_history_commit() {
	local repo="$1" c="$2"
	git -C "$repo" cat-file -e "$c^{commit}" 2>/dev/null && return 0
	if [ "$(git -C "$repo" rev-parse --is-shallow-repository 2>/dev/null)" = true ]; then
		die "commit $c, which holds the series of make path in patches/, is not in this shallow clone: run 'git -C $repo fetch --unshallow'"
	fi
	die "commit $c, which holds the series of make path in patches/, is not in this clone's history: fetch it ('git -C $repo fetch origin', or 'git fetch --unshallow' for a shallow clone)"
}

# history_series_files REPO COMMIT: the patch files of patches/ at COMMIT, in
# order, without the cover letter (names only).
history_series_files() {
	git -C "$1" ls-tree --name-only "$2" patches/ | sed 's|^patches/||' |
		grep -E '^(v[0-9]+-)?[0-9]{4}-.*\.patch$' | grep -Ev '^(v[0-9]+-)?0000-' || true
}

# history_patch_subject REPO COMMIT NAME: the subject of patches/NAME at COMMIT.
history_patch_subject() {
	git -C "$1" show "$2:patches/$3" | awk '
		/^Subject: / { s = $0; sub(/^Subject: (\[[^]]*\] )?/, "", s); on = 1; next }
		on && /^[ \t]/ { t = $0; sub(/^[ \t]+/, " ", t); s = s t; next }
		on { print s; exit }
	'
}

# apply_history_series REPO COMMIT TREE: git am every patch of patches/ at
# COMMIT onto TREE's HEAD, read with git show (no copy in the tree).
apply_history_series() {
	local repo="$1" c="$2" tree="$3" name n=0
	for name in $(history_series_files "$repo" "$c"); do
		n=$((n + 1))
		if ! git -C "$repo" show "$c:patches/$name" |
			git -C "$tree" am -q --whitespace=nowarn --committer-date-is-author-date >"$tree.am.log" 2>&1; then
			git -C "$tree" am --abort >/dev/null 2>&1 || true
			sed -n '1,15p' "$tree.am.log" >&2
			die "patch $n ($name) of the series at commit $c does not apply on base"
		fi
	done
	rm -f "$tree.am.log"
}

# path_worktree SERIES_COMMIT NPATCHES: the series of SERIES_COMMIT applied on
# base in a worktree of linux/ of its own, BUILD/path/src, once for a given
# series commit and base (BUILD/path/series records both and the top); sets
# PATH_SRC and PATH_TOP (the last patch's commit). Used by make path and by
# make results for an experiment whose kernels are a path step's.
path_worktree() {
	local series_commit="$1" npatches="$2" record base rec_series="" rec_base="" top=""
	PATH_SRC="$BUILD/path/src"
	git -C "$TOP/linux" worktree prune
	if [ ! -e "$PATH_SRC/.git" ]; then
		rm -rf "$PATH_SRC"
		mkdir -p "$BUILD/path"
		lgit worktree add -q --detach "$PATH_SRC" base
	fi
	record="$BUILD/path/series"
	base=$(lgit rev-parse 'base^{commit}')
	[ ! -f "$record" ] || read -r rec_series rec_base top <"$record"
	if [ "$rec_series $rec_base" != "$series_commit $base" ] || ! git -C "$PATH_SRC" cat-file -e "$top^{commit}" 2>/dev/null; then
		say "the series of commit ${series_commit:0:12} ($npatches patches) on base, in ${PATH_SRC#"$TOP"/}"
		git -C "$PATH_SRC" am --abort >/dev/null 2>&1 || true
		git -C "$PATH_SRC" checkout -q -f --detach base
		apply_history_series "$TOP" "$series_commit" "$PATH_SRC"
		top=$(git -C "$PATH_SRC" rev-parse HEAD)
		echo "$series_commit $base $top" >"$record"
	fi
	[ "$(git -C "$PATH_SRC" rev-list --count "base..$top")" = "$npatches" ] ||
		die "${PATH_SRC#"$TOP"/} does not hold the $npatches patches of commit $series_commit; remove $record and run again"
	PATH_TOP="$top"
}

# path_checkout N: the worktree of path_worktree at patch N of the series
# (a step's patch); prints that commit.
path_checkout() {
	local commit
	commit=$(git -C "$PATH_SRC" rev-list --reverse "base..$PATH_TOP" | sed -n "${1}p")
	[ -n "$commit" ] || die "the series has no patch $1"
	git -C "$PATH_SRC" checkout -q --detach "$commit"
	echo "$commit"
}

# step_patch FILE LABEL: the patch of step LABEL of the steps file (the
# experiment key "kernels: path-step LABEL"); fails naming the steps there.
step_patch() {
	local patch
	patch=$(awk -F'\t' -v l="$2" '!/^#/ && $1 == l { print $2; exit }' "$1")
	[ -n "$patch" ] || die "no step '$2' in $1; steps: $(awk -F'\t' '!/^#/ && NF { printf "%s ", $1 }' "$1")"
	echo "$patch"
}

# path_plan REPO COMMIT: the steps parse_steps kept, each with its patches
# and their subjects (make path's DRY_RUN).
path_plan() {
	local repo="$1" c="$2" l first=1 i names
	mapfile -t names < <(history_series_files "$repo" "$c")
	printf 'make path: the series at commit %s (%d patches), steps: %s\n' "$c" "${#names[@]}" "$LABELS"
	for l in $LABELS; do
		printf '%s: patches %d-%d, rebuilds %s: %s\n' "$l" "$first" "${PATCH_OF[$l]}" "${REBUILD_OF[$l]}" "${WHAT_OF[$l]}"
		for ((i = first; i <= PATCH_OF[$l]; i++)); do
			printf '  %2d %s\n' "$i" "$(history_patch_subject "$repo" "$c" "${names[i - 1]}")"
		done
		first=$((PATCH_OF[$l] + 1))
	done
}
