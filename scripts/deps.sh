#!/usr/bin/env bash
# make deps: install what the project needs from Debian's packages.
# Idempotent: when everything is present it only checks, in well under a second.
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"

# The Debian kernel source the series is maintained against. Another installed
# version is used as it is (make linux then tells whether the series applies).
LINUX_SOURCE_PKG=linux-source-6.12
LINUX_SOURCE_VERSION="${LINUX_SOURCE_VERSION:-6.12.117-1~deb12u1}"

HOST_PACKAGES="gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-system-arm
gnuplot-nox flex bison bc libssl-dev libelf-dev cpio ccache make gcc git xz-utils
perl python3 python3-ply python3-git dpkg-dev rsync shellcheck"
BUSYBOX_DEB_DIR="$BUILD/deps"

installed() {
	[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

as_root() {
	if [ "$(id -u)" = 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		die "need root to run '$*': run 'make deps' as root, or install sudo; packages needed: $missing"
	fi
}

mkdir -p "$BUILD"
missing=""
for p in $HOST_PACKAGES; do
	installed "$p" || missing="$missing $p"
done
if ! installed "$LINUX_SOURCE_PKG"; then
	missing="$missing $LINUX_SOURCE_PKG"
fi

need_arm64_arch=0
dpkg --print-foreign-architectures | grep -qx arm64 || need_arm64_arch=1
busybox_deb=$(first_match "$BUSYBOX_DEB_DIR"/busybox-static_*_arm64.deb || true)

plugin_header() {
	# The cache model's QEMU plugin header (idempotent, quick when present).
	bash "$(dirname "$0")/qemu-plugin-header.sh"
}

if [ -z "$missing" ] && [ -n "$busybox_deb" ]; then
	plugin_header
	exit 0
fi

updated=0
apt_update() {
	[ "$updated" = 1 ] && return 0
	progress "deps: apt-get update"
	as_root apt-get update -qq || die "apt-get update failed: is Debian's package archive reachable?"
	updated=1
}

if [ "$need_arm64_arch" = 1 ]; then
	progress "deps: adding the arm64 architecture to dpkg (for busybox-static:arm64)"
	as_root dpkg --add-architecture arm64
fi

if [ -n "$missing" ]; then
	progress "deps: installing$missing"
	apt_update
	pkgs=""
	for p in $missing; do
		if [ "$p" = "$LINUX_SOURCE_PKG" ]; then
			if apt-cache show "$p=$LINUX_SOURCE_VERSION" >/dev/null 2>&1; then
				p="$p=$LINUX_SOURCE_VERSION"
			else
				echo "warning: $p $LINUX_SOURCE_VERSION is not in the archive; installing its newest version" >&2
			fi
		fi
		pkgs="$pkgs $p"
	done
	# shellcheck disable=SC2086 # the package list is meant to split
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $pkgs \
		>"$BUILD/deps-apt.log" 2>&1 || {
		tail -n 20 "$BUILD/deps-apt.log" >&2
		die "apt-get install failed for:$missing (log: build/deps-apt.log)"
	}
fi

if [ -z "$busybox_deb" ]; then
	progress "deps: downloading busybox-static:arm64"
	mkdir -p "$BUSYBOX_DEB_DIR"
	if [ "$need_arm64_arch" = 1 ] || ! (cd "$BUSYBOX_DEB_DIR" && apt-get download -qq busybox-static:arm64) 2>/dev/null; then
		updated=0
		apt_update
		(cd "$BUSYBOX_DEB_DIR" && apt-get download -qq busybox-static:arm64) ||
			die "could not download busybox-static:arm64 from Debian's archive"
	fi
fi
plugin_header
progress "deps: all present"
