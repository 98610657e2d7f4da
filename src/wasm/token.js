// The token, from a JavaScript string into wasm memory in one call.
// Used only by the edge-jwt wasm boundary (src/wasm/token.rs).

const encoder = new TextEncoder();

/**
 * Writes `value` as UTF-8 into `buffer` (a view of wasm memory) and returns
 * the number of bytes written: -1 when `value` is not a string, -2 when it
 * does not fit (it is longer than the token length limit). Never throws.
 */
export function writeToken(value, buffer) {
  if (typeof value !== "string") return -1;
  // UTF-16 units never outnumber UTF-8 bytes: a longer string cannot fit.
  if (value.length > buffer.length) return -2;
  const { read, written } = encoder.encodeInto(value, buffer);
  return read === value.length ? written : -2;
}
