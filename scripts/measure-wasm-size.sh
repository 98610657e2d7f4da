#!/usr/bin/env bash
# Compares the size of the shipped .wasm for rustc opt-level 3 / "s" / "z" (through
# CARGO_PROFILE_RELEASE_OPT_LEVEL, so Cargo.toml is untouched) and wasm-opt -O3 (with and without
# --converge) / -Os / -Oz, on the module as make pkg builds it (no std).
# Levels other than Cargo.toml's build in target/size-opt-LEVEL, so the main target is not rebuilt.
# About one release build per level; run it by hand when the profile or the dependencies change.
#
#   scripts/measure-wasm-size.sh [LEVEL...]     # default: 3 s z
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/npm-tools.sh
. scripts/npm-tools.sh
ensure_npm_tools "$PWD/scripts/build-tools"
WASM_OPT=$PWD/scripts/build-tools/node_modules/.bin/wasm-opt
levels=("$@")
[ ${#levels[@]} -gt 0 ] || levels=(3 s z)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gz() { gzip -9 -c "$1" | wc -c; }

printf '%-12s %-12s %10s %10s\n' "opt-level" "wasm-opt" "raw" "gzip -9"
for level in "${levels[@]}"; do
  target=$PWD/target
  [ "$level" = 3 ] || target=$PWD/target/size-opt-$level
  CARGO_PROFILE_RELEASE_OPT_LEVEL=$level nice cargo build --release --target wasm32-unknown-unknown \
    --lib --no-default-features --features js,start,panic-trap --quiet --target-dir "$target"
  wasm-bindgen --target web --out-name edge_jwt --out-dir "$work/$level" \
    "$target/wasm32-unknown-unknown/release/edge_jwt.wasm"
  f=$work/$level/edge_jwt_bg.wasm
  printf '%-12s %-12s %10d %10d\n' "$level" "none" "$(stat -c %s "$f")" "$(gz "$f")"
  for flags in -O3 "-O3 --converge" -Os -Oz; do
    # shellcheck disable=SC2086 # the flags are words
    "$WASM_OPT" $flags --strip-producers --strip-target-features "$f" -o "$work/out.wasm"
    printf '%-12s %-12s %10d %10d\n' "$level" "$flags" "$(stat -c %s "$work/out.wasm")" "$(gz "$work/out.wasm")"
  done
done
