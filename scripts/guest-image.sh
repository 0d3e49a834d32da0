#!/usr/bin/env bash
# make guest-image: the initramfs shared by every variant: busybox (Debian's
# busybox-static for arm64), perf and the mm selftests cross-built statically
# from linux/, and the project's guest programs (bench/, tests/guest/); and
# build/initramfs-criu.cpio, the same with Debian's CRIU, for the kernels
# that can run it.
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"

[ -d "$TOP/linux/.git" ] || die "linux/ does not exist: run 'make linux' first"
CROSS=$(cross_compile)
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
export CCACHE_BASEDIR="$TOP"

# The mm selftests the harness runs (named targets: the whole directory does
# not build in 6.12.117, khugepaged.c misses an include).
SELFTESTS="cow madv_populate mkdirty pagemap_ioctl uffd-unit-tests gup_test soft-dirty"

step() { progress "guest image: $*"; }

build_busybox() {
	local deb dir="$BUILD/guest/busybox"
	deb=$(first_match "$BUILD"/deps/busybox-static_*_arm64.deb) || die "busybox-static:arm64 has not been downloaded: run 'make deps'"
	if [ ! -f "$dir/.stamp" ] || [ "$deb" -nt "$dir/.stamp" ]; then
		step "busybox from $(basename "$deb")"
		rm -rf "$dir"
		mkdir -p "$dir"
		dpkg-deb -x "$deb" "$dir"
		touch "$dir/.stamp"
	fi
}

build_headers() {
	step "kernel UAPI headers"
	make -s -C "$TOP/linux" O="$BUILD/headers" ARCH=arm64 headers_install >"$BUILD/headers.log" 2>&1 ||
		{ tail -n 20 "$BUILD/headers.log" >&2; die "headers_install failed (log: build/headers.log)"; }
}

build_perf() {
	step "perf (static, from linux/tools/perf; log: build/perf.log)"
	mkdir -p "$BUILD/perf"
	make -C "$TOP/linux/tools/perf" -f Makefile.perf ARCH=arm64 CROSS_COMPILE="$CROSS" \
		O="$BUILD/perf" LDFLAGS=-static CC="ccache ${CROSS}gcc" -j"$(nproc)" \
		NO_LIBELF=1 NO_LIBTRACEEVENT=1 NO_LIBPERL=1 NO_LIBPYTHON=1 NO_SLANG=1 NO_GTK2=1 \
		NO_LIBNUMA=1 NO_LIBAUDIT=1 NO_LIBUNWIND=1 NO_LIBBPF=1 NO_JVMTI=1 NO_LIBCAP=1 \
		NO_LIBBABELTRACE=1 NO_LIBZSTD=1 NO_LIBLZMA=1 NO_LIBCRYPTO=1 NO_LIBDW=1 NO_LIBPFM4=1 \
		NO_DEMANGLE=1 NO_SDT=1 NO_LIBDEBUGINFOD=1 NO_SHELLCHECK=1 \
		perf >"$BUILD/perf.log" 2>&1 ||
		{ grep -m 20 -E 'error|Error' "$BUILD/perf.log" >&2 || true; die "perf build failed (log: build/perf.log)"; }
}

# The selftests of SELFTESTS that this tree's Makefile builds for arm64
# (soft-dirty only once the series enables it).
buildable_selftests() {
	local offered t
	# shellcheck disable=SC2016 # make's $($*), not the shell's
	offered=$(make -s -C "$TOP/linux/tools/testing/selftests/mm" ARCH=arm64 CROSS_COMPILE="$CROSS" \
		OUTPUT=/selftests --eval 'print-%: ; @echo $($*)' print-TEST_GEN_FILES 2>/dev/null |
		tr ' ' '\n' | sed 's#^/selftests/##')
	for t in $SELFTESTS; do
		grep -qx -- "$t" <<<"$offered" && echo "$t"
	done
}

build_selftests() {
	local out="$BUILD/selftests/mm" targets="" t list
	list=$(buildable_selftests | tr '\n' ' ')
	step "mm selftests: $list(log: build/selftests.log)"
	mkdir -p "$out"
	for t in $list; do targets="$targets $out/$t"; done
	# shellcheck disable=SC2086 # targets are separate words
	make -C "$TOP/linux/tools/testing/selftests/mm" ARCH=arm64 CROSS_COMPILE="$CROSS" \
		OUTPUT="$out" KHDR_INCLUDES="-isystem $BUILD/headers/usr/include" \
		LDFLAGS=-static CC="ccache ${CROSS}gcc" -j"$(nproc)" $targets >"$BUILD/selftests.log" 2>&1 ||
		{ grep -m 20 -E 'error|Error' "$BUILD/selftests.log" >&2 || true; die "mm selftests build failed (log: build/selftests.log)"; }
	# check_config.sh writes these into the source tree; linux/ stays clean.
	rm -f "$TOP/linux/tools/testing/selftests/mm/local_config.h" \
		"$TOP/linux/tools/testing/selftests/mm/local_config.mk"
}

build_project_programs() {
	step "project guest programs (bench/, tests/guest/)"
	make -s -C "$TOP/bench" CROSS_COMPILE="$CROSS" OUT="$BUILD/guest/bench" KHDR="$BUILD/headers/usr/include"
	make -s -C "$TOP/tests/guest" CROSS_COMPILE="$CROSS" OUT="$BUILD/guest/tests" KHDR="$BUILD/headers/usr/include"
	make -s -C "$TOP/tests/guest/oracle" CROSS_COMPILE="$CROSS" OUT="$BUILD/guest/tests" KHDR="$BUILD/headers/usr/include"
}

assemble() {
	local root="$BUILD/guest/root" t
	step "assembling build/initramfs.cpio"
	rm -rf "$root"
	mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,out,root,opt/selftests/mm,opt/bench,opt/tests}
	cp "$BUILD/guest/busybox/bin/busybox" "$root/bin/busybox"
	cp "$TOP/guest/init" "$root/init"
	chmod 755 "$root/init"
	"${CROSS}strip" -o "$root/usr/bin/perf" "$BUILD/perf/perf"
	for t in $SELFTESTS; do
		[ -x "$BUILD/selftests/mm/$t" ] && cp "$BUILD/selftests/mm/$t" "$root/opt/selftests/mm/"
	done
	for t in "$TOP"/tests/guest/*.sh; do
		install -m 755 "$t" "$root/opt/tests/"
	done
	for t in "$TOP"/bench/*.sh; do
		[ -e "$t" ] || continue	# the glob matches nothing: no script
		install -m 755 "$t" "$root/opt/bench/"
	done
	for t in bench tests; do
		[ -d "$BUILD/guest/$t" ] || continue
		find "$BUILD/guest/$t" -maxdepth 1 -type f -perm -u+x -exec cp {} "$root/opt/$t/" \;
	done
	(cd "$root" && find . -print0 | LC_ALL=C sort -z |
		cpio --null -o -H newc --owner=0:0 --quiet) >"$BUILD/initramfs.cpio.new"
	mv "$BUILD/initramfs.cpio.new" "$BUILD/initramfs.cpio"
	step "build/initramfs.cpio: $(($(stat -c %s "$BUILD/initramfs.cpio") / 1024 / 1024)) MiB"
}

mkdir -p "$BUILD/guest"
build_busybox
build_headers
build_perf
build_selftests
build_project_programs
assemble
# The kernels with CRIU in them (-criu, and the debug builds) boot the same
# image with Debian's CRIU and its libraries appended (criu-payload.sh).
# The payload is rebuilt (two minutes: every package of the closure unpacked)
# only when the scripts that make it or the packages downloaded are newer.
criu_payload_current() {
	[ -f "$BUILD/criu.cpio" ] || return 1
	[ -z "$(find "$TOP/scripts/criu-payload.sh" "$TOP/scripts/lib/criu-closure.sh" "$BUILD/deps/criu" \
		-newer "$BUILD/criu.cpio" -print -quit 2>/dev/null)" ]
}
if criu_payload_current; then
	step "CRIU and its libraries: build/criu.cpio is up to date"
else
	step "CRIU and its libraries (scripts/criu-payload.sh)"
	bash "$TOP/scripts/criu-payload.sh" >"$BUILD/criu-payload.log" 2>&1 ||
		{ tail -n 20 "$BUILD/criu-payload.log" >&2; die "the CRIU payload failed (log: build/criu-payload.log)"; }
fi
cat "$BUILD/initramfs.cpio" "$BUILD/criu.cpio" >"$BUILD/initramfs-criu.cpio.new"
mv "$BUILD/initramfs-criu.cpio.new" "$BUILD/initramfs-criu.cpio"
step "build/initramfs-criu.cpio: $(($(stat -c %s "$BUILD/initramfs-criu.cpio") / 1024 / 1024)) MiB"
