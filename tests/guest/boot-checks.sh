#!/bin/sh
# boot-checks.sh: checks of what the kernel did at boot, as KTAP. A boot-time
# self-check that fails prints a WARNING, which fails the run by itself; this
# makes sure the checks ran at all.
echo "TAP version 13"
echo "1..2"
if dmesg | grep -q "debug_vm_pgtable: .*Validating architecture page table helpers"; then
	echo "ok 1 DEBUG_VM_PGTABLE validated the architecture page table helpers at boot"
else
	echo "not ok 1 DEBUG_VM_PGTABLE did not run at boot (CONFIG_DEBUG_VM_PGTABLE?)"
fi
release=$(uname -r)
case "$release" in
*-"${1:-}") echo "ok 2 the guest runs the expected kernel ($release)" ;;
*) echo "not ok 2 the guest runs $release, not a kernel of variant ${1:-?}" ;;
esac
