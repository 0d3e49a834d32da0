# shellcheck shell=bash
# Helpers shared by linux-prepare.sh and export-patches.sh: how a commit in
# linux/ and a file in patches/ are compared.

LINUX="${LINUX_DIR:-$TOP/linux}"
PATCHES="${PATCHES_DIR:-$TOP/patches}"
LINUX_TARBALL="${LINUX_TARBALL:-/usr/src/linux-source-6.12.tar.xz}"
LINUX_SOURCE_PKG=linux-source-6.12
# shellcheck disable=SC2034 # read by the scripts that source this
GIT_IDENTITY_NAME="arm64 soft-dirty fork"
# shellcheck disable=SC2034
GIT_IDENTITY_EMAIL="sd-fork@users.noreply.invalid"

lgit() {
	git -C "$LINUX" "$@"
}

# The version of the series under review: 1 writes "[PATCH n/m]" and files
# NNNN-*.patch, N > 1 "[PATCH vN n/m]" and vN-NNNN-*.patch (git format-patch
# -v). Read from experiments/series-version; SERIES_VERSION overrides it.
series_version() {
	local v="${SERIES_VERSION:-}" file="$TOP/experiments/series-version"
	[ -n "$v" ] || { [ ! -f "$file" ] || v=$(sed -n '1{s/[[:space:]]//g;p}' "$file"); }
	v=${v:-1}
	case "$v" in *[!0-9]* | 0*) die "series version '$v' (SERIES_VERSION or $file) is not a positive number" ;; esac
	echo "$v"
}

# The cover letter of the series in patches/, of whichever version, if any.
cover_letter_file() {
	local p
	for p in "$PATCHES"/0000-cover-letter.patch "$PATCHES"/v[0-9]*-0000-cover-letter.patch; do
		[ ! -e "$p" ] || { echo "$p"; return; }
	done
}

# The patch files of the series, in order, without the cover letter: NNNN-*
# or, as git format-patch -v2 names them, v2-NNNN-*.
series_files() {
	local p
	for p in "$PATCHES"/[0-9][0-9][0-9][0-9]-*.patch "$PATCHES"/v[0-9]*-[0-9][0-9][0-9][0-9]-*.patch; do
		case "$p" in */0000-* | */v[0-9]*-0000-*) ;; *) [ ! -e "$p" ] || echo "$p" ;; esac
	done
}

# normalize_patch: read one patch on stdin and print what identifies its
# content: no commit id, no series numbering, no blob ids, no signature.
normalize_patch() {
	awk '
		NR == 1 && /^From [0-9a-f]+ / { next }
		# Headers: unfold continuation lines (a subject folds at a width
		# that depends on its "[PATCH n/m]" prefix), drop threading ids.
		!body && /^$/ { flush(); body = 1; print; next }
		!body && /^[ \t]/ { held = held $0; next }
		!body { flush(); held = $0; next }
		/^-- $/ { exit }
		/^index [0-9a-f]+\.\.[0-9a-f]+/ { next }
		{ print }
		function flush() {
			if (held == "") return
			if (held ~ /^(Message-I[dD]|In-Reply-To|References): /) { held = ""; return }
			sub(/^Subject: \[PATCH[^]]*\] /, "Subject: ", held)
			print held
			held = ""
		}
	'
}

commit_fingerprint() {
	lgit format-patch --stdout --no-signature -1 "$1" | normalize_patch | sha256sum | cut -d' ' -f1
}

file_fingerprint() {
	normalize_patch <"$1" | sha256sum | cut -d' ' -f1
}

installed_source_version() {
	if [ -n "${LINUX_SOURCE_VERSION_OVERRIDE:-}" ]; then
		echo "$LINUX_SOURCE_VERSION_OVERRIDE"
		return
	fi
	dpkg-query -W -f='${Version}' "$LINUX_SOURCE_PKG" 2>/dev/null ||
		die "$LINUX_SOURCE_PKG is not installed: run 'make deps'"
}

base_source_version() {
	lgit tag -l --format='%(contents:subject)' base | sed -n 's/^Debian [^ ]* \([^ ]*\)$/\1/p'
}

# Fingerprints of every commit that came from patches/ (applied by make linux)
# or went to patches/ (make export-patches). A commit of linux/ whose content
# was once in patches/ is not work that only linux/ holds.
RECORD_FILE_NAME=sdfork-series-fingerprints

record_file() {
	echo "$LINUX/.git/$RECORD_FILE_NAME"
}

record_commits() {
	local c
	for c in $(lgit rev-list --reverse base..HEAD); do
		commit_fingerprint "$c"
	done >>"$(record_file)"
	sort -u -o "$(record_file)" "$(record_file)"
}

# New files that git ignores only because of the top-level "/*" rule of
# Debian's .gitignore (meant for its packaging repository): they are source
# files of the series, not build products, and must be committed with
# "git add -f".
ignored_new_files() {
	lgit status --porcelain --ignored | sed -n 's/^!! //p' | while IFS= read -r f; do
		case "$(lgit check-ignore -v "$f" 2>/dev/null)" in
		.gitignore:*:/\*[[:space:]]*) echo "$f" ;;
		esac
	done
}
