# mxviz: two commands do everything on a fresh machine.
#   make serve   installs what is missing, builds, serves http://127.0.0.1:8080
#   make test    installs what is missing, runs every test layer
# Other targets are building blocks and benchmarks; see README.md.

SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
.DEFAULT_GOAL := help

export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# trunk must never download a tool.
export TRUNK_OFFLINE := true
export CHROMEDRIVER ?= /usr/bin/chromedriver
export CHROMIUM ?= /usr/bin/chromium
export CARGO_TERM_COLOR ?= never

TRUNK_VERSION := 0.21.14
# wasm-bindgen-cli must be exactly the wasm-bindgen of Cargo.lock.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
APT_GET := $(if $(filter 0,$(shell id -u)),apt-get,sudo apt-get)

.PHONY: help setup tools-rust tools-node tools-browser tools-engines serve build test test-native test-wasm test-e2e test-engines test-build \
        bench bench-model bench-ui clean

help:
	@echo "make serve   build and serve the app on http://127.0.0.1:8080 (installs what is missing)"
	@echo "make test    run every test layer: native, wasm (components), e2e (installs what is missing)"
	@echo "make bench   print the model and UI benchmark figures"

# ---- set-up: each step checks first, so a second run is instant ----

setup: tools-rust tools-node tools-browser tools-engines

tools-rust:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@trunk --version 2>/dev/null | grep -qF "$(TRUNK_VERSION)" || { echo "installing trunk $(TRUNK_VERSION) (about 9 minutes, once)"; cargo install trunk --version $(TRUNK_VERSION) --locked; }
	@wasm-bindgen --version 2>/dev/null | grep -qF "$(WASM_BINDGEN_VERSION)" || { echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 3 minutes, once)"; cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force; }

tools-node: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

tools-browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  echo "installing Debian's chromium and chromium-driver"; \
	  $(APT_GET) update && $(APT_GET) install -y --no-install-recommends chromium chromium-driver fonts-wqy-microhei; \
	fi
	@# Chinese screenshots need a CJK font, or every character is an empty box.
	@if ! fc-list 2>/dev/null | grep -qi 'wqy\|cjk'; then \
	  echo "installing a CJK font (fonts-wqy-microhei)"; \
	  $(APT_GET) update && $(APT_GET) install -y --no-install-recommends fonts-wqy-microhei; \
	fi

# The two other engines of the smoke layer: Firefox ESR with geckodriver,
# and WebKitGTK (Safari's engine) with its WebDriver, under Xvfb.
GECKODRIVER_VERSION := 0.37.1
tools-engines:
	@if ! command -v firefox-esr >/dev/null || ! command -v WebKitWebDriver >/dev/null || ! command -v xvfb-run >/dev/null; then \
	  echo "installing Debian's firefox-esr, webkit2gtk-driver and xvfb"; \
	  $(APT_GET) update && $(APT_GET) install -y --no-install-recommends firefox-esr webkit2gtk-driver xvfb xauth; \
	fi
	@geckodriver --version 2>/dev/null | grep -qF "$(GECKODRIVER_VERSION)" || { echo "installing geckodriver $(GECKODRIVER_VERSION) (about 4 minutes, once)"; cargo install geckodriver --version $(GECKODRIVER_VERSION) --locked; }

# ---- run ----

# A development build: one module for both languages.
serve: tools-rust tools-node
	trunk serve --features csr

# The release build: one trunk build per language (a reader downloads one
# language's module: English at the top of dist/, Chinese in dist/zh/), then
# the first picture, rendered natively by Yew's server renderer from the
# app's own components and written into dist/index.html with the build's
# version (src/bin/prerender.rs). No browser; the same bytes every time.
# The crates' paths in the module (panic locations) name no machine's home
# directory: the same bytes wherever the commit is built.
CARGO_HOME_DIR := $(or $(CARGO_HOME),$(HOME)/.cargo)
WASM_RUSTFLAGS := --remap-path-prefix=$(CARGO_HOME_DIR)/registry/src/=crates/ --remap-path-prefix=$(CURDIR)/=mxviz/
# `make build DIST=dir` builds into another directory (the reproducibility test).
DIST ?= dist
build: tools-rust tools-node
	RUSTFLAGS="$(WASM_RUSTFLAGS)" trunk build --release --no-default-features --features csr,zh --dist target/build-zh
	RUSTFLAGS="$(WASM_RUSTFLAGS)" trunk build --release --no-default-features --features csr,en --dist $(DIST)
	mkdir -p $(DIST)/zh && cp target/build-zh/mxviz.js target/build-zh/mxviz_bg.wasm $(DIST)/zh/
	cargo run --locked --quiet --features ssr --bin prerender -- $(DIST)

# ---- tests: every layer runs, each prints its result line, then a summary ----

test: setup
	@mkdir -p target; fail=0; \
	for layer in native wasm e2e engines build; do \
	  echo "=== $$layer tests ==="; \
	  if $(MAKE) --no-print-directory test-$$layer 2>&1 | tee target/test-$$layer.log; then :; else fail=1; fi; \
	done; \
	echo; echo "=== figures ==="; grep -hE '^(properties|link fuzz|scenario fuzz|conformance|layout)' target/test-native.log || true; grep -hE '^# reproducible' target/test-build.log || true; \
	echo; echo "=== summary ==="; total_p=0; total_f=0; \
	for layer in native wasm e2e engines build; do \
	  log=target/test-$$layer.log; \
	  if [ $$layer != native ] && [ $$layer != wasm ]; then \
	    p=$$(awk '/^# pass /{s+=$$3} END{print s+0}' $$log); f=$$(awk '/^# fail /{s+=$$3} END{print s+0}' $$log); \
	  else \
	    p=$$(grep -E '^test result:' $$log | sed -E 's/.* ([0-9]+) passed.*/\1/' | awk '{s+=$$1} END{print s+0}'); \
	    f=$$(grep -E '^test result:' $$log | sed -E 's/.* ([0-9]+) failed.*/\1/' | awk '{s+=$$1} END{print s+0}'); \
	  fi; \
	  if [ $$p -eq 0 ]; then f=$$((f+1)); fi; \
	  echo "$$layer: $$p passed, $$f failed"; total_p=$$((total_p+p)); total_f=$$((total_f+f)); \
	done; \
	if [ $$fail -ne 0 ] && [ $$total_f -eq 0 ]; then total_f=1; fi; \
	echo "all: $$total_p passed, $$total_f failed"; \
	exit $$fail

# --show-output: the property, fuzz and conformance tests print their figures.
test-native:
	cargo test --locked -- --show-output

test-wasm: tools-rust
	cargo test --locked --target wasm32-unknown-unknown --features csr --test web_components

test-e2e: build tools-node
	mkdir -p target/screenshots
	node --test --test-concurrency=1 tests/e2e/*.test.mjs

# Firefox and WebKit: the smoke layer (Chromium has the full e2e layer).
test-engines: build tools-node tools-engines
	mkdir -p target/screenshots
	xvfb-run -a node --test --test-concurrency=1 tests/engines/*.test.mjs

# The release build: no browser, the same bytes when built again.
test-build: build tools-node
	node --test --test-concurrency=1 tests/build/*.test.mjs

# ---- benchmarks: figures, not pass/fail ----

bench: bench-model bench-ui

bench-model: tools-rust tools-node
	cargo bench --locked --bench model
	cargo build --locked --profile wasm-bench --target wasm32-unknown-unknown --features wasm-bench --example wasm_bench
	wasm-bindgen --target nodejs --out-dir target/wasm-bench target/wasm32-unknown-unknown/wasm-bench/examples/wasm_bench.wasm
	node tests/bench/wasm-model.mjs

# The bare Yew counter beside the app: built the same way (benches/counter).
bench-ui: build tools-browser
	cd benches/counter && CARGO_TARGET_DIR=../../target/counter trunk build --release
	node tests/bench/ui.mjs
	node tests/bench/pace.mjs
	node tests/bench/replay.mjs

clean:
	cargo clean
	rm -rf dist node_modules
