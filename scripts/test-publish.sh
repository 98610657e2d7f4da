#!/usr/bin/env bash
# make test-publish (after make pkg): both registries would take the package as it is, without
# publishing anything.
#   1. npm publish --dry-run on pkg/ (the tarball npm would upload: its file list is checked too);
#   2. cargo package --list: the crate ships the library, its docs and licenses, nothing else
#      (Cargo.toml's `include`);
#   3. cargo publish --dry-run --allow-dirty: packs the crate, resolves it against the crates.io index
#      and builds it as a user's cargo would (default features, host target).
# The last line is `N passed, N failed`. EDGE_JWT_PKG=dir checks another build of the npm package.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PKG=${EDGE_JWT_PKG:-$ROOT/pkg}
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '[test-publish] %s\n' "$*" >&2; }
[ -f "$PKG/package.json" ] || { say "error: $PKG is missing: run make pkg (make test-publish does)"; exit 1; }

passed=0
failed=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT
check() { # NAME COMMAND...: runs it, keeps its output, shows it on failure
  local name=$1
  shift
  if "$@" >"$out" 2>&1; then
    passed=$((passed + 1))
    printf 'ok   %s\n' "$name"
  else
    failed=$((failed + 1))
    printf 'FAIL %s\n' "$name"
    sed 's/^/     | /' "$out" | tail -n 40
  fi
}

npm_dry_run() {
  # In a copy: npm publish may run lifecycle scripts and write nothing else, but pkg/ is make's.
  local copy
  copy=$(mktemp -d)
  cp -r "$PKG/." "$copy/"
  (cd "$copy" && npm publish --dry-run --loglevel=notice) >"$copy.log" 2>&1 || { cat "$copy.log"; rm -rf "$copy" "$copy.log"; return 1; }
  cat "$copy.log"
  local name version
  name=$(node -p 'require(process.argv[1]).name' "$copy/package.json")
  version=$(node -p 'require(process.argv[1]).version' "$copy/package.json")
  rm -rf "$copy"
  grep -q "^+ $name@$version\$" "$copy.log" || { echo "no '+ $name@$version' line"; rm -f "$copy.log"; return 1; }
  # Every file the package's exports and entries need is in the tarball.
  local f
  for f in README.md package.json edge_jwt_bg.wasm edge_jwt.js edge_jwt.cjs index.d.ts index.d.cts \
    node.mjs node.cjs workerd.js edge-light.js deno.js bun.js browser.js hono.js hono.cjs hono.d.ts hono.d.cts \
    LICENSE-MIT LICENSE-APACHE; do
    grep -Eq "npm notice [0-9.]+k?B +$f\$" "$copy.log" || { echo "$f is not in the tarball"; rm -f "$copy.log"; return 1; }
  done
  rm -f "$copy.log"
}

crate_files() {
  local list
  list=$(cargo package --list --allow-dirty --quiet 2>/dev/null)
  printf '%s\n' "$list"
  # Allowed: the library, the quickstart example, and the top-level docs, licenses and manifests.
  local junk
  junk=$(printf '%s\n' "$list" | grep -Ev '^(src/.+|examples/quickstart\.rs|Cargo\.toml|Cargo\.toml\.orig|Cargo\.lock|\.cargo_vcs_info\.json|README\.md|CHANGELOG\.md|SECURITY\.md|LICENSE-MIT|LICENSE-APACHE)$' || true)
  [ -z "$junk" ] || { printf 'not meant for the crate:\n%s\n' "$junk"; return 1; }
  printf '%s\n' "$list" | grep -qx 'src/lib.rs' || { echo "src/lib.rs is missing"; return 1; }
}

check "npm publish --dry-run ($PKG)" npm_dry_run
check "cargo package --list: the library, its docs and licenses only" crate_files
check "cargo publish --dry-run --allow-dirty" cargo publish --dry-run --allow-dirty

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
