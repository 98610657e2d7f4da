#!/usr/bin/env bash
# make test-pkg (after make pkg): packs pkg/ into the tarball npm would publish, installs it into
# scratch projects and runs the shared conformance suite (pkg-tests/conformance.mjs) in Node ESM and
# CommonJS (and ESM under a Buffer polyfill that copies), workerd (miniflare), Vercel edge-runtime
# with wasm code generation off, Deno, Bun, and Chromium (Vite build, esbuild bundle, plain
# <script type="module">); then tsc --strict on a
# TypeScript consumer, publint and attw. The last line is `N passed, N failed` (suites).
#
# Installs what it needs and skips what is there: Debian's chromium, and the pinned npm tools of
# pkg-tests/ (npm ci). Extra arguments go to pkg-tests/run.mjs (--only node,deno  --keep).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
# shellcheck source=scripts/npm-tools.sh
. "$ROOT/scripts/npm-tools.sh"

say() { printf '[test-pkg] %s\n' "$*" >&2; }
started=$(date +%s)

[ -f pkg/package.json ] || { say "error: pkg/ is missing: run make pkg (make test-pkg does)"; exit 1; }

if ! command -v chromium >/dev/null 2>&1; then
  say "apt-get install chromium"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
ensure_npm_tools "$ROOT/pkg-tests"

packed=$(mktemp -d)
trap 'rm -rf "$packed"' EXIT
tarball=$(cd "$packed" && npm pack "$ROOT/pkg" --pack-destination "$packed" --loglevel=error | tail -n 1)
say "packed $tarball ($(stat -c %s "$packed/$tarball") bytes); $(tar -tzf "$packed/$tarball" | wc -l) files"

say "setup took $(($(date +%s) - started)) s"
# run.mjs prints the `N passed, N failed` line last: nothing may follow it.
CHROMIUM=$(command -v chromium) node pkg-tests/run.mjs --tarball "$packed/$tarball" "$@"
