#!/usr/bin/env bash
# The kernel's checkpatch.pl on the harness's own C (analysis/, bench/,
# cachemodel/, guest/, tests/guest/): one result per file. checkpatch comes
# from linux/ when it is there, else from Debian's linux-source tarball
# (extracted once into build/checkpatch/); without either: run make deps.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/lib/series.sh"

# The checkpatch types that are about kernel code, not user-space C:
#   STRCPY, ARRAY_SIZE, PREFER_DEFINED_ATTRIBUTE_MACRO: they ask for the
#     kernel's strscpy(), ARRAY_SIZE(), __printf()/__noreturn/noinline, which
#     user space does not have;
#   VOLATILE: the benchmarks and tests write through volatile pointers so that
#     the compiler keeps the stores that fault pages in or dirty them;
#   EMBEDDED_FUNCTION_NAME: every program's usage() prints "usage: ...";
#   SPLIT_STRING: usage texts and KTAP descriptions are split across lines to
#     fit (the kernel's reason, grepping dmesg for a message, does not apply);
#   ENOSYS: the tests check for the ENOSYS a syscall returns, which is what
#     the kernel rule is about returning.
# Per file, what checkpatch misreads there: FILE TYPES (why).
PER_FILE="
guest/include/bench-phases.h COMPLEX_MACRO,MACRO_ARG_UNUSED (an X-macro table)
guest/lib/bench-phases.c MACRO_ARG_UNUSED,TRAILING_SEMICOLON,MACRO_WITH_FLOW_CONTROL,SPACING (X-macros that expand to case labels and _Static_asserts)
cachemodel/src/arena.c LINE_SPACING (an alignas() struct member read as a statement)
tests/guest/uffd-wp-race.c LINE_SPACING (_Atomic struct members read as statements)
"
# Not --strict: its CHECKs (kernel types such as u64, line length) are
# kernel style too.
IGNORE=STRCPY,ARRAY_SIZE,PREFER_DEFINED_ATTRIBUTE_MACRO,VOLATILE,EMBEDDED_FUNCTION_NAME,SPLIT_STRING,ENOSYS
CHECKPATCH_DIR="${BUILD:-$TOP/build}/checkpatch"

command -v perl >/dev/null || { not_ok "perl is installed" "perl is missing: run 'make deps'"; finish; }
checkpatch=""
if [ -x "$TOP/linux/scripts/checkpatch.pl" ]; then
	checkpatch="$TOP/linux/scripts/checkpatch.pl"
elif [ -x "$CHECKPATCH_DIR/scripts/checkpatch.pl" ]; then
	checkpatch="$CHECKPATCH_DIR/scripts/checkpatch.pl"
elif [ -r "$LINUX_TARBALL" ]; then
	# checkpatch.pl with the word lists it reads beside it (some 10 s, once).
	mkdir -p "$CHECKPATCH_DIR"
	if tar -xJf "$LINUX_TARBALL" -C "$CHECKPATCH_DIR" --strip-components=1 --wildcards \
		'*/scripts/checkpatch.pl' '*/scripts/spelling.txt' '*/scripts/const_structs.checkpatch' \
		2>"$T_TMP/tar.log" && [ -x "$CHECKPATCH_DIR/scripts/checkpatch.pl" ]; then
		checkpatch="$CHECKPATCH_DIR/scripts/checkpatch.pl"
	else
		not_ok "checkpatch.pl from $LINUX_TARBALL" "$(head -n 5 "$T_TMP/tar.log")"
		finish
	fi
else
	not_ok "checkpatch.pl is available" \
		"no linux/scripts/checkpatch.pl and no $LINUX_TARBALL: run 'make deps'"
	finish
fi

# Paths relative to the top, as checkpatch names them in its findings.
mapfile -t files < <(cd "$TOP" && find analysis bench cachemodel guest tests/guest \
	-type f \( -name '*.c' -o -name '*.h' \) | sort)
rc=0
# Debian's perl, as check.sh runs checkpatch on the series.
(cd "$TOP" && PATH="/usr/bin:$PATH" "$checkpatch" --no-tree --file --terse --quiet --show-types \
	--ignore "$IGNORE" "${files[@]}") >"$T_TMP/findings" 2>&1 || rc=$?
# Status 1: findings; the findings say which files.
if [ "$rc" -gt 1 ] || { [ "$rc" = 1 ] && ! [ -s "$T_TMP/findings" ]; }; then
	not_ok "checkpatch.pl runs" "status $rc" "$(head -n 5 "$T_TMP/findings")"
fi
# Findings look like "FILE:LINE: LEVEL:TYPE: message"; leave out those of
# PER_FILE, then one result per file.
awk -v per_file="$PER_FILE" '
	BEGIN {
		n = split(per_file, rows, "\n")
		for (i = 1; i <= n; i++) {
			split(rows[i], w, " ")
			if (w[1] != "")
				skip[w[1]] = "," w[2] ","
		}
	}
	{
		file = $1
		sub(/:[0-9]+:$/, "", file)
		split($2, level, ":")
		if (!(file in skip) || index(skip[file], "," level[2] ",") == 0)
			print
	}' "$T_TMP/findings" >"$T_TMP/kept"
per_file checkpatch "$T_TMP/kept" "${files[@]}"
finish
