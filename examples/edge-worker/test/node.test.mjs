// The worker's own modules in Node (WebCrypto and edge-jwt's Node entry): password hashing, the
// hash-password script, and the per-isolate Key cache.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { Key } from "edge-jwt";
import {
  constantTimeEqual,
  hashPassword,
  parseStoredHash,
  PBKDF2_ITERATIONS,
  verifyPassword,
} from "../src/password.mjs";
import { edgeJwtTokens } from "../src/tokens.mjs";
import { findUser, publicUser } from "../src/users.mjs";
import { EXAMPLE_DIR, randomSecret } from "./harness.mjs";

test("PBKDF2 runs 100,000 iterations (the Workers cap) by default", async () => {
  assert.equal(PBKDF2_ITERATIONS, 100_000);
  await assert.rejects(() => hashPassword("pw", 100_001), RangeError);
});

test("hashPassword -> verifyPassword round trip, with a fresh salt each time", async () => {
  const a = await hashPassword("correct horse");
  const b = await hashPassword("correct horse");
  assert.notEqual(a, b);
  assert.match(a, /^pbkdf2-sha256\$100000\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  assert.equal(await verifyPassword("correct horse", a), true);
  assert.equal(await verifyPassword("correct horsf", a), false);
  assert.equal(await verifyPassword("", a), false);
});

test("the demo users' stored hashes verify their tutorial passwords", async () => {
  assert.equal(await verifyPassword("secret", findUser("johndoe").hashed_password), true);
  assert.equal(await verifyPassword("secret2", findUser("alice").hashed_password), true);
  assert.equal(await verifyPassword("secret2", findUser("johndoe").hashed_password), false);
});

test("unknown users and broken records never match, but still cost one derivation", async () => {
  for (const stored of [undefined, null, "", "plain", "pbkdf2-sha256$0$AAAA$AAAA", "pbkdf2-sha256$100001$AAAAAAAAAAA$" + "A".repeat(43)]) {
    assert.equal(parseStoredHash(stored), null, String(stored));
    assert.equal(await verifyPassword("secret", stored), false);
  }
  const start = performance.now();
  await verifyPassword("secret", undefined);
  const unknown = performance.now() - start;
  // 100,000 HMAC-SHA256 rounds take milliseconds, not microseconds.
  assert.ok(unknown > 2, `unknown user took ${unknown.toFixed(2)} ms`);
});

test("constantTimeEqual", () => {
  assert.equal(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3])), true);
  assert.equal(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4])), false);
  assert.equal(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2])), false);
  assert.equal(constantTimeEqual(new Uint8Array(0), new Uint8Array(0)), true);
});

test("users: own properties only; the public view has no password hash", () => {
  assert.equal(findUser("toString"), undefined);
  assert.equal(findUser("__proto__"), undefined);
  assert.deepEqual(Object.keys(publicUser(findUser("johndoe"))).sort(), ["disabled", "email", "full_name", "username"]);
});

test("scripts/hash-password.mjs prints an entry whose hash verifies", async () => {
  const child = promisify(execFile)(process.execPath, [join(EXAMPLE_DIR, "scripts", "hash-password.mjs"), "carol"]);
  child.child.stdin.end("hunter2 hunter2\n");
  const { stdout } = await child;
  assert.match(stdout, /"carol": \{/);
  const stored = /hashed_password: "([^"]+)"/.exec(stdout)[1];
  assert.equal(await verifyPassword("hunter2 hunter2", stored), true);
});

test("scripts/hash-password.mjs refuses a missing username and an empty password", async () => {
  const run = (args, input) => {
    const child = promisify(execFile)(process.execPath, [join(EXAMPLE_DIR, "scripts", "hash-password.mjs"), ...args]);
    child.child.stdin.end(input);
    return child;
  };
  await assert.rejects(run([], "pw"), (err) => err.code === 2);
  await assert.rejects(run(["bad name"], "pw"), (err) => err.code === 2);
  await assert.rejects(run(["dave"], "\n"), (err) => err.code === 1);
});

test("one Key per secret: cached across calls, rebuilt when the secret changes", () => {
  const secret = randomSecret();
  const first = edgeJwtTokens.key(secret);
  assert.ok(first instanceof Key);
  assert.equal(edgeJwtTokens.key(secret), first);
  const token = edgeJwtTokens.issue(first, "johndoe", 60);
  assert.equal(edgeJwtTokens.verify(first, token).sub, "johndoe");
  const other = edgeJwtTokens.key(randomSecret());
  assert.notEqual(other, first);
  // The old Key was freed when the secret changed; going back builds a new one.
  const again = edgeJwtTokens.key(secret);
  assert.notEqual(again, first);
  assert.equal(edgeJwtTokens.verify(again, token).sub, "johndoe");
});
