#!/usr/bin/env bash
# qemu-plugin-header.sh: put QEMU's plugin API header (include/qemu/qemu-plugin.h)
# in build/qemu-plugin/, for the cache model (make cachemodel).
#
# Debian ships the header only in the source package 'qemu'. This fetches the
# source package of the installed qemu-system-arm (the same version, or the
# newest the archive has, with a warning) through apt-get with a private
# sources list, lists and cache under build/qemu-plugin/apt/: deb-src entries
# for the Debian suites apt's own sources name. The system's apt
# configuration is read, never changed. Only the header is extracted, and its
# licence is checked (GPL-2.0-or-later: fine to build a plugin against).
#
# Environment: BUILD (default build/). Idempotent: an existing header is kept.
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"

OUT_DIR="$BUILD/qemu-plugin"
HEADER="$OUT_DIR/qemu-plugin.h"
APT_DIR="$OUT_DIR/apt"
SOURCE_PACKAGE=qemu

[ -f "$HEADER" ] && exit 0
command -v apt-get >/dev/null || die "apt-get is missing: the QEMU plugin header comes from Debian's 'qemu' source package"
installed_version=$(dpkg-query -W -f='${source:Version}' qemu-system-arm 2>/dev/null) ||
	die "qemu-system-arm is not installed: run 'make deps' (its version picks the source package)"

# deb-src lines for the Debian entries of apt's sources (deb822 and one-line
# formats): same URI, suites, components and keyring.
debian_source_lines() {
	local f
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		case "$f" in
		*.sources)
			awk '
			function flush() {
				if (types ~ /(^| )deb( |$)/ && uris ~ /debian/)
					for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++)
						printf "deb-src %s%s %s %s\n", (key ? "[signed-by=" key "] " : ""), u[i], s[j], comps
				types = uris = key = comps = ""; nu = ns = 0
			}
			/^[ \t]*$/ { flush(); next }
			/^#/ { next }
			/^Types:/ { sub(/^Types:[ \t]*/, ""); types = $0 }
			/^URIs:/ { sub(/^URIs:[ \t]*/, ""); uris = $0; nu = split($0, u, /[ \t]+/) }
			/^Suites:/ { sub(/^Suites:[ \t]*/, ""); ns = split($0, s, /[ \t]+/) }
			/^Components:/ { sub(/^Components:[ \t]*/, ""); comps = $0 }
			/^Signed-By:/ { sub(/^Signed-By:[ \t]*/, ""); key = $0 }
			END { flush() }' "$f"
			;;
		*)
			awk '$1 == "deb" && $0 ~ /debian/ { $1 = "deb-src"; print }' "$f"
			;;
		esac
	done | sort -u
}

mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial" "$APT_DIR/parts" "$APT_DIR/source"
debian_source_lines >"$APT_DIR/sources.list"
[ -s "$APT_DIR/sources.list" ] ||
	die "no Debian entry in apt's sources (/etc/apt/sources.list, /etc/apt/sources.list.d/): cannot name a deb-src for the 'qemu' source package"

apt_opts=(-o "Dir::Etc::SourceList=$APT_DIR/sources.list" -o "Dir::Etc::SourceParts=$APT_DIR/parts"
	-o "Dir::State::Lists=$APT_DIR/lists" -o "Dir::Cache=$APT_DIR/cache"
	-o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache=")
# As root apt downloads as the user _apt, which may not reach build/.
[ "$(id -u)" = 0 ] && apt_opts+=(-o "APT::Sandbox::User=root")

progress "qemu-plugin-header: apt-get update (private lists, deb-src only)"
apt-get "${apt_opts[@]}" update -qq >"$APT_DIR/update.log" 2>&1 || {
	tail -n 5 "$APT_DIR/update.log" >&2
	die "apt-get update of the deb-src lists failed (log: $APT_DIR/update.log; sources: $APT_DIR/sources.list): is Debian's archive reachable?"
}
# apt-get update succeeds even when every fetch failed: look for the indexes.
if ! compgen -G "$APT_DIR/lists/*_source_Sources*" >/dev/null; then
	grep -E '^(W|E):' "$APT_DIR/update.log" | head -n 5 >&2 || true
	die "apt-get update fetched no source index from $(awk '{ print $(NF - 2) }' "$APT_DIR/sources.list" | sort -u | tr '\n' ' ')(log: $APT_DIR/update.log): is Debian's archive reachable?"
fi
rm -f "$APT_DIR/source"/*
progress "qemu-plugin-header: downloading the source package $SOURCE_PACKAGE $installed_version"
if ! (cd "$APT_DIR/source" && apt-get "${apt_opts[@]}" source --download-only -qq "$SOURCE_PACKAGE=$installed_version") >"$APT_DIR/source.log" 2>&1; then
	echo "warning: source package $SOURCE_PACKAGE $installed_version is not in the archive; taking its newest version" >&2
	(cd "$APT_DIR/source" && apt-get "${apt_opts[@]}" source --download-only -qq "$SOURCE_PACKAGE") >"$APT_DIR/source.log" 2>&1 || {
		tail -n 5 "$APT_DIR/source.log" >&2
		die "apt-get source --download-only $SOURCE_PACKAGE failed (log: $APT_DIR/source.log)"
	}
fi

orig=$(first_match "$APT_DIR/source"/"$SOURCE_PACKAGE"_*.orig.tar.* || true)
debian_tar=$(first_match "$APT_DIR/source"/"$SOURCE_PACKAGE"_*.debian.tar.* || true)
[ -n "$orig" ] || die "the download has no upstream tarball (${SOURCE_PACKAGE}_*.orig.tar.*) in $APT_DIR/source"
member=$(tar -tf "$orig" | grep -m 1 '^[^/]*/include/qemu/qemu-plugin\.h$' || true)
[ -n "$member" ] || die "$orig has no include/qemu/qemu-plugin.h: this QEMU has no plugin API header"
# A Debian patch to the header would make the upstream copy wrong.
patched=0
if [ -n "$debian_tar" ]; then
	patched=$(tar -xOf "$debian_tar" --wildcards 'debian/patches/*' 2>/dev/null |
		grep -c '^+++ .*include/qemu/qemu-plugin\.h' || true)
fi
if [ "${patched:-0}" != 0 ]; then
	die "a Debian patch in $debian_tar changes qemu-plugin.h: extract the patched source (dpkg-source -x) instead"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar --no-same-owner -xf "$orig" -C "$tmp" "$member"
grep -q 'SPDX-License-Identifier: GPL-2.0-or-later' "$tmp/$member" ||
	die "$member is not marked GPL-2.0-or-later: check its licence before building against it"
mv "$tmp/$member" "$HEADER"
rm -f "$APT_DIR/source"/*
progress "qemu-plugin-header: $HEADER (GPL-2.0-or-later, from $(basename "$orig"))"
