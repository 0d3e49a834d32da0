#!/bin/sh
# tracking-semantics.sh [MECHANISM]: the write-tracking semantics test with
# zram swap set up, so that its swap-out and swap-in cases run. The swap is
# taken down again afterwards: the suites that run after this one in the
# same boot were written, and their figures taken, without swap.
set -eu
own_swap=0
if ! grep -q zram0 /proc/swaps 2>/dev/null; then
	echo 1G >/sys/block/zram0/disksize
	mkswap /dev/zram0 >/dev/null
	swapon /dev/zram0
	own_swap=1
fi
rc=0
tracking-semantics "$@" || rc=$?
if [ "$own_swap" = 1 ]; then
	swapoff /dev/zram0
	echo 1 >/sys/block/zram0/reset
fi
exit "$rc"
