# edge-jwt: every entry point a developer or CI needs.
#
#   make demo   run the main job locally
#   make test   every test; installs what is missing first (idempotent)
#
# Tools come only from the package registries; scripts/ensure-tools.sh knows
# the versions that work here (see shared TOOLCHAIN notes in the README).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)
CARGO ?= cargo

.PHONY: test demo tools check-fmt clippy doc test-native test-wasi test-wasm pkg test-pkg test-worker test-www \
	test-soak test-interop test-fastapi fuzz-smoke bench bench-deps test-hono test-hostile

## make test: every suite, in order from the core outwards. Each installs what it needs first.
test: tools check-fmt clippy doc test-native test-wasi test-wasm test-pkg test-docs test-hostile test-worker test-hono test-www \
	test-soak test-interop test-fastapi fuzz-smoke test-publish
	@echo "make test: all suites passed"

tools:
	scripts/ensure-tools.sh all

check-fmt:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --all-targets -- -D warnings
	# wasm32 with the JavaScript boundary (feature js) and its suite.
	$(CARGO) clippy --all-targets --all-features --target wasm32-unknown-unknown -- -D warnings
	# The npm package's module: no std (scripts/build-pkg.sh).
	$(CARGO) clippy --lib --no-default-features --features js,start,panic-trap --target wasm32-unknown-unknown \
		-- -D warnings
	# wasm32 without js, as a Rust application (workers-rs) depends on the crate: with and without std.
	$(CARGO) clippy --all-targets --target wasm32-unknown-unknown -- -D warnings
	$(CARGO) clippy --lib --no-default-features --target wasm32-unknown-unknown -- -D warnings
	# WASI (make test-wasi).
	$(CARGO) clippy --all-targets --target wasm32-wasip1 -- -D warnings

# The API documentation as docs.rs builds it, without a warning (broken intra-doc links, ...).
doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --no-deps

test-native:
	$(CARGO) test

# The core's suites (not the boundary's) as a WASI program, in Node's node:wasi (scripts/wasi-run.mjs), then
# examples/wasi.rs and the library's own module: neither may import or export anything of wasm-bindgen.
WASI_RUNNER := node --no-warnings $(CURDIR)/scripts/wasi-run.mjs
test-wasi:
	scripts/ensure-tools.sh rust
	CARGO_TARGET_WASM32_WASIP1_RUNNER="$(WASI_RUNNER)" $(CARGO) test --target wasm32-wasip1
	CARGO_TARGET_WASM32_WASIP1_RUNNER="$(WASI_RUNNER)" $(CARGO) run --quiet --target wasm32-wasip1 --example wasi
	$(CARGO) build --quiet --target wasm32-wasip1 --lib --example wasi
	target=$$($(CARGO) metadata --format-version 1 --no-deps | \
		node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0, "utf8")).target_directory)'); \
	node scripts/wasi-imports.mjs "$$target/wasm32-wasip1/debug/examples/wasi.wasm" \
		"$$target/wasm32-wasip1/debug/edge_jwt.wasm"

# The same wasm_bindgen_test suite (tests/wasm/) in two browsers (tests/wasm_browser.rs) and Node (tests/wasm.rs).
# Both need the boundary: feature js (Cargo.toml's required-features).
test-wasm:
	wasm-pack test --headless --chrome --features js
	wasm-pack test --headless --firefox --features js
	wasm-pack test --node --features js
	# Again without std, as the npm package's module is built (the boundary suite alone: the
	# other suites use the serde_json API, which needs std).
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
		$(CARGO) test --target wasm32-unknown-unknown --no-default-features --features js --test wasm

## make pkg: a clean checkout -> pkg/, the npm package ready for `npm pack ./pkg` (issue: npm package).
pkg:
	scripts/build-pkg.sh

# The packed tarball installed into scratch projects and run in every runtime.
test-pkg: pkg
	scripts/test-pkg.sh

# A hostile caller: getters, Proxies, prototype setters, stack overflows, memory past 2 GiB, key
# material left in wasm memory; in Node and workerd.
test-hostile: pkg
	scripts/test-hostile.sh

# The edge worker in workerd (miniflare), through HTTP.
test-worker: pkg
	scripts/test-worker.sh

# edge-jwt/hono in workerd (miniflare): examples/hono-worker and real Hono apps, through HTTP.
test-hono: pkg
	scripts/test-hono.sh

# The demo page in headless Chromium and Firefox, alone and against the worker.
test-www: pkg
	scripts/test-www.sh

# A million mixed calls in one Node process and one workerd isolate: memory must stay flat.
test-soak: pkg
	scripts/test-soak.sh

# Tokens exchanged with python-jose, PyJWT and jose, both directions.
test-interop:
	scripts/test-interop.sh

# The FastAPI app (uvicorn, python-jose and PyJWT variants) and the edge worker, tokens both ways over HTTP.
test-fastapi: pkg
	scripts/test-fastapi.sh

# Every JavaScript and TypeScript block of the READMEs, run against the packed tarball (tsc --strict for
# .ts; Workers through their fetch). Blocks marked ```js fragment are skipped (CONTRIBUTING.md).
.PHONY: test-docs test-publish
test-docs: pkg
	scripts/test-docs.sh

# npm publish --dry-run on pkg/, the crate's file list, and cargo publish --dry-run: nothing is uploaded.
test-publish: pkg
	scripts/test-publish.sh

# 60 seconds per cargo-fuzz target.
fuzz-smoke:
	fuzz/run.sh smoke

## make bench: speed and size against jose, fast-jwt, jsonwebtoken and the node:crypto floor.
bench:
	scripts/bench.sh

## make bench-deps: each dependency left out, measured against what edge-jwt does instead (bench/deps/).
bench-deps:
	bash bench/deps/run.sh

## make demo: the main job: the edge worker (127.0.0.1:8787) and the demo page (127.0.0.1:5173).
demo:
	scripts/demo.sh
