#!/usr/bin/env bash
# The demo page's tests (www/, issue #6): the page built with Vite on the npm package's browser
# entry, driven headless in Debian's Chromium (playwright-core) and Firefox ESR (geckodriver),
# alone and against the real edge worker (examples/edge-worker, `npm run dev`) and the FastAPI app
# (examples/fastapi, uvicorn) for the panel's server switch.
#
# Installs what is missing and nothing else: the browsers through scripts/ensure-tools.sh,
# pkg/ through `make pkg` only when it is absent, and `npm ci` in www/ (and in the worker example)
# only when the lockfile changed since the last install. Only package registries are contacted; all
# traffic stays on 127.0.0.1. Screenshots land in www/test-results/ (gitignored).
#
# Needs 127.0.0.1:5173, 127.0.0.1:8787 and 127.0.0.1:8000 free: stop `make demo` first. The FastAPI
# venv (.venv-fastapi, scripts/fastapi-venv.sh) is made when python3 is installed; without python3
# the switch test is reported as skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '[test-www] %s\n' "$*" >&2; }

if ! command -v chromium >/dev/null || ! command -v firefox-esr >/dev/null || ! command -v geckodriver >/dev/null; then
  say "browsers missing: scripts/ensure-tools.sh browsers"
  scripts/ensure-tools.sh browsers
fi

if [ ! -f pkg/package.json ]; then
  say "pkg/ is missing: make pkg"
  make pkg
fi

# npm ci in each folder when its lockfile (or the package it links to) changed since the last one.
# shellcheck source=scripts/npm-tools.sh
. scripts/npm-tools.sh
ensure_npm_tools www pkg/package.json
# The worker test starts the real worker; without its example the test is reported as skipped.
if [ -f examples/edge-worker/package-lock.json ]; then
  ensure_npm_tools examples/edge-worker pkg/package.json
fi

if command -v python3 >/dev/null; then
  # shellcheck source=scripts/fastapi-venv.sh
  . scripts/fastapi-venv.sh
  ensure_fastapi_venv
else
  say "python3 not found: the FastAPI switch test will be skipped"
fi

for port in 5173 8787 8000; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    say "127.0.0.1:$port is in use (is \`make demo\` running?): stop it and run again"
    exit 1
  fi
done

say "vite build"
(cd www && npm run --silent build)

export WRANGLER_SEND_METRICS=false WRANGLER_SEND_ERROR_REPORTS=false CLOUDFLARE_CF_FETCH_ENABLED=false
say "node --test (Chromium, Firefox, the edge worker, FastAPI); screenshots in www/test-results/"
cd www
# One file at a time: every file serves the page on 127.0.0.1:5173.
node --test --test-concurrency=1 test/*.test.js
