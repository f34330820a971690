# Thin front door over Meson + Ninja. `make demo` and `make check` install what is missing first
# (scripts/deps), so both work on a fresh Debian 12 machine.
BUILD ?= build
ASAN ?= build-asan
FUZZ ?= build-fuzz
DEMO_DB ?= demo.db
LISTEN ?= 127.0.0.1:8080
FUZZ_SECONDS ?= 15

.PHONY: all deps build demo check check-fast unit http browser asan fuzz bench bench-pg clean

all: build

deps:
	@./scripts/deps

$(BUILD)/build.ninja:
	meson setup $(BUILD)

build: $(BUILD)/build.ninja
	ninja -C $(BUILD)

demo: deps build
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	./$(BUILD)/ishc demo --db $(DEMO_DB)
	./$(BUILD)/ishc serve --db $(DEMO_DB) --listen $(LISTEN)

# The whole suite on the normal build, then again under ASan+UBSan, then the fuzzers.
check: deps
	./scripts/check

unit: build
	meson test -C $(BUILD) --print-errorlogs

http: build
	ISHC_BIN=$(CURDIR)/$(BUILD)/ishc node --test --test-concurrency=2 tests/http/

browser: build
	ISHC_BIN=$(CURDIR)/$(BUILD)/ishc node --test --test-concurrency=1 tests/browser/

fuzz:
	./scripts/fuzz $(FUZZ_SECONDS)

bench: deps build
	./bench/run

# The same requests on SQLite and PostgreSQL, one server and two behind nginx, side by side.
bench-pg: deps build
	./bench/pg

clean:
	rm -rf $(BUILD) $(ASAN) $(FUZZ)
