#!/usr/bin/env bash
# make oracle-demo [VARIANT=pte] [SEED=20261121] [OPS=200000]: show that the
# soft-dirty oracle catches a broken kernel. Builds the variant from linux/
# plus tests/oracle-demo/break-swap-soft-dirty.patch (swap-out forgets
# soft-dirty: pte_swp_mksoft_dirty() does nothing), in a separate worktree and
# build directory, runs the oracle on it and succeeds only if the oracle
# reports a false negative and names the operation. linux/ is not touched.
set -eu -o pipefail
. "$(dirname "$0")/lib/common.sh"

variant="${1:-pte}"
seed="${2:-20261121}"
ops="${3:-200000}"
check_soft_dirty_variant "$variant"
need_positive OPS "$ops" operations
need_number SEED "$seed"

patch="$TOP/tests/oracle-demo/break-swap-soft-dirty.patch"
demo="$BUILD/oracle-demo"
src="$demo/linux"
out="$demo/$variant"
run="$demo/run-$variant"
[ -d "$TOP/linux/.git" ] || die "linux/ does not exist: run 'make linux' first"

progress "oracle-demo: worktree of linux/ at $(git -C "$TOP/linux" rev-parse --short HEAD) with $(basename "$patch")"
git -C "$TOP/linux" worktree remove --force "$src" 2>/dev/null || rm -rf "$src"
git -C "$TOP/linux" worktree prune
mkdir -p "$demo"
git -C "$TOP/linux" worktree add --quiet --detach "$src" HEAD
cleanup() { git -C "$TOP/linux" worktree remove --force "$src" 2>/dev/null || true; }
trap cleanup EXIT
git -C "$src" apply "$patch" || die "$(basename "$patch") no longer applies to linux/: update it"

KERNEL_SRC="$src" KERNEL_OUT="$out" bash "$TOP/scripts/kernel-build.sh" "$variant"
bash "$TOP/scripts/guest-image.sh" >/dev/null

progress "oracle-demo: the oracle on the broken $variant kernel ($ops operations, seed $seed)"
rm -rf "$run"
set +e
bash "$TOP/scripts/guest-run.sh" --variant "$variant" --kernel "$out/arch/arm64/boot/Image" \
	--timeout 1200 --append "hugepagesz=32M hugepages=4" --run-dir "$run" --quiet \
	-- "oracle.sh --ops $ops --seed $seed" </dev/null 2>"$run.stderr"
rc=$?
set -e
{ grep -a -E '^(#|ok|not ok)' "$run/output.log" || true; } | { grep -a -v '^# PROGRESS' || true; } | tail -n 40
if [ "$rc" = 0 ] || ! grep -aq 'false negative after' "$run/output.log"; then
	cat "$run.stderr" >&2
	die "the oracle did not catch the broken kernel (guest exit $rc; log: $run/output.log)"
fi
op=$(grep -a -o 'false negative after [^:]*' "$run/output.log" | sed -n 1p)
progress "oracle-demo: caught: $op (guest exit $rc, as expected; log: ${run#"$TOP"/}/output.log)"
