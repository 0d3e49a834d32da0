# arm64 soft-dirty research fork: the one entry point.
#
#   make results            benchmarks of every variant, analysis, plots, RESULTS.md
#   make test               the fast tests: host tests, ShellCheck, checkpatch on
#                           the harness's C (no root, no kernels, under 2 minutes)
#   make check              make test, then build/boot/test every variant
#   make check-publish      the last make check's torn-read and oracle counts
#                           (build/check/evidence/) -> results/check/
#   make kernel VARIANT=v   build one variant's kernel (build/<v>/)
#   make boot VARIANT=v     interactive shell in a guest running that kernel
#   make run VARIANT=v CMD='...'  run one command in a guest
#   make kernel VARIANT=v CONFIG=c  the same in another arm64 configuration
#                           (experiments/configs.tsv; build/<v>@<c>/), also
#                           for boot and run, with CPU=<QEMU CPU model>
#   make configs            list the configurations
#   make matrix             every variant in every configuration, on each
#                           configuration's CPU models (CHECK_MATRIX picks)
#   make linux              linux/ = Debian's source (tag base) + patches/
#   make export-patches     linux/ base..HEAD -> patches/ (format-patch series)
#   make guest-image        build/initramfs.cpio (busybox, perf, selftests, bench)
#   make deps               install what all of this needs (Debian packages)
#   make variants           list the variants
#   make soak VARIANT=v DURATION=s [SEED=n]  the soft-dirty oracle for s seconds
#   make oracle-demo [VARIANT=pte]  the oracle catches a deliberately broken kernel
#   make path               the optimisation path: each step of the series measured
#                           (OPT_PATH_STEPS, OPT_PATH_VARIANTS: subsets)
#   make series-build       build every patch of patches/ in turn for each variant
#                           it changes (bisectability; long, not in make check;
#                           DRY_RUN=1 prints the plan only)
#   make series-test        boot each kernel series-build kept and run the step
#                           suites (do the tests pass at every patch?)
#   make cachemodel         the cache model, a QEMU plugin (build/cachemodel/libcachemodel.so)
#
# Variables: VARIANT (default baseline), CONFIG (default: none, the
# benchmark kernels' 4K/48-bit), CPU (default max), SMP (vCPUs, default 2), ICOUNT=1
# (deterministic instruction counting), EXPERIMENT (for make results; DRY_RUN=1
# prints its plan only),
# CHECK_VARIANTS (make check on a subset), CHECK_FULL=1 (make check with the
# debug kernels of every soft-dirty variant, CRIU on baseline, a second cell), DURATION and SEED (make soak).
# Each may be given on the command line or exported.

SHELL := /bin/bash
VARIANT ?= baseline
CONFIG ?=
CPU ?= max
SMP ?= 2
ICOUNT ?=
CMD ?=
S := scripts
# The kernel a target builds or boots: VARIANT, in configuration CONFIG.
KERNEL := $(VARIANT)$(if $(CONFIG),@$(CONFIG))

.PHONY: help deps linux export-patches kernel kernels guest-image boot run test check results \
	variants configs check-variant soak oracle-demo path series-build series-test matrix cachemodel \
	clean check-publish

help:
	@awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' Makefile

variants:
	@bash -c '. $(S)/lib/common.sh; list_variants'

configs:
	@bash -c '. $(S)/lib/common.sh; list_configs'

check-variant:
	@bash -c '. $(S)/lib/common.sh; check_kernel "$(KERNEL)"'

deps:
	@bash $(S)/deps.sh

linux: deps
	@bash $(S)/linux-prepare.sh

export-patches:
	@bash $(S)/export-patches.sh

kernel: check-variant linux
	@bash $(S)/kernel-build.sh '$(KERNEL)'

kernels: linux
	@for v in $$(bash -c '. $(S)/lib/common.sh; list_variants'); do bash $(S)/kernel-build.sh $$v || exit 1; done

guest-image: linux
	@bash $(S)/guest-image.sh

boot: kernel guest-image
	@bash $(S)/guest-run.sh --interactive --variant '$(KERNEL)' --cpu '$(CPU)' --smp $(SMP) $(if $(ICOUNT),--icount)

run: kernel guest-image
	@bash $(S)/guest-run.sh --variant '$(KERNEL)' --cpu '$(CPU)' --smp $(SMP) $(if $(ICOUNT),--icount) -- '$(CMD)'

test:
	@bash $(S)/test.sh

check:
	@bash $(S)/check.sh

results:
	@bash $(S)/results.sh $(EXPERIMENT)

# The old names of OPT_PATH_*, which read like $$PATH: refused, not ignored.
path:
	@$(if $(PATH_STEPS)$(PATH_VARIANTS),echo 'error: PATH_STEPS and PATH_VARIANTS are now OPT_PATH_STEPS and OPT_PATH_VARIANTS' >&2; exit 1;) \
	bash $(S)/path.sh

check-publish:
	@bash $(S)/check-publish.sh

series-build: $(if $(DRY_RUN),,linux)
	@bash $(S)/series-build.sh

series-test: linux
	@bash $(S)/series-test.sh

matrix: linux
	@bash $(S)/matrix.sh

# VARIANT given (on the command line or exported), else pte: baseline,
# the default elsewhere, has no soft-dirty.
SD_VARIANT := $(if $(filter-out file,$(origin VARIANT)),$(VARIANT),pte)

soak: linux
	@bash $(S)/soak.sh '$(SD_VARIANT)' $(or $(DURATION),600) $(SEED)

oracle-demo: linux
	@bash $(S)/oracle-demo.sh '$(SD_VARIANT)' $(or $(SEED),20261121) $(or $(OPS),200000)

# The QEMU plugin API header comes from Debian's qemu source package.
cachemodel:
	@bash $(S)/qemu-plugin-header.sh
	@$(MAKE) -s -C cachemodel plugin

clean:
	rm -rf build
