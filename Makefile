# dossier — a terminal reader for collections of news articles.
# Plain GNU make: pkg-config libraries (PKGS below), no configure step.
#
#   make run        install missing Debian packages, build, open examples/
#   make check      the same set-up, then every test (unit, cli, screen, term)
#   make asan-check the suite again under AddressSanitizer + UBSan
#   make fuzz       every libFuzzer target for FUZZ_SECONDS (clang; TESTING.md)
#   make fuzz-smoke every target ~5 s + replay tests/fuzz/regress
#   make valgrind-check  a load + export run under valgrind
#   make install PREFIX=/usr/local DESTDIR=

.DEFAULT_GOAL := all
PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
# An absolute BUILD inside this tree (tests/lib.sh hands make one) is the
# same folder as the relative name: use the relative one, or the targets
# the compiler writes into the .d files (/abs/build/x.o against build/x.o)
# stop matching and a changed header no longer rebuilds what includes it.
override BUILD := $(patsubst $(CURDIR)/%,%,$(BUILD))
CC      ?= cc
SAN     ?=
# The builds that make run, check and fuzz-smoke start compile one file a
# core (a plain `make` is left as make is: one at a time unless -j).
NPROC   := $(shell nproc 2>/dev/null || echo 2)

# Libraries by pkg-config name, and the Debian package that provides each
# (named when one is missing, installed by `make deps`, and listed in
# debian/control's Build-Depends). A new library: add it to PKGS (and
# CORE_PKGS when core/ uses it) and give it a PKG_DEB_ line.
PKGS      := ncursesw yaml-0.1 libutf8proc sqlite3 md4c libxml-2.0
CORE_PKGS := yaml-0.1 libutf8proc sqlite3 md4c libxml-2.0
TEST_PKGS := cmocka
PKG_DEB_ncursesw    := libncurses-dev
PKG_DEB_yaml-0.1    := libyaml-dev
PKG_DEB_libutf8proc := libutf8proc-dev
PKG_DEB_sqlite3     := libsqlite3-dev
PKG_DEB_md4c        := libmd4c-dev
PKG_DEB_libxml-2.0  := libxml2-dev
PKG_DEB_cmocka      := libcmocka-dev
LIB_DEBS := $(foreach p,$(PKGS) $(TEST_PKGS),$(PKG_DEB_$(p)))
DEB_PKGS := build-essential pkg-config $(LIB_DEBS) tmux python3
# Only the tests use these: the man page lint (mandoc), the zsh completion
# driven through zpty, and pandoc rendering the cited brief; installed by
# make check, not make run.
TEST_DEB_PKGS := mandoc zsh pandoc

# -Werror in development and CI (a git checkout); not in a release tarball
# or the Debian package (debian/rules sets WERROR=), where a newer
# compiler's new warning must not break the build.
WERROR  ?= $(if $(wildcard .git),-Werror)
WARN    := -Wall -Wextra $(WERROR) -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CPPFLAGS) $(CFLAGS) $(SAN) -MMD -MP -I. \
             $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
CORE_LIBS = $(shell pkg-config --libs $(CORE_PKGS) 2>/dev/null) -lm -pthread
TUI_LIBS  = $(shell pkg-config --libs ncursesw 2>/dev/null)
TEST_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

CORE_SRC := $(sort $(wildcard core/*/*.c config/*.c))
TUI_SRC  := $(sort $(filter-out tui/main.c,$(wildcard tui/*.c)))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))

CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/defaults.o
TUI_OBJ  := $(TUI_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

VERSION := $(shell cat VERSION 2>/dev/null || echo 0.1.0)
ALL_CFLAGS += -DDOSSIER_VERSION='"$(VERSION)"'

# Everything that shapes what the compiler and linker make (the compiler,
# flags, VERSION, SAN, the libraries' flags), in $(BUILD)/.flags, which is
# rewritten only when this text changes: every object and program depends
# on it, so a changed VERSION or CFLAGS rebuilds them.
FLAGS_STAMP := $(BUILD)/.flags
BUILD_FLAGS = $(strip $(CC) $(ALL_CFLAGS) | $(LDFLAGS) | $(CORE_LIBS) | $(TUI_LIBS) | $(TEST_LIBS))
ifneq ($(BUILD_FLAGS),$(strip $(file <$(FLAGS_STAMP))))
$(shell mkdir -p $(BUILD))
$(file >$(FLAGS_STAMP),$(BUILD_FLAGS))
endif
# Link lines: the prerequisites without the stamp.
LINK_INPUTS = $(filter %.c %.o %.a,$^)

# A missing library stops the build before anything is compiled, naming
# the Debian package to install.
define check_libs
@command -v pkg-config >/dev/null 2>&1 || { \
	echo "dossier: pkg-config is missing: install the Debian package pkg-config (or run make deps)" >&2; exit 1; }
@bad=; for pd in $(foreach p,$(1),$(p)=$(PKG_DEB_$(p))); do \
	pkg-config --exists "$${pd%%=*}" || { bad=1; \
	echo "dossier: library $${pd%%=*} not found: install the Debian package $${pd#*=} (apt-get install $${pd#*=}, or make deps)" >&2; }; \
done; [ -z "$$bad" ]
endef
.PHONY: libs-check test-libs-check print-lib-debs
libs-check:
	$(call check_libs,$(PKGS))
test-libs-check:
	$(call check_libs,$(TEST_PKGS))
# The Debian packages of the libraries (tests/cli/build.sh checks that
# debian/control's Build-Depends names each).
print-lib-debs:
	@echo $(LIB_DEBS)

MAN_PAGES := $(BUILD)/man/dossier.1 $(BUILD)/man/dossier-format.5 $(BUILD)/man/dossier-config.5
.PHONY: fuzz fuzz-smoke fuzz-build fuzz-deps valgrind-check

.PHONY: test-deps all run check check-one test asan-check tsan-check deps install uninstall clean check-layers bench bench-scale deb

all: $(BUILD)/dossier $(MAN_PAGES)

# dossier-config(5) lists actions and styles from the program's own tables.
$(BUILD)/gen/mkconfigman: man/mkconfigman.c $(BUILD)/libdossier-tui.a $(BUILD)/libdossier-core.a $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	@$(CC) $(ALL_CFLAGS) -o $@ $(LINK_INPUTS) $(TUI_LIBS) $(CORE_LIBS)

$(BUILD)/man/dossier-config.5: man/dossier-config.5.in config/config.yaml $(BUILD)/gen/mkconfigman
	@mkdir -p $(dir $@)
	@$(BUILD)/gen/mkconfigman man/dossier-config.5.in config/config.yaml > $@.tmp && mv $@.tmp $@

$(BUILD)/man/%: man/%
	@mkdir -p $(dir $@)
	@cp $< $@

$(BUILD)/%.o: %.c $(FLAGS_STAMP) | libs-check
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/gen/defaults.c: config/embed.sh config/config.yaml config/topics-ukraine-defence.yaml config/boilerplate.yaml | libs-check
	@mkdir -p $(dir $@)
	sh config/embed.sh $@ config_default_yaml=config/config.yaml \
		config_topics_ukraine_defence=config/topics-ukraine-defence.yaml config_default_boilerplate=config/boilerplate.yaml

$(BUILD)/gen/defaults.o: $(BUILD)/gen/defaults.c $(FLAGS_STAMP) | libs-check
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libdossier-core.a: $(CORE_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/libdossier-tui.a: $(TUI_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/dossier: $(BUILD)/tui/main.o $(BUILD)/libdossier-tui.a $(BUILD)/libdossier-core.a $(FLAGS_STAMP)
	@echo "  LD $@"
	@$(CC) $(SAN) $(LDFLAGS) -o $@ $(LINK_INPUTS) $(TUI_LIBS) $(CORE_LIBS)

# Unit tests of core/ link without ncurses, so a curses call there cannot link.
# tests named test_tui_*.c test tui/ code and get the tui library too.
$(BUILD)/tests/test_tui_%: tests/unit/test_tui_%.c $(BUILD)/libdossier-tui.a $(BUILD)/libdossier-core.a \
		$(FLAGS_STAMP) | test-libs-check
	@mkdir -p $(dir $@)
	@echo "  LD $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $(LINK_INPUTS) $(TEST_LIBS) $(TUI_LIBS) $(CORE_LIBS)

$(BUILD)/tests/test_%: tests/unit/test_%.c $(BUILD)/libdossier-core.a $(FLAGS_STAMP) | test-libs-check
	@mkdir -p $(dir $@)
	@echo "  LD $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $(LINK_INPUTS) $(TEST_LIBS) $(CORE_LIBS)

# Install what is missing on a Debian machine (quietly does nothing otherwise).
deps:
	@sh tests/deps.sh $(DEB_PKGS)

test-deps: deps
	@sh tests/deps.sh $(TEST_DEB_PKGS)

run: deps
	@$(MAKE) --no-print-directory -j$(NPROC) all
	$(BUILD)/dossier --corpus examples

# The whole suite twice: the normal build, then under AddressSanitizer +
# UBSan (CHECK_ASAN=0 skips the second pass); the last line sums both.
CHECK_ASAN ?= 1
# tests/cli/lean.sh asks one answer in SUITE_SAMPLE in its later rounds
# (the ASan pass: 3, its ~2,300 runs being most of that pass's time)
SUITE_SAMPLE ?= 1
# tests/cli/hostile.sh's time bounds (hangs, blow-ups) times SUITE_TIME_SCALE
# (the ASan pass: 3)
SUITE_TIME_SCALE ?= 1
ASAN_FLAGS = BUILD=build-asan CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" SUITE_TIME_SCALE=3

check: test-deps
	@rm -f $(BUILD)/.check-summary
	@$(MAKE) --no-print-directory check-one SUMMARY=$(CURDIR)/$(BUILD)/.check-summary
	@if [ "$(CHECK_ASAN)" = 1 ]; then echo "== the same suite under AddressSanitizer + UBSan"; \
	  $(MAKE) --no-print-directory $(ASAN_FLAGS) RUN_DEB_TEST= SUITE_SAMPLE=3 check-one SUMMARY=$(CURDIR)/$(BUILD)/.check-summary; fi
	@awk '{p += $$1; f += $$3} END {print p " passed, " f " failed"; exit f > 0}' $(BUILD)/.check-summary

# One build's suite (BUILD, SAN as given).
check-one:
	@$(MAKE) --no-print-directory check-layers
	@$(MAKE) --no-print-directory -j$(NPROC) all $(UNIT_BIN) $(FUZZ_REPLAY)
	@mkdir -p $(BUILD)
	@BUILD=$(BUILD) SUMMARY=$(SUMMARY) SUITE_SAMPLE=$(SUITE_SAMPLE) SUITE_TIME_SCALE=$(SUITE_TIME_SCALE) sh tests/run.sh

test: check

# The suite once more under ThreadSanitizer: loading, refreshing and
# indexing run on background threads (core/base/bgjob.c). Not part of check.
tsan-check: test-deps
	@rm -f build-tsan/.check-summary
	@TSAN_OPTIONS="halt_on_error=1 exitcode=66" $(MAKE) --no-print-directory BUILD=build-tsan \
	  CFLAGS="-O1 -g" SAN="-fsanitize=thread" check-one SUMMARY=$(CURDIR)/build-tsan/.check-summary
	@awk '{p += $$1; f += $$3} END {print p " passed, " f " failed"; exit f > 0}' build-tsan/.check-summary

# Speed beside newsboat and the read floor; writes BENCHMARKS.md (slow:
# BENCH_SIZES="1000 10000" for a short run; GEN=plain for the older
# near-ASCII collections). CORPUS=DIR measures loading a real folder beside
# its own read floor, in a section of its own. Never part of check.
bench: all
	@BUILD=$(BUILD) GEN="$(GEN)" CORPUS="$(CORPUS)" sh tests/bench/bench.sh
	@[ -n "$(CORPUS)" ] || BUILD=$(BUILD) BENCH_OUT="$${BENCH_OUT:-$(CURDIR)/BENCHMARKS.md}" sh tests/bench/render.sh

asan-check: test-deps
	@$(MAKE) --no-print-directory $(ASAN_FLAGS) check-one

# core/ and config/ never see ncurses; only tui/term.c does.
check-layers:
	@bad=$$(grep -l 'curses.h' core/*/*.[ch] config/*.[ch] 2>/dev/null); \
	 if [ -n "$$bad" ]; then echo "layer violation: curses in $$bad"; exit 1; fi; \
	 tuis=$$(grep -l 'curses.h' tui/*.[ch] 2>/dev/null | tr '\n' ' '); \
	 if [ "$$tuis" != "tui/term.c " ] && [ -n "$$tuis" ]; then echo "layer violation: curses in $$tuis"; exit 1; fi; \
	 bad=$$(grep -l '#include "\(tui\|config\)/' core/*/*.[ch] 2>/dev/null); \
	 if [ -n "$$bad" ]; then echo "layer violation: core includes tui/config: $$bad"; exit 1; fi

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/man/man5 $(DESTDIR)$(PREFIX)/share/dossier
	install -m 755 $(BUILD)/dossier $(DESTDIR)$(PREFIX)/bin/dossier
	install -m 644 $(BUILD)/man/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 $(BUILD)/man/*.5 $(DESTDIR)$(PREFIX)/share/man/man5/
	install -m 644 config/*.yaml $(DESTDIR)$(PREFIX)/share/dossier/
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/zsh/vendor-completions
	install -m 644 config/completions/dossier.bash \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/dossier
	install -m 644 config/completions/_dossier $(DESTDIR)$(PREFIX)/share/zsh/vendor-completions/_dossier

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/dossier
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/share/man/man1/,$(notdir $(filter %.1,$(MAN_PAGES))))
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/share/man/man5/,$(notdir $(filter %.5,$(MAN_PAGES))))
	rm -rf $(DESTDIR)$(PREFIX)/share/dossier
	rm -f $(DESTDIR)$(PREFIX)/share/bash-completion/completions/dossier
	rm -f $(DESTDIR)$(PREFIX)/share/zsh/vendor-completions/_dossier

# ---- fuzzing (tests/fuzz/fuzz_NAME.c; see TESTING.md) ----------------------
# The fuzz build compiles the core with clang, libFuzzer coverage, ASan and
# UBSan into its own folder; each harness links that core without main.
# The same harnesses also link with tests/fuzz/replay.c and any compiler as
# $(BUILD)/fuzz/replay_NAME, which `make check` uses to replay the saved
# inputs (tests/cli/fuzz_regress.sh).
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 5
FUZZ_CC      ?= clang
FUZZ_DEB_PKGS := clang libclang-rt-14-dev
FUZZ_SRC     := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES   := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
FUZZ_BIN     := $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz/fuzz_%)
FUZZ_REPLAY  := $(FUZZ_NAMES:%=$(BUILD)/fuzz/replay_%)
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_RUN_FLAGS := -rss_limit_mb=2048 -timeout=10 -max_len=65536 -print_final_stats=1

$(BUILD)/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(wildcard tests/fuzz/*.h) $(BUILD)/libdossier-core.a \
		$(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  LD $@"
	@$(CC) $(ALL_CFLAGS) -o $@ tests/fuzz/fuzz_$*.c tests/fuzz/replay.c $(BUILD)/libdossier-core.a $(CORE_LIBS)

$(FUZZ_BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(wildcard tests/fuzz/*.h) $(FUZZ_BUILD)/libdossier-core.a \
		$(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  LD $@"
	@$(FUZZ_CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_BUILD)/libdossier-core.a $(CORE_LIBS)

fuzz-deps:
	@sh tests/deps.sh $(FUZZ_DEB_PKGS)

fuzz-build: fuzz-deps
	@$(MAKE) --no-print-directory -j$(NPROC) BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) CFLAGS="-O1 -g -fno-omit-frame-pointer" \
		SAN="-fsanitize=fuzzer-no-link $(FUZZ_SAN)" $(FUZZ_BIN)

# Each target runs FUZZ_SECONDS on its seed corpus (tests/fuzz/corpus/NAME)
# plus a scratch corpus it grows in $(FUZZ_BUILD)/corpus/NAME; crashes are
# written to $(FUZZ_BUILD)/crash/NAME/ — copy fixed ones to tests/fuzz/regress/NAME.
# FUZZ_JOBS targets run at a time (fuzz-smoke: 2, one a core).
FUZZ_JOBS ?= 1
fuzz: fuzz-build
	@printf '%s\n' $(FUZZ_NAMES) | xargs -P $(FUZZ_JOBS) -I{} sh -c 't={}; \
		mkdir -p $(FUZZ_BUILD)/corpus/$$t $(FUZZ_BUILD)/crash/$$t; \
		echo "== fuzz $$t ($(FUZZ_SECONDS) s)"; \
		$(FUZZ_BUILD)/fuzz/fuzz_$$t $(FUZZ_RUN_FLAGS) -max_total_time=$(FUZZ_SECONDS) \
			-artifact_prefix=$(FUZZ_BUILD)/crash/$$t/ \
			$(FUZZ_BUILD)/corpus/$$t tests/fuzz/corpus/$$t 2>$(FUZZ_BUILD)/fuzz-$$t.log \
			|| { tail -n 40 $(FUZZ_BUILD)/fuzz-$$t.log; echo "== fuzz $$t FAILED"; exit 255; }; \
		grep -E "^stat::number_of_executed_units|^Done" $(FUZZ_BUILD)/fuzz-$$t.log | sed "s/^/$$t: /" || true'

fuzz-smoke: fuzz-build
	@set -e; for t in $(FUZZ_NAMES); do \
		echo "== replay $$t"; \
		$(FUZZ_BUILD)/fuzz/fuzz_$$t -runs=0 tests/fuzz/corpus/$$t \
			$$( [ -d tests/fuzz/regress/$$t ] && echo tests/fuzz/regress/$$t ) \
			>$(FUZZ_BUILD)/replay-$$t.log 2>&1 || { tail -n 40 $(FUZZ_BUILD)/replay-$$t.log; exit 1; }; \
	done
	@$(MAKE) --no-print-directory FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS) FUZZ_JOBS=2 fuzz

# valgrind on a load + export run over the test collection (issue 8).
VALGRIND := valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect \
	--track-fds=no -q
valgrind-check: all
	@sh tests/valgrind.sh $(BUILD) "$(VALGRIND)"

# Every build folder: the normal, sanitizer, ThreadSanitizer and fuzz
# builds (and BUILD when it is another build-* folder).
clean:
	rm -rf build build-asan build-tsan build-fuzz $(filter build-%,$(BUILD) $(FUZZ_BUILD))

# The README picture, regenerated from a real terminal (tmux, aha, Chromium).
.PHONY: screenshot
screenshot: $(BUILD)/dossier
	DOSSIER=$(BUILD)/dossier sh man/screenshot.sh

# A Debian package from debian/ with Debian's own tools; the .deb lands in ..
deb:
	dpkg-buildpackage -us -uc -b

-include $(CORE_OBJ:.o=.d) $(TUI_OBJ:.o=.d) $(BUILD)/tui/main.d $(UNIT_BIN:=.d)

# The article-extraction benchmark (tests/bench/extract.py; BENCHMARKS.md):
# pages and ground truth live outside the repository, in $(AEB); skipped
# when the folder is absent.
AEB ?= $(HOME)/corpora/aeb
# make bench-extract AEB=/path/to/article-extraction-benchmark
.PHONY: bench-extract
$(BUILD)/tests/bench_extract: tests/bench/extract_bench.c $(BUILD)/libdossier-core.a $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	@$(CC) $(ALL_CFLAGS) -o $@ $(LINK_INPUTS) $(CORE_LIBS)
bench-extract:
	@if [ -f "$(AEB)/ground-truth.json" ]; then \
		$(MAKE) --no-print-directory $(BUILD)/tests/bench_extract && \
		BENCH_OUT=$(CURDIR)/BENCHMARKS.md python3 tests/bench/extract.py "$(AEB)" $(BUILD)/tests/bench_extract; \
	else echo "bench-extract: no benchmark in $(AEB) (set AEB=DIR); skipped"; fi

# Warm queries and the reader at 100k and 1M generated articles (issue 20);
# not in CI: the 1M collection takes ~15 minutes and ~5 GB to generate once
# (SCALE_DIR, or name collections with SCALE_CORPORA="DIR..."). SCALE_PART=keys:
# only the reader's keystroke rows; SCALE_PART=reader: the warm reader's first
# screen, peak RSS and keys (SCALE_AB=BINARY: another build beside it);
# SCALE_CACHE=DIR keeps a warm cache;
# SCALE_FTS=0 skips the full-text index rows (its build: ~5 minutes at 1M).
bench-scale: all
	@BUILD=$(BUILD) sh tests/bench/scale.sh
