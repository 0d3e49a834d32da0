#!/bin/sh
# criu-stats.sh FILE: CRIU's dump statistics (the stats-dump image of an
# images directory) as "name value" lines, one per field present. The image:
# 8 bytes of magic, a 32-bit length, then a stats_entry (images/stats.proto)
# whose field 1 is the dump_stats_entry, read here field by field (varints;
# length-delimited fields skipped). Prints "error WHAT" and fails on a file
# that is not one.
set -u
[ -r "${1:-}" ] || { echo "usage: criu-stats.sh STATS-DUMP-FILE (no readable file '${1:-}')" >&2; exit 2; }
od -An -v -tu1 "$1" 2>/dev/null | awk '
BEGIN {
	split("freezing_time frozen_time memdump_time memwrite_time pages_scanned pages_skipped_parent pages_written irmap_resolve pages_lazy page_pipes page_pipe_bufs shpages_scanned shpages_skipped_parent shpages_written", name, " ")
}
{ for (i = 1; i <= NF; i++) b[nb++] = $i }
function varint(   v, m, c) {
	v = 0; m = 1
	do { c = b[p++]; v += (c % 128) * m; m *= 128 } while (c >= 128 && p < nb)
	return v
}
END {
	p = 12
	if (b[p++] != 10) { print "error not_a_stats_entry"; exit }
	end = varint(); end += p
	if (end > nb) { print "error truncated"; exit }
	while (p < end) {
		key = varint(); f = int(key / 8); wt = key % 8
		if (wt == 0) { v = varint(); if (f in name) print name[f], v }
		else if (wt == 2) { l = varint(); p += l }
		else { print "error wire_type_" wt; exit }
	}
}' | awk '{ print } $1 == "error" { bad = 1 } END { exit bad }'
