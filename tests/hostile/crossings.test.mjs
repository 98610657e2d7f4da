// Crossings of the boundary, counted (issue #18, "one call into wasm per operation"): the package is
// loaded with `WebAssembly.Instance` wrapped, so that every call into one of the module's exports and
// every call out of the module into one of its imports is logged. Then:
// - issue, verify (with a Key, a string secret, and failing), decodeUnverified and new Key each make
//   exactly one call into the module, once its input buffer is large enough (`__edgeJwtInput` lends
//   it, and is called again only when an input outgrows it);
// - while an export runs, the module calls no JavaScript, but for the exact number parser
//   (`numberAt`), once per number off the integer fast path.
// A change that adds a crossing (a callback into JavaScript, a second export per call) fails here.
import assert from "node:assert/strict";
import { test } from "node:test";

const log = [];
/** How many exports are running (an import called while it is above 0 runs inside an export). */
let running = 0;

const RealInstance = WebAssembly.Instance;
WebAssembly.Instance = function Instance(module, imports) {
  const wrappedImports = {};
  for (const [from, members] of Object.entries(imports)) {
    wrappedImports[from] = {};
    for (const [name, member] of Object.entries(members)) {
      wrappedImports[from][name] = typeof member !== "function" ? member : function (...args) {
        log.push({ into: "js", name, inExport: running > 0 });
        return member.apply(this, args);
      };
    }
  }
  const instance = new RealInstance(module, wrappedImports);
  const exports = {};
  for (const [name, member] of Object.entries(instance.exports)) {
    exports[name] = typeof member !== "function" ? member : (...args) => {
      log.push({ into: "wasm", name });
      running++;
      try {
        return member(...args);
      } finally {
        running--;
      }
    };
  }
  return { exports };
};

const { Key, decodeUnverified, issue, verify } = await import("edge-jwt");

const SECRET = "a-secret-of-at-least-thirty-two-bytes!!";
const NOW = 1_700_000_000;
const key = new Key(SECRET);
const token = issue({ sub: "someone", role: "dev" }, key, { expiresIn: 3600, now: NOW });

/** The crossings `run` makes, after one call to warm the input buffer for it. */
function crossings(run) {
  try {
    run();
  } catch {}
  log.length = 0;
  let threw = false;
  try {
    run();
  } catch {
    threw = true;
  }
  const intoWasm = log.filter((c) => c.into === "wasm").map((c) => c.name);
  const inExport = log.filter((c) => c.into === "js" && c.inExport).map((c) => c.name);
  return { intoWasm, inExport, threw };
}

test("each operation is one call into the module, and the module calls no JavaScript", () => {
  const operations = {
    "issue with a Key": () => issue({ sub: "someone", n: [1, { a: "b" }] }, key, { expiresIn: "1h", now: NOW }),
    "issue with a string secret": () => issue({ sub: "someone" }, SECRET, { now: () => NOW, audience: ["a", "b"] }),
    "issue, claims refused": () => issue({ sub: undefined }, key),
    "issue, option refused in the module": () => issue({}, key, { expiresIn: 1e12 }),
    "verify with a Key": () => verify(token, key, { now: NOW }),
    "verify with a string secret": () => verify(token, SECRET, { now: NOW, requiredClaims: ["sub"] }),
    "verify, expired": () => verify(token, key, { now: NOW + 7200 }),
    "verify, wrong issuer": () => verify(token, key, { now: NOW, issuer: "someone-else" }),
    "verify, not a token": () => verify("a.b.c", key),
    decodeUnverified: () => decodeUnverified(token),
    "new Key": () => new Key(SECRET),
    "new Key, too short": () => new Key("short"),
  };
  const failing = new Set(["issue, claims refused", "issue, option refused in the module", "verify, expired",
    "verify, wrong issuer", "verify, not a token", "new Key, too short"]);
  for (const [name, run] of Object.entries(operations)) {
    const { intoWasm, inExport, threw } = crossings(run);
    assert.equal(threw, failing.has(name), `${name}: ${threw ? "threw" : "returned"}`);
    // The claims refused in JavaScript still go through the module: the options and the secret are
    // reported before them, in the documented order.
    assert.equal(intoWasm.length, 1, `${name}: calls into the module: ${intoWasm.join(", ")}`);
    assert.match(intoWasm[0], /^__edgeJwt(Issue|Verify|Decode|KeySetup)$/, name);
    assert.deepEqual(inExport, [], `${name}: the module called JavaScript: ${inExport.join(", ")}`);
  }
});

test("an input larger than any before asks for room first: one more call, before the operation", () => {
  const big = { sub: "someone", pad: "x".repeat(200_000) };
  log.length = 0;
  issue(big, key, { now: NOW, maxTokenLength: 1 << 20 });
  const intoWasm = log.filter((c) => c.into === "wasm").map((c) => c.name);
  assert.deepEqual(intoWasm, ["__edgeJwtInput", "__edgeJwtIssue"]);
  assert.deepEqual(log.filter((c) => c.into === "js" && c.inExport), []);
  // The same size again: the buffer is kept.
  const { intoWasm: again } = crossings(() => issue(big, key, { now: NOW, maxTokenLength: 1 << 20 }));
  assert.deepEqual(again, ["__edgeJwtIssue"]);
});

test("the exact number parser is the one call out of the module: once per number off the fast path", () => {
  const withNumbers = (claims) => issue(claims, key, { now: NOW, issuedAt: false });
  for (const [claims, rare] of [
    [{ exp: NOW + 60 }, 0],
    [{ exp: NOW + 60, n: 1234567890123 }, 0],
    [{ exp: NOW + 60.5 }, 1],
    [{ exp: NOW + 60.5, nbf: NOW - 0.25 }, 2],
    [{ exp: NOW + 60, score: 0.5, big: 1e21, list: [1.5, 2.5] }, 4],
  ]) {
    const signed = withNumbers(claims);
    const { intoWasm, inExport } = crossings(() => verify(signed, key, { now: NOW }));
    assert.deepEqual(intoWasm, ["__edgeJwtVerify"], JSON.stringify(claims));
    assert.equal(inExport.length, rare, `${JSON.stringify(claims)}: ${inExport.join(", ")}`);
    // Every one of them is the same import: the parser.
    assert.ok(inExport.every((name) => name === inExport[0]), inExport.join(", "));
  }
});
