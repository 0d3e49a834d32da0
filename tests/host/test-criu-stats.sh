#!/usr/bin/env bash
# The decoder of CRIU's dump statistics (tests/guest/criu-stats.sh) on
# images written here byte by byte as CRIU writes them: 8 bytes of magic, a
# 32-bit length, a stats_entry holding a dump_stats_entry (images/stats.proto).
. "$(dirname "$0")/lib.sh"
DEC="$TOP/tests/guest/criu-stats.sh"

# varint N: N as protobuf varint bytes, in printf's \ooo escapes.
varint() {
	local n="$1" b
	while :; do
		b=$((n & 127)); n=$((n >> 7))
		if [ "$n" -gt 0 ]; then printf '\\%03o' $((b | 128)); else printf '\\%03o' "$b"; return; fi
	done
}
# image FIELD=VALUE...: a stats-dump image (a field "10=skip" is a
# length-delimited one of two bytes, which the decoder must step over).
image() {
	local inner="" kv f v entry len
	for kv in "$@"; do
		f="${kv%%=*}" v="${kv#*=}"
		if [ "$v" = skip ]; then
			inner="$inner$(varint $(((f << 3) | 2)))$(varint 2)\\001\\002"
		else
			inner="$inner$(varint $((f << 3)))$(varint "$v")"
		fi
	done
	# shellcheck disable=SC2059 # inner and entry are printf formats: octal escapes
	len=$(printf "$inner" | wc -c)
	entry="\\012$(varint "$len")$inner"
	# shellcheck disable=SC2059
	len=$(printf "$entry" | wc -c)
	printf '\124\105\123\124\125\126\127\130'
	printf '\\%03o\\%03o\\%03o\\%03o' $((len & 255)) $((len >> 8 & 255)) 0 0 | xargs -0 printf
	# shellcheck disable=SC2059
	printf "$entry"
}

image 1=5 2=6 3=7 4=8 5=1000 6=900 7=100 9=0 10=skip 12=300 13=7 14=293 >"$T_TMP/stats-dump"
assert_status "a dump's statistics decode" 0 sh "$DEC" "$T_TMP/stats-dump"
assert_contains "pages scanned" "$OUT" "pages_scanned 1000"
assert_contains "pages skipped because unchanged since the parent" "$OUT" "pages_skipped_parent 900"
assert_contains "pages written" "$OUT" "pages_written 100"
assert_contains "shared pages written, after a length-delimited field" "$OUT" "shpages_written 293"
assert_eq "one line per varint field present (11; the skipped one not)" 11 "$(printf '%s\n' "$OUT" | wc -l)"

image 5=300000 6=0 7=300000 >"$T_TMP/stats-dump"
assert_status "multi-byte varints decode" 0 sh "$DEC" "$T_TMP/stats-dump"
assert_contains "a count above 2^14" "$OUT" "pages_written 300000"

head -c 20 "$T_TMP/stats-dump" >"$T_TMP/short"
assert_status "a truncated image fails" 1 sh "$DEC" "$T_TMP/short"
assert_contains "and says so" "$OUT" "error truncated"
printf '12345678\004\000\000\000\022\002\010\001' >"$T_TMP/other"
assert_status "an image without a dump entry fails" 1 sh "$DEC" "$T_TMP/other"
assert_contains "naming the problem" "$OUT" "error not_a_stats_entry"
assert_status "a missing file is a usage error" 2 sh "$DEC" "$T_TMP/none"
assert_contains "naming the file" "$OUT" "no readable file"
finish
