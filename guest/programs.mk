# Shared rules for the guest programs (bench/, tests/guest/): static arm64
# binaries, C11, warnings are errors. The including Makefile sets PROGS (one
# main file each: PROG.c) and may set COMMON (more sources linked into each of
# its programs). Every program also links libguest.a: guest/lib/*.c and the
# kernel's own selftest helpers from linux/ (the tree the guest runs):
# kselftest.h (KTAP output), mm/vm_util.[ch] (pagemap, soft-dirty,
# userfaultfd registration) and mm/thp_settings.[ch] (the THP controls).
CROSS_COMPILE ?= aarch64-linux-gnu-
CC := $(CROSS_COMPILE)gcc
AR := $(CROSS_COMPILE)ar
OUT ?= build
KHDR ?=
GUEST_DIR := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
SELFTESTS ?= $(abspath $(GUEST_DIR)/../linux/tools/testing/selftests)
$(if $(wildcard $(SELFTESTS)/kselftest.h),,$(error $(SELFTESTS)/kselftest.h is missing: run 'make linux' first))
# The selftests' headers are searched as system headers: they are the
# kernel's, written for its -Wall, and thp_settings.h declares const return
# types (-Wignored-qualifiers under -Wextra) that are not ours to change.
CFLAGS := -std=c11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Werror -I$(GUEST_DIR)/include \
	-isystem $(SELFTESTS) -isystem $(SELFTESTS)/mm $(if $(KHDR),-isystem $(KHDR))
LDFLAGS := -static
LDLIBS := -lpthread

SELFTEST_SRCS := $(SELFTESTS)/mm/vm_util.c $(SELFTESTS)/mm/thp_settings.c
LIB_SRCS := $(wildcard $(GUEST_DIR)/lib/*.c)
LIB_OBJS := $(LIB_SRCS:$(GUEST_DIR)/lib/%.c=$(OUT)/lib/%.o) \
	$(SELFTEST_SRCS:$(SELFTESTS)/mm/%.c=$(OUT)/lib/selftests/%.o)
LIB := $(OUT)/lib/libguest.a
COMMON_OBJS := $(COMMON:%.c=$(OUT)/obj/%.o)
BINS := $(PROGS:%=$(OUT)/%)
# The phases' X-macro table, from the phase rows of bench/benchmarks.tsv
# (guest/include/bench-phases.h includes it).
BENCHMARKS_TSV := $(GUEST_DIR)/../bench/benchmarks.tsv
PHASES_TABLE := $(OUT)/gen/bench-phases-table.h
CFLAGS += -I$(OUT)/gen
HEADERS := $(wildcard $(GUEST_DIR)/include/*.h) $(wildcard *.h) $(PHASES_TABLE)

all: $(BINS)

$(PHASES_TABLE): $(BENCHMARKS_TSV) $(GUEST_DIR)/bench-phases.awk
	@mkdir -p $(dir $@)
	awk -f $(GUEST_DIR)/bench-phases.awk $(BENCHMARKS_TSV) >$@.new
	mv $@.new $@

$(OUT)/lib/%.o: $(GUEST_DIR)/lib/%.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

# The selftest helpers as they are in linux/, with the one warning of theirs
# that -Wextra adds turned off for them alone (const return types).
$(OUT)/lib/selftests/%.o: $(SELFTESTS)/mm/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Wno-ignored-qualifiers -c -o $@ $<

$(LIB): $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

$(OUT)/obj/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(OUT)/%: $(OUT)/obj/%.o $(COMMON_OBJS) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(LIB) $(LDLIBS)

clean:
	rm -rf $(OUT)

.PHONY: all clean
.SECONDARY:
