# shellcheck shell=bash
# Reading experiments/path.steps (make path). Source after lib.sh.

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
		local kept=""
		for l in $LABELS; do
			case " $only " in *" $l "*) kept="$kept $l" ;; esac
		done
		LABELS="${kept# }"
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
