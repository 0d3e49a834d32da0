#!/usr/bin/env bash
# kconfig-verify.sh FRAGMENT DOTCONFIG: every option FRAGMENT asks for must be
# set that way in DOTCONFIG. Lists each dropped or changed option and fails.
# Later lines of FRAGMENT override earlier ones, as in merge_config.sh.
set -eu -o pipefail
[ $# = 2 ] || { echo "usage: $0 FRAGMENT DOTCONFIG" >&2; exit 2; }
fragment="$1" dotconfig="$2"
[ -r "$fragment" ] || { echo "error: cannot read $fragment" >&2; exit 2; }
[ -r "$dotconfig" ] || { echo "error: cannot read $dotconfig" >&2; exit 2; }

awk '
	# Pass 1: the fragment. Remember the wanted value of each symbol.
	FNR == NR {
		if (match($0, /^CONFIG_[A-Za-z0-9_]+=/)) {
			sym = substr($0, 1, RLENGTH - 1)
			want[sym] = substr($0, RLENGTH + 1)
			if (!(sym in seen)) { order[++n] = sym; seen[sym] = 1 }
		} else if (match($0, /^# CONFIG_[A-Za-z0-9_]+ is not set/)) {
			sym = $2
			want[sym] = "n"
			if (!(sym in seen)) { order[++n] = sym; seen[sym] = 1 }
		}
		next
	}
	# Pass 2: the resulting .config.
	match($0, /^CONFIG_[A-Za-z0-9_]+=/) {
		have[substr($0, 1, RLENGTH - 1)] = substr($0, RLENGTH + 1)
	}
	END {
		bad = 0
		for (i = 1; i <= n; i++) {
			sym = order[i]
			got = (sym in have) ? have[sym] : "n"
			if (got != want[sym]) {
				printf "error: %s=%s was asked for, but the .config has %s=%s\n", sym, want[sym], sym, got > "/dev/stderr"
				bad++
			}
		}
		if (bad) {
			printf "error: %d option(s) of the fragment were dropped or changed by Kconfig (missing dependencies?)\n", bad > "/dev/stderr"
			exit 1
		}
	}
' "$fragment" "$dotconfig"
