// Browsers, bundled (Vite, esbuild, webpack, Rollup) or not (`<script type="module">`), and any other
// runtime without a more specific entry: fetch the .wasm next to this file and instantiate it with
// top-level await, so importers get a ready library and never call an init function.
// Bundlers that understand `new URL(..., import.meta.url)` (Vite, webpack 5, Rollup, Parcel) copy the
// .wasm into the build; with esbuild, copy edge_jwt_bg.wasm next to the bundle.
import init, * as glue from "./edge_jwt.js";

await init({ module_or_path: new URL("./edge_jwt_bg.wasm", import.meta.url) });

// Local bindings, not re-exports: with "sideEffects": false a bundler may skip a module that only
// re-exports (webpack documents doing so), and with it the initialization above.
export const { issue, verify, decodeUnverified, Key, JwtError } = glue;
