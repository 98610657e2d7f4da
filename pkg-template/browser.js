// Browsers, bundled (Vite, esbuild, webpack, Rollup) or not (`<script type="module">`), and any other
// runtime without a more specific entry: fetch the .wasm next to this file and instantiate it with
// top-level await, so importers get a ready library and never call an init function.
// Bundlers that understand `new URL(..., import.meta.url)` (Vite, webpack 5, Rollup, Parcel) copy the
// .wasm into the build; with esbuild, copy edge_jwt_bg.wasm next to the bundle.
import * as glue from "./edge_jwt.js";

glue.initSync({ module: await compile(new URL("./edge_jwt_bg.wasm", import.meta.url)) });

// Local bindings, not re-exports: with "sideEffects": false a bundler may skip a module that only
// re-exports (webpack documents doing so), and with it the initialization above.
export const { issue, verify, decodeUnverified, Key, JwtError, bearerToken, tokenCookie } = glue;

/**
 * The .wasm at `url`, compiled as it streams in when the server sends it as `application/wasm`, else
 * from its bytes. (The glue's own async loader does the same; the entries that load synchronously
 * would carry it for nothing, so the package's glue leaves it out.)
 */
async function compile(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`edge-jwt: fetching ${url} failed with HTTP ${response.status}`);
  if (response.headers.get("Content-Type") === "application/wasm" && WebAssembly.compileStreaming) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}
