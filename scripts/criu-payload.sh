#!/usr/bin/env bash
# criu-payload.sh: build/criu.cpio, Debian's CRIU for arm64 (criu:arm64) with
# the runtime closure of its libraries, to append to the guest image (the guest
# is otherwise static: busybox and our programs).
#
# The closure comes from the binaries themselves: the ELF interpreter and the
# NEEDED entries of /usr/sbin/criu, then of every library found, to a fixed
# point (scripts/lib/criu-closure.sh). A soname is looked for in the packages
# already downloaded, else in the dependencies of the package whose file needs
# it (the one Debian's policy names after the soname first); each package is
# downloaded with apt-get download into build/deps/criu/ and kept there.
#
# Only the files the closure names go into the archive (with their symbolic
# links), root-owned, newc. CRIU execs other programs only for what the suite
# does not use (iptables for TCP connections and network namespaces, tar for
# tmpfs contents, ip for network namespaces); its nftables code is the
# library, libnftables, in the closure.
#
#   criu-payload.sh [--out FILE]      default: build/criu.cpio
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/criu-closure.sh"

CRIU_PKG=criu
CRIU_FILES="/usr/sbin/criu"
ARCH=arm64
DEB_DIR="$BUILD/deps/criu"
WORK="$BUILD/criu"
out="$BUILD/criu.cpio"

while [ $# -gt 0 ]; do
	case "$1" in
	--out) out="${2:?--out needs a file name}"; shift 2 ;;
	*) die "criu-payload.sh: unknown option '$1'; valid: --out FILE" ;;
	esac
done

dpkg --print-foreign-architectures | grep -qx "$ARCH" ||
	die "dpkg has no $ARCH architecture: run 'make deps' (it adds it for busybox-static:$ARCH)"
READELF=$(command -v "$(cross_compile)readelf" || command -v readelf || true)
[ -n "$READELF" ] || die "no readelf: install binutils-aarch64-linux-gnu or binutils ('make deps' installs gcc-aarch64-linux-gnu, which brings it)"

deb_of() {
	first_match "$DEB_DIR/$1"_*_"$ARCH".deb "$DEB_DIR/$1"_*_all.deb
}

cl_fetch() {
	local deb
	deb=$(deb_of "$1") || deb=""
	if [ -z "$deb" ]; then
		apt-cache show "$1:$ARCH" >/dev/null 2>&1 ||
			{ echo "error: Debian's archive (apt-cache) has no package $1:$ARCH: run 'apt-get update'?" >&2; return 1; }
		progress "criu payload: downloading $1:$ARCH"
		# (apt's warning that a root download is not sandboxed is noise here)
		(cd "$DEB_DIR" && apt-get download -qq "$1:$ARCH" 2>&1) | { grep -v 'unsandboxed' || true; } >&2
		[ "${PIPESTATUS[0]}" = 0 ] || { echo "error: apt-get download $1:$ARCH failed" >&2; return 1; }
		deb=$(deb_of "$1") || { echo "error: apt-get download left no .deb of $1 in $DEB_DIR" >&2; return 1; }
	fi
	dpkg-deb -x "$deb" "$2"
}

# Depends and Pre-Depends, alternatives included, without versions and
# architecture qualifiers.
cl_depends() {
	local deb
	deb=$(deb_of "$1")
	{ dpkg-deb -f "$deb" Pre-Depends; dpkg-deb -f "$deb" Depends; } |
		tr ',|' '\n' | sed -e 's/(.*)//' -e 's/:[a-z0-9]*//' -e 's/[[:space:]]//g' | awk 'NF'
}

is_elf() {
	[ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = '177ELF' ]
}

cl_needed() {
	is_elf "$1" || return 0
	"$READELF" -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'
}

cl_interp() {
	is_elf "$1" || return 0
	"$READELF" -l "$1" | sed -n 's/.*Requesting program interpreter: \(.*\)\]$/\1/p'
}

mkdir -p "$DEB_DIR"
rm -rf "$WORK"
mkdir -p "$WORK"
# shellcheck disable=SC2086 # CRIU_FILES is a list
cl_resolve "$WORK/pkgs" "$CRIU_PKG" $CRIU_FILES >"$WORK/closure" ||
	die "the runtime closure of $CRIU_PKG:$ARCH could not be resolved (the error above names what is missing)"

root="$WORK/root"
mkdir -p "$root"
while read -r pkg path; do
	mkdir -p "$root/$(dirname "$path")"
	cp -a "$WORK/pkgs/$pkg/$path" "$root/$path"
done <"$WORK/closure"
# Programs that only CRIU's own files would need are not here; say which
# packages went in and how big the payload is.
(cd "$root" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc --owner=0:0 --quiet) >"$out.new"
mv "$out.new" "$out"
{
	echo "# criu payload: the packages of the closure, and the files taken from each"
	sort -u "$WORK/pkgs/.fetched" | while read -r pkg; do
		deb=$(deb_of "$pkg")
		n=$(awk -v p="$pkg" '$1 == p' "$WORK/closure" | wc -l)
		printf '%s\t%s\t%s files\n' "$pkg" "$(dpkg-deb -f "$deb" Version)" "$n"
	done
} >"$WORK/packages.tsv"
progress "criu payload: $(basename "$out"), $(($(stat -c %s "$out") / 1024)) KiB, $(wc -l <"$WORK/closure") files from $(sort -u "$WORK/pkgs/.fetched" | wc -l) packages (list: ${WORK#"$TOP"/}/packages.tsv)"
