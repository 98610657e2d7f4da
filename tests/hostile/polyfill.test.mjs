// A global Buffer that is not Node's: a bundler's polyfill, say, whose latin1Slice and utf8Write are
// written in JavaScript (here, ones that throw). The package must not call them, and fall back to
// TextEncoder and TextDecoder. In a process of its own: the package takes Buffer's methods when it loads.
import assert from "node:assert/strict";
import { test } from "node:test";

let calls = 0;
class PolyfillBuffer extends Uint8Array {
  static from(buffer, byteOffset = 0, length = buffer.byteLength - byteOffset) {
    return new PolyfillBuffer(buffer, byteOffset, length);
  }
  latin1Slice() {
    calls++;
    throw new Error("the polyfill's latin1Slice was called");
  }
  utf8Write() {
    calls++;
    throw new Error("the polyfill's utf8Write was called");
  }
}
globalThis.Buffer = PolyfillBuffer;
const { issue, verify, decodeUnverified, Key } = await import("edge-jwt");

test("a Buffer whose latin1Slice and utf8Write are not the platform's: tokens go through TextEncoder", () => {
  const secret = "a-secret-of-at-least-thirty-two-bytes!!";
  for (const with_ of [secret, new Key(secret)]) {
    const token = issue({ sub: "ana", n: 1.5 }, with_, { expiresIn: "1h" });
    assert.equal(verify(token, with_).sub, "ana");
    assert.equal(decodeUnverified(token).payload.n, 1.5);
  }
  assert.equal(calls, 0);
});
