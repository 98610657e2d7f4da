#!/usr/bin/env bash
# The edge-worker example's tests (examples/edge-worker, issue #5): the deployable bundle from
# `wrangler deploy --dry-run` served by workerd through Miniflare, exercised over HTTP with
# `node --test`, plus `npm run dev` (wrangler dev on 127.0.0.1) end to end.
#
# Installs what is missing and nothing else: builds the npm package (make pkg) only when pkg/ is
# absent, and runs `npm ci` in the example only when its package-lock.json changed since the last
# install. Only the npm registry is contacted; all traffic stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

example=examples/edge-worker
say() { printf '[test-worker] %s\n' "$*" >&2; }

if [ ! -f pkg/package.json ]; then
  say "pkg/ is missing: make pkg"
  make pkg
fi

# npm ci when the example's lockfile (or the package it links to) changed since the last one.
# shellcheck source=scripts/npm-tools.sh
. scripts/npm-tools.sh
ensure_npm_tools "$example" pkg/package.json

# A .wrangler/ state folder written by a newer workerd crashes this one; the tests keep no state.
rm -rf "$example/.wrangler"

export WRANGLER_SEND_METRICS=false WRANGLER_SEND_ERROR_REPORTS=false CLOUDFLARE_CF_FETCH_ENABLED=false
cd "$example"
# One test file at a time: each starts workerd, and the machine has two cores.
node --test --test-concurrency=1 test/*.test.mjs
