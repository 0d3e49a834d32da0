#!/bin/sh
# oracle.sh [SD-ORACLE ARGS]: the soft-dirty oracle with zram swap set up, so
# that MADV_PAGEOUT really swaps pages out (and the swap-in paths run).
set -eu
if ! grep -q zram0 /proc/swaps 2>/dev/null; then
	echo 1G >/sys/block/zram0/disksize
	mkswap /dev/zram0 >/dev/null
	swapon /dev/zram0
fi
exec sd-oracle "$@"
