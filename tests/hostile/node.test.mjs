// The hostile-caller cases (cases.mjs) in Node, against the package, and the attacks that need
// Node: wasm memory past 2 GiB (a deployed Worker is capped at 128 MB), and a scan of all of wasm
// memory for key material, which needs the module's memory object.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { test } from "node:test";

import * as lib from "edge-jwt";
import { SECRET, cases, spelledIn, stillWorks } from "./cases.mjs";

const { issue, verify, decodeUnverified, Key, JwtError } = lib;
const require = createRequire(import.meta.url);
// The glue the package's Node entries share (node.mjs re-exports node.cjs): initSync returns the
// current instance's exports, its memory among them. Asked each time: a call cut short (as the
// cases above make) is followed by a fresh instance, with a memory of its own.
const glue = require(join(dirname(require.resolve("edge-jwt")), "edge_jwt.cjs"));
const memoryNow = () => glue.initSync().memory;

const spelled = spelledIn(readFileSync(join(dirname(require.resolve("edge-jwt")), "edge_jwt.cjs"), "utf8"));

for (const [name, run] of Object.entries(cases)) test(name, () => run(lib, spelled));

/** A token signed here, with node:crypto: a payload `issue` would never write. */
function forge(payload, header = '{"alg":"HS256","typ":"JWT"}') {
  const input = `${Buffer.from(header).toString("base64url")}.${Buffer.from(payload).toString("base64url")}`;
  return `${input}.${createHmac("sha256", SECRET).update(input).digest("base64url")}`;
}

test("low: payloads that JSON cannot round-trip say which rule refused them", () => {
  for (const [payload, says] of [
    ['{"n":1e400}', "a number too large for a double"],
    [`{"n":${"9".repeat(310)}}`, "a number too large for a double"],
    ['{"s":"\\ud800"}', "an escaped lone surrogate"],
  ]) {
    assert.throws(() => verify(forge(payload), SECRET), (e) => {
      assert.ok(e instanceof JwtError);
      assert.equal(e.code, "ERR_JWT_INVALID");
      assert.match(e.message, new RegExp(says));
      return true;
    });
  }
});

// SHA-256's compression function (FIPS 180-4), to compute HMAC's two midstates here: the state
// after the key block XOR ipad, and after the key block XOR opad. Whoever holds them can sign.
const K = Uint32Array.from(
  "428a2f98 71374491 b5c0fbcf e9b5dba5 3956c25b 59f111f1 923f82a4 ab1c5ed5 d807aa98 12835b01 243185be 550c7dc3 72be5d74 80deb1fe 9bdc06a7 c19bf174 e49b69c1 efbe4786 0fc19dc6 240ca1cc 2de92c6f 4a7484aa 5cb0a9dc 76f988da 983e5152 a831c66d b00327c8 bf597fc7 c6e00bf3 d5a79147 06ca6351 14292967 27b70a85 2e1b2138 4d2c6dfc 53380d13 650a7354 766a0abb 81c2c92e 92722c85 a2bfe8a1 a81a664b c24b8b70 c76c51a3 d192e819 d6990624 f40e3585 106aa070 19a4c116 1e376c08 2748774c 34b0bcb5 391c0cb3 4ed8aa4a 5b9cca4f 682e6ff3 748f82ee 78a5636f 84c87814 8cc70208 90befffa a4506ceb bef9a3f7 c67178f2"
    .split(" ").map((h) => parseInt(h, 16)),
);
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const rotr = (x, n) => (x >>> n) | (x << (32 - n));

function compress(block) {
  const w = new Uint32Array(64);
  for (let i = 0; i < 16; i++) w[i] = block.readUInt32BE(4 * i);
  for (let i = 16; i < 64; i++) {
    const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
    const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  let [a, b, c, d, e, f, g, h] = IV;
  for (let i = 0; i < 64; i++) {
    const t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
    const t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    [h, g, f, e, d, c, b, a] = [g, f, e, (d + t1) >>> 0, c, b, a, (t1 + t2) >>> 0];
  }
  return [a, b, c, d, e, f, g, h].map((x, i) => (x + IV[i]) >>> 0);
}

/** The two midstates of an HS256 key of at most 64 bytes, as they can lie in memory. */
function midstates(secret) {
  const forms = [];
  for (const pad of [0x36, 0x5c]) {
    const block = Buffer.alloc(64);
    Buffer.from(secret).copy(block);
    for (let i = 0; i < 64; i++) block[i] ^= pad;
    const words = compress(block);
    const be = Buffer.alloc(32);
    const le = Buffer.alloc(32);
    words.forEach((word, i) => {
      be.writeUInt32BE(word, 4 * i);
      le.writeUInt32LE(word, 4 * i);
    });
    // Whole, and any half of it: a partial copy is key material too.
    for (const form of [be, le]) forms.push(form, form.subarray(0, 16), form.subarray(16));
  }
  return forms;
}

test("the midstate helper computes HMAC's key schedule (checked against node:crypto's HMAC)", () => {
  // HMAC(k, m) = H(k^opad || H(k^ipad || m)): finish from the midstates by hand for an empty message.
  const [inner, , , , , , outer] = midstates(SECRET);
  const finish = (state, message) => {
    const block = Buffer.alloc(64);
    message.copy(block);
    block[message.length] = 0x80;
    block.writeUInt32BE((64 + message.length) * 8, 60);
    const words = compressFrom(state, block);
    const out = Buffer.alloc(32);
    words.forEach((word, i) => out.writeUInt32BE(word, 4 * i));
    return out;
  };
  const compressFrom = (state, block) => {
    const iv = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => state.readUInt32BE(4 * i));
    const saved = IV.slice();
    IV.splice(0, 8, ...iv);
    try {
      return compress(block);
    } finally {
      IV.splice(0, 8, ...saved);
    }
  };
  const mac = finish(outer, finish(inner, Buffer.alloc(0)));
  assert.equal(mac.toString("hex"), createHmac("sha256", SECRET).update("").digest("hex"));
});

test("5. no copy of a key's state or of the secret stays in wasm memory after any call", () => {
  const secret = "another-secret-that-is-32-bytes-long!";
  const needles = [...midstates(secret), Buffer.from(secret)];
  const scan = (after) => {
    const all = Buffer.from(memoryNow().buffer);
    for (const needle of needles) {
      assert.equal(all.indexOf(needle), -1, `after ${after}: ${needle.length} bytes of key material at ${all.indexOf(needle)}`);
    }
  };
  scan("nothing");
  const key = new Key(secret);
  scan("new Key");
  new Key(secret).free();
  scan("new Key, then free()");
  const bytes = new TextEncoder().encode(secret);
  for (const [name, with_] of [["a Key", key], ["a string", secret], ["a Uint8Array", bytes]]) {
    const token = issue({ sub: "a", list: [1.5, "x"] }, with_, { expiresIn: "1h", audience: "aud" });
    scan(`issue with ${name}`);
    verify(token, with_, { audience: "aud" });
    scan(`verify with ${name}`);
    assert.throws(() => verify(token, with_, { audience: "other" }));
    scan(`a failed verify with ${name}`);
    assert.throws(() => verify(token.slice(0, -2) + "AA", with_));
    scan(`a bad signature with ${name}`);
    assert.throws(() => issue({ f() {} }, with_));
    scan(`refused claims with ${name}`);
  }
  const probe = () => {
    try {
      probe();
    } catch {}
    try {
      issue({ a: 1 }, secret);
    } catch {}
  };
  probe();
  scan("calls cut short by a stack overflow");
  key.free();
});

test("5. every call leaves the stack it used below its export's frame zeroed", () => {
  // Rust's wasm stack is the first MiB of memory, growing down from its end. Painted before each
  // call: after it, a byte that is neither paint nor zero was written by the call and not wiped.
  // Only the export's own frames (about 140 bytes from the top) may keep what they wrote.
  const TOP = 2 ** 20;
  const PAINTED = 16 * 1024;
  const FRAMES = 256;
  const secret = "a-third-secret-of-at-least-32-bytes!";
  const key = new Key(secret);
  const bytes = new TextEncoder().encode(secret);
  const token = issue({ sub: "a", n: 1.5, list: [1, { b: "é" }] }, key, { expiresIn: "1h", audience: "aud" });
  const calls = {
    "new Key": () => new Key(secret),
    "new Key, a 100-byte secret": () => new Key("k".repeat(100)),
    decodeUnverified: () => decodeUnverified(token),
  };
  for (const [name, with_] of [["a Key", key], ["a string", secret], ["a Uint8Array", bytes]]) {
    calls[`issue with ${name}`] = () => issue({ sub: "a", n: 1.5 }, with_, { expiresIn: "1h" });
    calls[`verify with ${name}`] = () => verify(token, with_, { audience: "aud" });
    calls[`a failed verify with ${name}`] = () => verify(token, with_, { audience: "other" });
    calls[`a bad signature with ${name}`] = () => verify(token.slice(0, -2) + "AA", with_);
    calls[`refused claims with ${name}`] = () => issue({ iat: "x" }, with_);
  }
  for (const [name, call] of Object.entries(calls)) {
    new Uint8Array(memoryNow().buffer).fill(0xa5, TOP - PAINTED, TOP);
    try {
      call();
    } catch (e) {
      assert.ok(e instanceof JwtError, `${name}: ${e}`);
    }
    const stack = new Uint8Array(memoryNow().buffer, TOP - PAINTED, PAINTED);
    const used = stack.findIndex((b) => b !== 0xa5);
    assert.ok(used > 0, `${name}: the call wrote nothing where its stack should be`);
    const left = stack.subarray(used, PAINTED - FRAMES).findIndex((b) => b !== 0 && b !== 0xa5);
    assert.equal(left, -1, `${name}: ${PAINTED - used - left} bytes below the stack's top, a byte was not wiped`);
  }
});

test("6. a huge issue does not grow wasm memory", () => {
  issue({ warm: 1 }, SECRET);
  const before = memoryNow().buffer.byteLength;
  for (let i = 0; i < 5; i++) {
    assert.throws(() => issue({ blob: "x".repeat(10_000_000) }, SECRET), (e) => e.code === "ERR_JWT_TOO_LONG");
  }
  assert.equal(memoryNow().buffer.byteLength, before);
});
