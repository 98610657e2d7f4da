#!/usr/bin/env bash
# make test-hostile (after make pkg): the package attacked as a hostile caller would attack it
# (tests/hostile/): throwing getters and revoked Proxies, setters and read-only members on the
# prototypes, stack overflows, wasm memory past 2 GiB, key material left in wasm memory. The
# portable cases run in Node and in workerd (Miniflare); the memory ones in Node alone. Also the
# JavaScript half of the boundary from JavaScript (boundary.test.mjs): the claims writer against
# JSON.stringify and the tape reader against JSON.parse, on generated documents; and the crossings of
# the boundary, counted (crossings.test.mjs): one call into the module per operation, none out of it.
#
# Installs what is missing (npm ci in tests/hostile when its lockfile or pkg/ changed).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[test-hostile] %s\n' "$*" >&2; }

if [ ! -f pkg/package.json ]; then
  say "pkg/ is missing: make pkg"
  make pkg
fi

# shellcheck source=scripts/npm-tools.sh
. scripts/npm-tools.sh
ensure_npm_tools tests/hostile pkg/package.json

cd tests/hostile
# One file at a time: memory.test.mjs grows wasm memory past 2 GiB, in a process of its own.
node --test --test-concurrency=1 boundary.test.mjs crossings.test.mjs node.test.mjs memory.test.mjs polyfill.test.mjs workerd.test.mjs
