// Vercel Edge Functions and Next.js's edge runtime: wasm code generation from bytes is disabled in
// production, so the .wasm comes precompiled through the `?module` import that Next.js and Vercel provide.
import wasmModule from "./edge_jwt_bg.wasm?module";
import * as glue from "./edge_jwt.js";

// Next.js's local sandbox (`next dev`, `next start`) compiles `?module` imports outside the edge realm,
// where `instanceof WebAssembly.Module` is false; initSync would then try to compile it as bytes.
if (!(wasmModule instanceof WebAssembly.Module)) Object.setPrototypeOf(wasmModule, WebAssembly.Module.prototype);
glue.initSync({ module: wasmModule });

// Local bindings, not re-exports: with "sideEffects": false a bundler may skip a module that only
// re-exports (webpack documents doing so), and with it the initialization above.
export const { issue, verify, decodeUnverified, Key, JwtError, bearerToken, tokenCookie } = glue;
