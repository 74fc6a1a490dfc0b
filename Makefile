# Pindex: the two commands of the README, and the developer conveniences around them.
#   make run    install what is missing, build, open Pindex on the bundled demo project
#   make test   the same, then the whole CTest suite

PRESET ?= $(if $(filter true,$(CI)),ci,dev)
BUILD_DIR ?= build/dev
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CTEST_ARGS ?=
FUZZ_SECONDS ?= 600

.PHONY: all deps configure build fuzz-build fuzz asan asan-unit run test bench package screenshots format lint clean

all: build

deps:
	@bash installer/debian-deps.sh

configure: deps
	@cmake --preset $(PRESET) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) --parallel $(JOBS)

run: build
	@if [ -n "$$DISPLAY" ] || [ -n "$$WAYLAND_DISPLAY" ]; then \
		$(BUILD_DIR)/app/pindex --project $(BUILD_DIR)/demo; \
	else \
		echo "No display is available (neither DISPLAY nor WAYLAND_DISPLAY is set):"; \
		echo "showing the demo project headless instead of opening the window."; \
		echo; \
		$(BUILD_DIR)/app/pindex show --project $(BUILD_DIR)/demo; \
	fi

test: build fuzz-build
	@ctest --test-dir $(BUILD_DIR) --output-on-failure --parallel $(JOBS) $(CTEST_ARGS)

# The fuzzers: clang 16 with libFuzzer, ASan and UBSan (preset fuzz, build/fuzz). `make test` builds
# them and the suite runs each for a short while (CTest label fuzz, PINDEX_FUZZ_SHORT_SECONDS;
# skipped when not built); `make fuzz` runs each for FUZZ_SECONDS (docs/SECURITY.md).
fuzz-build: deps
	@cmake --preset fuzz >/dev/null
	@cmake --build build/fuzz --parallel $(JOBS) --target pindex-fuzzers

fuzz: fuzz-build
	@bash tests/fuzz/run_fuzz.sh --build-dir build/fuzz --seconds $(FUZZ_SECONDS)

# Sanitizers: the asan preset (Debug, ASan + UBSan, build/asan; docs/SECURITY.md, "Sanitizers").
# `make asan` builds everything and runs the whole suite under it; `make asan-unit` builds only the
# unit label's executables (pindex-unit-tests) and runs that label. `make asan` builds the fuzzers
# first, so its fuzz label runs them rather than skipping. CI (`make test`) runs only the
# fuzz label under ASan + UBSan (fuzz-build): the unit label under this preset would add ~10
# minutes to a fresh CI run (measured in docs/SECURITY.md), over its budget.
asan: deps fuzz-build
	@cmake --preset asan >/dev/null
	@cmake --build build/asan --parallel $(JOBS)
	@ctest --test-dir build/asan --output-on-failure --parallel $(JOBS) $(CTEST_ARGS)

asan-unit: deps
	@cmake --preset asan >/dev/null
	@cmake --build build/asan --parallel $(JOBS) --target pindex-unit-tests
	@ctest --test-dir build/asan --output-on-failure --parallel $(JOBS) -L unit $(CTEST_ARGS)

# Benchmarks (never timed unit tests): a release build, then every tests/bench/run_*.sh with it.
# Results and the commands that reproduce them are recorded in docs/BENCHMARKS.md.
bench: deps
	@cmake --preset bench >/dev/null
	@cmake --build build/bench --parallel $(JOBS)
	@for script in tests/bench/run_*.sh; do \
		echo "== $$script"; bash "$$script" "$$PWD/build/bench" || exit 1; \
	done

# The Debian package pindex_<version>_<arch>.deb from a release build (installer/README.md).
package: deps
	@cmake --preset release >/dev/null
	@cmake --build build/release --parallel $(JOBS)
	@cd build/release && cpack -G DEB
	@ls build/release/pindex_*.deb

# Each tab of the window on the demo project, rendered under Xvfb, into docs/screenshots/.
screenshots: build
	@xvfb-run -a -s "-screen 0 1280x800x24" $(BUILD_DIR)/app/pindex --project $(BUILD_DIR)/demo \
		--screenshots docs/screenshots
	@ls docs/screenshots

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

lint: configure
	@git ls-files 'core/*.cpp' 'ui/*.cpp' 'app/*.cpp' | xargs clang-tidy -p $(BUILD_DIR) --quiet

clean:
	@rm -rf build
