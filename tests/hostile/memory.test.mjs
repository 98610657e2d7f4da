// Wasm memory past 2 GiB, in a process of its own (the memory scans of node.test.mjs would read
// all of it). Node 20's TextEncoder.encodeInto writes nothing into a view of 2 GiB or more, so an
// unbounded view once staged string options as empty strings: verify then accepted a wrong
// subject and issuer. A deployed Worker is capped at 128 MB: this needs Node.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { test } from "node:test";

import * as lib from "edge-jwt";
import { SECRET, stillWorks } from "./cases.mjs";

const { issue, verify, decodeUnverified, Key, JwtError } = lib;
const require = createRequire(import.meta.url);
const glue = require(join(dirname(require.resolve("edge-jwt")), "edge_jwt.cjs"));
const memory = glue.initSync().memory;

test("3. past 2 GiB of wasm memory, string options and secrets are written whole", () => {
  const key = new Key(SECRET);
  const pages = Math.ceil((2 ** 31 + 2 ** 27 - memory.buffer.byteLength) / 65536);
  memory.grow(pages);
  assert.ok(memory.buffer.byteLength > 2 ** 31, "memory is past 2 GiB");
  // A secret and options longer than the input buffer so far: it is lent anew, past 2 GiB maybe.
  const long = "idp-" + "é".repeat(4_000);
  for (const secret of [key, SECRET, new TextEncoder().encode(SECRET)]) {
    const bob = issue({}, secret, { subject: "bob", issuer: "idp", audience: ["a", long], expiresIn: "1h", maxTokenLength: 2 ** 20 });
    const { payload } = decodeUnverified(bob);
    assert.equal(payload.iss, "idp");
    assert.equal(payload.sub, "bob");
    assert.deepEqual(payload.aud, ["a", long]);
    const longest = { maxTokenLength: 2 ** 20 };
    for (const wrong of [{ subject: "alice" }, { issuer: "someone-else" }, { audience: "b" }, { issuer: long }]) {
      assert.throws(() => verify(bob, secret, { ...wrong, ...longest }), (e) => e instanceof JwtError && e.code === "ERR_JWT_CLAIM_VALIDATION_FAILED");
    }
    assert.equal(verify(bob, secret, { subject: "bob", issuer: ["x", "idp"], audience: long, ...longest }).sub, "bob");
  }
  const token = issue({ blob: "y".repeat(10_000) }, SECRET, { expiresIn: "1h" });
  assert.equal(verify(token, SECRET).blob.length, 10_000);
  stillWorks(lib, "past 2 GiB");
});

test("Buffer.from and the length getters replaced after loading are never called, as memory grows", () => {
  const key = new Key(SECRET);
  const token = issue({ sub: "carol" }, key, { expiresIn: "1h" });
  const from = Buffer.from;
  let calls = 0;
  const hostile = function hostile() {
    calls++;
    throw new Error("caller code");
  };
  // What making a view of grown memory could ask: an ArrayBuffer's and a typed array's getters.
  const typedArray = Object.getPrototypeOf(Uint8Array.prototype);
  const getters = [[ArrayBuffer.prototype, "byteLength"], [typedArray, "length"], [typedArray, "buffer"], [typedArray, "byteOffset"]]
    .map(([proto, name]) => [proto, name, Object.getOwnPropertyDescriptor(proto, name)]);
  try {
    Buffer.from = hostile;
    for (const [proto, name] of getters) Object.defineProperty(proto, name, { get: hostile, configurable: true });
    // Growing memory detaches the views edge-jwt keeps, so the next call makes new ones: first while
    // the module reads a fraction (numberAt, during the call), then as the token is written.
    memory.grow(1);
    const fraction = issue({ sub: "erin", nbf: 1_700_000_000.5 }, key, { expiresIn: "1h" });
    memory.grow(1);
    assert.equal(verify(token, key).sub, "carol");
    assert.equal(verify(fraction, key).nbf, 1_700_000_000.5);
    assert.equal(verify(issue({ sub: "dave" }, key, { expiresIn: "1h" }), key).sub, "dave");
  } finally {
    Buffer.from = from;
    for (const [proto, name, original] of getters) Object.defineProperty(proto, name, original);
  }
  assert.equal(calls, 0);
  stillWorks(lib, "after Buffer.from and the getters were replaced");
});

test("a call whose memory cannot grow leaves the instance working, however many there are", () => {
  // Wasm memory capped at 1.5 MiB (a small isolate): lending a 3 MiB input buffer traps in the module
  // (its allocator cannot grow memory). Each trap used to leave the module's stack pointer where it
  // was, 80 bytes lower: after about 13,000 of them every call failed with "memory access out of
  // bounds". A call that throws now marks the instance, and the next call runs in a fresh one.
  const child = `
    import { createRequire } from "node:module";
    import { SECRET, stillWorks } from ${JSON.stringify(new URL("./cases.mjs", import.meta.url).href)};
    const lib = createRequire(import.meta.url)(${JSON.stringify(require.resolve("edge-jwt"))});
    const token = lib.issue({ sub: "a" }, SECRET, { expiresIn: 60, now: 1700000000 });
    const huge = "k".repeat(1000000);
    let trapped = 0;
    for (let i = 0; i < 20000; i++) {
      try { lib.verify(token, huge, { now: 1700000000 }); } catch (e) { if (!(e instanceof lib.JwtError)) trapped++; }
    }
    const claims = lib.verify(token, SECRET, { now: 1700000000 });
    const key = new lib.Key(SECRET);
    const again = lib.verify(lib.issue({ n: 1 }, key, { expiresIn: 60, now: 1700000000 }), SECRET, { now: 1700000000 });
    stillWorks(lib, "after 20,000 calls whose memory could not grow");
    console.log(JSON.stringify({ trapped, sub: claims.sub, n: again.n }));
  `;
  const run = spawnSync(process.execPath, ["--wasm-max-mem-pages=24", "--input-type=module", "-e", child], {
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout);
  assert.equal(result.trapped, 20_000, "memory could not grow: every one of those calls trapped");
  assert.deepEqual({ sub: result.sub, n: result.n }, { sub: "a", n: 1 });
});
