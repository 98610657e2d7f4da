#!/usr/bin/env bash
# Re-measures the dependency choices of docs/architecture.md ("Dependencies"): for each
# alternative, the gzipped size of a small wasm module doing the work and its speed in Node,
# next to what edge-jwt does. Writes bench/deps/RESULTS.md.
#
#   bash bench/deps/run.sh
#
# 1. Each probe crate (probes/*, a workspace of its own) is built twice for wasm32-unknown-unknown
#    with the crate's release profile and its .cargo/config.toml rustflags (simd128, inlining
#    thresholds: cargo reads them because the build runs inside the repository): once as it is, to
#    be weighed, and once with its `bench` feature (the loops and checks run.mjs calls).
#    A probe is built alone, so that one probe's features (std for serde-wasm-bindgen, web-time)
#    never leak into another's.
# 2. wasm-bindgen (the CLI matching the pinned 0.2.130) and wasm-opt with the package's flags
#    (scripts/build-pkg.sh: -O3 --converge, producers and target features stripped), then
#    gzip -9 of the .wasm.
# 3. The package's own module (same cargo command as build-pkg.sh, in target/pkg here) for the
#    end-to-end verify of comparison 3. Not the whole pkg/: no esbuild, the glue is used as
#    wasm-bindgen wrote it.
# 4. run.mjs checks that both sides of each comparison give identical outputs (exits non-zero
#    otherwise), times them (median of interleaved rounds) and writes RESULTS.md.
#
# Environment: ROUNDS (default 31), SAMPLE_MS (target length of one timed sample, default 20).
# Run it on a quiet machine: the sides of a comparison are interleaved, so that noise touches both,
# but a busy machine still widens the spread (RESULTS.md records the load average).
# Needs: cargo with the wasm32-unknown-unknown target, wasm-bindgen 0.2.130, node >= 20, and
# npm (for binaryen's wasm-opt, never Debian's).
set -euo pipefail
cd "$(dirname "$0")"
DEPS=$PWD
ROOT=$(cd ../.. && pwd)
OUT=$DEPS/out
TARGET=wasm32-unknown-unknown
WASM_OPT_FLAGS=(-O3 --converge --strip-producers --strip-target-features)

say() { printf '[bench/deps] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

want_bindgen=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$ROOT/Cargo.lock")
have_bindgen=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
[ "$have_bindgen" = "$want_bindgen" ] ||
  die "wasm-bindgen ${have_bindgen:-missing}, want $want_bindgen (cargo install wasm-bindgen-cli --version $want_bindgen)"
# wasm-opt: npm `binaryen` at the version scripts/build-tools pins, installed once into .tools/ here
# (gitignored) rather than borrowed from scripts/build-tools, which another build may be reinstalling.
binaryen_version=$(node -p 'require(process.argv[1]).packages["node_modules/binaryen"].version' \
  "$ROOT/scripts/build-tools/package-lock.json")
WASM_OPT=$DEPS/.tools/node_modules/.bin/wasm-opt
if [ ! -x "$WASM_OPT" ] || [ "$("$WASM_OPT" --version | awk '{print $3}')" != "${binaryen_version%%.*}" ]; then
  say "npm install binaryen@$binaryen_version into bench/deps/.tools"
  mkdir -p "$DEPS/.tools"
  (cd "$DEPS/.tools" && npm install --no-save --no-audit --no-fund --loglevel=error "binaryen@$binaryen_version") >&2
fi
opt_version=$("$WASM_OPT" --version | awk '{print $3}')
[ "${opt_version:-0}" -ge 116 ] 2>/dev/null ||
  die "$WASM_OPT is binaryen $opt_version: use npm binaryen (Debian's breaks wasm-bindgen output)"

rm -rf "$OUT"
mkdir -p "$OUT"
printf 'probe\tbuild\traw\topt\tgzip\n' >"$OUT/sizes.tsv"

# bindgen IN.wasm DIR [wasm-bindgen flags...]: glue + optimised .wasm in DIR.
bindgen() {
  local in=$1 dir=$2
  shift 2
  wasm-bindgen --out-dir "$dir" --out-name probe "$@" "$in"
  cp "$dir/probe_bg.wasm" "$dir/unopt.wasm"
  "$WASM_OPT" "${WASM_OPT_FLAGS[@]}" "$dir/probe_bg.wasm" -o "$dir/probe_bg.wasm"
}

record() { # probe build dir
  local raw opt gz
  raw=$(stat -c %s "$3/unopt.wasm")
  opt=$(stat -c %s "$3/probe_bg.wasm")
  gz=$(gzip -9 -c <"$3/probe_bg.wasm" | wc -c)
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$raw" "$opt" "$gz" >>"$OUT/sizes.tsv"
}

for dir in probes/*/; do
  probe=$(basename "$dir")
  file=${probe//-/_}
  for build in size bench; do
    features=()
    [ "$build" = bench ] && features=(--features "$probe/bench")
    say "cargo build $probe ($build)"
    cargo build --quiet --release --target "$TARGET" -p "$probe" "${features[@]}"
    bindgen "target/$TARGET/release/$file.wasm" "$OUT/$build/$probe" --target nodejs
    record "$probe" "$build" "$OUT/$build/$probe"
  done
done

# The package's module, as scripts/build-pkg.sh builds it (cargo features, wasm-bindgen --target
# web with the reset function, the short import names, wasm-opt).
say "cargo build edge-jwt (the package's module)"
if cargo build --quiet --release --target "$TARGET" --lib --no-default-features --features start,panic-trap \
  --manifest-path "$ROOT/Cargo.toml" --target-dir "$DEPS/target/pkg"; then
  pkgdir=$OUT/pkg
  wasm-bindgen --target web --experimental-reset-state-function --out-name edge_jwt --out-dir "$pkgdir" \
    "$DEPS/target/pkg/$TARGET/release/edge_jwt.wasm"
  node "$ROOT/scripts/short-import-names.mjs" "$pkgdir/edge_jwt_bg.wasm" "$pkgdir/edge_jwt.js"
  cp "$pkgdir/edge_jwt_bg.wasm" "$pkgdir/unopt.wasm"
  "$WASM_OPT" "${WASM_OPT_FLAGS[@]}" "$pkgdir/unopt.wasm" -o "$pkgdir/edge_jwt_bg.wasm"
  printf '{"type":"module"}\n' >"$pkgdir/package.json"
  printf '%s\t%s\t%s\t%s\t%s\n' package size "$(stat -c %s "$pkgdir/unopt.wasm")" \
    "$(stat -c %s "$pkgdir/edge_jwt_bg.wasm")" "$(gzip -9 -c <"$pkgdir/edge_jwt_bg.wasm" | wc -c)" >>"$OUT/sizes.tsv"
else
  say "the package's module did not build: comparison 3 runs without it"
fi

# Machine and toolchain, for RESULTS.md.
{
  printf 'date\t%s\n' "$(date -u +%Y-%m-%dT%H:%MZ)"
  printf 'commit\t%s%s\n' "$(git -C "$ROOT" rev-parse --short HEAD)" "$(git -C "$ROOT" diff --quiet HEAD -- src Cargo.toml .cargo bench/deps/probes bench/deps/rt bench/deps/common || echo ' (with uncommitted changes)')"
  printf 'cpu\t%s\n' "$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
  printf 'cores\t%s\n' "$(nproc)"
  printf 'os\t%s\n' "$(uname -sr)"
  printf 'load\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf 'rustc\t%s\n' "$(rustc --version)"
  printf 'node\t%s\n' "$(node --version)"
  printf 'wasm-bindgen\t%s\n' "$have_bindgen"
  printf 'wasm-opt\t%s\n' "binaryen $opt_version (${WASM_OPT_FLAGS[*]})"
  printf 'rustflags\t%s\n' "$(awk '/^\[target.wasm32-unknown-unknown\]/ { p = 1; next } /^\[/ { p = 0 } p && /"-C"/' "$ROOT/.cargo/config.toml" | tr -d ' \n' | sed 's/"-C",/ -C /g; s/",*//g')"
} >"$OUT/machine.tsv"

say "node run.mjs (checks, then timing)"
node run.mjs
say "wrote bench/deps/RESULTS.md"
