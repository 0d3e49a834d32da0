#!/usr/bin/env bash
# make export-patches: write base..HEAD of linux/ to patches/ as a git
# format-patch series with a cover letter. The cover letter's subject and text
# are kept from the existing cover letter (patches/0000-cover-letter.patch, or
# vN-0000-cover-letter.patch); its shortlog and diffstat are regenerated. The
# series version (experiments/series-version, or SERIES_VERSION) numbers the
# subjects "[PATCH vN n/m]" and the files vN-NNNN-*.patch, and the cover letter
# ends with a "base-commit:" trailer: the commit of tag base, the same in every
# clone made from the same Debian source (linux-prepare.sh commits it with a
# fixed identity and date).
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/series.sh"

[ -d "$LINUX/.git" ] || die "linux/ does not exist: run 'make linux' first"
lgit rev-parse -q --verify refs/tags/base >/dev/null || die "linux/ has no 'base' tag"
dirty=$(lgit status --porcelain --untracked-files=no | sed -n 1,5p)
[ -z "$dirty" ] || die "linux/ has uncommitted changes; commit them first:
$dirty"
hidden=$(ignored_new_files | sed -n 1,10p)
[ -z "$hidden" ] || die "linux/ has new files that are not committed: Debian's top-level .gitignore
hides them (git add -f them, then commit):
$hidden"
count=$(lgit rev-list --count base..HEAD)
[ "$count" -gt 0 ] || die "linux/ has no commits on top of base; nothing to export"

version=$(series_version)
cover_old=$(cover_letter_file)
subject="" blurb=""
if [ -n "$cover_old" ]; then
	subject=$(sed -n '/^Subject: \[PATCH[^]]*\] /{s///p;q}' "$cover_old")
	# The text runs from the first blank line (end of the headers) to the
	# shortlog, whose first line is "Author Name (N):".
	blurb=$(awk 'body && /^[^ ].* \([0-9]+\):$/ { exit } body { print } /^$/ && !body { body = 1 }' "$cover_old")
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
versioned=()
[ "$version" = 1 ] || versioned=(-v "$version")
lgit format-patch -q --zero-commit --no-signature --cover-letter "${versioned[@]}" \
	--base="$(lgit rev-parse 'base^{commit}')" -o "$out" base..HEAD

cover_new=$(ls "$out"/*0000-cover-letter.patch)
if [ -n "$subject" ]; then
	SUBJECT="$subject" BLURB="$blurb" awk '
		/\*\*\* SUBJECT HERE \*\*\*/ { sub(/\*\*\* SUBJECT HERE \*\*\*/, ENVIRON["SUBJECT"]) }
		/^\*\*\* BLURB HERE \*\*\*$/ { printf "%s\n", ENVIRON["BLURB"]; next }
		{ print }
	' "$cover_new" >"$out/cover" && mv "$out/cover" "$cover_new"
else
	echo "note: patches/$(basename "$cover_new") is a template; write its subject and text, then export again" >&2
fi

# The cover letter is dated like the newest commit (by author date, which a
# reordered series need not have last), so that an export of an unchanged
# series changes nothing.
date=$(lgit log --format='%at %aD' base..HEAD | sort -n | tail -n 1 | cut -d' ' -f2-)
sed -i "s/^Date: .*/Date: $date/" "$cover_new"

mkdir -p "$PATCHES"
rm -f "$PATCHES"/[0-9][0-9][0-9][0-9]-*.patch "$PATCHES"/v[0-9]*-[0-9][0-9][0-9][0-9]-*.patch
cp "$out"/*.patch "$PATCHES"/
record_commits
progress "export-patches: $count patches and a cover letter written to patches/ (series version $version)"
git -C "$TOP" status --short -- patches | sed 's/^/  /' >&2 || true
