// Wasm memory, seen from JavaScript: views that are rebuilt when memory grows
// (growth detaches the old buffer), and writes bounded to the bytes they may
// touch. A view of 2 GiB or more takes nothing from `TextEncoder.encodeInto`
// in Node 20 (it writes 0 bytes and throws nothing), so no write goes
// through a view longer than what it writes, and every write checks that
// all of it was written.

import { bufferOf, uncurry } from "./brand.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
// Each platform method as a function of its receiver, taken now (brand.js, `uncurry`).
const encodeInto = uncurry(TextEncoder.prototype.encodeInto);
const decode = uncurry(TextDecoder.prototype.decode);
const setBytes = uncurry(Object.getPrototypeOf(Uint8Array.prototype).set);
const memoryBuffer = uncurry(Object.getOwnPropertyDescriptor(WebAssembly.Memory.prototype, "buffer").get);
/**
 * Node's and Bun's own Latin-1 decoder and UTF-8 encoder, which take any
 * Uint8Array as their receiver (a view of wasm memory; no Buffer need be
 * made): undefined unless they are the platform's, as a bundler's polyfill of
 * Buffer may have methods of these names written in JavaScript.
 */
const native = (method) =>
  typeof method === "function" && /\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(method))
    ? uncurry(method)
    : undefined;
const NodeBuffer = typeof globalThis.Buffer === "function" ? globalThis.Buffer : undefined;
const latin1Slice = native(NodeBuffer?.prototype.latin1Slice);
const utf8Write = native(NodeBuffer?.prototype.utf8Write);

let memory;
let bytes = new Uint8Array(0);
let floats = new Float64Array(0);

/** Called with the module's `WebAssembly.Memory` (`install`, classes.js), again after a reset. */
export function useMemory(value) {
  memory = value;
  // Views of another instance's memory (before a reset) are not detached: drop them.
  bytes = new Uint8Array(0);
  floats = new Float64Array(0);
}

/**
 * Whether memory grew since `view` of it was made: a view of a detached
 * buffer has no first item (no view of wasm memory is empty). An item, not
 * `length`: reading an item asks no prototype.
 */
function detached(view) {
  return view[0] === undefined;
}

/** A view of all of wasm memory, current: for reading, and for writing single bytes. */
export function wasmBytes() {
  if (detached(bytes)) bytes = new Uint8Array(memoryBuffer(memory));
  return bytes;
}

/** A view of all of wasm memory as f64s (index = address / 8), current. */
export function wasmFloats() {
  if (detached(floats)) floats = new Float64Array(memoryBuffer(memory));
  return floats;
}

/**
 * Writes `text` as UTF-8 into the `capacity` bytes at `ptr` and returns the
 * number of bytes written, or -1 unless all of it was written. The caller
 * checked that `text` has no lone surrogate.
 */
export function writeUtf8(text, ptr, capacity) {
  // The platform's own encoder, where there is room for all of it: no view to make.
  if (utf8Write !== undefined && capacity >= 3 * text.length) return utf8Write(wasmBytes(), text, ptr, capacity);
  const { read, written } = encodeInto(encoder, text, new Uint8Array(memoryBuffer(memory), ptr, capacity));
  return read === text.length ? written : -1;
}

/**
 * The `len` bytes at `ptr`, as a view of wasm memory. (Not `subarray` or
 * `slice`: they make their result with `Uint8Array.prototype.constructor`,
 * which the caller may have replaced.)
 */
export function bytesAt(ptr, len) {
  return new Uint8Array(memoryBuffer(memory), ptr, len);
}

/** Copies the Uint8Array `source` into wasm memory at `ptr`. */
export function copyInto(source, ptr) {
  setBytes(wasmBytes(), source, ptr);
}

/**
 * Copies the first `len` bytes of `source`, a Uint8Array over the whole of its
 * buffer, into wasm memory at `ptr`; returns `len`. Short ones byte by byte (a
 * view to copy from would be an allocation per call).
 */
export function copyPrefix(source, len, ptr) {
  if (len > 256) copyInto(new Uint8Array(bufferOf(source), 0, len), ptr);
  else {
    const memory = wasmBytes();
    for (let i = 0; i < len; i++) memory[ptr + i] = source[i];
  }
  return len;
}

/** Copies the Uint8Array `source` into the Uint8Array `target` at `at`. */
export function copyBytes(target, source, at) {
  setBytes(target, source, at);
}

/**
 * Writes `text` (with no lone surrogate) as UTF-8 into `out`, a Uint8Array over
 * the whole of its buffer, at `at`, where it has `capacity` bytes of room;
 * returns the bytes written.
 */
export function utf8Into(text, out, at, capacity) {
  return encodeInto(encoder, text, new Uint8Array(bufferOf(out), at, capacity)).written;
}

/** The `len` bytes of ASCII at `ptr`, as a string. */
export function asciiFromWasm(ptr, len) {
  // Latin-1 makes a one-byte string with no UTF-8 pass, in about 60% of
  // TextDecoder's time for a token.
  if (latin1Slice !== undefined) return latin1Slice(wasmBytes(), ptr, ptr + len);
  return decode(decoder, bytesAt(ptr, len));
}

/** The UTF-8 text in the `len` bytes at `ptr`, as a string. */
export function textFromWasm(ptr, len) {
  return decode(decoder, bytesAt(ptr, len));
}

/**
 * The JSON number in the `len` bytes at `ptr`, read as `JSON.parse` reads it.
 * The one function the module calls while it runs (src/wasm/mod.rs,
 * `parse_number`): it runs no caller code, and throws nothing (NaN: refused).
 */
export function numberAt(ptr, len) {
  try {
    return Number(asciiFromWasm(ptr, len));
  } catch {
    return NaN;
  }
}
