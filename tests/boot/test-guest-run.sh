#!/usr/bin/env bash
# test-guest-run.sh VARIANT DIR: the guest runner's contract, checked against
# a real guest: output and exit status come back; a guest that panics, oopses,
# warns or hangs fails its run with the tail of its console log; files the
# command leaves in /out come back; the console log is kept.
# Failures are provoked with LKDTM (CONFIG_LKDTM in base.config).
. "$(dirname "$0")/../host/lib.sh"
variant="${1:?usage: $0 VARIANT DIR}"
dir="${2:?usage: $0 VARIANT DIR}"
# shellcheck disable=SC2317 # called through assert_status
run() { bash "$TOP/scripts/guest-run.sh" --variant "$variant" --quiet --run-dir "$dir/$1" "${@:2}"; }
echo "TAP version 13"

assert_status "the command's exit status comes back" 3 run status -- 'echo hello from the guest; exit 3'
assert_contains "the command's output is kept" "$(cat "$dir/status/output.log")" "hello from the guest"
assert_contains "the console log is kept" "$(cat "$dir/status/console.log")" "Linux version"
assert_contains "the run records its environment" "$(cat "$dir/status/guest.env")" "kernel_release="

assert_status "files in /out come back" 0 run files -- 'echo 42 > /out/answer'
assert_eq "the file's content" 42 "$(cat "$dir/files/out/answer" 2>/dev/null)"

assert_status "a kernel panic fails the run" 120 run panic -- 'echo PANIC > /sys/kernel/debug/provoke-crash/DIRECT'
assert_contains "a panic is reported with the console tail" "$OUT" "Kernel panic"

assert_status "an oops fails the run" 120 run oops -- 'echo EXCEPTION > /sys/kernel/debug/provoke-crash/DIRECT'
assert_contains "an oops is named" "$OUT" "Unable to handle kernel"

assert_status "a WARNING fails the run, even when the command succeeds" 120 run warning -- \
	'echo WARNING > /sys/kernel/debug/provoke-crash/DIRECT; true'
assert_contains "the warning is shown" "$OUT" "WARNING:"

assert_status "a hung guest is stopped at its time limit" 124 run hang --timeout 15 -- 'sleep 1000'
assert_contains "the time limit is named" "$OUT" "exceeded its time limit of 15s"
assert_contains "the console tail is printed for a hang" "$OUT" "tail of"
finish
