#!/bin/sh
# tracking-semantics.sh [MECHANISM]: the write-tracking semantics test with
# zram swap set up, so that its swap-out and swap-in cases run.
set -eu
if ! grep -q zram0 /proc/swaps 2>/dev/null; then
	echo 1G >/sys/block/zram0/disksize
	mkswap /dev/zram0 >/dev/null
	swapon /dev/zram0
fi
exec tracking-semantics "$@"
