// A global Buffer that is not Node's: a bundler's polyfill, say, whose Buffer views memory but has
// neither latin1Slice nor utf8Write. The package must fall back to TextEncoder and TextDecoder.
// In a process of its own: the package takes Buffer's methods when it loads.
import assert from "node:assert/strict";
import { test } from "node:test";

class PolyfillBuffer extends Uint8Array {
  static from(buffer, byteOffset = 0, length = buffer.byteLength - byteOffset) {
    return new PolyfillBuffer(buffer, byteOffset, length);
  }
}
globalThis.Buffer = PolyfillBuffer;
const { issue, verify, decodeUnverified, Key } = await import("edge-jwt");

test("a Buffer without latin1Slice or utf8Write: tokens are written and read through TextEncoder", () => {
  const secret = "a-secret-of-at-least-thirty-two-bytes!!";
  for (const with_ of [secret, new Key(secret)]) {
    const token = issue({ sub: "ana", n: 1.5 }, with_, { expiresIn: "1h" });
    assert.equal(verify(token, with_).sub, "ana");
    assert.equal(decodeUnverified(token).payload.n, 1.5);
  }
});
