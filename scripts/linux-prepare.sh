#!/usr/bin/env bash
# make linux: Debian's pristine source as commit "base" in linux/, with the
# series in patches/ applied on top as commits. Never destroys work: when linux/
# holds commits or changes that are not in patches/, it stops and says so.
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/series.sh"

create_base() {
	local version tmp
	version=$(installed_source_version)
	[ -r "$LINUX_TARBALL" ] || die "$LINUX_TARBALL is missing: run 'make deps'"
	tmp="$LINUX.tmp"
	rm -rf "$tmp"
	mkdir -p "$tmp"
	progress "linux: unpacking $LINUX_TARBALL ($LINUX_SOURCE_PKG $version)"
	tar -xJf "$LINUX_TARBALL" -C "$tmp" --strip-components=1
	progress "linux: creating the base commit"
	git -C "$tmp" init -q
	git -C "$tmp" config user.name "$GIT_IDENTITY_NAME"
	git -C "$tmp" config user.email "$GIT_IDENTITY_EMAIL"
	git -C "$tmp" config core.autocrlf false
	git -C "$tmp" config gc.auto 0
	git -C "$tmp" add -A -f .
	GIT_AUTHOR_DATE="@0 +0000" GIT_COMMITTER_DATE="@0 +0000" \
		git -C "$tmp" commit -q -m "Debian $LINUX_SOURCE_PKG $version" \
		-m "Pristine source from $LINUX_TARBALL as shipped by the Debian package."
	git -C "$tmp" tag -a base -m "Debian $LINUX_SOURCE_PKG $version"
	mv "$tmp" "$LINUX"
}

apply_series() {
	local f n=0 log
	log="$BUILD/linux-am.log"
	mkdir -p "$BUILD"
	for f in $(series_files); do
		if ! lgit am -q --whitespace=nowarn "$f" >"$log" 2>&1; then
			lgit am --abort >/dev/null 2>&1 || true
			sed -n '1,15p' "$log" >&2
			die "patch $(basename "$f") no longer applies to $LINUX_SOURCE_PKG $(base_source_version);" \
				"linux/ is left at the last patch that applied. Rebase it by hand" \
				"(git -C linux am -3 ...), then 'make export-patches'"
		fi
		n=$((n + 1))
	done
	record_commits
	progress "linux: $n patches applied on base ($LINUX_SOURCE_PKG $(base_source_version))"
}

# Which commits of base..HEAD have no identical patch in patches/?
commits_not_in_series() {
	local known c fp
	known=$(
		for f in $(series_files); do file_fingerprint "$f"; done
		cat "$(record_file)" 2>/dev/null || true
	)
	for c in $(lgit rev-list --reverse base..HEAD); do
		fp=$(commit_fingerprint "$c")
		if ! grep -qx -- "$fp" <<<"$known"; then
			lgit log -1 --format='  %h %s' "$c"
		fi
	done
}

series_matches_linux() {
	local a b
	a=$(for c in $(lgit rev-list --reverse base..HEAD); do commit_fingerprint "$c"; done)
	b=$(for f in $(series_files); do file_fingerprint "$f"; done)
	[ "$a" = "$b" ]
}

if [ ! -e "$LINUX" ]; then
	create_base
	apply_series
	exit 0
fi

[ -d "$LINUX/.git" ] || die "linux/ exists but is not a git repository; move it away and run 'make linux' again"
lgit rev-parse -q --verify refs/tags/base >/dev/null ||
	die "linux/ has no 'base' tag; move it away and run 'make linux' again"

dirty=$({ lgit status --porcelain; ignored_new_files | sed 's/^/!! /'; } | sed -n 1,10p)
if [ -n "$dirty" ]; then
	printf '%s\n' "$dirty" >&2
	die "linux/ has uncommitted changes (above) that are not in patches/ (files marked !! are" \
		"new files that Debian's top-level .gitignore hides: git add -f them); commit them and run" \
		"'make export-patches', or discard them, then run 'make linux' again"
fi

unknown=$(commits_not_in_series)
if [ -n "$unknown" ]; then
	printf '%s\n' "$unknown" >&2
	die "linux/ holds commits that are not in patches/ (above); run 'make export-patches' and commit" \
		"patches/, or drop them (git -C linux reset --hard base), then run 'make linux' again"
fi

if [ "$(base_source_version)" != "$(installed_source_version)" ]; then
	progress "linux: base is $(base_source_version), installed source is $(installed_source_version); recreating"
	rm -rf "$LINUX"
	create_base
	apply_series
	exit 0
fi

if series_matches_linux; then
	progress "linux: up to date with patches/ ($(lgit rev-list --count base..HEAD) patches)"
	exit 0
fi

progress "linux: patches/ changed; re-applying the series on base"
lgit reset -q --hard base
apply_series
