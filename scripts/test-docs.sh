#!/usr/bin/env bash
# make test-docs (after make pkg): every JavaScript and TypeScript block of README.md,
# pkg-template/README.md and examples/*/README.md, run against the package as a user gets it: pkg/ is
# packed with npm pack, the tarball installed into a scratch project, and each block run there
# (tests/docs/run.mjs; .ts blocks through tsc --strict first; Workers through their fetch). Blocks
# marked ```js fragment are skipped (CONTRIBUTING.md). The last line is `N passed, N failed`.
#
# Installs tests/docs/'s pinned npm tools (typescript, hono) with npm ci when its lockfile changed.
# EDGE_JWT_PKG=dir packs another build of the package instead of pkg/. Extra arguments go to
# tests/docs/run.mjs (--keep, or the markdown files to check).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
# shellcheck source=scripts/npm-tools.sh
. "$ROOT/scripts/npm-tools.sh"

say() { printf '[test-docs] %s\n' "$*" >&2; }
started=$(date +%s)
PKG=${EDGE_JWT_PKG:-$ROOT/pkg}

[ -f "$PKG/package.json" ] || { say "error: $PKG is missing: run make pkg (make test-docs does)"; exit 1; }
ensure_npm_tools "$ROOT/tests/docs"

packed=$(mktemp -d)
trap 'rm -rf "$packed"' EXIT
tarball=$(cd "$packed" && npm pack "$PKG" --pack-destination "$packed" --loglevel=error | tail -n 1)
say "packed $tarball; setup took $(($(date +%s) - started)) s"

# run.mjs prints the `N passed, N failed` line last: nothing may follow it.
node tests/docs/run.mjs --tarball "$packed/$tarball" "$@"
