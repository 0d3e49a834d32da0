# Shared rules for the guest programs (bench/, tests/guest/): static arm64
# binaries, C11, warnings are errors. The including Makefile sets PROGS (one
# main file each: PROG.c) and may set COMMON (more sources linked into each of
# its programs). Every program also links guest/lib/*.c (libguest.a).
CROSS_COMPILE ?= aarch64-linux-gnu-
CC := $(CROSS_COMPILE)gcc
AR := $(CROSS_COMPILE)ar
OUT ?= build
KHDR ?=
GUEST_DIR := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
CFLAGS := -std=c11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Werror -I$(GUEST_DIR)/include \
	$(if $(KHDR),-isystem $(KHDR))
LDFLAGS := -static
LDLIBS := -lpthread

LIB_SRCS := $(wildcard $(GUEST_DIR)/lib/*.c)
LIB_OBJS := $(LIB_SRCS:$(GUEST_DIR)/lib/%.c=$(OUT)/lib/%.o)
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
