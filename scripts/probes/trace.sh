#!/usr/bin/env bash
# trace.sh VARIANT FORKS: boot VARIANT's kernel (build/VARIANT) under QEMU with
# -d exec,nochain,in_asm limited (-dfilter) to the functions of fork()'s copy
# of PMD leaves, and run fork-bench over 512 MiB of 2M folios with FORKS
# forks. The log ($OUT/tr-VARIANT-FORKS/qemu.log) names every translated block
# with its instructions and every execution of one; tb.py counts them. Run it
# with FORKS 1 and 3: the difference is two forks of 256 PMD leaves, without
# what the boot itself forks. From the top of the harness.
set -eu -o pipefail
variant="${1:?usage: trace.sh VARIANT FORKS}"
forks="${2:?usage: trace.sh VARIANT FORKS}"
out="${OUT:-/tmp/trace}/tr-$variant-$forks"
symbols=$(aarch64-linux-gnu-nm -S "build/$variant/vmlinux")
ranges=""
for f in copy_huge_pmd copy_page_range pmds_copy_ext ptes_copy_ext ptdesc_ext_copy; do
	line=$(printf '%s\n' "$symbols" | awk -v f="$f" '$4 == f { print "0x" $1 "+0x" $2 }')
	[ -z "$line" ] || ranges="$ranges,$line"
done
rm -rf "$out"
mkdir -p "$out"
QEMU_EXTRA="-d exec,nochain,in_asm -dfilter ${ranges#,} -D $out/qemu.log" \
	bash scripts/guest-run.sh --variant "$variant" --smp 1 --quiet --timeout 600 --run-dir "$out/run" -- \
	"export PATH=/opt/bench:\$PATH; fork-bench --size 512M --folio 2M --reps 1 --forks $forks >/dev/null" >/dev/null
echo "$out/qemu.log"
