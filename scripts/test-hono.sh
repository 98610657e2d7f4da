#!/usr/bin/env bash
# make test-hono (after make pkg): edge-jwt/hono in workerd (Miniflare), with real Hono apps
# (examples/hono-worker): the example's FastAPI flow as `wrangler deploy` bundles it, every option
# and failure of the middleware (test/apps/features.js), and a hono/jwt app moved over by changing
# its import (test/apps/compat.js). The last line is node --test's summary.
#
# Installs what is missing and nothing else: `npm ci` in the example when its lockfile or pkg/ changed
# since the last install (.npmrc install-links: edge-jwt is copied from pkg/, as npm installs a
# published package). Only the npm registry is contacted; all traffic stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

example=examples/hono-worker
say() { printf '[test-hono] %s\n' "$*" >&2; }

[ -f pkg/package.json ] || { say "error: pkg/ is missing: run make pkg (make test-hono does)"; exit 1; }

# shellcheck source=scripts/npm-tools.sh
. scripts/npm-tools.sh
# pkg/ is copied in, not linked: any change to it means a new install.
ensure_npm_tools "$example" pkg/*

# A .wrangler/ state folder written by a newer workerd crashes this one; the tests keep no state.
rm -rf "$example/.wrangler"

export WRANGLER_SEND_METRICS=false WRANGLER_SEND_ERROR_REPORTS=false CLOUDFLARE_CF_FETCH_ENABLED=false
cd "$example"
# One test file at a time: each starts workerd, and the machine has two cores.
node --test --test-concurrency=1 test/*.test.mjs
