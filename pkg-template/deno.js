// Deno: a source-phase import gives the compiled WebAssembly.Module, with no read permission needed.
import source wasmModule from "./edge_jwt_bg.wasm";
import * as glue from "./edge_jwt.js";

glue.initSync({ module: wasmModule });

// Local bindings, not re-exports: with "sideEffects": false a bundler may skip a module that only
// re-exports (webpack documents doing so), and with it the initialization above.
export const { issue, verify, decodeUnverified, Key, JwtError, bearerToken, tokenCookie } = glue;
