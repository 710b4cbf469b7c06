# Tereze: `make run` serves the demo, `make test` runs every test suite.
# Both install what is missing first (scripts/install-deps.sh).

BUILD      ?= build
BUILD_ASAN ?= build-asan
DB         ?= var/tereze.db
LISTEN     ?= 127.0.0.1:8080
JOBS       ?= $(shell nproc)
# An instant to start a test clock at (e.g. 2026-11-24T10:00:00+05:00), so that the demo's
# desk accepts applications outside the branch's real opening hours; empty: the real clock.
CLOCK      ?=

.PHONY: all deps build web run test test-unit test-asan bench format clean

all: build web

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD)/build.ninja
	@echo "==> building the server"
	cmake --build $(BUILD) -j $(JOBS)

web: deps
	@echo "==> building the web front end"
	cd web && npm run build --silent

run: build web
	@mkdir -p var
	@if [ -s $(DB) ]; then echo "==> using the existing $(DB)"; \
	 else echo "==> loading the demo into $(DB)"; $(BUILD)/tereze demo --db sqlite:$(DB); fi
	@echo "==> serving on http://$(LISTEN)"
	$(BUILD)/tereze serve --db sqlite:$(DB) --listen $(LISTEN) --web web/dist \
	  $(if $(CLOCK),--test-clock $(CLOCK))

test: build web test-asan
	@echo "==> running every test suite"
	cd $(BUILD) && ctest --output-on-failure --timeout 600

# Unit tests again under AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan: deps
	@echo "==> unit tests under ASan + UBSan"
	@[ -f $(BUILD_ASAN)/build.ninja ] || cmake -S . -B $(BUILD_ASAN) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTEREZE_SANITIZE=ON
	cmake --build $(BUILD_ASAN) -j $(JOBS) --target tereze_unit_tests
	cd $(BUILD_ASAN) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -L unit

bench: build
	bench/run.sh $(BUILD)

format:
	clang-format -i $$(git ls-files 'src/*.cc' 'src/*.h' 'tests/*.cc' 'tests/*.h' 'bench/*.cc')

clean:
	rm -rf $(BUILD) $(BUILD_ASAN) web/dist
