#!/usr/bin/env bash
# checkpatch-justified.sh PATCH: the checkpatch warning types the patch's
# commit message justifies, comma-separated (for checkpatch.pl --ignore).
# A justification names the type in parentheses, e.g. "(FILE_PATH_CHANGES)",
# in a paragraph of the commit message that mentions checkpatch.
set -eu -o pipefail
patch="${1:?usage: checkpatch-justified.sh PATCH}"
[ -f "$patch" ] || { echo "checkpatch-justified.sh: no such patch: $patch" >&2; exit 1; }
sed -n '/^---$/q;p' "$patch" | awk -v RS= 'tolower($0) ~ /checkpatch/' |
	{ grep -oE '\([A-Z][A-Z0-9_]+\)' || true; } | tr -d '()' | sort -u | paste -sd, -
