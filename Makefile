# nettriage — top-level build.  `make` builds build/nettriage.
# Variables: BUILD (output dir), CC, SAN=1 (ASan+UBSan), OPT.
BUILD   ?= build
CC      ?= cc
OPT     ?= -O2
CSTD    := -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L
WARN    := -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter -Wstrict-prototypes -Wmissing-prototypes
CFLAGS  ?= $(OPT) -g
ifeq ($(SAN),1)
CFLAGS  += -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
endif
INC     := -Isrc
# V=1 shows the full compiler command lines.
Q       := $(if $(V),,@)
# librdkafka: analyze --output kafka://BROKERS/TOPIC (Debian librdkafka-dev)
LIBS    := -lpcap -lz -lzstd -lrdkafka -lm

# The layers, from the ground up (docs/architecture.md).  Everything but
# the program's main() goes into the library the tests and fuzzers link.
SRC_DIRS := src/core src/proto src/input src/decode src/print src/analysis src/detectors \
	    src/report src/report/export src/cli
CLI_SRC  := src/cli/main.c
LIB_SRC  := $(filter-out $(CLI_SRC),$(foreach d,$(SRC_DIRS),$(wildcard $(d)/*.c)))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_SRC := $(wildcard tools/*.c)
TOOL_BIN := $(TOOL_SRC:tools/%.c=$(BUILD)/tools/%)
GEN_SRC  := $(wildcard tools/gen/*.c)
GEN_OBJ  := $(GEN_SRC:%.c=$(BUILD)/obj/%.o)

.PHONY: all clean test unit e2e conformance check bench tools demo
all: $(BUILD)/nettriage tools

$(BUILD)/libnettriage.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@rm -f $@
	@$(if $(V),,echo "  AR      $@")
	$(Q)ar rcs $@ $^

$(BUILD)/nettriage: $(CLI_OBJ) $(BUILD)/libnettriage.a
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libnettriage.a $(LIBS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(CSTD) $(WARN) $(CFLAGS) $(INC) -MMD -MP -c $< -o $@

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(BUILD)/libnettriage.a
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(CSTD) $(WARN) $(CFLAGS) $(INC) $(LDFLAGS) -o $@ $< $(BUILD)/libnettriage.a $(LIBS) -lcmocka

$(BUILD)/tools/%: tools/%.c $(GEN_OBJ) $(BUILD)/libnettriage.a
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(CSTD) $(WARN) $(CFLAGS) $(INC) -MMD -MP -MF $@.d $(LDFLAGS) -o $@ $< $(GEN_OBJ) $(BUILD)/libnettriage.a $(LIBS)

# The capture generator needs no part of the project library.
$(BUILD)/tools/ntgen: tools/ntgen.c $(GEN_OBJ)
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(CSTD) $(WARN) $(CFLAGS) $(INC) -MMD -MP -MF $@.d $(LDFLAGS) -o $@ $< $(GEN_OBJ)

tools: $(TOOL_BIN)

unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do $$t; done

e2e: $(BUILD)/nettriage tools
	@BUILD=$(BUILD) sh tests/e2e/run.sh

conformance: $(BUILD)/nettriage
	@BUILD=$(BUILD) python3 tests/conformance/run.py

test: unit e2e conformance

# The whole suite: normal build, then again under ASan+UBSan.
check:
	$(MAKE) test
	$(MAKE) BUILD=build-clang CC=clang all
	$(MAKE) BUILD=build-san SAN=1 OPT=-O1 test
	$(MAKE) fuzz-smoke

# The README's main demo: the incident report of the bundled capture.
demo: $(BUILD)/nettriage
	$(BUILD)/nettriage analyze tests/data/yummyrecipes.pcap

bench: $(BUILD)/nettriage tools
	@BUILD=$(BUILD) sh bench/run.sh

# Instructions per packet under callgrind (100k-packet mix): floor, analyze, print.
.PHONY: bench-callgrind
bench-callgrind: $(BUILD)/nettriage tools
	@BUILD=$(BUILD) BENCH_CALLGRIND=1 sh bench/run.sh

clean:
	rm -rf build build-*

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(GEN_OBJ:.o=.d) $(TOOL_BIN:=.d)

# ---- fuzz (owned by the fuzzing work; see fuzz/README.md) ----
-include fuzz/Makefile.inc

# ---- install / uninstall (owned by the CLI work) ----
# make install PREFIX=/usr/local DESTDIR=   installs the binary, the man page
# and the bash completion; make uninstall (same variables) removes them.
PREFIX  ?= /usr/local
DESTDIR ?=
INSTALL ?= install
NT_BINDIR  = $(DESTDIR)$(PREFIX)/bin
NT_MAN1DIR = $(DESTDIR)$(PREFIX)/share/man/man1
NT_COMPDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions

.PHONY: install uninstall
# install does not build (so it never rebuilds a sanitizer or clang build
# with other flags): run make first.
install:
	@test -x $(BUILD)/nettriage || { echo "make install: $(BUILD)/nettriage is not built; run 'make' first"; exit 1; }
	$(INSTALL) -d "$(NT_BINDIR)" "$(NT_MAN1DIR)" "$(NT_COMPDIR)"
	$(INSTALL) -m 755 $(BUILD)/nettriage "$(NT_BINDIR)/nettriage"
	$(INSTALL) -m 644 docs/nettriage.1 "$(NT_MAN1DIR)/nettriage.1"
	$(INSTALL) -m 644 contrib/bash-completion/nettriage "$(NT_COMPDIR)/nettriage"

uninstall:
	rm -f "$(NT_BINDIR)/nettriage" "$(NT_MAN1DIR)/nettriage.1" "$(NT_COMPDIR)/nettriage"
