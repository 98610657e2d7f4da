#!/usr/bin/env bash
# make pkg: turns a clean checkout into pkg/, the npm package `edge-jwt`, ready for `npm pack ./pkg`.
#
#   1. the version in pkg-template/package.json must equal Cargo.toml's (else the build fails)
#   2. cargo builds the wasm32 cdylib (release profile of Cargo.toml)
#   3. wasm-bindgen --target web writes the one JavaScript glue (with initSync) and the types;
#      the names of the glue functions the .wasm imports are shortened in both (short-import-names.mjs);
#      esbuild folds the glue, its snippets (classes.js, brand.js) and the HTTP helpers
#      (pkg-template/http.js: bearerToken, tokenCookie) into one ES module (edge_jwt.js) and the same
#      module as CommonJS (edge_jwt.cjs, for require in Node)
#   4. wasm-opt (npm `binaryen`, never Debian's) shrinks the .wasm that every entry shares
#   5. pkg-template/ adds package.json, README.md, one small entry per runtime, and the Hono
#      middleware (`edge-jwt/hono`: hono.js, and hono.cjs made from it by esbuild)
#   6. checks: every entry exports exactly the glue's public names (with the HTTP helpers); no main
#      entry mentions hono; require and import both load in Node; then the sizes of the .wasm and the
#      glue, raw and gzipped
#
# Environment: WASM_OPT_FLAGS (default -O3 --converge: -O3 was as small as -Oz gzipped, 41.6
# against 41.5 KB, and verify was faster in every interleaved run; --converge repeats the passes
# until the module stops shrinking, 0.1 KB gzipped, at the same speed;
# scripts/measure-wasm-size.sh compares the choices);
# EDGE_JWT_WASM=path/to.wasm skips cargo and packages that file instead (for experiments).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/pkg
TEMPLATE=$ROOT/pkg-template
TOOLS=$ROOT/scripts/build-tools
WASM_OPT_FLAGS=${WASM_OPT_FLAGS:--O3 --converge}
# shellcheck source=scripts/npm-tools.sh
. "$ROOT/scripts/npm-tools.sh"

say() { printf '[build-pkg] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# 1. One version for the crate and the npm package.
cargo_version=$(awk '/^\[package\]/ { p = 1; next } /^\[/ { p = 0 } p && /^version *=/ { gsub(/"/, "", $3); print $3; exit }' Cargo.toml)
npm_version=$(node -p 'require("./pkg-template/package.json").version')
[ -n "$cargo_version" ] || die "no version in Cargo.toml's [package]"
[ "$cargo_version" = "$npm_version" ] ||
  die "pkg-template/package.json has version $npm_version but Cargo.toml has $cargo_version: make them equal"

# 2. Tools (each step skips what is already installed) and the wasm.
scripts/ensure-tools.sh wasm
ensure_npm_tools "$TOOLS"
export PATH="$TOOLS/node_modules/.bin:$PATH"

if [ -n "${EDGE_JWT_WASM:-}" ]; then
  wasm_in=$EDGE_JWT_WASM
  say "packaging $wasm_in (EDGE_JWT_WASM), cargo skipped"
else
  # start: the module installs Key's key schedule when it is instantiated. No std, and panic-trap
  # as its panic handler (Cargo.toml).
  say "cargo build --release --target wasm32-unknown-unknown --lib --no-default-features --features js,start,panic-trap"
  cargo build --release --target wasm32-unknown-unknown --lib --no-default-features --features js,start,panic-trap --quiet
  wasm_in=$(cargo metadata --format-version 1 --no-deps | node -e '
    const m = JSON.parse(require("fs").readFileSync(0, "utf8"));
    process.stdout.write(m.target_directory)')/wasm32-unknown-unknown/release/edge_jwt.wasm
fi
[ -f "$wasm_in" ] || die "$wasm_in is missing"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 3. Glue and types. --target web emits initSync, which the entries call with a compiled module;
# --target bundler emits the same declarations without the init functions: its .d.ts is the API.
# --experimental-reset-state-function: the glue's __wbg_reset_state makes a fresh instance from the
# compiled module, which classes.js uses after a call that threw (a stack overflow can stop the
# module anywhere, its stack pointer and allocator half updated): see `__edgeJwtUseReset` below.
wasm-bindgen --target web --experimental-reset-state-function --out-name edge_jwt --out-dir "$work/web" "$wasm_in"
wasm-bindgen --target bundler --out-name edge_jwt --out-dir "$work/bundler" "$wasm_in"
cmp -s "$work/web/edge_jwt_bg.wasm" "$work/bundler/edge_jwt_bg.wasm" ||
  die "wasm-bindgen wrote different .wasm files for --target web and bundler; the types may not match"

# The glue functions' names (`__wbg_<name>_<hash>`), shortened in the .wasm and the glue alike.
node scripts/short-import-names.mjs "$work/web/edge_jwt_bg.wasm" "$work/web/edge_jwt.js"

rm -rf "$OUT"
mkdir -p "$OUT"

# The snippets are folded in, so no hashed snippets/ path is shipped and the glue, its snippets
# and JwtError (which the glue re-exports) form one module: one class per instance.
# wasm-bindgen lists a snippet twice in its imports object when the .wasm imports it directly
# (same namespace both times): silence that warning.
# Minified, as a size-conscious module ships (8.1 -> 5.8 KB gzipped). The readable source is
# src/wasm/. Not --keep-names, which wraps every function (0.8 KB gzipped): named.js gives the
# exports alone their names back, for stack traces and util.inspect. Nor the glue's default export,
# its async loader (0.5 KB gzipped): every entry calls initSync, browser.js with a module it
# compiled itself.
# The names are listed (the glue's exports, read from it) so that esbuild can leave the rest out.
# pkg-template/http.js (bearerToken, tokenCookie: no wasm) joins them: every entry exports them too.
export_names() {
  node --input-type=module -e '
    const m = await import(process.argv[1]);
    process.stdout.write(Object.keys(m).filter((n) => n !== "default").join(", "))' "$1"
}
names=$(export_names "$work/web/edge_jwt.js")
http_names=$(export_names "$TEMPLATE/http.js")
cp "$TEMPLATE/http.js" "$work/http.js"
cat >"$work/named.js" <<EOF
import { $names } from "./web/edge_jwt.js";
import { $http_names } from "./http.js";
__edgeJwtUseReset(__wbg_reset_state);
export { $names, $http_names };
for (const [name, value] of Object.entries({ $names, $http_names })) {
  if (typeof value === "function") Object.defineProperty(value, "name", { value: name });
}
EOF
esbuild_common=(--bundle --minify --log-level=warning --legal-comments=none
  --log-override:duplicate-object-key=silent "$work/named.js")
esbuild "${esbuild_common[@]}" --format=esm --outfile="$OUT/edge_jwt.js"
# The CommonJS copy serves require (Node 20 before 20.19 cannot require an ES module). Its unused
# async init reads import.meta.url, which CommonJS has not: silence that one warning.
esbuild "${esbuild_common[@]}" --format=cjs --platform=node --log-override:empty-import-meta=silent \
  --outfile="$OUT/edge_jwt.cjs"

{
  printf '// edge-jwt %s: the public API (generated by wasm-bindgen from src/wasm/).\n' "$npm_version"
  # Key declares [Symbol.dispose] (for `using`): without this reference a project whose lib is
  # older than esnext fails to type-check the package (TS2550) unless it sets skipLibCheck.
  if grep -q 'Symbol\.dispose' "$work/bundler/edge_jwt.d.ts"; then
    printf '/// <reference lib="esnext.disposable" />\n'
  fi
  sed -e '/^\/\* tslint:disable \*\/$/d' -e '/^\/\* eslint-disable \*\/$/d' "$work/bundler/edge_jwt.d.ts"
  cat "$TEMPLATE/http.d.ts"
} >"$OUT/index.d.ts"
# The same declarations, read as CommonJS by `require` users under moduleResolution node16.
cp "$OUT/index.d.ts" "$OUT/index.d.cts"

# 4. One optimized .wasm for every entry.
say "wasm-opt $WASM_OPT_FLAGS"
wasm-opt $WASM_OPT_FLAGS --strip-producers --strip-target-features \
  "$work/web/edge_jwt_bg.wasm" -o "$OUT/edge_jwt_bg.wasm"

# 5. What wasm-bindgen cannot generate.
for f in package.json README.md hono.js hono.d.ts; do
  cp "$TEMPLATE/$f" "$OUT/$f"
done
# The runtime entries without their comments (pkg-template/ is their commented source): each is
# loaded with the glue and the .wasm, within the 32 KB budget of issue #18; the browser entry's
# comments alone were 0.5 KB of it gzipped. Only whitespace goes: the code stays as written.
for f in node.cjs node.mjs workerd.js edge-light.js deno.js bun.js browser.js; do
  esbuild --minify-whitespace --log-level=warning "$TEMPLATE/$f" --outfile="$OUT/$f"
done
# edge-jwt/hono for require: the same code as CommonJS, so that it loads Hono's CommonJS build (one
# HTTPException class with the app's). Not minified: it is read as source, and only by Hono users.
esbuild --bundle --log-level=warning --format=cjs --platform=neutral --external:hono "--external:hono/*" \
  --external:edge-jwt "$TEMPLATE/hono.js" --outfile="$OUT/hono.cjs"
cp "$TEMPLATE/hono.d.ts" "$OUT/hono.d.cts"
# The licenses the manifest names ("MIT OR Apache-2.0"), as the crate ships them.
cp LICENSE-MIT LICENSE-APACHE "$OUT/"

# 6. Checks.
# Every file the manifest lists exists, and nothing else was built.
node - "$OUT" <<'EOF'
const fs = require("fs"), path = require("path");
const dir = process.argv[2];
const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
const always = new Set(["package.json", "README.md"]);
const listed = new Set(pkg.files);
const present = fs.readdirSync(dir);
const missing = [...listed].filter((f) => !present.includes(f));
const unlisted = present.filter((f) => !listed.has(f) && !always.has(f));
if (missing.length || unlisted.length) {
  console.error(`[build-pkg] error: files missing: ${missing.join(", ") || "none"}; built but not in "files": ${unlisted.join(", ") || "none"}`);
  process.exit(1);
}
EOF

# The entries export exactly what the glue exports, minus its init and start functions; and Node loads
# the package both ways (this also instantiates the optimized .wasm once).
node --input-type=module - "$OUT" <<'EOF'
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const dir = process.argv[2];
// __edgeJwt* and __wbg* are not API, though wasm-bindgen exports them too: the start function
// (src/wasm/key.rs), the exports that issue and verify call (src/wasm/mod.rs), and the reset.
const glue = Object.keys(await import(pathToFileURL(`${dir}/edge_jwt.js`))).filter((n) => n !== "default" && n !== "initSync" && !n.startsWith("__edgeJwt") && !n.startsWith("__wbg")).sort();
const want = glue.join(", ");
const fail = (msg) => { console.error(`[build-pkg] error: ${msg}`); process.exit(1); };
for (const entry of ["workerd.js", "edge-light.js", "deno.js", "bun.js", "browser.js", "node.mjs"]) {
  const src = readFileSync(`${dir}/${entry}`, "utf8");
  const m = src.match(/export const\s*\{([^}]*)\}\s*=/);
  const names = m ? m[1].split(",").map((s) => s.trim()).filter(Boolean).sort().join(", ") : "(none found)";
  if (names !== want) fail(`${entry} exports ${names}; the glue exports ${want}: update pkg-template/`);
}
const cjs = createRequire(import.meta.url)(`${dir}/node.cjs`);
const esm = await import(pathToFileURL(`${dir}/node.mjs`));
for (const name of glue) {
  if (cjs[name] === undefined) fail(`node.cjs does not export ${name}`);
  if (esm[name] !== cjs[name]) fail(`node.mjs and node.cjs export different ${name}`);
}
if (typeof cjs.issue !== "function" || typeof cjs.JwtError !== "function") fail("issue or JwtError is not a function");
// Importing the main entry never loads Hono (an optional peer): only hono.js and hono.cjs name it.
for (const entry of ["edge_jwt.js", "edge_jwt.cjs", "node.cjs", "node.mjs", "workerd.js", "edge-light.js", "deno.js", "bun.js", "browser.js"]) {
  if (/\bhono\b/.test(readFileSync(`${dir}/${entry}`, "utf8"))) fail(`${entry} mentions hono: the main entry must not load it`);
}
EOF

# Sizes: what a runtime downloads (the .wasm) and the JavaScript around it.
size_line() {
  local f=$1 label=$2 raw gz
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  printf '[build-pkg]   %-34s %8d bytes raw  %7d bytes gzip -9\n' "$label" "$raw" "$gz" >&2
}
say "sizes (edge-jwt $npm_version, wasm-opt $WASM_OPT_FLAGS):"
size_line "$work/web/edge_jwt_bg.wasm" "edge_jwt_bg.wasm before wasm-opt"
size_line "$OUT/edge_jwt_bg.wasm" "edge_jwt_bg.wasm (shipped)"
size_line "$OUT/edge_jwt.js" "edge_jwt.js (glue, ESM, minified)"
size_line "$OUT/edge_jwt.cjs" "edge_jwt.cjs (glue, CommonJS)"
say "pkg/ is ready: npm pack ./pkg"
