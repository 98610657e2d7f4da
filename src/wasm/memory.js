// Wasm memory, seen from JavaScript: the views the other snippets read and write
// through, and the token's way in. Used only by the edge-jwt wasm boundary
// (src/wasm/memory.rs, src/wasm/token.rs).
//
// Rust passes pointers, not slices: a slice parameter makes the generated glue
// build a new Uint8Array view on every call, and a verify passes two of them.
// These views are built once and again only when memory grows (which detaches
// the old buffer: see `detached`).

const encoder = new TextEncoder();
const decoder = new TextDecoder();

let memory;
let bytes = new Uint8Array(0);
let floats = new Float64Array(0);
let room = new Uint8Array(0);

/**
 * A value waiting to be taken (`takeKept`) right after the call that kept it
 * returns: by Rust, from a snippet (the JwtError of refused claims, the UTF-8
 * of a long claims text), or by `issue`, `verify` and `new Key` in classes.js, from their
 * wasm ways in (the result or the JwtError). Both sides return numbers and
 * keep the values instead, which would cost a trip through the externref
 * table.
 */
let kept;

/** Keeps `value` for `takeKept`. */
export function keep(value) {
  kept = value;
}

/** The value kept last, once. */
export function takeKept() {
  const value = kept;
  kept = undefined;
  return value;
}

/** The length of the Uint8Array kept last. */
export function keptLength() {
  return kept.length;
}

/** Copies the Uint8Array kept last to `ptr` in wasm memory, and lets it go. */
export function takeKeptBytes(ptr) {
  wasmBytes().set(takeKept(), ptr);
}

/**
 * Whether memory grew since `view` of it was made: growth detaches the old
 * buffer, and a view of a detached buffer reads length 0 (no view of wasm
 * memory or of the walk's own buffer is empty). `length`, not `byteLength`:
 * V8 reads it in half the time.
 */
export function detached(view) {
  return view.length === 0;
}

/** Called once, with the module's `WebAssembly.Memory`, before any pointer is passed. */
export function useMemory(value) {
  memory = value;
}

/** A view of all of wasm memory, current. */
export function wasmBytes() {
  if (detached(bytes)) bytes = new Uint8Array(memory.buffer);
  return bytes;
}

/** A view of all of wasm memory as f64s (index = address / 8), current. */
export function wasmFloats() {
  if (detached(floats)) floats = new Float64Array(memory.buffer);
  return floats;
}

/** The `capacity` bytes at `ptr`: the scratch buffer, almost always the same view. */
function roomAt(ptr, capacity) {
  if (detached(room) || room.byteOffset !== ptr || room.length !== capacity) {
    room = new Uint8Array(memory.buffer, ptr, capacity);
  }
  return room;
}

// Node and Bun: a Buffer decodes Latin-1 into a one-byte string with no UTF-8
// pass, in about 60% of TextDecoder's time for a token. Elsewhere, TextDecoder;
// and also where a Buffer (a bundler's polyfill, say) copies memory instead of
// viewing it.
let NodeBuffer = typeof globalThis.Buffer === "function" ? globalThis.Buffer : undefined;
let latin1 = undefined;

/** Keeps (`keep`) the `len` bytes of ASCII at `ptr`, a token `issue` wrote, as a string. */
export function keepAscii(ptr, len) {
  keep(asciiFromWasm(ptr, len));
}

/** The JSON number in the `len` bytes at `ptr`, read as `JSON.parse` reads it. */
export function numberAt(ptr, len) {
  return Number(asciiFromWasm(ptr, len));
}

/** The `len` bytes of ASCII at `ptr`, as a string. */
export function asciiFromWasm(ptr, len) {
  if (NodeBuffer !== undefined && (latin1 === undefined || detached(latin1))) {
    latin1 = NodeBuffer.from(memory.buffer);
    if (latin1.buffer !== memory.buffer) NodeBuffer = undefined;
  }
  if (NodeBuffer === undefined) return decoder.decode(wasmBytes().subarray(ptr, ptr + len));
  return latin1.toString("latin1", ptr, ptr + len);
}

/**
 * Writes `text` as UTF-8 into the `capacity` bytes of wasm memory at `ptr` and
 * returns the number of bytes written, or -1 when it does not fit. A string
 * with lone surrogates is written with U+FFFD for them.
 */
function writeText(text, ptr, capacity) {
  // UTF-16 units never outnumber UTF-8 bytes: a longer string cannot fit.
  if (text.length > capacity) return -1;
  const { read, written } = encoder.encodeInto(text, roomAt(ptr, capacity));
  return read === text.length ? written : -1;
}

/**
 * Writes `text` as UTF-8 at `ptr` in wasm memory, where the caller has room
 * for three bytes per UTF-16 unit, and returns the number of bytes written.
 */
export function utf8Into(text, ptr) {
  return encoder.encodeInto(text, wasmBytes().subarray(ptr)).written;
}

/**
 * Writes the token `value` as UTF-8 into the `capacity` bytes of wasm memory at
 * `ptr` and returns the number of bytes written: -1 when `value` is not a
 * string, -2 when it is longer than `limit` bytes. Never throws.
 */
export function writeToken(value, ptr, capacity, limit) {
  if (typeof value !== "string") return -1;
  if (value.length > limit) return -2;
  const written = writeText(value, ptr, capacity);
  return written < 0 || written > limit ? -2 : written;
}
