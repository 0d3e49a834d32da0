#!/usr/bin/env python3
"""tb.py VARIANT FUNCTION: executed instructions of FUNCTION per translated
block, traces of 3 forks minus 1 (see trace.sh): offset, block size, how many
more times it ran, instructions, its first instructions; then the total.
$OUT is trace.sh's; RANGE=START+SIZE (hex) overrides the symbol's extent, for
a log taken with another build of the kernel."""
import os
import re
import subprocess
import sys

OUT = os.environ.get("OUT", "/tmp/trace")


def extent(variant, function):
    if os.environ.get("RANGE"):
        start, size = os.environ["RANGE"].split("+")
        return int(start, 16), int(size, 16)
    nm = subprocess.run(["aarch64-linux-gnu-nm", "-S", f"build/{variant}/vmlinux"],
                        capture_output=True, text=True, check=True).stdout
    for line in nm.splitlines():
        f = line.split()
        if len(f) == 4 and f[3] == function:
            return int(f[0], 16), int(f[1], 16)
    sys.exit(f"tb.py: no symbol {function} in build/{variant}/vmlinux")


def blocks(variant, forks, start, size):
    insns, text, runs, cur = {}, {}, {}, None
    with open(f"{OUT}/tr-{variant}-{forks}/qemu.log", errors="replace") as log:
        for line in log:
            m = re.match(r"^(0x[0-9a-f]+):\s+[0-9a-f]+\s+(.*)", line)
            if m:
                pc = int(m.group(1), 16)
                if cur is None:
                    cur, insns[pc], text[pc] = pc, 0, []
                insns[cur] += 1
                text[cur].append(m.group(2).strip())
                continue
            cur = None
            m = re.match(r"^Trace \d+: 0x[0-9a-f]+ \[[0-9a-f]+/([0-9a-f]+)/", line)
            if m:
                pc = int(m.group(1), 16)
                runs[pc] = runs.get(pc, 0) + 1
    return {pc - start: (insns[pc], runs.get(pc, 0), text[pc])
            for pc in insns if start <= pc < start + size}


def main():
    variant, function = sys.argv[1], sys.argv[2]
    start, size = extent(variant, function)
    one, three = blocks(variant, 1, start, size), blocks(variant, 3, start, size)
    total = 0
    for off in sorted(three):
        n, runs, text = three[off]
        more = runs - one.get(off, (0, 0, []))[1]
        if more:
            total += more * n
            print(f"+{off:#06x} size {n:3d} x {more:5d} = {more * n:7d}   {' ; '.join(text[:3])}")
    print("total", total)


main()
