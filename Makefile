# triage: one Makefile, libbpf-tools' shape. Artifacts under .output/.
#   make            ./triage (release build)
#   make check      build and run every test (release, then ASan+UBSan)
#   make deps       install Debian build and test dependencies (idempotent)
#   make install    PREFIX=/usr/local DESTDIR=
#   make asan       .output/san/triage with AddressSanitizer + UBSan
#   make bench      CPU/RSS of triage vs the classic tools (bench/RESULTS.md)
#   make V=1        show commands
.DELETE_ON_ERROR:
.SUFFIXES:

CC      ?= gcc
CLANG   ?= clang
BPFTOOL ?= bpftool
PREFIX  ?= /usr/local
DESTDIR ?=
SAN     ?= 0

ifeq ($(FUZZ),1)
# libFuzzer build (clang): the library with fuzzer coverage + ASan + UBSan.
BUILD   := fuzz
CC      := $(CLANG)
SANFLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
OPTFLAGS := -O1 -g
else ifeq ($(SAN),1)
BUILD   := san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
OPTFLAGS := -O1 -g
else
BUILD   := release
SANFLAGS :=
OPTFLAGS := -O2 -g
endif

OUT     := .output/$(BUILD)
BPFOUT  := .output/bpf

PKGS     := libbpf libelf zlib
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

CFLAGS  ?= $(OPTFLAGS)
CFLAGS  += -std=gnu11 -Wall -Wextra -Werror -Wno-missing-field-initializers \
	   -fno-omit-frame-pointer -D_GNU_SOURCE -Isrc -I$(BPFOUT) $(PKG_CFLAGS) \
	   $(SANFLAGS) -MMD -MP $(EXTRA_CFLAGS)
LDFLAGS += $(SANFLAGS) $(EXTRA_LDFLAGS)
LDLIBS  += $(PKG_LIBS) -lm

ifeq ($(V),1)
Q :=
msg :=
else
Q := @
msg = @printf '  %-8s %s\n' "$(1)" "$(2)";
endif

# Sources: everything under src/ except the BPF kernel halves.
SRCS     := $(shell find src -name '*.c' ! -name '*.bpf.c' | sort)
OBJS     := $(SRCS:%.c=$(OUT)/%.o)
LIB_OBJS := $(filter-out $(OUT)/src/main.o,$(OBJS))

# BPF: src/bpf/x.bpf.c -> .output/bpf/x.bpf.o -> .output/bpf/x.skel.h
BPF_SRCS  := $(wildcard src/bpf/*.bpf.c)
BPF_SKELS := $(patsubst src/bpf/%.bpf.c,$(BPFOUT)/%.skel.h,$(BPF_SRCS))
ARCH      := $(shell uname -m | sed 's/x86_64/x86/;s/aarch64/arm64/')
VMLINUX_BTF ?= /sys/kernel/btf/vmlinux

# Unit tests: tests/unit/test_x.c -> $(OUT)/tests/test_x, linked with the library.
TEST_SRCS := $(wildcard tests/unit/test_*.c)
TEST_BINS := $(patsubst tests/unit/%.c,$(OUT)/tests/%,$(TEST_SRCS))
TEST_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

.PHONY: all
all: triage

ifeq ($(SAN),1)
all: $(OUT)/triage
else
triage: $(OUT)/triage
	$(Q)cp $< $@
endif

$(OUT)/triage: $(OBJS)
	$(call msg,LINK,$@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(OUT)/libtriage.a: $(LIB_OBJS)
	$(call msg,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(OUT)/%.o: %.c | $(BPF_SKELS)
	$(call msg,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(OUT)/tests/%: tests/unit/%.c $(OUT)/libtriage.a
	$(call msg,TEST-CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -Itests $(LDFLAGS) -o $@ $< $(OUT)/libtriage.a $(LDLIBS) $(TEST_LIBS)

$(BPFOUT)/vmlinux.h:
	$(call msg,BTF,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(BPFTOOL) btf dump file $(VMLINUX_BTF) format c > $@

$(BPFOUT)/%.bpf.o: src/bpf/%.bpf.c $(BPFOUT)/vmlinux.h $(wildcard src/bpf/*.h)
	$(call msg,BPF,$@)
	$(Q)$(CLANG) -g -O2 -target bpf -D__TARGET_ARCH_$(ARCH) -I$(BPFOUT) -Isrc -c $< -o $@.tmp
	$(Q)$(BPFTOOL) gen object $@ $@.tmp && rm -f $@.tmp

# Keep the objects: they are inputs of the skeletons, not throw-away steps.
.SECONDARY: $(BPF_SKELS:.skel.h=.bpf.o) $(BPF_SKELS)

$(BPFOUT)/%.skel.h: $(BPFOUT)/%.bpf.o
	$(call msg,GEN-SKEL,$@)
	$(Q)$(BPFTOOL) gen skeleton $< > $@

.PHONY: tests
tests: $(TEST_BINS) progs

# Test programs with known behaviour (tests/progs/), never sanitized: frame
# pointers on; the same program as non-PIE, PIE and stripped PIE.
PROGOUT := .output/progs
PROGFLAGS := -O1 -g -fno-omit-frame-pointer -fno-inline
PROGS := $(PROGOUT)/libknown.so $(PROGOUT)/known_profile $(PROGOUT)/known_profile_pie \
	 $(PROGOUT)/known_profile_stripped $(PROGOUT)/known_profile_nofp $(PROGOUT)/ctxsw $(PROGOUT)/jit \
	 $(PROGOUT)/sleeper
.PHONY: progs
progs: $(PROGS)
$(PROGOUT)/libknown.so: tests/progs/libknown.c
	$(call msg,PROG,$@)
	$(Q)mkdir -p $(@D) && $(CC) $(PROGFLAGS) -fPIC -shared -o $@ $<
$(PROGOUT)/known_profile: tests/progs/known_profile.c $(PROGOUT)/libknown.so
	$(call msg,PROG,$@)
	$(Q)$(CC) $(PROGFLAGS) -fno-pie -no-pie -o $@ $< -L$(PROGOUT) -lknown -Wl,-rpath,'$$ORIGIN'
$(PROGOUT)/known_profile_pie: tests/progs/known_profile.c $(PROGOUT)/libknown.so
	$(call msg,PROG,$@)
	$(Q)$(CC) $(PROGFLAGS) -fPIE -pie -o $@ $< -L$(PROGOUT) -lknown -Wl,-rpath,'$$ORIGIN'
$(PROGOUT)/known_profile_nofp: tests/progs/known_profile.c $(PROGOUT)/libknown.so
	$(call msg,PROG,$@)
	$(Q)$(CC) -O2 -g -fomit-frame-pointer -fno-inline -o $@ $< -L$(PROGOUT) -lknown -Wl,-rpath,'$$ORIGIN'
$(PROGOUT)/known_profile_stripped: $(PROGOUT)/known_profile_pie
	$(call msg,STRIP,$@)
	$(Q)strip --strip-all -o $@ $<
$(PROGOUT)/%: tests/progs/%.c
	$(call msg,PROG,$@)
	$(Q)mkdir -p $(@D) && $(CC) $(PROGFLAGS) -o $@ $<

.PHONY: check
check:
	$(Q)$(MAKE) --no-print-directory triage tests
	$(Q)$(MAKE) --no-print-directory SAN=1 all tests
	$(Q)$(MAKE) --no-print-directory FUZZ=1 fuzz-build
	$(Q)tests/run.sh

.PHONY: asan
asan:
	$(Q)$(MAKE) --no-print-directory SAN=1 all tests

.PHONY: install
install: triage
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 triage $(DESTDIR)$(PREFIX)/bin/triage

# Debian packages the build and the tests need. Idempotent.
DEB_BUILD := build-essential pkg-config clang llvm bpftool libbpf-dev libelf-dev \
	     zlib1g-dev libzstd-dev libcmocka-dev libncurses-dev libsqlite3-dev
DEB_TEST  := cppcheck clang-tidy sysstat procps iproute2 util-linux lsof linux-perf libbpf-tools \
	     python3 jq chromium e2fsprogs
.PHONY: deps
deps:
	@if dpkg-query -W -f='$${Status}\n' $(DEB_BUILD) $(DEB_TEST) 2>/dev/null | grep -vq '^install ok installed$$' \
	    || [ "$$(dpkg-query -W -f='$${Status}\n' $(DEB_BUILD) $(DEB_TEST) 2>/dev/null | wc -l)" -lt "$$(echo $(DEB_BUILD) $(DEB_TEST) | wc -w)" ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(DEB_BUILD) $(DEB_TEST); \
	else echo "deps: all installed"; fi

.PHONY: bench
bench: triage
	$(Q)bench/run.sh

# Fuzzing: fuzz/fuzz_x.c -> .output/fuzz/fuzz/fuzz_x (libFuzzer), seeded from
# fuzz/seeds/x/ and the fixtures. `make fuzz FUZZ_SECONDS=600` runs each target
# that long; crashes are written to fuzz/crashes/ and become regression seeds.
FUZZ_SRCS := $(wildcard fuzz/fuzz_*.c)
FUZZ_BINS := $(patsubst fuzz/%.c,$(OUT)/fuzz/%,$(FUZZ_SRCS))
FUZZ_SECONDS ?= 5

$(OUT)/fuzz/%: fuzz/%.c $(OUT)/libtriage.a
	$(call msg,FUZZ-CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -Ifuzz -fsanitize=fuzzer -o $@ $< $(OUT)/libtriage.a $(LDLIBS)

.PHONY: fuzz-build fuzz
fuzz-build: $(FUZZ_BINS)
ifneq ($(FUZZ),1)
fuzz-build fuzz:
	$(Q)$(MAKE) --no-print-directory FUZZ=1 $@
else
fuzz: fuzz-build
	$(Q)fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BINS)
endif

# One static binary: runs where none of the -dev packages (or their runtime
# libraries) are installed.
STATIC_LIBS := $(shell pkg-config --static --libs $(PKGS) 2>/dev/null)
.PHONY: static
static: triage-static
triage-static: $(OBJS)
	$(call msg,STATIC,$@)
	$(Q)$(CC) -static $(LDFLAGS) -o $@ $^ $(STATIC_LIBS) -lm
	$(Q)strip -o $@.stripped $@ && mv $@.stripped $@

# Static analysis: cppcheck and clang-tidy, both must be clean.
LINT_SRCS := $(SRCS)
.PHONY: lint
lint:
	$(call msg,CPPCHECK,src)
	$(Q)cppcheck --quiet --error-exitcode=1 --std=c11 --enable=warning,portability,performance \
		--inline-suppr --suppress=missingIncludeSystem -D_GNU_SOURCE -Isrc -I$(BPFOUT) $(LINT_SRCS)
	$(call msg,TIDY,src)
	$(Q)clang-tidy --quiet --warnings-as-errors='*' \
		--checks='-*,clang-analyzer-*,-clang-analyzer-security.insecureAPI.*,bugprone-*,-bugprone-easily-swappable-parameters,-bugprone-reserved-identifier,-bugprone-narrowing-conversions,-bugprone-assignment-in-if-condition,-bugprone-macro-parentheses,-bugprone-not-null-terminated-result,-bugprone-implicit-widening-of-multiplication-result' \
		$(LINT_SRCS) -- -std=gnu11 -D_GNU_SOURCE -Isrc -I$(BPFOUT) $(PKG_CFLAGS) 2>/dev/null

.PHONY: clean
clean:
	rm -rf .output triage triage-static

-include $(OBJS:.o=.d)
