// Bun: importing a .wasm file gives its path (embedded by `bun build --compile`); read it and compile.
import wasmPath from "./edge_jwt_bg.wasm";
import { readFileSync } from "node:fs";
import * as glue from "./edge_jwt.js";

glue.initSync({ module: new WebAssembly.Module(readFileSync(wasmPath)) });

// Local bindings, not re-exports: with "sideEffects": false a bundler may skip a module that only
// re-exports (webpack documents doing so), and with it the initialization above.
export const { issue, verify, decodeUnverified, Key, JwtError, bearerToken, tokenCookie } = glue;
