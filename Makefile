# touchpoint — build, test, install.
#
#   make            the touchpoint program
#   make demo       install missing packages, build, report on the example organisation
#   make check      install packages and test tools, then every test (sanitizers included)
#   make install PREFIX=/usr/local

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/touchpoint

CC ?= cc
PKGS := yaml-0.1 libcmark-gfm xlsxwriter
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions -lm -lpthread

WARN := -std=c11 -Wall -Wextra -Wpedantic -Wstrict-prototypes -Wshadow -Wno-unused-parameter -Wno-overlength-strings
CFLAGS ?= -O2 -g
ALL_CFLAGS = $(WARN) $(CFLAGS) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ilib $(PKG_CFLAGS) \
	-DTP_DATADIR='"$(DATADIR)"'

B ?= build
LIB_SRC := $(sort $(wildcard lib/*.c))
LIB_OBJ := $(LIB_SRC:lib/%.c=$(B)/lib/%.o)
TEST_SRC := $(sort $(wildcard tests/test_*.c))
TEST_BIN := $(TEST_SRC:tests/%.c=$(B)/tests/%)

# Debian packages: what the build needs, and what the tests need besides.
BUILD_DEBS := gcc make pkg-config libyaml-dev libcmark-gfm-dev libcmark-gfm-extensions-dev \
	libxlsxwriter-dev zlib1g-dev
TEST_DEBS := libcmocka-dev python3 python3-yaml python3-jsonschema man-db unzip clang libclang-rt-14-dev valgrind time bc chromium libreoffice-calc-nogui util-linux clang-tidy

.PHONY: FORCE format tidy all demo check deps deps-test test unit e2e asan oom bench bench-smoke fuzz valgrind install uninstall clean

all: touchpoint

# ./touchpoint is always the release build: a make for another build folder
# (the sanitizer run, whose e2e tests run `make install`) builds it as release.
ifeq ($(B),build)
touchpoint: $(B)/touchpoint
	cp $< $@
else
touchpoint: FORCE
	$(MAKE) --no-print-directory B=build CC=cc CFLAGS="-O2 -g" LDFLAGS= touchpoint
endif
FORCE:

$(B)/touchpoint: $(B)/cmd/main.o $(B)/cmd/zip_level.o $(B)/libtouchpoint.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS) $(LDFLAGS)

$(B)/libtouchpoint.a: $(LIB_OBJ) $(B)/lib/schema_data.o $(B)/lib/template_data.o
	rm -f $@ && ar rcs $@ $^

# The JSON Schema of the log format and the page template live once, in
# schema/ and templates/; the program carries a copy of each, so it depends
# neither on the working directory nor on where it was installed or moved.
$(B)/lib/schema_data.c: EMBED_NAME := tp_schema_json
$(B)/lib/template_data.c: EMBED_NAME := tp_template_html
$(B)/lib/schema_data.c: schema/touchpoint.schema.json
$(B)/lib/template_data.c: templates/report.html
$(B)/lib/schema_data.c $(B)/lib/template_data.c: | $(B)/lib
	{ echo '/* Generated from $< by the Makefile. */'; \
	  echo 'const char $(EMBED_NAME)[] ='; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $<; echo ';'; } > $@

$(B)/lib/%_data.o: $(B)/lib/%_data.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/lib/%.o: lib/%.c lib/*.h | $(B)/lib
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/cmd/%.o: cmd/%.c cmd/*.h lib/*.h | $(B)/cmd
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/tests/%: tests/%.c $(B)/libtouchpoint.a tests/*.h | $(B)/tests
	$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(B)/libtouchpoint.a $(PKG_LIBS) -lcmocka $(LDFLAGS)

$(B)/lib $(B)/cmd $(B)/tests:
	mkdir -p $@

# ---------------------------------------------------------------- packages
# As root: apt-get install what is missing. Otherwise: print the line and stop.
define install_debs
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	  else \
	    echo "missing Debian packages; run:"; \
	    echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
endef

deps:
	$(call install_debs,$(BUILD_DEBS))

deps-test: deps
	$(call install_debs,$(TEST_DEBS))

# -------------------------------------------------------------------- demo
DEMO_OUT ?= report-demo
demo: deps
	$(MAKE) --no-print-directory touchpoint
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-1791000000} ./touchpoint report -o $(DEMO_OUT) fixtures/northwind
	@echo "open $(DEMO_OUT)/report.html"

# ------------------------------------------------------------------- tests
# TP_SLOW_TESTS=1 adds the workbook of 1,048,576 interaction rows (about
# 10 s); the sanitizer run leaves it out (it says SKIPPED there).
TP_SLOW_TESTS ?= 1
unit: $(TEST_BIN)
	@set -e; for t in $(TEST_BIN); do echo "== $$t"; TP_SLOW_TESTS=$(TP_SLOW_TESTS) $$t; done

# E2E_SKIP: scripts (base names) left out of this run.
E2E_SKIP ?=
e2e: $(B)/touchpoint $(B)/bench-gen
	@set -e; for t in tests/e2e/*.sh; do \
	  case " $(E2E_SKIP) " in *" $$(basename $$t) "*) echo "== $$t: SKIPPED here"; continue ;; esac; \
	  echo "== $$t"; TOUCHPOINT=$(abspath $(B)/touchpoint) \
	  BENCH_GEN=$(abspath $(B)/bench-gen) bash $$t; done

test: unit e2e

# The same tests on a build with AddressSanitizer and UndefinedBehaviorSanitizer.
# Thinner where the sanitizer adds little to the release run: the browser
# test (Chromium's time; the page it opens is rendered under the sanitizer
# by the other tests too) is left out, and the two differential tests run
# fewer generated organisations (4 of 12; 2 of the benchmark's 4 groups).
ASAN_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
ASAN_MAKE = $(MAKE) --no-print-directory B=build-asan CC=clang CFLAGS="$(ASAN_CFLAGS)" TP_SLOW_TESTS=0 \
	  LDFLAGS="-fsanitize=address,undefined"
asan:
	DIFF_SEEDS=4 BENCH_DIFF_GROUPS=2 $(ASAN_MAKE) E2E_SKIP=browser.sh test

# Every allocation of a small report failing in turn, on the ASan build.
WRAP := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup
oom:
	$(ASAN_MAKE) build-asan/libtouchpoint.a build-asan/cmd/main.o build-asan/cmd/zip_level.o
	clang $(ASAN_CFLAGS) -D_POSIX_C_SOURCE=200809L -c -o build-asan/failalloc.o tests/oom/failalloc.c
	clang -fsanitize=address,undefined -o build-asan/touchpoint-oom build-asan/cmd/main.o build-asan/cmd/zip_level.o \
	  build-asan/libtouchpoint.a build-asan/failalloc.o $(WRAP) $(PKG_LIBS)
	TOUCHPOINT_OOM=$(abspath build-asan/touchpoint-oom) bash tests/oom/run.sh

check: deps-test
	$(MAKE) --no-print-directory test
	$(MAKE) --no-print-directory bench-smoke
	$(MAKE) --no-print-directory valgrind
	$(MAKE) --no-print-directory fuzz
	$(MAKE) --no-print-directory asan
	$(MAKE) --no-print-directory oom
	$(MAKE) --no-print-directory touchpoint
	@! nm touchpoint | grep -q __asan_init || { echo "check: ./touchpoint is not the release build"; exit 1; }
	@echo "check: all passed"

# -------------------------------------------------------------------- fuzz
# libFuzzer, three harnesses of FUZZ_SECONDS each: fuzz_read (the reader
# and validator, seeded with the fixtures and the YAML test suite),
# fuzz_render (valid logs rendered in every format, every SVG and workbook
# part checked well-formed, the page free of anything from the input) and
# fuzz_bench (fuzzed report.json through the benchmark, checked likewise).
# Seeds are kept in tests/fuzz/seeds/, inputs that once failed in
# tests/fuzz/regressions*/ and are replayed first.
FUZZ_SECONDS ?= 10
FUZZ_FLAGS := -O1 -g -fno-omit-frame-pointer
FUZZ_RUN := -max_len=65536 -timeout=10 -rss_limit_mb=2048 -artifact_prefix=build-fuzz/ -print_final_stats=1
TP_CORPORA ?= ../shared/corpora
FUZZ_LIB := $(LIB_SRC:lib/%.c=build-fuzz/lib/%.o) build-fuzz/lib/schema_data.o build-fuzz/lib/template_data.o
build-fuzz/lib/%.o: lib/%.c lib/*.h
	@mkdir -p build-fuzz/lib
	clang $(WARN) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link,address,undefined -D_POSIX_C_SOURCE=200809L \
	  -D_DEFAULT_SOURCE -Ilib $(PKG_CFLAGS) -c -o $@ $<

build-fuzz/lib/%_data.o: $(B)/lib/%_data.c
	@mkdir -p build-fuzz/lib
	clang $(FUZZ_FLAGS) -c -o $@ $<

.SECONDARY: $(FUZZ_LIB) # kept between runs, though only the pattern rule below needs them
build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/*.h $(FUZZ_LIB)
	clang $(WARN) $(FUZZ_FLAGS) -fsanitize=fuzzer,address,undefined -D_POSIX_C_SOURCE=200809L \
	  -D_DEFAULT_SOURCE -Ilib -Itests/fuzz -o $@ $< $(FUZZ_LIB) $(PKG_LIBS)

# fuzz_one NAME CORPUS...: replay its regressions, then fuzz for FUZZ_SECONDS.
define fuzz_one
	build-fuzz/fuzz_$(1) -runs=0 $(2)
	@echo "fuzz_$(1): fuzzing for $(FUZZ_SECONDS) s (log: build-fuzz/$(1).log; a failing input lands in build-fuzz/)"
	@build-fuzz/fuzz_$(1) -max_total_time=$(FUZZ_SECONDS) $(FUZZ_RUN) $(3) build-fuzz/corpus-$(1) \
	  > build-fuzz/$(1).log 2>&1 \
	  || { tail -60 build-fuzz/$(1).log; echo "fuzz_$(1): FAILED; add the input to $(2)"; exit 1; }
	@tail -4 build-fuzz/$(1).log
endef

fuzz: build-fuzz/fuzz_read build-fuzz/fuzz_render build-fuzz/fuzz_bench
	@test -d $(TP_CORPORA)/yaml-test-suite || { echo "fuzz: no $(TP_CORPORA)/yaml-test-suite"; exit 1; }
	@rm -rf build-fuzz/corpus-* && mkdir -p build-fuzz/corpus-read build-fuzz/corpus-render build-fuzz/corpus-bench
	@find fixtures -name '*.yaml' -size -64k -exec cp --backup=numbered -t build-fuzz/corpus-read {} +
	@find $(TP_CORPORA)/yaml-test-suite -name in.yaml | while read -r f; do \
	  cp "$$f" "build-fuzz/corpus-read/$$(echo "$$f" | tr / _)"; done
	@find fixtures -name '*.yaml' -size -64k -exec cp --backup=numbered -t build-fuzz/corpus-render {} +
	@cp tests/fuzz/seeds/render/* build-fuzz/corpus-render/
	@cp tests/fuzz/seeds/bench/* build-fuzz/corpus-bench/
	$(call fuzz_one,read,tests/fuzz/regressions/*,)
	$(call fuzz_one,render,tests/fuzz/regressions-render,-dict=tests/fuzz/logs.dict)
	$(call fuzz_one,bench,tests/fuzz/regressions-bench,-dict=tests/fuzz/report.dict)

# valgrind memcheck on the demo: no error, no leak.
valgrind: $(B)/touchpoint
	rm -rf $(B)/valgrind-demo
	SOURCE_DATE_EPOCH=1790000000 valgrind -q --error-exitcode=1 --leak-check=full \
	  --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
	  $(B)/touchpoint report -q -j2 -o $(B)/valgrind-demo fixtures/northwind

# --------------------------------------------------------------- benchmark
# Ratios against libyaml's bare event parser, measured in the same run.
$(B)/bench-gen: tests/bench/gen.c | $(B)/lib
	$(CC) -O2 -std=c11 -Wall -o $@ $<

$(B)/bench-baseline: tests/bench/baseline.c | $(B)/lib
	$(CC) -O2 -std=c11 -Wall $(PKG_CFLAGS) -o $@ $< $(PKG_LIBS)

bench: $(B)/touchpoint $(B)/bench-gen $(B)/bench-baseline
	B=$(B) TOUCHPOINT=$(abspath $(B)/touchpoint) bash tests/bench/run.sh

# make check runs the bench at a small size only to see that it works.
bench-smoke: $(B)/touchpoint $(B)/bench-gen $(B)/bench-baseline
	BENCH_INTERACTIONS=2000 BENCH_RUNS=1 BENCH_DIR=$(abspath $(B))/bench-smoke \
	  TOUCHPOINT=$(abspath $(B)/touchpoint) bash tests/bench/run.sh

# ------------------------------------------------------------------ format
# clang-format with the checked-in .clang-format, on every C file.
FORMAT_SRC = $(wildcard lib/*.c lib/*.h cmd/*.c tests/*.c tests/*.h tests/*/*.c)
format:
	clang-format -i $(FORMAT_SRC)

# -------------------------------------------------------------------- tidy
# clang-tidy with the checked-in .clang-tidy (which says what is on and
# why some checks are off) on lib/ and cmd/, with the build's flags, one
# file per core; any finding fails. About 80 s on two cores.
TIDY_SRC = $(sort $(wildcard lib/*.c cmd/*.c))
tidy:
	$(call install_debs,clang-tidy)
	@echo "tidy: $(words $(TIDY_SRC)) files"
	@printf '%s\n' $(TIDY_SRC) | xargs -P "$$(nproc)" -I{} \
	  sh -c 'clang-tidy --quiet "$$1" -- $(ALL_CFLAGS) 2>/dev/null || { echo "tidy: $$1: findings above"; exit 1; }' sh {} \
	  || { echo "tidy: FAILED (fix, or NOLINT(check) with the reason; see .clang-tidy)"; exit 1; }
	@echo "tidy: clean"

# ----------------------------------------------------------------- install
install: touchpoint
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	  $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(DATADIR)/reports
	install -m 755 touchpoint $(DESTDIR)$(BINDIR)/touchpoint
	install -m 644 touchpoint.1 $(DESTDIR)$(MANDIR)/man1/touchpoint.1
	install -m 644 touchpoint-logs.5 $(DESTDIR)$(MANDIR)/man5/touchpoint-logs.5
	install -m 644 templates/* $(DESTDIR)$(DATADIR)/templates/
	install -m 644 reports/*.yaml $(DESTDIR)$(DATADIR)/reports/
	install -m 644 schema/touchpoint.schema.json $(DESTDIR)$(DATADIR)/touchpoint.schema.json
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 644 completion/touchpoint.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/touchpoint

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/touchpoint $(DESTDIR)$(MANDIR)/man1/touchpoint.1 \
	  $(DESTDIR)$(MANDIR)/man5/touchpoint-logs.5
	rm -rf $(DESTDIR)$(DATADIR)
	rm -f $(DESTDIR)$(PREFIX)/share/bash-completion/completions/touchpoint

clean:
	rm -rf build build-asan build-fuzz touchpoint report-demo
