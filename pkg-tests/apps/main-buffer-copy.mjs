// Node (ESM) with a Buffer that copies instead of viewing, as a bundler's polyfill might:
// edge-jwt must notice and decode tokens with TextDecoder (src/wasm/memory.js), or every
// token after the first would be read from a stale copy of wasm memory.
const RealBuffer = globalThis.Buffer;
class CopyingBuffer extends RealBuffer {}
CopyingBuffer.from = (value, ...rest) =>
  value instanceof ArrayBuffer ? RealBuffer.from(new Uint8Array(value).slice()) : RealBuffer.from(value, ...rest);
globalThis.Buffer = CopyingBuffer;

const lib = await import("edge-jwt");
const { conformance } = await import("./conformance.mjs");
console.log(JSON.stringify(conformance(lib)));
