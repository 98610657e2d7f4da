// The JavaScript half of the boundary, tested from JavaScript: the claims writer (src/wasm/claims.js,
// claimsText) unit by unit, and the tape reader through the package. Property tests on generated
// documents (a seeded generator: a failure names its seed and document):
// - the writer's text equals JSON.stringify wherever JSON.stringify is accepted;
// - verify's claims, built by the tape reader, deep-equal JSON.parse of the payload, with the same
//   own properties and prototypes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runInNewContext } from "node:vm";

import { Key, decodeUnverified, issue, verify } from "edge-jwt";
import { claimsText } from "../../src/wasm/claims.js";
import { REGISTERED, TEXT_CLAIMS_REFUSED, TEXT_TOO_LONG } from "../../src/wasm/protocol.js";

const decoder = new TextDecoder();
const write = (claims, maxBytes = 1 << 20) => claimsText(claims, 32, 1 << 19, maxBytes);
/** The text a walk wrote: the first `length` bytes of its buffer. */
const textOf = ({ text, length }) => decoder.decode(text.subarray(0, length));
const SECRET = "a-secret-of-at-least-thirty-two-bytes!!";

/** A small seeded generator (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ["a", "sub", "exp", "iat", "aud", "__proto__", "constructor", "toString", "hasOwnProperty", "0", "1",
  "é", "日本", "😀", "a\"b", "back\\slash", "tab\t", "nul\u0000", "long-name-of-more-than-sixteen-bytes", ""];
const STRINGS = ["", "x", "é", "€", "😀", "\u2028\u2029", "\"quoted\"", "\\", "\b\f\n\r\t", "\u0001\u001f\u007f",
  "plain ascii text", "a".repeat(70), "mixed é and 😀 and \u0000"];

/** A JSON value, `depth` levels deep at most. */
function value(next, depth) {
  const r = next();
  if (depth <= 0 || r < 0.55) {
    const k = Math.floor(next() * 9);
    switch (k) {
      case 0: return null;
      case 1: return next() < 0.5;
      case 2: return Math.floor(next() * 2 ** 31) - 2 ** 30;
      case 3: return (next() - 0.5) * 10 ** Math.floor(next() * 40 - 20);
      case 4: return [0, -0, 1e21, 1e-7, 2 ** 53, 2 ** 53 + 2, 1.7976931348623157e308, 5e-324, 0.1][Math.floor(next() * 9)];
      case 5: return 1700000000 + Math.floor(next() * 1e6);
      default: return STRINGS[Math.floor(next() * STRINGS.length)] + (next() < 0.3 ? String(Math.floor(next() * 100)) : "");
    }
  }
  if (r < 0.75) return Array.from({ length: Math.floor(next() * 5) }, () => value(next, depth - 1));
  return object(next, depth - 1);
}

function object(next, depth) {
  const out = {};
  const n = Math.floor(next() * 6);
  for (let i = 0; i < n; i++) {
    const name = NAMES[Math.floor(next() * NAMES.length)] + (next() < 0.2 ? String(i) : "");
    // As JSON.parse makes it: an own data property, "__proto__" included.
    Object.defineProperty(out, name, { value: value(next, depth), writable: true, enumerable: true, configurable: true });
  }
  return out;
}

/** The claims a generated document may be issued as: no registered claim of the wrong type. */
function claimsOf(next) {
  const claims = object(next, 4);
  for (const name of REGISTERED) delete claims[name];
  return claims;
}

test("the writer's text is JSON.stringify's, on 3,000 generated documents", () => {
  for (let seed = 1; seed <= 3000; seed++) {
    const claims = object(random(seed), 5);
    const written = write(claims);
    assert.equal(written.refused, undefined, `seed ${seed}`);
    assert.equal(textOf(written), JSON.stringify(claims), `seed ${seed}`);
  }
});

test("the writer notes where each registered claim's value starts", () => {
  const claims = { a: [1], exp: 1700000000, nested: { sub: "not a claim" }, aud: ["x", "y"], sub: "s" };
  const written = write(claims);
  const { registered } = written;
  const json = textOf(written);
  for (const [i, name] of REGISTERED.entries()) {
    const at = registered[i];
    if (!Object.hasOwn(claims, name)) {
      assert.equal(at, 0, name);
      continue;
    }
    // The byte offset, plus one, of the value after `"name":`.
    const prefix = `"${name}":`;
    assert.equal(json.slice(0, at - 1).endsWith(prefix), true, name);
    assert.equal(json.slice(at - 1, at - 1 + JSON.stringify(claims[name]).length), JSON.stringify(claims[name]), name);
  }
});

test("the writer refuses what JSON.stringify would drop or change, and stops at maxBytes", () => {
  for (const claims of [
    { f() {} }, { u: undefined }, { n: NaN }, { i: -Infinity }, { b: 1n }, { s: Symbol("s") }, { d: new Date() },
    { m: new Map() }, { lone: "\ud800" }, { [Symbol("k")]: 1 }, { deep: JSON.parse("[".repeat(40) + "]".repeat(40)) },
  ]) {
    const { text, refused } = write(claims);
    assert.equal(text, TEXT_CLAIMS_REFUSED, Object.keys(claims)[0] ?? "symbol");
    assert.equal(refused.code, "ERR_INVALID_CLAIMS");
  }
  assert.equal(write({ s: "x".repeat(100) }, 64).text, TEXT_TOO_LONG);
});

test("the writer refuses an object or array that JSON.stringify would replace by its toJSON", () => {
  const hidden = { role: "user" };
  Object.defineProperty(hidden, "toJSON", { value: () => ({ role: "redacted" }) });
  class Redacted extends Array {
    toJSON() {
      return "[redacted]";
    }
  }
  const list = ["card-4111-1111"];
  list.toJSON = () => ["****"];
  const parent = Object.create(null);
  parent.toJSON = () => "hidden";
  const cases = [
    [hidden, undefined],
    [{ toJSON: () => ({}) }, undefined],
    [{ secrets: Redacted.from(["card-4111-1111"]) }, "secrets"],
    [{ list }, "list"],
    [{ obj: Object.assign(Object.create(parent), { pin: 1234 }) }, "obj"],
    [{ deep: [{ a: [hidden] }] }, "deep"],
  ];
  for (const [claims, claim] of cases) {
    const { text, refused } = write(claims);
    assert.equal(text, TEXT_CLAIMS_REFUSED, JSON.stringify(claims));
    assert.equal(refused.code, "ERR_INVALID_CLAIMS");
    assert.equal(refused.claim, claim);
    assert.match(refused.message, /toJSON/);
  }
  // Through the package: refused, and nothing signed.
  assert.throws(() => issue({ list }, SECRET), { code: "ERR_INVALID_CLAIMS", claim: "list" });
  // Plain objects and arrays, including another realm's and null-prototype ones, are written.
  const plain = { a: Object.create(null), b: [1, { c: 2 }] };
  plain.a.x = 1;
  assert.equal(textOf(write(plain)), JSON.stringify(plain));
  const foreign = runInNewContext("({ a: [1, { b: 2 }], c: Object.create(null) })");
  assert.equal(textOf(write(foreign)), JSON.stringify(foreign));
  const foreignToJson = runInNewContext("({ a: { toJSON() { return 1; } } })");
  assert.equal(write(foreignToJson).refused.claim, "a");
  assert.equal(textOf(write({ s: "x".repeat(40) }, 64)), JSON.stringify({ s: "x".repeat(40) }));
});

test("verify's claims deep-equal JSON.parse of the payload, on 1,500 generated documents", () => {
  const key = new Key(SECRET);
  for (let seed = 1; seed <= 1500; seed++) {
    const claims = claimsOf(random(seed));
    const token = issue(claims, key, { issuedAt: false, maxTokenLength: 1 << 20 });
    const want = decodeUnverified(token).payload; // JSON.parse of the payload
    const got = verify(token, key, { maxTokenLength: 1 << 20, allowMissingExp: true });
    assert.deepStrictEqual(got, want, `seed ${seed}`);
    assert.deepStrictEqual(got, JSON.parse(JSON.stringify(claims)), `seed ${seed}`);
  }
  key.free();
});

test("the tape reader's objects are JSON.parse's: own members, __proto__ as data, plain prototypes", () => {
  const payload = '{"__proto__":{"polluted":true},"constructor":1,"toString":"s","0":[null],"list":[{"a":1}]}';
  const token = issue(JSON.parse(payload), SECRET, { issuedAt: false });
  const got = verify(token, SECRET, { allowMissingExp: true });
  assert.deepStrictEqual(got, JSON.parse(payload));
  assert.equal(Object.getPrototypeOf(got), Object.prototype);
  assert.equal(Object.hasOwn(got, "__proto__"), true);
  assert.equal({}.polluted, undefined);
  assert.equal(Array.isArray(got.list) && Object.getPrototypeOf(got.list), Array.prototype);
});
