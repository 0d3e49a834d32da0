#!/usr/bin/env bash
# The runtime-closure resolver of the CRIU payload (scripts/lib/criu-closure.sh)
# on an archive of fake packages built here: a package is a directory, its files are text files whose lines
# "NEEDED soname" and "INTERP path" stand for the ELF entries, and its
# "DEPENDS" file lists its dependencies. The fixed point, the policy names,
# symbolic links, and the errors that name what is missing.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/lib/common.sh"
. "$TOP/scripts/lib/criu-closure.sh"

ARCHIVE="$T_TMP/archive"
FETCH_LOG="$T_TMP/fetch.log"

cl_fetch() {
	echo "$1" >>"$FETCH_LOG"
	[ -d "$ARCHIVE/$1" ] || return 1
	cp -a "$ARCHIVE/$1/." "$2/"
	rm -f "$2/DEPENDS"
}
cl_depends() { cat "$ARCHIVE/$1/DEPENDS" 2>/dev/null || true; }
cl_needed() { sed -n 's/^NEEDED //p' "$1"; }
cl_interp() { sed -n 's/^INTERP //p' "$1"; }

# The fixture: app's tool needs libfoo.so.1 (in libfoo1, through a symbolic
# link), libbar2.so.0 (libbar2-0: a policy name with a dash) and the libc;
# libfoo needs libbaz.so.3, which only libfoo1's dependencies have; libc
# needs the interpreter, which it ships itself behind an absolute-looking
# relative link. app also depends on a decoy (python3-thing) that must not be
# fetched: the policy name comes first.
mk() { mkdir -p "$(dirname "$ARCHIVE/$1")"; printf '%s\n' "${@:2}" >"$ARCHIVE/$1"; }
mk_link() { mkdir -p "$(dirname "$ARCHIVE/$1")"; ln -sfn "$2" "$ARCHIVE/$1"; }
build_fixture() {
	rm -rf "$ARCHIVE"
	mk app/usr/sbin/tool "NEEDED libfoo.so.1" "NEEDED libbar2.so.0" "NEEDED libc.so.6" "INTERP /lib/ld-fake.so.1"
	mk app/DEPENDS python3-thing libfoo1 libbar2-0 libc6
	mk python3-thing/usr/lib/aarch64-linux-gnu/libfoo.so.1 "decoy"
	mk libfoo1/usr/lib/aarch64-linux-gnu/libfoo.so.1.2.3 "NEEDED libbaz.so.3" "NEEDED libc.so.6"
	mk_link libfoo1/usr/lib/aarch64-linux-gnu/libfoo.so.1 libfoo.so.1.2.3
	mk libfoo1/DEPENDS libc6 libbaz3
	mk libbaz3/lib/aarch64-linux-gnu/libbaz.so.3 "NEEDED libc.so.6"
	mk libbar2-0/usr/lib/aarch64-linux-gnu/libbar2.so.0 "plain"
	mk libc6/lib/aarch64-linux-gnu/libc.so.6 "INTERP /lib/ld-fake.so.1"
	mk libc6/lib/aarch64-linux-gnu/ld-fake.so.1 "loader"
	mk_link libc6/lib/ld-fake.so.1 aarch64-linux-gnu/../aarch64-linux-gnu/ld-fake.so.1
	mk libc6/DEPENDS libgcc-s1
}
build_fixture

assert_eq "policy name: libfoo.so.3 -> libfoo3" "libfoo3" "$(cl_policy_name libfoo.so.3)"
assert_eq "policy name: a name ending in a digit takes a dash" "libnl-3-200" "$(cl_policy_name libnl-3.so.200)"
assert_eq "policy name: only the major version" "libtasn1-6" "$(cl_policy_name libtasn1.so.6.6.3)"
assert_eq "policy name: none for an unversioned name" "" "$(cl_policy_name ld-linux.so)"

: >"$FETCH_LOG"
if closure=$(cl_resolve "$T_TMP/work" app /usr/sbin/tool 2>"$T_TMP/err"); then
	ok "the fixture's closure resolves"
else
	not_ok "the fixture's closure resolves" "$(cat "$T_TMP/err")"
fi
expected="app usr/sbin/tool
libbar2-0 usr/lib/aarch64-linux-gnu/libbar2.so.0
libbaz3 lib/aarch64-linux-gnu/libbaz.so.3
libc6 lib/aarch64-linux-gnu/ld-fake.so.1
libc6 lib/aarch64-linux-gnu/libc.so.6
libc6 lib/ld-fake.so.1
libfoo1 usr/lib/aarch64-linux-gnu/libfoo.so.1
libfoo1 usr/lib/aarch64-linux-gnu/libfoo.so.1.2.3"
assert_eq "every file and link of the closure, each once, from its package" \
	"$expected" "$(printf '%s\n' "$closure" | LC_ALL=C sort)"
assert_eq "each file is listed once" "$(printf '%s\n' "$closure" | wc -l)" \
	"$(printf '%s\n' "$closure" | sort -u | wc -l)"
assert_eq "a library needed by a library is found in that library's dependencies (fixed point)" \
	"libbaz3" "$(printf '%s\n' "$closure" | awk '/libbaz/ { print $1 }')"
assert_eq "only the packages needed are fetched, the policy name before the decoy" \
	"app libbar2-0 libbaz3 libc6 libfoo1" "$(sort "$FETCH_LOG" | tr '\n' ' ' | sed 's/ $//')"
assert_eq "the library's link comes before its file (the chain in order)" \
	"usr/lib/aarch64-linux-gnu/libfoo.so.1 usr/lib/aarch64-linux-gnu/libfoo.so.1.2.3" \
	"$(printf '%s\n' "$closure" | awk '$1 == "libfoo1" { print $2 }' | tr '\n' ' ' | sed 's/ $//')"

# A soname no package has: the error names it, the file and the packages.
mk app/usr/sbin/tool "NEEDED libfoo.so.1" "NEEDED libmissing.so.7"
assert_status "an unresolved soname fails" 1 cl_resolve "$T_TMP/work2" app /usr/sbin/tool
assert_contains "the error names the soname and the file that needs it" "$OUT" \
	"unresolved soname libmissing.so.7, needed by /usr/sbin/tool (package app)"
assert_contains "the error names the packages searched" "$OUT" "searched the packages app libfoo1"

# A dependency the archive does not have.
build_fixture
mk libfoo1/DEPENDS libc6 libgone3
assert_status "a dependency that cannot be fetched fails" 1 cl_resolve "$T_TMP/work3" app /usr/sbin/tool
assert_contains "the error names the package" "$OUT" "cannot fetch package libgone3"

build_fixture
assert_status "a root package without the program fails" 1 cl_resolve "$T_TMP/work4" app /usr/sbin/nope
assert_contains "that error names the file and the package" "$OUT" "package app has no /usr/sbin/nope"
assert_status "an unknown root package fails" 1 cl_resolve "$T_TMP/work5" nosuchpkg /usr/sbin/tool
assert_contains "that error names the package" "$OUT" "cannot fetch package nosuchpkg"

# A link cycle is not followed forever.
mk_link app/usr/lib/aarch64-linux-gnu/libloop.so.1 libloop.so.1
mk app/usr/sbin/tool "NEEDED libloop.so.1"
assert_status "a symbolic-link cycle is an unresolved soname, not a hang" 1 \
	cl_resolve "$T_TMP/work6" app /usr/sbin/tool
assert_contains "the cycle's error names the soname" "$OUT" "unresolved soname libloop.so.1"

assert_status "criu-payload refuses an unknown option, naming the valid one" 1 bash "$TOP/scripts/criu-payload.sh" --bogus
assert_contains "the option error lists --out" "$OUT" "valid: --out FILE"
finish
