#!/usr/bin/env bash
# Installs what the build and the tests need, and skips what is already there.
# Only the package registries are reachable (crates.io, npm, PyPI, Debian): every
# tool comes from one of them. Versions are the ones verified in shared/TOOLCHAIN.md.
#
#   scripts/ensure-tools.sh rust      rustup targets (wasm32-unknown-unknown, wasm32-wasip1), rustfmt, clippy
#   scripts/ensure-tools.sh wasm      + wasm-bindgen-cli (pinned to Cargo.lock), wasm-pack
#   scripts/ensure-tools.sh browsers  + Debian chromium, chromedriver, firefox-esr, geckodriver
#   scripts/ensure-tools.sh all       everything above
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_PACK_VERSION=0.15.1
GECKODRIVER_VERSION=0.37.1

say() { printf '[ensure-tools] %s\n' "$*" >&2; }

# The wasm-bindgen version the CLI must match: the one Cargo.lock resolved.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock
}

ensure_rust() {
  # wasm32-unknown-unknown: the npm package and the boundary suite; wasm32-wasip1: make test-wasi.
  local installed t
  installed=$(rustup target list --installed)
  for t in wasm32-unknown-unknown wasm32-wasip1; do
    if ! grep -qx "$t" <<<"$installed"; then
      say "adding rustup target $t"
      rustup target add "$t"
    fi
  done
  for c in rustfmt clippy; do
    rustup component list --installed | grep -q "^$c" || rustup component add "$c"
  done
}

ensure_wasm() {
  ensure_rust
  local want have
  [ -f Cargo.lock ] || cargo generate-lockfile
  want=$(wasm_bindgen_version)
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (have: ${have:-none})"
    # No --locked: its lockfile names a crate version the registry does not serve.
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
  have=$(wasm-pack --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$WASM_PACK_VERSION" ]; then
    say "installing wasm-pack $WASM_PACK_VERSION (have: ${have:-none})"
    cargo install wasm-pack --locked --version "$WASM_PACK_VERSION" --force
  fi
}

apt_updated=0
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ $apt_updated -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  say "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_browsers() {
  apt_install chromium chromium-driver firefox-esr
  local have
  have=$(geckodriver --version 2>/dev/null | awk 'NR==1{print $2}' || true)
  if [ "$have" != "$GECKODRIVER_VERSION" ]; then
    say "installing geckodriver $GECKODRIVER_VERSION (have: ${have:-none})"
    cargo install geckodriver --locked --version "$GECKODRIVER_VERSION" --force
  fi
}

case "${1:-all}" in
  rust) ensure_rust ;;
  wasm) ensure_wasm ;;
  browsers) ensure_browsers ;;
  all) ensure_wasm; ensure_browsers ;;
  *) echo "usage: $0 rust|wasm|browsers|all" >&2; exit 2 ;;
esac
