# rrsim - return and reintegration case-flow simulator.
#
#   make            build ./rrsim
#   make run        install what is missing, build, run the baseline scenario
#   make test       check the layering (make check-layers), build and run
#                   every test (ends on "N passed, N failed")
#   make test-update  rewrite the golden runs and chart scripts in
#                   tests/reference/ (review the diff: it is what the
#                   change does to the results and the charts)
#   make bench      speed and memory benchmark (BENCH_RUNS=N pairs, default 15;
#                   BENCH_ONLY=memory,... the parts of bench_speed named)
#   make fuzz       build the fuzz targets (clang, libFuzzer) and run each
#                   for FUZZ_SECONDS (default 60); fails on any finding
#   make deps       install the Debian packages the project needs
#   make install    PREFIX=/usr/local DESTDIR=  (the program, the scenarios
#                   and the manual pages; make uninstall removes them)
#
# Settings (on the command line or in the environment):
#   CC=clang  SANITIZE=address,undefined  DEBUG=1  DEVELOPER=1  V=1
#   MPI=1     build with OpenMPI (make deps MPI=1 installs it); make test
#             MPI=1 adds the tests under mpirun, make bench MPI=1 the
#             speed-up over ranks
#   FUZZ_SECONDS=60  FUZZ_TARGETS="scenario csv ..."  FUZZ_CC=clang

# ---- settings you may change -------------------------------------------
CC ?= cc
PREFIX ?= /usr/local
DESTDIR ?=
MANDIR ?= $(PREFIX)/share/man
OPTIMIZATION ?= -O2
SANITIZE ?=
DEBUG ?=
DEVELOPER ?=
V ?=
VERSION = 0.2.0

# ---- packages -------------------------------------------------------------
DEB_PACKAGES = libgsl-dev libcsv-dev libinih-dev gnuplot-nox pkg-config
DEB_DEV_PACKAGES = clang libclang-rt-dev valgrind mandoc
DEB_MPI_PACKAGES = libopenmpi-dev openmpi-bin

# ---- flags ----------------------------------------------------------------
comma := ,
STD = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DHAVE_INLINE
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wpointer-arith -Wformat=2 -Wvla
OPT = $(OPTIMIZATION)
DEBUG_FLAGS = -g
BUILD = build/release
ifeq ($(DEBUG),1)
  OPT = -O0
  DEBUG_FLAGS = -g3
  BUILD = build/debug
endif
ifeq ($(DEVELOPER),1)
  WARN += -Werror -Wmissing-prototypes
endif
# MPI=1: built with OpenMPI's compiler wrapper into a folder of its own;
# the program then spreads its work over the ranks of mpirun (DESIGN,
# README "Running on a cluster").  Without it: no MPI at all.
MPI ?=
MPI_FLAGS =
ifeq ($(MPI),1)
  CC = mpicc
  MPI_FLAGS = -DRR_MPI
  EXTRA_PACKAGES += $(DEB_MPI_PACKAGES)
endif
SAN_FLAGS =
ifneq ($(SANITIZE),)
  ifneq ($(filter-out address undefined,$(subst $(comma), ,$(SANITIZE))),)
    $(error SANITIZE takes address, undefined or address,undefined; got '$(SANITIZE)')
  endif
  SAN_FLAGS = -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
  OPT = -O1
  BUILD = build/san
endif
PKG_CFLAGS := $(shell pkg-config --cflags gsl inih 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs gsl inih 2>/dev/null)
ifeq ($(PKG_LIBS),)
  PKG_LIBS = -lgsl -lgslcblas -linih
endif
LIBS = $(PKG_LIBS) -lcsv -lm -lpthread

ifeq ($(MPI),1)
  BUILD := $(BUILD)-mpi
endif

FINAL_CFLAGS = $(STD) $(WARN) $(OPT) $(DEBUG_FLAGS) $(SAN_FLAGS) $(MPI_FLAGS) -Iinclude -Isim \
	$(PKG_CFLAGS) -DRR_VERSION='"$(VERSION)"' -MMD -MP $(CFLAGS)
# where `make install` puts the scenarios, for finding them by name
SCENARIO_DIR = $(PREFIX)/share/rrsim/scenarios
FINAL_LDFLAGS = $(SAN_FLAGS) $(LDFLAGS)

ifeq ($(V),1)
  Q =
  QCC =
  QLD =
else
  Q = @
  QCC = @printf '  CC      %s\n' $@;
  QLD = @printf '  LD      %s\n' $@;
endif

# ---- sources --------------------------------------------------------------
# One folder per layer, from the ground up (DESIGN §8); main.c sits on top.
LAYERS = engine scenario model study results
LIB_SRCS = $(foreach l,$(LAYERS),$(wildcard sim/$(l)/*.c))
LIB_OBJS = $(patsubst sim/%.c,$(BUILD)/sim/%.o,$(LIB_SRCS))
MAIN_OBJ = $(BUILD)/sim/main.o $(patsubst sim/%.c,$(BUILD)/sim/%.o,$(wildcard sim/cli/*.c))
LIB = $(BUILD)/librrsim.a
PROG = $(BUILD)/rrsim
TEST_SRCS = $(wildcard tests/test_*.c)
TEST_BINS = $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRCS))
BENCH_SRCS = $(wildcard bench/*.c)
BENCH_BINS = $(patsubst bench/%.c,$(BUILD)/bench/%,$(BENCH_SRCS))

# Fuzz targets (tests/fuzz/fuzz_NAME.c): libFuzzer programs in build/fuzz/
# for `make fuzz`, and the same files built normally as replay programs
# BUILD/fuzz/replay_NAME that tests/cli/fuzz_replay.sh runs in `make test`.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_ALL = $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_TARGETS ?= $(FUZZ_ALL)
FUZZ = build/fuzz
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_CFLAGS = $(STD) $(WARN) -O1 -g $(FUZZ_SAN) -Iinclude -Isim -Itests/fuzz \
	$(PKG_CFLAGS) -DRR_VERSION='"$(VERSION)"' -MMD -MP $(CFLAGS)
FUZZ_LIB_OBJS = $(patsubst sim/%.c,$(FUZZ)/sim/%.o,$(LIB_SRCS))
FUZZ_BINS = $(addprefix $(FUZZ)/,$(FUZZ_ALL))
REPLAY_BINS = $(addprefix $(BUILD)/fuzz/replay_,$(FUZZ_ALL))
REPLAY_OBJS = $(BUILD)/fuzz/fuzz.o $(BUILD)/fuzz/replay.o
FUZZ_SRC_DEF = -DRR_FUZZ_SRC='"$(CURDIR)"'

DEPS = $(LIB_OBJS:.o=.d) $(MAIN_OBJ:.o=.d) $(TEST_BINS:=.d) $(BENCH_BINS:=.d) \
	$(REPLAY_OBJS:.o=.d) $(REPLAY_BINS:=.d) $(FUZZ_LIB_OBJS:.o=.d) \
	$(FUZZ)/tests/fuzz.d $(FUZZ_BINS:=.d)

.DELETE_ON_ERROR:
.SECONDARY: $(REPLAY_OBJS)

.PHONY: check-layers
.PHONY: all run test test-sanitize test-update bench deps deps-dev install \
	uninstall clean valgrind fuzz

all: rrsim

# ./rrsim is the build last made (with or without MPI=1)
.PHONY: rrsim
rrsim: $(PROG)
	$(Q)cmp -s $(PROG) rrsim || cp $(PROG) rrsim

$(BUILD)/sim/cli/find.o: FINAL_CFLAGS += -DRR_SCENARIO_DIR='"$(SCENARIO_DIR)"'
$(BUILD)/sim/%.o: sim/%.c
	@mkdir -p $(dir $@)
	$(QCC)$(CC) $(FINAL_CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJS)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(PROG): $(MAIN_OBJ) $(LIB)
	$(QLD)$(CC) $(FINAL_LDFLAGS) -o $@ $(MAIN_OBJ) $(LIB) $(LIBS)

$(BUILD)/tests/%: tests/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(QCC)$(CC) $(FINAL_CFLAGS) -Itests -MF $@.d -o $@ $< $(LIB) $(FINAL_LDFLAGS) $(LIBS)

$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(QCC)$(CC) $(FINAL_CFLAGS) -MF $@.d -o $@ $< $(LIB) $(FINAL_LDFLAGS) $(LIBS)

$(BUILD)/fuzz/%.o: tests/fuzz/%.c
	@mkdir -p $(dir $@)
	$(QCC)$(CC) $(FINAL_CFLAGS) $(FUZZ_SRC_DEF) -c $< -o $@

$(BUILD)/fuzz/replay_%: tests/fuzz/fuzz_%.c $(REPLAY_OBJS) $(LIB)
	@mkdir -p $(dir $@)
	$(QCC)$(CC) $(FINAL_CFLAGS) -Itests/fuzz -MF $@.d -o $@ $< \
		$(REPLAY_OBJS) $(LIB) $(FINAL_LDFLAGS) $(LIBS)

$(FUZZ)/sim/%.o: sim/%.c
	@mkdir -p $(dir $@)
	$(QCC)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ)/librrsim.a: $(FUZZ_LIB_OBJS)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(FUZZ)/tests/fuzz.o: tests/fuzz/fuzz.c
	@mkdir -p $(dir $@)
	$(QCC)$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SRC_DEF) -fsanitize=fuzzer-no-link \
		-c $< -o $@

$(FUZZ)/%: tests/fuzz/fuzz_%.c $(FUZZ)/tests/fuzz.o $(FUZZ)/librrsim.a
	$(QLD)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -MF $@.d -o $@ $< \
		$(FUZZ)/tests/fuzz.o $(FUZZ)/librrsim.a $(LIBS)

-include $(DEPS)

# ---- jobs -----------------------------------------------------------------
run: deps
	$(Q)$(MAKE) --no-print-directory rrsim
	./rrsim run scenarios/nl-baseline.ini

# the layering is checked first: an upward #include fails the suite
test: deps
	$(Q)sh tests/check-layers.sh
	$(Q)$(MAKE) --no-print-directory $(PROG) $(TEST_BINS) $(REPLAY_BINS)
	$(Q)BUILD=$(BUILD) MPI=$(MPI) sh tests/run.sh $(TEST_BINS)

# the layering of DESIGN §8: no #include may run upward
check-layers:
	$(Q)sh tests/check-layers.sh

test-sanitize:
	$(Q)$(MAKE) --no-print-directory test SANITIZE=address,undefined

test-update: deps
	$(Q)$(MAKE) --no-print-directory $(PROG)
	$(Q)RRSIM=$(PROG) sh tests/golden.sh --update
	$(Q)RRSIM=$(PROG) sh tests/golden_scripts.sh --update

# bench_speed times rrsim against bench/loop.c (docs/performance.md), then
# the calendar, the station network and scenario loading on their own
BENCH_PARTS = bench_calendar bench_queues bench_scenario
bench: deps
	$(Q)$(MAKE) --no-print-directory $(PROG) $(BENCH_BINS)
	$(Q)BENCH_ONLY='$(BENCH_ONLY)' $(BUILD)/bench/bench_speed $(PROG) \
		$(BUILD)/bench/loop $(BUILD)/bench/api $(BENCH_RUNS)
	$(Q)[ -n '$(BENCH_ONLY)' ] || for b in $(BENCH_PARTS); do \
		$(BUILD)/bench/$$b || exit 1; done
ifeq ($(MPI),1)
	$(Q)sh bench/mpi.sh $(PROG)
endif

valgrind: deps
	$(Q)$(MAKE) --no-print-directory DEBUG=1 build/debug/rrsim $(patsubst $(BUILD)/%,build/debug/%,$(TEST_BINS))
	$(Q)BUILD=build/debug VALGRIND=1 sh tests/run.sh $(patsubst $(BUILD)/%,build/debug/%,$(TEST_BINS))

fuzz: deps
	@command -v $(FUZZ_CC) >/dev/null || { \
	  echo "make fuzz needs $(FUZZ_CC) with libFuzzer: make deps-dev" >&2; exit 1; }
	$(Q)$(MAKE) --no-print-directory $(PROG) \
		$(addprefix $(FUZZ)/,$(FUZZ_TARGETS))
	$(Q)RRSIM=$(PROG) FUZZ=$(FUZZ) FUZZ_SECONDS=$(FUZZ_SECONDS) \
		sh tests/fuzz/run.sh $(FUZZ_TARGETS)

deps:
	@missing=''; for p in $(DEB_PACKAGES) $(EXTRA_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	  else \
	    echo "missing packages; run: sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi

deps-dev:
	$(Q)$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(DEB_DEV_PACKAGES)"

# install: the program, the shipped scenarios with their data (found by
# name: rrsim run nl-baseline), the manual pages, the bash completion.
# Files only, mode 644 (755 for the program); uninstall removes exactly
# these.  The manual pages name the scenarios' folder under the default
# prefix; installed, they name the one under PREFIX.
COMPLETION_DIR = $(PREFIX)/share/bash-completion/completions
MAN_PAGES = rrsim.1 rrsim-scenario.5 rrsim-results.5

# INSTALL_PROG: the program to install (the tests install the one they test)
INSTALL_PROG ?= rrsim

install: $(INSTALL_PROG)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(SCENARIO_DIR)/data \
	  $(DESTDIR)$(COMPLETION_DIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(INSTALL_PROG) $(DESTDIR)$(PREFIX)/bin/rrsim
	install -m 644 $(wildcard scenarios/*.ini) $(DESTDIR)$(SCENARIO_DIR)/
	install -m 644 $(wildcard scenarios/data/*) $(DESTDIR)$(SCENARIO_DIR)/data/
	install -m 644 docs/completion/rrsim.bash $(DESTDIR)$(COMPLETION_DIR)/rrsim
	for p in $(MAN_PAGES); do \
	  d="$(DESTDIR)$(MANDIR)/man$${p##*.}/$$p"; \
	  sed 's|/usr/local/share/rrsim|$(PREFIX)/share/rrsim|g' "docs/man/$$p" >"$$d" && \
	  chmod 644 "$$d" || exit 1; \
	done

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/rrsim $(DESTDIR)$(COMPLETION_DIR)/rrsim
	rm -f $(addprefix $(DESTDIR)$(SCENARIO_DIR)/,$(notdir $(wildcard scenarios/*.ini)))
	rm -f $(addprefix $(DESTDIR)$(SCENARIO_DIR)/data/,$(notdir $(wildcard scenarios/data/*)))
	-rmdir $(DESTDIR)$(SCENARIO_DIR)/data $(DESTDIR)$(SCENARIO_DIR) \
	  $(DESTDIR)$(PREFIX)/share/rrsim 2>/dev/null
	for p in $(MAN_PAGES); do \
	  rm -f "$(DESTDIR)$(MANDIR)/man$${p##*.}/$$p"; \
	done

clean:
	rm -rf build rrsim
