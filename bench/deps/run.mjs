// bench/deps/run.mjs, run by run.sh after the builds: checks that the two sides of each comparison
// give identical outputs on the same input (exits non-zero otherwise), times them, and writes
// RESULTS.md. Timing: each side runs SAMPLE_MS-long samples, the sides interleaved in every round
// (their order alternating), ROUNDS rounds after a warm-up; the figure is the median sample.
// Loops that are inside the wasm (`bench_*` exports) time the Rust code alone; the others time a
// JavaScript call as a user makes it, boundary included.
import assert from "node:assert/strict";
import { createHmac, randomFillSync } from "node:crypto";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const OUT = new URL("./out/", import.meta.url).pathname;
const ROUNDS = Number(process.env.ROUNDS ?? 61);
const SAMPLE_MS = Number(process.env.SAMPLE_MS ?? 10);

const fail = (msg) => {
  console.error(`[bench/deps] CHECK FAILED: ${msg}`);
  process.exit(1);
};
const check = (what, fn) => {
  try {
    fn();
  } catch (e) {
    fail(`${what}: ${e.message}`);
  }
};
const probe = (name) => require(`${OUT}bench/${name}/probe.js`);

// ---- sizes (written by run.sh) ----
const sizes = {};
for (const line of readFileSync(`${OUT}sizes.tsv`, "utf8").trim().split("\n").slice(1)) {
  const [name, build, raw, opt, gz] = line.split("\t");
  if (build === "size") sizes[name] = { raw: +raw, opt: +opt, gz: +gz };
}
const machine = Object.fromEntries(
  readFileSync(`${OUT}machine.tsv`, "utf8").trim().split("\n").map((l) => l.split("\t")),
);

// ---- timing ----
let sink = 0;
function calibrate(run) {
  let n = 1;
  for (;;) {
    const t0 = process.hrtime.bigint();
    run(n);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (ms >= SAMPLE_MS / 4 || n >= 1 << 26) return Math.max(1, Math.round((n * SAMPLE_MS) / Math.max(ms, 0.01)));
    n *= 4;
  }
}
/** cases: { label: run(n) } (run n operations), ours first. Returns { label: { ns (median), lo, hi, ratio } }. */
function time(cases) {
  const labels = Object.keys(cases);
  const iters = {};
  for (const l of labels) {
    for (let w = 0; w < 3; w++) cases[l](1000); // warm-up: tiers up the JIT
    iters[l] = calibrate(cases[l]);
  }
  const samples = Object.fromEntries(labels.map((l) => [l, []]));
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 ? [...labels].reverse() : labels;
    for (const l of order) {
      const t0 = process.hrtime.bigint();
      cases[l](iters[l]);
      samples[l].push(Number(process.hrtime.bigint() - t0) / iters[l]);
    }
  }
  const out = {};
  const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
  for (const l of labels) {
    const s = samples[l];
    // ratio: the median, over rounds, of this case's sample over the first case's sample of the
    // same round (taken next to it), so that a burst of load touches both sides of a ratio.
    out[l] = {
      ns: median(s), lo: Math.min(...s), hi: Math.max(...s),
      ratio: median(s.map((v, r) => v / samples[labels[0]][r])),
    };
  }
  return out;
}
const loop = (fn) => (n) => {
  for (let i = 0; i < n; i++) sink ^= fn() ? 1 : 0;
};

// A deterministic byte source (xorshift), so every run measures the same inputs.
let seed = 0x2545f491;
const rand = () => ((seed ^= seed << 13), (seed ^= seed >>> 17), (seed ^= seed << 5), seed >>> 0);
const bytes = (n) => Uint8Array.from({ length: n }, () => rand() & 255);
const enc = new TextEncoder();
const b64u = (u8) => Buffer.from(u8).toString("base64url");

const results = []; // rows: { n, what, side, size, ns, note }
const notes = {};

// ====================================================================== 1. base64
{
  const ours = probe("b64-ours");
  const crate = probe("b64-crate");
  const segment = bytes(300);
  const text = enc.encode(b64u(segment));
  check("base64: encodings and decodings at lengths 0..300", () => {
    for (let len = 0; len <= 300; len++) {
      const b = bytes(len);
      const want = b64u(b);
      for (const [name, m] of [["ours", ours], ["base64", crate]]) {
        assert.equal(Buffer.from(m.encode(b)).toString(), want, `${name} encode len ${len}`);
        assert.deepEqual(m.decode(enc.encode(want)), b, `${name} decode len ${len}`);
      }
    }
  });
  const invalid = ["Zg==", "Zm8=", "Zm9v=", "Z", "Zm9vY", "Zh", "Zm9", "+/+/", "Zm 9v", "Zm9v\n", "Zm9v.", "Zm\u00e99v", "=", "Zg=", "Zm9vYg=="];
  check("base64: the invalid inputs are refused by both", () => {
    for (const t of invalid) {
      assert.equal(ours.decode(enc.encode(t)), undefined, `ours accepted ${JSON.stringify(t)}`);
      assert.equal(crate.decode(enc.encode(t)), undefined, `base64 accepted ${JSON.stringify(t)}`);
    }
  });
  let mutated = 0;
  check("base64: both agree on 20000 mutated segments", () => {
    const base = b64u(bytes(40));
    for (let i = 0; i < 20000; i++) {
      const t = enc.encode(base);
      const at = rand() % t.length;
      const kind = rand() % 3;
      let m = t;
      if (kind === 0) t[at] = rand() & 255;
      else if (kind === 1) m = Uint8Array.from([...t.slice(0, at), ...t.slice(at + 1)]);
      else m = t.slice(0, at);
      const a = ours.decode(m), b = crate.decode(m);
      assert.deepEqual(a, b, `disagree on ${JSON.stringify(Buffer.from(m).toString("latin1"))}`);
      if (a === undefined) mutated++;
    }
  });
  const dec = time({
    ours: (n) => (sink ^= ours.bench_decode(text, n)),
    base64: (n) => (sink ^= crate.bench_decode(text, n)),
  });
  const encT = time({
    ours: (n) => (sink ^= ours.bench_encode(segment, n)),
    base64: (n) => (sink ^= crate.bench_encode(segment, n)),
  });
  const t = { "decode ours": dec.ours, "decode base64": dec.base64, "encode ours": encT.ours, "encode base64": encT.base64 };
  results.push(
    { n: 1, what: "base64url", side: "ours: core/base64url.rs", size: sizes["b64-ours"], ns: t["decode ours"], ns2: t["encode ours"] },
    { n: 1, what: "base64url", side: "`base64` 0.22 GeneralPurpose (URL_SAFE, RequireNone, no trailing bits)", size: sizes["b64-crate"], ns: t["decode base64"], ns2: t["encode base64"] },
  );
  notes[1] = `Module exporting encode + decode. Speed: decode of a 400-symbol segment (300 bytes) / encode of 300 bytes, into a reused buffer, loop inside the wasm. Identical output at every length 0..300 (both equal to Node's base64url); both refuse ${invalid.length} invalid forms (padding, trailing bits, standard alphabet, whitespace, bad length); both agree on 20000 mutated segments (${mutated} refused by both).`;
}

// ====================================================================== 2. JSON
const claims = {
  iss: "https://auth.example.com",
  sub: "user_8f3a2b91",
  aud: ["api.example.com", "admin.example.com"],
  exp: 1767225600,
  nbf: 1767222000,
  iat: 1767222000,
  jti: "b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
  name: "Ada Lovelace",
  email: "ada@example.com",
  email_verified: true,
  roles: ["admin", "editor"],
  scope: "read:users write:users",
};
const claimsText = JSON.stringify(claims);
{
  const ours = probe("json-ours");
  const serde = probe("json-serde");
  const payload = enc.encode(claimsText);
  const nest = (d) => "{\"a\":".repeat(d - 1) + "{}" + "}".repeat(d - 1);
  const cases = [
    claimsText,
    '{"a":1,"a":2}',
    '{"x":{"a":1,"b":[{"c":1,"c":2}]}}',
    "[1]",
    '{"a":1} x',
    '{"a":1,}',
    nest(32),
    nest(33),
    '{"sub":"caf\\u00e9 \\ud83d\\ude00","iss":"a\\/b\\n"}',
    '{"a":"\\ud800"}',
    '{"exp":"soon","iat":null,"aud":"one"}',
    '{"aud":["a",1]}',
    '{"exp":1.5e9,"nbf":1e-7,"iat":123456789012345678}',
    '{"exp":1e400}',
    '{"exp":01}',
    '{"a":"\u0001"}',
    ' { "a" : [ true , false , null ] } ',
  ];
  const show = (v) => (v === undefined ? "refused" : Buffer.from(v).toString());
  check("json: the scanner and serde_json read the same claims and refuse the same documents", () => {
    for (const c of cases) {
      const b = enc.encode(c);
      assert.equal(show(serde.summary(b)), show(ours.summary(b)), `on ${c.slice(0, 60)}`);
    }
    assert.notEqual(ours.summary(payload), undefined, "the claims payload was refused");
  });
  const t = time({
    ours: (n) => (sink ^= ours.bench_scan(payload, n)),
    serde: (n) => (sink ^= serde.bench_scan(payload, n)),
  });
  results.push(
    { n: 2, what: "strict JSON scan of claims", side: "ours: core/json.rs `scan` (numbers off its fast path read by JS `Number`)", size: sizes["json-ours"], ns: t.ours },
    { n: 2, what: "strict JSON scan of claims", side: "serde_json 1 (no_std, BTreeMap `Map`) + duplicate/depth-checking visitor, then the registered claims read off the map", size: sizes["json-serde"], ns: t.serde },
  );
  notes[2] = `Module exporting one scan(payload) function. Payload: ${payload.length} bytes, ${Object.keys(claims).length} claims. serde_json's \`Map\` keeps the last of two equal names, so the probe's visitor refuses a repeated name at any level and nesting past 32 (edge-jwt's MAX_DEPTH); with that, both give the same registered claims and refuse the same of ${cases.length} documents (duplicates top-level and nested, depth 32/33, lone surrogate, 1e400, leading zero, control character, trailing data, wrong types). Loop inside the wasm.`;
}

// ====================================================================== 3. claims to a JS object
const secret = "a-32-byte-secret-for-hs256-tests";
const now = 1767222100;
const sign = (input) => createHmac("sha256", secret).update(input).digest("base64url");
const signingInput = `${b64u(enc.encode('{"alg":"HS256","typ":"JWT"}'))}.${b64u(enc.encode(claimsText))}`;
const token = `${signingInput}.${sign(signingInput)}`;
let pkg = null; // the package's module, when it built
let pKey = null;
{
  const text = probe("claims-text");
  const swb = probe("claims-swb");
  const tKey = text.key(enc.encode(secret));
  const sKey = swb.key(enc.encode(secret));
  if (existsSync(`${OUT}pkg/edge_jwt.js`)) {
    pkg = await import(pathToFileURL(`${OUT}pkg/edge_jwt.js`));
    pkg.initSync({ module: new WebAssembly.Module(readFileSync(`${OUT}pkg/edge_jwt_bg.wasm`)) });
    if (pkg.__edgeJwtUseReset && pkg.__wbg_reset_state) pkg.__edgeJwtUseReset(pkg.__wbg_reset_state);
  }
  pKey = pkg && new pkg.Key(secret);
  const norm = (o) => JSON.parse(JSON.stringify(o));
  const tampered = token.slice(0, -2) + (token.endsWith("A") ? "BA" : "AA");
  check("claims: the package, text + JSON.parse and serde-wasm-bindgen build the same object", () => {
    const want = claims;
    assert.deepEqual(JSON.parse(text.verify(token, tKey, now)), want, "text + JSON.parse");
    const s = swb.verify(token, sKey, now);
    assert.equal(Object.getPrototypeOf(s), Object.prototype, "serde-wasm-bindgen gave no plain object");
    assert.deepEqual(norm(s), want, "serde-wasm-bindgen");
    assert.deepEqual(Object.keys(s), Object.keys(want), "serde-wasm-bindgen changed the order");
    if (pkg) assert.deepEqual(norm(pkg.verify(token, pKey, { now })), want, "package");
    assert.equal(text.verify(tampered, tKey, now), undefined, "text accepted a bad tag");
    assert.equal(swb.verify(tampered, sKey, now), undefined, "swb accepted a bad tag");
    if (pkg) assert.throws(() => pkg.verify(tampered, pKey, { now }), "the package accepted a bad tag");
  });
  const opts = { now };
  const cases = {};
  if (pkg) cases.pkg = loop(() => pkg.verify(token, pKey, opts));
  cases.text = loop(() => JSON.parse(text.verify(token, tKey, now)));
  cases.swb = loop(() => swb.verify(token, sKey, now));
  const t = time(cases);
  if (pkg) results.push({ n: 3, what: "claims to a JS object (verify)", side: "the package: `verify(token, key, { now })` (tape + claims.js)", size: sizes.package, ns: t.pkg });
  results.push(
    { n: 3, what: "claims to a JS object (verify)", side: "core `verify_json` → text → `JSON.parse` in JS (no_std)", size: sizes["claims-text"], ns: t.text },
    { n: 3, what: "claims to a JS object (verify)", side: "core `verify_json` → serde_json `Value` → serde-wasm-bindgen (std)", size: sizes["claims-swb"], ns: t.swb },
  );
  notes[3] = `Token: ${token.length} characters, the ${Object.keys(claims).length} claims of 2. The two probes include edge-jwt's core (src/core/, by #[path]) and export a key class and verify(token, key, now) only; the package row is the whole shipped module (issue, verify, decodeUnverified, Key, options) built as scripts/build-pkg.sh builds it${pkg ? "" : " (NOT MEASURED: it did not build)"}. serde-wasm-bindgen needs std (and so std's allocator and panic machinery); its \`Serializer::json_compatible()\` gives plain objects. All three give the same object (deepEqual; key order kept) and refuse a bad tag. Timed per JavaScript call, boundary included.`;
}

// ====================================================================== 4. HMAC
{
  // ours first: the ratios are against it.
  const mods = { ours: probe("hmac-key"), serial: probe("hmac-serial"), compress: probe("hmac-compress"), crate: probe("hmac-crate") };
  // key.rs's states are sha2's serialization (little-endian words); the old key.rs wrote big-endian.
  const swapWords = (u8) => Uint8Array.from(u8, (_, i) => u8[(i & ~3) + 3 - (i & 3)]);
  check("hmac: all four give node:crypto's tag for every key and message length tried", () => {
    for (const keyLen of [1, 11, 32, 63, 64, 65, 100, 200]) {
      const key = bytes(keyLen);
      const st = Object.fromEntries(Object.entries(mods).map(([k, m]) => [k, m.states(key)]));
      assert.equal(st.ours.length, 64);
      assert.equal(st.crate.length, 64);
      assert.deepEqual(st.serial, st.ours, "the same key.rs, so the same states");
      assert.deepEqual(swapWords(st.compress), st.ours, "the same two SHA-256 states as the old key.rs");
      for (let len = 0; len <= 300; len += len < 130 ? 1 : 17) {
        const msg = bytes(len);
        const want = createHmac("sha256", key).update(msg).digest();
        for (const [k, m] of Object.entries(mods)) {
          assert.deepEqual(Buffer.from(m.tag(st[k], msg)), want, `${k}: key ${keyLen}, message ${len}`);
        }
      }
    }
  });
  const msg = enc.encode(signingInput.slice(0, 200));
  const key = enc.encode(secret);
  const st = Object.fromEntries(Object.entries(mods).map(([k, m]) => [k, m.states(key)]));
  const t = time(Object.fromEntries(Object.entries(mods).map(([k, m]) => [k, (n) => (sink ^= m.bench_tag(st[k], msg, n))])));
  results.push(
    { n: 4, what: "HMAC-SHA256 tag from a kept key", side: "ours: src/core/key.rs (`sha2` 0.11 `Sha256VarCore` + `SerializableState`, sha2's zeroize on), from 2 states", size: sizes["hmac-key"], ns: t.ours },
    { n: 4, what: "HMAC-SHA256 tag from a kept key", side: "the same key.rs with sha2 built without its zeroize feature (reference)", size: sizes["hmac-serial"], ns: t.serial },
    { n: 4, what: "HMAC-SHA256 tag from a kept key", side: "key.rs until 50fb8e4: hand-written padding over `sha2::block_api::compress256`, from 2 states", size: sizes["hmac-compress"], ns: t.compress },
    { n: 4, what: "HMAC-SHA256 tag from a kept key", side: "`hmac` 0.13 `Hmac<Sha256>::new_from_slice` per tag (from the 64-byte key block)", size: sizes["hmac-crate"], ns: t.crate },
  );
  notes[4] = `Module exporting states(secret) and tag(states, message); every tag starts from the 64 bytes kept per key, as the package's verify does with a key JavaScript holds. Message: ${msg.length} bytes (a JWS signing input). Loop inside the wasm. Ours is src/core/key.rs itself, with src/core/error.rs, included by #[path] (probe hmac-key: \`Key::new_allowing_short\` + \`to_states\`, then \`from_states\` + \`tag\`), sha2 built with its zeroize feature as Cargo.toml builds it. The reference row (hmac-serial) is the same source with sha2 without that feature: the difference is what sha2's wipes of its cores and buffer cost (key.rs's own wipes of its stack buffers and inner digest stay in both). hmac-compress is the hand-written padding over compress256 that key.rs had until 50fb8e4 (copied from key.rs at 4c38fce; sha2 without zeroize, as the crate built it then). The \`hmac\` crate cannot export its state, so its 64 bytes are the padded key block and each tag re-runs the two key-block compressions (sha2 without zeroize). All four equal node:crypto's HMAC for keys of 1 to 200 bytes and messages of 0 to 300 bytes; the three resumable forms keep the same two SHA-256 states (sha2's serialization writes the words little-endian, the old key.rs big-endian).`;
}

// ====================================================================== 5. js-sys
{
  const jssys = probe("opts-jssys");
  const plain = probe("opts-js");
  // As input.js reads options: in JavaScript, type checks there, then numbers and UTF-8 to Rust.
  const readOptions = (o) => {
    if (typeof o !== "object" || o === null) return 6;
    const { leeway, maxTokenLength, issuer, subject, now } = o;
    if (leeway !== undefined && typeof leeway !== "number") return 1;
    if (maxTokenLength !== undefined && typeof maxTokenLength !== "number") return 2;
    if (issuer !== undefined && typeof issuer !== "string") return 3;
    if (subject !== undefined && typeof subject !== "string") return 4;
    if (now !== undefined && typeof now !== "number") return 5;
    return plain.read_plain(leeway, maxTokenLength, issuer, subject, now);
  };
  const options = { leeway: 30, maxTokenLength: 8192, issuer: "https://auth.example.com", subject: "user_8f3a2b91", now };
  const inputs = [
    options, {}, { leeway: "30" }, { leeway: 1.5 }, { maxTokenLength: 0 }, { issuer: 5 }, { issuer: "" },
    { subject: null }, { now: -1 }, { now: NaN }, { now: "1" }, { leeway: -1, issuer: 5 }, 5, null, "x",
    { now: 1767222100.5, issuer: "ü" },
  ];
  check("options: js-sys and JavaScript reading give the same result on every input", () => {
    for (const o of inputs) assert.equal(jssys.read(o), readOptions(o), `on ${JSON.stringify(o)}`);
    assert.ok(jssys.read(options) >= 16, "the options were refused");
  });
  const t = time({ js: loop(() => readOptions(options)), jssys: loop(() => jssys.read(options)) });
  results.push(
    { n: 5, what: "reading 5 verify options", side: "ours: read in JavaScript, numbers and UTF-8 to Rust", size: sizes["opts-js"], ns: t.js },
    { n: 5, what: "reading 5 verify options", side: "`js-sys` `Reflect::get` + type checks in Rust", size: sizes["opts-jssys"], ns: t.jssys },
  );
  notes[5] = `Options { leeway, maxTokenLength, issuer, subject, now }, type-checked, range-checked (the same Rust after reading, bench/deps/common/opts.rs) and digested; the same result on ${inputs.length} inputs (wrong types, ranges, absent, non-objects). Timed per JavaScript call, boundary included.`;
}

// ====================================================================== 6. web-time
{
  const wt = probe("time-webtime");
  const js = probe("time-js");
  const realNow = Date.now;
  check("clock: web-time and Date.now give the same reading", () => {
    const frozen = 1767222100123;
    Date.now = () => frozen;
    try {
      assert.equal(wt.now_secs(), frozen / 1000);
      assert.equal(js.use_now(Date.now() / 1000), frozen / 1000);
    } finally {
      Date.now = realNow;
    }
  });
  // Before 1970.
  let before;
  Date.now = () => -86_400_000; // 1969-12-31
  try {
    const v = wt.now_secs();
    before = `returned ${v}`;
  } catch (e) {
    before = `threw ${e.constructor.name}: ${e.message}`;
  } finally {
    Date.now = realNow;
  }
  let after;
  try {
    after = `the next call returned ${wt.now_secs() > 1.7e9 ? "the time (the instance still answers)" : "a wrong value"}`;
  } catch (e) {
    after = `the next call threw ${e.constructor.name}: ${e.message}`;
  }
  const jsBefore = js.use_now(-86_400);
  let pkgBefore = "";
  if (pkg) {
    Date.now = () => -86_400_000;
    try {
      pkg.verify(token, pKey);
      pkgBefore = "; the package's verify with its default clock returned claims";
    } catch (e) {
      pkgBefore = `; the package's verify with its default clock (Date.now()) threw ${e.constructor.name} ${e.code ?? ""}: "${e.message}"`;
    } finally {
      Date.now = realNow;
    }
  }
  const t = time({ js: loop(() => js.use_now(Date.now() / 1000)), wt: loop(() => wt.now_secs()) });
  results.push(
    { n: 6, what: "reading the clock", side: "ours: `Date.now() / 1000` in JS, passed in (no_std)", size: sizes["time-js"], ns: t.js },
    { n: 6, what: "reading the clock", side: "the same, linked with std (what std alone adds)", size: sizes["time-js-std"], ns: null },
    { n: 6, what: "reading the clock", side: "`web-time` 1.1 `SystemTime::now()` (needs std)", size: sizes["time-webtime"], ns: t.wt },
  );
  notes[6] = `A clock before 1970 (Date.now() = -86400000): web-time's \`SystemTime::now()\` ${before} (web-time 1.1 converts the milliseconds with \`try_into().expect("found negative timestamp")\`: a panic, which with panic = "abort" is a wasm trap); ${after}. The JS path hands the negative reading to Rust, whose check refuses it (use_now gave ${jsBefore})${pkgBefore}. Timed per JavaScript call.`;
}

// ====================================================================== RESULTS.md
const fmtSize = (s) => (s ? `${s.gz}` : "not built");
const fmtNs = (t) => (t ? `${t.ns.toFixed(t.ns < 100 ? 1 : 0)}` : "—");
const fmtRange = (t) => (t ? ` (${t.lo.toFixed(0)}–${t.hi.toFixed(0)})` : "");
const lines = [];
lines.push("# Dependency alternatives, measured");
lines.push("");
lines.push("Written by `bash bench/deps/run.sh` (see its header for what it builds); do not edit by hand.");
lines.push(`Each comparison's first row is what edge-jwt does; Δ and × are against it.`);
lines.push("");
lines.push(`- date: ${machine.date}; repository at ${machine.commit}`);
lines.push(`- machine: ${machine.cpu}, ${machine.cores} cores, ${machine.os}; load average (1, 5, 15 min) when the timing began: ${machine.load}`);
lines.push(`- ${machine.rustc}; wasm32-unknown-unknown, release profile of Cargo.toml (opt-level 3, lto, codegen-units 1, panic abort), rustflags${machine.rustflags}`);
lines.push(`- wasm-bindgen ${machine["wasm-bindgen"]}; wasm-opt ${machine["wasm-opt"]}; size = \`gzip -9\` of the optimised .wasm (bytes; the JavaScript glue is not counted)`);
lines.push(`- speed: median ns per operation of ${ROUNDS} interleaved samples of about ${SAMPLE_MS} ms each (min–max in parentheses), Node ${process.version}; × time is the median over rounds of the variant's sample divided by edge-jwt's sample of the same round (taken next to it), not the ratio of the medians`);
lines.push("");
lines.push("| # | compared | variant | .wasm gzip (B) | Δ size (B) | ns/op | × time |");
lines.push("|---|---|---|---:|---:|---:|---:|");
const first = {};
for (const r of results) {
  const base = (first[r.n] ??= r);
  const dSize = r === base || !r.size || !base.size ? "" : `${r.size.gz - base.size.gz >= 0 ? "+" : ""}${r.size.gz - base.size.gz}`;
  let ns = fmtNs(r.ns) + fmtRange(r.ns);
  let ratio = r === base || !r.ns || !base.ns ? "" : `${r.ns.ratio.toFixed(2)}`;
  if (r.ns2) {
    ns = `decode ${fmtNs(r.ns)}${fmtRange(r.ns)}; encode ${fmtNs(r.ns2)}${fmtRange(r.ns2)}`;
    if (r !== base) ratio = `${r.ns.ratio.toFixed(2)}; ${r.ns2.ratio.toFixed(2)}`;
  }
  lines.push(`| ${r.n} | ${r.what} | ${r.side} | ${fmtSize(r.size)} | ${dSize} | ${ns} | ${ratio} |`);
}
lines.push(`| 7 | the boundary | \`wasm-bindgen\` =0.2.130: used (exports, start function, glue, reset); no alternative measured | | | | |`);
lines.push("");
lines.push("## What each row does");
lines.push("");
for (const n of Object.keys(notes)) lines.push(`${n}. ${notes[n]}`, "");
lines.push("7. wasm-bindgen is the boundary of the package and of every probe here; it is not compared.");
lines.push("");
lines.push("All probes except claims-swb, time-webtime and time-js-std are built as the package's module is: no std, talc as the allocator, a trap as the panic handler (bench/deps/rt). Every module carries wasm-bindgen's own exports (allocation, the externref table), a few hundred bytes that both sides of a comparison share; the sizes are of a module exporting the operation, not of its share in the package.");
lines.push("");
lines.push("Raw sizes (bytes: before wasm-opt / after / gzip -9):");
lines.push("");
for (const [name, s] of Object.entries(sizes)) lines.push(`- ${name}: ${s.raw} / ${s.opt} / ${s.gz}`);
lines.push("");
writeFileSync(new URL("./RESULTS.md", import.meta.url), lines.join("\n"));
console.log(lines.join("\n"));
if (sink === 0.5) console.log(sink);
