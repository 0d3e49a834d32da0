#!/usr/bin/env bash
# console-check.sh CONSOLE_LOG: print the lines by which a guest kernel reports
# that something went wrong (panic, oops, BUG, WARNING, sanitizers, lockdep,
# page_table_check, hung tasks, RCU stalls, kmemleak). Prints nothing when the
# log is clean. Exit status 0 either way; 2 when the log cannot be read.
set -eu -o pipefail
[ $# = 1 ] && [ -r "$1" ] || { echo "usage: $0 CONSOLE_LOG" >&2; exit 2; }
grep -aE -m 20 \
	-e 'Kernel panic' \
	-e 'Internal error: Oops' \
	-e '(^|[] ])BUG:' \
	-e 'kernel BUG at' \
	-e '(^|[] ])WARNING:' \
	-e 'Unable to handle kernel' \
	-e '(KASAN|UBSAN|KFENCE|KCSAN):' \
	-e 'possible (recursive|circular) locking' \
	-e 'inconsistent lock state' \
	-e 'suspicious RCU usage' \
	-e 'rcu: INFO' \
	-e 'INFO: task .* blocked' \
	-e 'page_table_check' \
	-e 'kmemleak: [0-9]+ new suspected memory leaks' \
	-e 'Call trace:' \
	-e 'debug_vm_pgtable.*(fail|FAIL)' \
	"$1" || true
